//! A provider's services and the immutable editions of their matrices.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::{Edition, Result, Service};

/// The diff stored when an edition was published, against the one before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct EditionDiff {
    pub edition: i64,
    pub previous: i64,
    /// raci-align's diff, as JSON.
    pub diff_json: String,
}

#[async_trait]
pub trait CatalogReads: Send {
    async fn service(&mut self, id: i64) -> Result<Service>;
    /// One provider's services, or the whole catalog.
    async fn services(&mut self, provider: Option<i64>) -> Result<Vec<Service>>;
    async fn edition(&mut self, id: i64) -> Result<Edition>;
    async fn edition_by_number(&mut self, service: i64, number: i64) -> Result<Edition>;
    async fn latest_edition(&mut self, service: i64) -> Result<Option<Edition>>;
    /// A service's editions, oldest first.
    async fn editions(&mut self, service: i64) -> Result<Vec<Edition>>;
    async fn edition_diff(&mut self, edition: i64) -> Result<Option<EditionDiff>>;
}

#[async_trait]
pub trait CatalogWrites: Send {
    async fn create_service(&mut self, provider: i64, slug: &str, name: &str) -> Result<Service>;
    /// Holds the service's row for the rest of the transaction, so that
    /// publications of one service are serialized.
    async fn lock_service(&mut self, id: i64) -> Result<()>;
    /// Writes the next edition (number = latest + 1) of a service.
    async fn insert_edition(&mut self, service: i64, document_json: &str) -> Result<Edition>;
    async fn insert_edition_diff(&mut self, diff: &EditionDiff) -> Result<()>;
}
