# Les courriels de raci.
mail-greeting = Bonjour { $name },
mail-signature = — raci, le service des responsabilités partagées
mail-footer = Vous recevez ce courriel parce que vous avez choisi d’être prévenu de vos obligations par courriel. Pour recevoir un récapitulatif par jour, ou aucun courriel, modifiez vos préférences dans raci.
mail-footer-digest = Voici votre récapitulatif quotidien : un courriel par jour pour ce qui vous a concerné la veille. Pour recevoir chaque message à son arrivée, ou aucun courriel, modifiez vos préférences dans raci.
mail-open-raci = Ouvrir raci
mail-action-link = { $action } : { $link }

mail-assigned-subject = Vous êtes responsable de { $count ->
    [one] une obligation
   *[other] { $n } obligations
} de { $service }
mail-assigned-lead = Vous êtes désormais le responsable R — celui qui réalise — de { $count ->
    [one] une obligation
   *[other] { $n } obligations
} de { $service }. « Mon travail » les liste, les retards en premier.
mail-assigned-action = Voir mon travail

mail-routed-subject = Nouvelle obligation pour vous : { $text }
mail-routed-lead = Un incident ou une demande de changement sur { $service } vous a été attribué : vous êtes le responsable R de l’obligation qu’il a ouverte.
mail-routed-action = Ouvrir l’obligation

mail-reopened-subject = À refaire : { $text }
mail-reopened-lead = Cette obligation récurrente de { $service } a rouvert pour un nouveau cycle, et vous en êtes le responsable R.
mail-reopened-action = Ouvrir l’obligation

mail-consultation-subject = Votre avis est demandé : { $text }
mail-consultation-lead = Vous êtes consulté (C) sur cette obligation de { $service } avant sa clôture : donnez votre accord, ou objectez en disant pourquoi.
mail-consultation-action = Répondre

mail-signoff-subject = Approbation demandée : { $text }
mail-signoff-lead = Cette obligation de { $service } attend votre approbation en tant que responsable A : approuvez-la, ou renvoyez-la avec une raison.
mail-signoff-action = Approuver

mail-done-subject = Terminé : { $text }
mail-done-lead = Cette obligation de { $service } est terminée. Vous êtes prévenu parce que vous en êtes informé (I).
mail-done-action = Voir l’obligation

mail-objection-subject = Objection : { $text }
mail-objection-lead = Un consulté a objecté sur cette obligation de { $service } : elle vous revient, à vous son responsable R.
mail-objection-action = Ouvrir l’obligation

mail-sent-back-subject = Renvoyé : { $text }
mail-sent-back-lead = Le responsable A vous a renvoyé cette obligation de { $service } avec une raison.
mail-sent-back-action = Ouvrir l’obligation

mail-not-applicable-subject = Sans objet : { $text }
mail-not-applicable-lead = Cette obligation de { $service } a été déclarée sans objet : elle n’attend plus personne.
mail-not-applicable-action = Voir l’obligation

mail-change-notice-subject = Édition { $edition } de { $service } : { $count ->
    [one] une obligation change
   *[other] { $n } obligations changent
}
mail-change-notice-lead = Le fournisseur a publié l’édition { $edition } de { $service }. Voyez quelles obligations passent à votre organisation ou la quittent, puis acceptez l’avis.
mail-change-notice-action = Examiner l’avis

mail-reminder-subject = À faire pour le { $due } : { $text }
mail-reminder-lead = Cette obligation de { $service } est due le { $due }, et vous en êtes le responsable R.
mail-reminder-action = Ouvrir l’obligation

mail-overdue-subject = En retard depuis le { $due } : { $text }
mail-overdue-lead = Cette obligation de { $service } était due le { $due } et n’est pas terminée. Vous êtes prévenu en tant que responsable A.
mail-overdue-action = Ouvrir l’obligation

mail-other-subject = Du nouveau pour vous dans raci
mail-other-lead = Quelque chose dans raci vous concerne.
mail-other-action = Voir mon travail

mail-digest-subject = { $count ->
    [one] Un message
   *[other] { $n } messages
} pour vous dans raci, { $date }
mail-digest-lead = Ce qui vous a concerné jusqu’au { $date } :
