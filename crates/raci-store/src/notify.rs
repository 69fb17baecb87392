//! The in-app inbox of each user and outbound webhooks with their delivery log.
//!
//! Every event is written in the transaction of the change it reports: an
//! inbox item per recipient and a pending delivery per active webhook of the
//! organization (an outbox). Nothing is sent inside a transaction; a worker
//! claims due deliveries with a lease, so that several servers sharing one
//! database never send one delivery twice at the same time.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::{DeliveryStatus, Result};

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
    pub status: DeliveryStatus,
    /// The HTTP status of the last answer, if one came.
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
    /// While a worker holds the lease, no other one claims the delivery.
    pub locked_until: Option<i64>,
    pub delivered_at: Option<i64>,
    pub created_at: i64,
}

/// An event to record for one organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice<'a> {
    pub org: i64,
    /// Users to put it in the inbox of (duplicates are dropped).
    pub recipients: &'a [i64],
    pub kind: &'a str,
    pub subject: &'a str,
    pub payload_json: &'a str,
}

#[async_trait]
pub trait NotifyReads: Send {
    /// A user's own inbox, newest first; only unread items when asked.
    async fn inbox(&mut self, user: i64, unread_only: bool) -> Result<Vec<InboxItem>>;
    async fn webhook(&mut self, id: i64) -> Result<Webhook>;
    /// The organization's active webhooks.
    async fn webhooks(&mut self, org: i64) -> Result<Vec<Webhook>>;
    /// A webhook's delivery log, newest first.
    async fn deliveries(&mut self, webhook: i64) -> Result<Vec<Delivery>>;
    async fn delivery(&mut self, id: i64) -> Result<Delivery>;
    /// Ids of pending deliveries due at `now` and not leased, oldest first.
    async fn due_deliveries(&mut self, now: i64, limit: i64) -> Result<Vec<i64>>;
}

#[async_trait]
pub trait NotifyWrites: Send {
    /// Inbox items for the recipients, their mails as each chose (see
    /// [`crate::MailWrites::queue_mail`]), and a pending delivery per
    /// active webhook of the organization.
    async fn notify(&mut self, notice: Notice<'_>, now: i64) -> Result<()>;
    /// Marks an item of `user`'s inbox read; another user's item is not found.
    async fn mark_inbox_read(&mut self, user: i64, item: i64, now: i64) -> Result<InboxItem>;
    /// Adds a webhook with a fresh secret (in the result).
    async fn create_webhook(&mut self, org: i64, url: &str) -> Result<Webhook>;
    /// Deactivates a webhook and gives up its pending deliveries.
    async fn deactivate_webhook(&mut self, id: i64, now: i64) -> Result<Webhook>;
    /// Takes the lease on a due delivery until `now + lease_ms`; none when
    /// another worker holds it or it is no longer due.
    async fn claim_delivery(
        &mut self,
        id: i64,
        now: i64,
        lease_ms: i64,
    ) -> Result<Option<(Delivery, Webhook)>>;
    /// Records a 2xx answer: the delivery is done.
    async fn record_delivery_success(&mut self, id: i64, status: i64, now: i64)
        -> Result<Delivery>;
    /// Records a failed attempt: pending again at `retry_at`, or failed for
    /// good when `retry_at` is none.
    async fn record_delivery_failure(
        &mut self,
        id: i64,
        status: Option<i64>,
        error: &str,
        retry_at: Option<i64>,
    ) -> Result<Delivery>;
}
