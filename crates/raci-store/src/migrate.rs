//! The schema of each backend, embedded in the binary.

/// One migration: its version and its SQL (several statements).
pub(crate) type Migration = (i64, &'static str);

pub(crate) const SQLITE: &[Migration] = &[(1, include_str!("../migrations/sqlite/0001_core.sql"))];

pub(crate) const POSTGRES: &[Migration] =
    &[(1, include_str!("../migrations/postgres/0001_core.sql"))];
