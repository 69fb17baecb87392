//! The SQLite backend: one file, WAL journal, foreign keys on, a busy
//! timeout, and `BEGIN IMMEDIATE` transactions so that writers queue on the
//! file lock instead of failing when they upgrade from reading. A file it
//! creates is readable by its owner only (SQLite gives the `-wal` and `-shm`
//! files the database file's permissions).

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::migrate::{Access, SchemaVersion};
use crate::{Result, SchemaError, StoreError};

type Db = sqlx::Sqlite;
type Conn = sqlx::SqliteConnection;
const BACKEND: &str = "sqlite";

/// A store in one SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: sqlx::SqlitePool,
    /// Refuses requests at once while no connection can be had.
    breaker: std::sync::Arc<crate::breaker::Breaker>,
}

impl SqliteStore {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub async fn open(path: impl AsRef<Path>) -> Result<Self> {
        Ok(SqliteStore::open_with(path, Access::Create).await?.0)
    }

    /// Opens the database at `path` as `access` says: with
    /// [`Access::Create`] creating it (owner-only) and migrating it, with
    /// [`Access::Existing`] refusing one that is absent or not at this
    /// binary's schema. Also says which schema version it had.
    pub async fn open_with(
        path: impl AsRef<Path>,
        access: Access,
    ) -> Result<(Self, SchemaVersion)> {
        let path = path.as_ref();
        let database = path.display().to_string();
        if !path.exists() {
            if !access.creates() {
                return Err(SchemaError::Missing { database }.into());
            }
            create_private(path)?;
        }
        let options = SqliteConnectOptions::from_str("sqlite:")
            .map_err(StoreError::Database)?
            .filename(path)
            .create_if_missing(false)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .before_acquire(|conn, _| Box::pin(async move { Ok(crate::store::reusable(conn)) }))
            .connect_with(options)
            .await?;
        let schema = migrate::run(
            &mut *pool.acquire().await?,
            crate::migrate::SQLITE,
            access,
            &database,
        )
        .await?;
        Ok((
            SqliteStore {
                pool,
                breaker: Default::default(),
            },
            schema,
        ))
    }

    /// The connection pool, for what the [`crate::Store`] interface does not cover.
    pub fn pool(&self) -> &sqlx::SqlitePool {
        &self.pool
    }

    async fn begin(&self) -> sqlx::Result<sqlx::Transaction<'static, Db>> {
        self.pool.begin_with("BEGIN IMMEDIATE").await
    }
}

/// Creates an empty file only its owner may read or write, whatever the
/// umask: SQLite then writes the database into it and gives its `-wal` and
/// `-shm` files the same permissions.
pub(crate) fn create_private(path: &Path) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        // Another process created it first: it is theirs to have made.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(StoreError::Unusable(format!(
            "cannot create the database {}: {e}",
            path.display()
        ))),
    }
}

/// The type the shared SQL modules implement the store for.
type Backend = SqliteStore;

sql_modules!();
