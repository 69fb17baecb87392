//! The in-app inbox of each user and outbound webhooks with their delivery log.
//!
//! Every event is written in the transaction of the change it reports: an
//! inbox item per recipient and a pending delivery per active webhook of the
//! organization (an outbox). Nothing is sent inside a transaction; a worker
//! claims due deliveries with a lease, so that several servers sharing one
//! database never send one delivery twice at the same time.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::Result;

/// One item of a user's inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct InboxItem {
    pub id: i64,
    pub org: i64,
    pub user_id: i64,
    pub kind: String,
    pub subject: String,
    pub payload_json: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

/// An outbound webhook of an organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Webhook {
    pub id: i64,
    pub org: i64,
    pub url: String,
    /// The HMAC key; shown once at creation, never listed.
    #[serde(skip_serializing)]
    pub secret: String,
    /// False once deleted: its delivery log stays readable.
    pub active: bool,
    pub created_at: i64,
}

/// One event to send to one webhook, and how sending it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Delivery {
    pub id: i64,
    pub webhook: i64,
    pub org: i64,
    pub kind: String,
    pub subject: String,
    pub payload_json: String,
    /// Failed attempts so far (a success is not counted).
    pub attempts: i64,
    pub next_attempt_at: i64,
    /// `pending`, `delivered` or `failed` (given up).
    pub status: String,
    /// The HTTP status of the last answer, if one came.
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
    /// While a worker holds the lease, no other one claims the delivery.
    pub locked_until: Option<i64>,
    pub delivered_at: Option<i64>,
    pub created_at: i64,
}

/// When to try a failed delivery again and when to give up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The first wait; each further failure doubles it.
    pub base_ms: i64,
    /// The longest wait between two attempts.
    pub cap_ms: i64,
    /// Failed attempts after which the delivery is marked failed.
    pub max_attempts: i64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            base_ms: 1_000,
            cap_ms: 3_600_000,
            max_attempts: 8,
        }
    }
}

impl RetryPolicy {
    /// The wait after the `attempts`-th failure: `base * 2^attempts`, capped.
    pub fn backoff_ms(&self, attempts: i64) -> i64 {
        let exp = u32::try_from(attempts.clamp(0, 62)).unwrap_or(62);
        let factor = 1i64.checked_shl(exp).unwrap_or(i64::MAX);
        self.base_ms.saturating_mul(factor).min(self.cap_ms)
    }
}

/// The in-app inbox of each user and outbound webhooks with their delivery log.
#[async_trait]
pub trait NotifyStore: Send + Sync {
    /// Records an event on its own (one that changes no other row): inbox
    /// items for the recipients and a pending delivery per active webhook,
    /// exactly as the other areas do inside their own transactions.
    async fn notify_event(
        &self,
        org: i64,
        recipients: &[i64],
        kind: &str,
        subject: &str,
        payload: &serde_json::Value,
    ) -> Result<()>;
    /// A user's own inbox, newest first; only unread items when asked.
    async fn list_inbox(&self, user: i64, unread_only: bool) -> Result<Vec<InboxItem>>;
    /// Marks an item of `user`'s inbox read; another user's item is not found.
    async fn mark_inbox_read(&self, user: i64, item: i64) -> Result<InboxItem>;

    /// Adds a webhook with a fresh secret (in the result), audited.
    async fn create_webhook(&self, actor: &str, org: i64, url: &str) -> Result<Webhook>;
    async fn get_webhook(&self, id: i64) -> Result<Webhook>;
    /// The organization's active webhooks.
    async fn list_webhooks(&self, org: i64) -> Result<Vec<Webhook>>;
    /// Deactivates a webhook and gives up its pending deliveries, audited.
    async fn delete_webhook(&self, actor: &str, id: i64) -> Result<()>;
    /// A webhook's delivery log, newest first.
    async fn list_deliveries(&self, webhook: i64) -> Result<Vec<Delivery>>;
    async fn get_delivery(&self, id: i64) -> Result<Delivery>;

    /// Ids of pending deliveries due at `now` and not leased, oldest first.
    async fn due_deliveries(&self, now: i64, limit: i64) -> Result<Vec<i64>>;
    /// Takes the lease on a due delivery until `now + lease_ms`; none when
    /// another worker holds it or it is no longer due.
    async fn claim_delivery(
        &self,
        id: i64,
        now: i64,
        lease_ms: i64,
    ) -> Result<Option<(Delivery, Webhook)>>;
    /// Records a 2xx answer: the delivery is done.
    async fn record_delivery_success(&self, id: i64, status: i64, now: i64) -> Result<Delivery>;
    /// Records a failed attempt: retried after the policy's back-off, or
    /// marked failed once the attempts reach its maximum.
    async fn record_delivery_failure(
        &self,
        id: i64,
        status: Option<i64>,
        error: &str,
        now: i64,
        policy: &RetryPolicy,
    ) -> Result<Delivery>;
}
