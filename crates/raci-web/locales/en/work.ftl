work-title = My work
work-kicker = What waits on you
work-heading = My work
work-summary = { $count ->
    [0] Nothing waits on you.
    [one] One duty waits on you.
   *[other] { $n } duties wait on you.
}
work-overdue = { $count ->
    [one] one overdue
   *[other] { $n } overdue
}
work-waiting = Duties waiting on you
work-empty = Nothing waits on you now: no duty to do, to sign off or to answer.
work-boards = Subscriptions
work-no-boards = Your organization has no subscription yet.
work-board-duties = { $count ->
    [one] one duty
   *[other] { $n } duties
}
work-notice-pending = change notice
