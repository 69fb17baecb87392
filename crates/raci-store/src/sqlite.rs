//! The SQLite backend: one file, WAL journal, foreign keys on, a busy
//! timeout, and `BEGIN IMMEDIATE` transactions so that writers queue on the
//! file lock instead of failing when they upgrade from reading.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::{Result, StoreError};

type Db = sqlx::Sqlite;
type Conn = sqlx::SqliteConnection;
const BACKEND: &str = "sqlite";

/// A store in one SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: sqlx::SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub async fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let options = SqliteConnectOptions::from_str("sqlite:")
            .map_err(StoreError::Database)?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        migrate::run(&mut *pool.acquire().await?, crate::migrate::SQLITE).await?;
        Ok(SqliteStore { pool })
    }

    /// The connection pool, for what the [`crate::Store`] interface does not cover.
    pub fn pool(&self) -> &sqlx::SqlitePool {
        &self.pool
    }

    async fn begin(&self) -> Result<sqlx::Transaction<'static, Db>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }
}

/// The type the shared SQL modules implement the store for.
type Backend = SqliteStore;

sql_modules!();
