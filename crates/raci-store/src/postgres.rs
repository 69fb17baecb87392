//! The PostgreSQL backend: several stateless servers may share one database.

use std::time::Duration;

use sqlx::postgres::PgPoolOptions;

use crate::Result;

type Db = sqlx::Postgres;
type Conn = sqlx::PgConnection;
const BACKEND: &str = "postgres";

/// Key of the advisory lock held while migrating, so that servers starting
/// together do not migrate twice.
const MIGRATION_LOCK: i64 = 0x7261_6369; // "raci"

/// A store in a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: sqlx::PgPool,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://…`) and migrates the database.
    pub async fn connect(url: &str) -> Result<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await?;
        let mut conn = pool.acquire().await?;
        sqlx::query("SELECT pg_advisory_lock($1)")
            .bind(MIGRATION_LOCK)
            .execute(&mut *conn)
            .await?;
        let migrated = migrate::run(&mut conn, crate::migrate::POSTGRES).await;
        sqlx::query("SELECT pg_advisory_unlock($1)")
            .bind(MIGRATION_LOCK)
            .execute(&mut *conn)
            .await?;
        migrated?;
        Ok(PostgresStore { pool })
    }

    /// The connection pool, for what the [`crate::Store`] interface does not cover.
    pub fn pool(&self) -> &sqlx::PgPool {
        &self.pool
    }

    async fn begin(&self) -> Result<sqlx::Transaction<'static, Db>> {
        Ok(self.pool.begin().await?)
    }
}

/// The type the shared SQL modules implement the store for.
type Backend = PostgresStore;

sql_modules!();
