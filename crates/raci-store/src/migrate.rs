//! The schema of each backend, embedded in the binary.

/// One migration: its version and its SQL (several statements).
pub(crate) type Migration = (i64, &'static str);

pub(crate) const SQLITE: &[Migration] = &[
    (1, include_str!("../migrations/sqlite/0001_core.sql")),
    (2, include_str!("../migrations/sqlite/0002_workflow.sql")),
    (3, include_str!("../migrations/sqlite/0003_changes.sql")),
    (4, include_str!("../migrations/sqlite/0004_notify.sql")),
    (5, include_str!("../migrations/sqlite/0005_accounts.sql")),
    (6, include_str!("../migrations/sqlite/0006_tenancy.sql")),
];

pub(crate) const POSTGRES: &[Migration] = &[
    (1, include_str!("../migrations/postgres/0001_core.sql")),
    (2, include_str!("../migrations/postgres/0002_workflow.sql")),
    (3, include_str!("../migrations/postgres/0003_changes.sql")),
    (4, include_str!("../migrations/postgres/0004_notify.sql")),
    (5, include_str!("../migrations/postgres/0005_accounts.sql")),
    (6, include_str!("../migrations/postgres/0006_tenancy.sql")),
];
