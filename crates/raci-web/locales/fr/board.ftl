board-title = Tableau
board-kicker = Tableau de l’abonnement
board-provider = Fournisseur
board-customer = Client
board-edition = Édition
board-total = Obligations
board-notice-pending = Une nouvelle édition modifie cette matrice : un avis de changement attend l’acceptation du client.
board-by-state = Obligations par état
board-filter = Filtrer les obligations
board-mine = Les miennes
board-team = Mon équipe
board-party = Partie
board-any = toutes
board-letter = Lettre
board-state = État
board-phase = Phase
board-words = Mots
board-apply = Appliquer
board-reset = Effacer le filtre
board-views = Vue
board-list = Liste
board-kanban = Kanban
board-none = Aucune obligation ne correspond au filtre.
board-col-duty = Obligation
board-col-roles = Lettres
board-col-state = État
board-col-due = Échéance
board-duties = { $count ->
    [one] { $n } obligation
   *[other] { $n } obligations
}
board-overdue = { $count ->
    [one] { $n } en retard
   *[other] { $n } en retard
}
board-shown = { $shown } sur { $total } obligations affichées
