//! The PostgreSQL backend: several stateless servers may share one database.

use std::time::Duration;

use sqlx::postgres::PgPoolOptions;

use crate::migrate::{Access, SchemaVersion};
use crate::{Result, SchemaError, StoreError};

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
    /// Refuses requests at once while no connection can be had.
    breaker: std::sync::Arc<crate::breaker::Breaker>,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://…`) and migrates the database.
    pub async fn connect(url: &str) -> Result<Self> {
        Ok(PostgresStore::connect_with(url, Access::Create).await?.0)
    }

    /// Connects to `url` and, with [`Access::Create`], migrates the
    /// database; with [`Access::Existing`] refuses one that is not at this
    /// binary's schema. The database itself is never created here
    /// (`createdb` does that). Also says which schema version it had.
    pub async fn connect_with(url: &str, access: Access) -> Result<(Self, SchemaVersion)> {
        let database = crate::store::redacted(url);
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .before_acquire(|conn, _| Box::pin(async move { Ok(crate::store::reusable(conn)) }))
            // Short: a request that cannot get a connection in this time is
            // better told 503 (and the breaker opened) than kept waiting.
            .acquire_timeout(Duration::from_secs(3))
            .connect(url)
            .await
            .map_err(|e| match &e {
                // invalid_catalog_name: the database does not exist.
                sqlx::Error::Database(db) if db.code().as_deref() == Some("3D000") => {
                    StoreError::from(SchemaError::Missing {
                        database: database.clone(),
                    })
                }
                _ => StoreError::from(e),
            })?;
        let mut conn = pool.acquire().await?;
        sqlx::query("SELECT pg_advisory_lock($1)")
            .bind(MIGRATION_LOCK)
            .execute(&mut *conn)
            .await?;
        let migrated = migrate::run(&mut conn, crate::migrate::POSTGRES, access, &database).await;
        sqlx::query("SELECT pg_advisory_unlock($1)")
            .bind(MIGRATION_LOCK)
            .execute(&mut *conn)
            .await?;
        let schema = migrated?;
        drop(conn);
        Ok((
            PostgresStore {
                pool,
                breaker: Default::default(),
            },
            schema,
        ))
    }

    /// The connection pool, for what the [`crate::Store`] interface does not cover.
    pub fn pool(&self) -> &sqlx::PgPool {
        &self.pool
    }

    async fn begin(&self) -> sqlx::Result<sqlx::Transaction<'static, Db>> {
        self.pool.begin().await
    }
}

/// The type the shared SQL modules implement the store for.
type Backend = PostgresStore;

sql_modules!();
