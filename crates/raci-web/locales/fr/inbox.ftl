nav-inbox = Notifications
inbox-title = Notifications
inbox-kicker = Ce que le service vous a dit
inbox-heading = Notifications
inbox-unread = { $count ->
    [0] Rien de non lu.
    [one] Une notification non lue.
   *[other] { $n } notifications non lues.
}
inbox-all = Toutes
inbox-unread-only = Non lues
inbox-empty = Aucune notification.
inbox-mark-read = Marquer comme lue
inbox-read = lue
flash-read = Marquée comme lue.
inbox-kind-duty-signoff = À approuver
inbox-kind-duty-consultation = À répondre
inbox-kind-duty-done = Terminée
inbox-kind-duty-not-applicable = Sans objet
inbox-kind-duty-objection = Objection
inbox-kind-duty-reopen = Rouverte
inbox-kind-duty-sent-back = Renvoyée
inbox-kind-change-notice = Avis de changement
inbox-kind-event-routed = Événement
