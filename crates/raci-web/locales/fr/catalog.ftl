nav-catalog = Catalogue
catalog-title = Catalogue
catalog-kicker = Les services et leurs matrices de responsabilités
catalog-heading = Catalogue
catalog-empty = Aucun service n’est encore publié.
catalog-service = Service
catalog-editions-head = Éditions
catalog-editions = { $count ->
    [0] pas encore d’édition
    [one] { $n } édition
   *[other] { $n } éditions
}
catalog-no-edition = Aucune édition n’est encore publiée.
catalog-matrix = Matrice
catalog-published = Publiée le
catalog-language = Langue
catalog-activities-head = Activités
catalog-activities = { $count ->
    [one] { $n } activité
   *[other] { $n } activités
}
catalog-other-editions = Autres éditions :
matrix-activity = Activité
matrix-findings = Constats du linter
matrix-no-findings = aucun
matrix-line = ligne
matrix-line-title = ligne dans la source
matrix-no-section = (sans section)
matrix-legend = Légende
matrix-document-findings = Constats sur l’ensemble de la matrice
matrix-count-error = { $count ->
    [one] { $n } erreur
   *[other] { $n } erreurs
}
matrix-count-warning = { $count ->
    [one] { $n } avertissement
   *[other] { $n } avertissements
}
matrix-count-info = { $count ->
    [one] { $n } remarque
   *[other] { $n } remarques
}
severity-error = erreur
severity-warning = avertissement
severity-info = remarque
catalog-parties = Parties
