nav-catalog = Catalog
catalog-title = Catalog
catalog-kicker = Services and their responsibility matrices
catalog-heading = Catalog
catalog-empty = No service is published yet.
catalog-service = Service
catalog-editions-head = Editions
catalog-editions = { $count ->
    [0] no edition yet
    [one] one edition
   *[other] { $n } editions
}
catalog-no-edition = No edition is published yet.
catalog-matrix = Matrix
catalog-published = Published
catalog-language = Language
catalog-activities-head = Activities
catalog-activities = { $count ->
    [one] one activity
   *[other] { $n } activities
}
catalog-other-editions = Other editions:
matrix-activity = Activity
matrix-findings = Lint findings
matrix-no-findings = none
matrix-line = line
matrix-line-title = line in the source
matrix-no-section = (no section)
matrix-legend = Legend
matrix-document-findings = Findings about the whole matrix
matrix-count-error = { $count ->
    [one] one error
   *[other] { $n } errors
}
matrix-count-warning = { $count ->
    [one] one warning
   *[other] { $n } warnings
}
matrix-count-info = { $count ->
    [one] one note
   *[other] { $n } notes
}
severity-error = error
severity-warning = warning
severity-info = note
catalog-parties = Parties
