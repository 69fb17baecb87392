//! Password login, sessions and throttling of failed logins.

use async_trait::async_trait;

/// Password login, sessions and throttling of failed logins.
#[async_trait]
pub trait AccountStore: Send + Sync {}
