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
    (7, include_str!("../migrations/sqlite/0007_mail.sql")),
];

pub(crate) const POSTGRES: &[Migration] = &[
    (1, include_str!("../migrations/postgres/0001_core.sql")),
    (2, include_str!("../migrations/postgres/0002_workflow.sql")),
    (3, include_str!("../migrations/postgres/0003_changes.sql")),
    (4, include_str!("../migrations/postgres/0004_notify.sql")),
    (5, include_str!("../migrations/postgres/0005_accounts.sql")),
    (6, include_str!("../migrations/postgres/0006_tenancy.sql")),
    (7, include_str!("../migrations/postgres/0007_mail.sql")),
];

/// The schema version this binary runs on a backend: its last migration's.
pub(crate) fn latest(migrations: &[Migration]) -> i64 {
    migrations.last().map_or(0, |&(version, _)| version)
}

/// How a command means to use the database it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Create it when absent and migrate it to this binary's schema: what
    /// `raci serve` and the bootstrap commands do.
    Create,
    /// It must exist, and is migrated to this binary's schema (an empty
    /// database gets the whole schema): what `raci admin migrate` does.
    Migrate,
    /// It must exist with this binary's schema; nothing is created or
    /// migrated: what the commands that only read do.
    Existing,
}

impl Access {
    /// Whether an absent database (a SQLite file) is created.
    pub fn creates(self) -> bool {
        self == Access::Create
    }

    /// Whether missing migrations are applied.
    pub fn migrates(self) -> bool {
        self != Access::Existing
    }
}

/// The schema version of an opened database, before and after opening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchemaVersion {
    /// The version it had; `None` when it had no schema (created now).
    pub before: Option<i64>,
    /// The version it has now: this binary's.
    pub after: i64,
}

impl SchemaVersion {
    /// Whether opening created the schema.
    pub fn created(&self) -> bool {
        self.before.is_none()
    }

    /// Whether opening applied migrations to an existing schema.
    pub fn upgraded(&self) -> bool {
        self.before.is_some_and(|before| before < self.after)
    }
}
