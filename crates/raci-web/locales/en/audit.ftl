nav-audit = Audit log
audit-title = Audit log
audit-kicker = Every change, each entry chained to the one before
audit-heading = Audit log
audit-verify = Verify the chain
audit-filter = Filter the log
audit-actor = Who
audit-action = Action
audit-duty = Duty
audit-when = When
audit-what = What
audit-subject = About
audit-empty = No entry matches.
audit-next = Next entries
audit-verify-title = Chain verification
audit-verify-heading = Is the audit chain whole?
audit-verify-ok = The chain holds: every entry carries the hash of the one before.
audit-verify-broken = The chain is broken.
audit-entries-head = Entries
audit-entries = { $count ->
    [one] one entry
   *[other] { $n } entries
}
audit-head = Last entry
audit-broken-at = First broken link: entry { $seq }.
audit-imported = Chains brought by imports
audit-imported-chain = Organization { $org } of the instance it came from
