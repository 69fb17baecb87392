//! Export and import of an organization, and its purge with a signed destruction record.

use async_trait::async_trait;

/// Export and import of an organization, and its purge with a signed destruction record.
#[async_trait]
pub trait TenancyStore: Send + Sync {}
