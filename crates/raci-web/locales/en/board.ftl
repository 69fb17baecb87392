board-title = Board
board-kicker = Subscription board
board-provider = Provider
board-customer = Customer
board-edition = Edition
board-total = Duties
board-notice-pending = A new edition changes this matrix: a change notice waits for the customer's acceptance.
board-by-state = Duties by state
board-filter = Filter the duties
board-mine = Mine
board-team = My team
board-party = Party
board-any = any
board-letter = Letter
board-state = State
board-phase = Phase
board-words = Words
board-apply = Apply
board-reset = Clear the filter
board-views = View
board-list = List
board-kanban = Kanban
board-none = No duty matches the filter.
board-col-duty = Duty
board-col-roles = Letters
board-col-state = State
board-col-due = Due
board-duties = { $count ->
    [one] one duty
   *[other] { $n } duties
}
board-overdue = { $count ->
    [one] one overdue
   *[other] { $n } overdue
}
board-shown = { $shown } of { $total } duties shown
