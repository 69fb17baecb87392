nav-audit = Journal d’audit
audit-title = Journal d’audit
audit-kicker = Chaque changement, chaque entrée chaînée à la précédente
audit-heading = Journal d’audit
audit-verify = Vérifier la chaîne
audit-filter = Filtrer le journal
audit-actor = Qui
audit-action = Action
audit-duty = Obligation
audit-when = Quand
audit-what = Quoi
audit-subject = Objet
audit-empty = Aucune entrée ne correspond.
audit-next = Entrées suivantes
audit-verify-title = Vérification de la chaîne
audit-verify-heading = La chaîne d’audit est-elle intacte ?
audit-verify-ok = La chaîne tient : chaque entrée porte l’empreinte de la précédente.
audit-verify-broken = La chaîne est rompue.
audit-entries-head = Entrées
audit-entries = { $count ->
    [one] { $n } entrée
   *[other] { $n } entrées
}
audit-head = Dernière entrée
audit-broken-at = Premier maillon rompu : entrée { $seq }.
audit-imported = Chaînes apportées par des imports
audit-imported-chain = Organisation { $org } de l’instance d’origine
