nav-inbox = Inbox
inbox-title = Inbox
inbox-kicker = What the service told you
inbox-heading = Inbox
inbox-unread = { $count ->
    [0] Nothing unread.
    [one] One unread notification.
   *[other] { $n } unread notifications.
}
inbox-all = All
inbox-unread-only = Unread
inbox-empty = No notification.
inbox-mark-read = Mark read
inbox-read = read
flash-read = Marked read.
inbox-kind-duty-signoff = To sign off
inbox-kind-duty-consultation = To answer
inbox-kind-duty-done = Done
inbox-kind-duty-not-applicable = Not applicable
inbox-kind-duty-objection = Objection
inbox-kind-duty-reopen = Reopened
inbox-kind-duty-sent-back = Sent back
inbox-kind-change-notice = Change notice
inbox-kind-event-routed = Event
