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

mod migrate {
    use super::Conn;
    include!("sql/migrate.rs");
}
mod query {
    use super::{Conn, Db};
    include!("sql/query.rs");
}
mod orgs {
    use super::Conn;
    include!("sql/orgs.rs");
}
mod users {
    use super::Conn;
    include!("sql/users.rs");
}
mod catalog {
    use super::Conn;
    include!("sql/catalog.rs");
}
mod subs {
    use super::Conn;
    include!("sql/subs.rs");
}
mod audit {
    use super::Conn;
    include!("sql/audit.rs");
}
mod workflow {
    use super::{Conn, PostgresStore as Backend};
    include!("sql/workflow.rs");
}
mod changes {
    use super::{Conn, PostgresStore as Backend};
    include!("sql/changes.rs");
}
mod notify {
    use super::{Conn, PostgresStore as Backend};
    include!("sql/notify.rs");
}
mod accounts {
    use super::{Conn, PostgresStore as Backend};
    include!("sql/accounts.rs");
}
mod tenancy {
    use super::{Conn, PostgresStore as Backend, BACKEND};
    include!("sql/tenancy.rs");
}
mod store_impl {
    use super::{PostgresStore as Backend, BACKEND};
    include!("sql/store_impl.rs");
}
