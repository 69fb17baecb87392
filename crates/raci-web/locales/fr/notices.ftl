notice-title = Avis de changement
notice-kicker = Avis de changement
notice-heading = Édition { $from } → édition { $to }
notice-status = Statut
notice-status-pending = En attente d’acceptation
notice-status-accepted = Accepté
notice-status-superseded = Remplacé par un avis plus récent
notice-accepted-at = Accepté le
notice-summary = { $count ->
    [0] Aucune obligation ne change.
    [one] Une obligation change
   *[other] { $n } obligations changent
}
notice-summary-onto = { $count ->
    [0] aucune ne reporte de travail sur le client.
    [one] une reporte du travail sur le client.
   *[other] { $n } reportent du travail sur le client.
}
notice-no-entry = La nouvelle édition ne change aucune obligation.
notice-for-customer = Pour le client
notice-letters = Lettres, avant → après
notice-becomes = devient
notice-kind-changed = lettres modifiées
notice-kind-added = nouvelle activité
notice-kind-removed = activité supprimée
notice-direction-onto_customer = vers le client
notice-direction-off_customer = hors du client
notice-direction-changed = modifiée
notice-accept = Accepter la nouvelle édition
notice-accept-hint = Les obligations passent alors à la nouvelle édition : celles qui changent gardent leur historique, celles supprimées sont retirées, les nouvelles s’ouvrent.
flash-notice-accepted = La nouvelle édition est acceptée ; les obligations la suivent.
work-notice-open = Lire l’avis de changement
notice-summary-both = { $entries } ; { $onto }
