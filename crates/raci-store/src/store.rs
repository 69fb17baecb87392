//! The store interface: a reader for queries, a writer for one transaction,
//! and the choice of backend by URL.

use std::sync::Arc;

use async_trait::async_trait;

use crate::{
    AccountReads, AccountWrites, AuditReads, AuditWrites, CatalogReads, CatalogWrites, ChangeReads,
    ChangeWrites, NotifyReads, NotifyWrites, PostgresStore, Result, SqliteStore, SubscriptionReads,
    SubscriptionWrites, TenancyReads, TenancyWrites, WorkflowReads, WorkflowWrites,
};

/// The database `raci serve` uses when given none.
pub const DEFAULT_DATABASE: &str = "sqlite://raci.db";

/// Opens the store a URL names, creating and migrating it as needed:
/// `postgres://…` or `postgresql://…` for PostgreSQL; `sqlite://PATH`,
/// `sqlite:PATH` or a plain path for SQLite.
pub async fn open(url: &str) -> Result<Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PostgresStore::connect(url).await?))
    } else {
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        Ok(Arc::new(SqliteStore::open(path).await?))
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
