//! The in-app inbox of each user and outbound webhooks with their delivery log.

use async_trait::async_trait;

/// The in-app inbox of each user and outbound webhooks with their delivery log.
#[async_trait]
pub trait NotifyStore: Send + Sync {}
