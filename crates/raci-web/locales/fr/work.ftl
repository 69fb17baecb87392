work-title = Mon travail
work-kicker = Ce qui vous attend
work-heading = Mon travail
work-summary = { $count ->
    [0] Rien ne vous attend.
    [one] Une obligation vous attend.
   *[other] { $n } obligations vous attendent.
}
work-overdue = { $count ->
    [one] une en retard
   *[other] { $n } en retard
}
work-waiting = Les obligations qui vous attendent
work-empty = Rien ne vous attend pour l’instant : aucune obligation à faire, à approuver ni à répondre.
work-boards = Abonnements
work-no-boards = Votre organisation n’a pas encore d’abonnement.
work-board-duties = { $count ->
    [one] une obligation
   *[other] { $n } obligations
}
work-notice-pending = avis de changement
