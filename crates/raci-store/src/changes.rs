//! Change notices between editions, and events (incidents, change requests) raised against a subscription.

use async_trait::async_trait;

/// Change notices between editions, and events (incidents, change requests) raised against a subscription.
#[async_trait]
pub trait ChangeStore: Send + Sync {}
