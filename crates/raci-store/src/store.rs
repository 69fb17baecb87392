//! The store interface: a reader for queries, a writer for one transaction,
//! and the choice of backend by URL.

use std::sync::Arc;

use async_trait::async_trait;

use crate::migrate::{Access, SchemaVersion};
use crate::{
    AccountReads, AccountWrites, AuditReads, AuditWrites, CatalogReads, CatalogWrites, ChangeReads,
    ChangeWrites, MailReads, MailWrites, NotifyReads, NotifyWrites, PostgresStore, Result,
    SqliteStore, SubscriptionReads, SubscriptionWrites, TenancyReads, TenancyWrites, WorkflowReads,
    WorkflowWrites,
};

/// The database `raci serve` uses when given none.
pub const DEFAULT_DATABASE: &str = "sqlite://raci.db";

/// Opens the store a URL names, creating and migrating it as needed:
/// `postgres://…` or `postgresql://…` for PostgreSQL; `sqlite://PATH`,
/// `sqlite:PATH` or a plain path for SQLite.
pub async fn open(url: &str) -> Result<Arc<dyn Store>> {
    Ok(open_with(url, Access::Create).await?.store)
}

/// A store just opened, and the schema version its database had.
pub struct Opened {
    pub store: Arc<dyn Store>,
    pub schema: SchemaVersion,
}

/// Opens the store a URL names as `access` says: [`Access::Create`] creates
/// and migrates it, [`Access::Existing`] refuses a database that is absent,
/// not raci's, or not at this binary's schema.
pub async fn open_with(url: &str, access: Access) -> Result<Opened> {
    if is_postgres(url) {
        let (store, schema) = PostgresStore::connect_with(url, access).await?;
        Ok(Opened {
            store: Arc::new(store),
            schema,
        })
    } else {
        let (store, schema) = SqliteStore::open_with(sqlite_path(url), access).await?;
        Ok(Opened {
            store: Arc::new(store),
            schema,
        })
    }
}

/// Whether a URL names a PostgreSQL database.
pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// The file a SQLite URL (or plain path) names.
pub fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url)
}

/// The URL with its password, if any, replaced by `***`: what may be
/// printed or logged.
pub fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            // Only a URL that cannot have a password refuses one.
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// Everything the store can be asked: the queries of every area.
pub trait Reads:
    AccountReads
    + CatalogReads
    + SubscriptionReads
    + WorkflowReads
    + ChangeReads
    + NotifyReads
    + MailReads
    + AuditReads
    + TenancyReads
    + Send
{
}

/// One transaction: the queries, the writes of every area, and its end.
/// Dropped without [`Writes::commit`], it rolls back.
#[async_trait]
pub trait Writes:
    Reads
    + AccountWrites
    + CatalogWrites
    + SubscriptionWrites
    + WorkflowWrites
    + ChangeWrites
    + NotifyWrites
    + MailWrites
    + AuditWrites
    + TenancyWrites
{
    async fn commit(self: Box<Self>) -> Result<()>;
}

/// A connection to query with; each query sees the latest commit.
pub type Reader = Box<dyn Reads>;
/// A transaction to write with.
pub type Writer = Box<dyn Writes>;

/// Where the service keeps its data. The store holds no rule of the
/// service (who may do what, which values are valid): it reads and writes
/// rows, and each writer is one transaction the caller commits.
#[async_trait]
pub trait Store: Send + Sync {
    /// `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;
    /// A pooled connection for queries.
    async fn read(&self) -> Result<Reader>;
    /// A new transaction, which holds the database's write lock on SQLite.
    async fn write(&self) -> Result<Writer>;
}

/// Whether a pooled connection may serve another request. A COMMIT that
/// failed (a full disk) is rolled back by the database itself, but sqlx
/// still counts the transaction as open and refuses every later `BEGIN` on
/// that connection: the pool closes such a connection instead. Called after
/// the pool's ping, so a rollback queued when a transaction was dropped has
/// run by then.
pub(crate) fn reusable<C: sqlx::Connection>(conn: &C) -> bool {
    !conn.is_in_transaction()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_shown_without_its_password() {
        assert_eq!(
            redacted("postgres://raci:s3cret@db.internal:5432/raci"),
            "postgres://raci:***@db.internal:5432/raci"
        );
        assert_eq!(
            redacted("postgres://raci@db/raci"),
            "postgres://raci@db/raci"
        );
        assert_eq!(redacted("sqlite://raci.db"), "sqlite://raci.db");
        assert_eq!(redacted("/var/lib/raci.db"), "/var/lib/raci.db");
    }
}
