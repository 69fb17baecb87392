notice-title = Change notice
notice-kicker = Change notice
notice-heading = Edition { $from } → edition { $to }
notice-status = Status
notice-status-pending = Waiting for acceptance
notice-status-accepted = Accepted
notice-status-superseded = Superseded by a newer notice
notice-accepted-at = Accepted
notice-summary = { $count ->
    [0] No duty changes.
    [one] One duty changes
   *[other] { $n } duties change
}
notice-summary-onto = { $count ->
    [0] none moves work onto the customer.
    [one] one moves work onto the customer.
   *[other] { $n } move work onto the customer.
}
notice-no-entry = The new edition changes no duty.
notice-for-customer = For the customer
notice-letters = Letters, before → after
notice-becomes = becomes
notice-kind-changed = letters change
notice-kind-added = new activity
notice-kind-removed = activity removed
notice-direction-onto_customer = onto the customer
notice-direction-off_customer = off the customer
notice-direction-changed = changed
notice-accept = Accept the new edition
notice-accept-hint = The duties then move to the new edition: changed ones keep their history, removed ones are retired, new ones open.
flash-notice-accepted = The new edition is accepted; the duties follow it.
work-notice-open = Read the change notice
notice-summary-both = { $entries }; { $onto }
