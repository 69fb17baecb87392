use raci_store::{Delivery, DeliveryStatus, DutyState, InboxItem, Webhook};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a notification is about: the ids and words of the event, as its
/// kind gives them (a duty's state, a notice's edition…).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NotificationPayload {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duty: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_notice: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<i64>,
    /// The activity's id, or the event's matched activity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
    /// The activity's text, or the event's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<DutyState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle: Option<i64>,
    /// For a change notice: the edition it moves to and how many duties it lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_number: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entries: Option<i64>,
    /// For owners mapped to a column (`duty.assigned`): the party column;
    /// `entries` counts its unfinished duties with the letter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// For a reminder or an escalation: the due date it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_at: Option<i64>,
}

/// One item of the caller's inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct InboxItemView {
    pub id: i64,
    /// `duty.signoff`, `duty.consultation`, `duty.done`, `change_notice`, `event.routed`…
    pub kind: String,
    /// What it is about: `duty:12`, `change_notice:3`, `event:4`.
    pub subject: String,
    pub payload: NotificationPayload,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

impl From<InboxItem> for InboxItemView {
    fn from(i: InboxItem) -> Self {
        InboxItemView {
            id: i.id,
            payload: serde_json::from_str(&i.payload_json).unwrap_or_default(),
            kind: i.kind,
            subject: i.subject,
            created_at: i.created_at,
            read_at: i.read_at,
        }
    }
}

/// A webhook as listed: never its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct WebhookView {
    pub id: i64,
    pub url: String,
    pub active: bool,
    pub created_at: i64,
}

impl From<&Webhook> for WebhookView {
    fn from(w: &Webhook) -> Self {
        WebhookView {
            id: w.id,
            url: w.url.clone(),
            active: w.active,
            created_at: w.created_at,
        }
    }
}

/// A webhook just created, with the secret that signs its deliveries, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NewWebhookView {
    pub webhook: WebhookView,
    /// The HMAC-SHA256 key of the `X-Raci-Signature` header.
    pub secret: String,
}

/// One entry of a webhook's delivery log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DeliveryView {
    pub id: i64,
    pub kind: String,
    pub subject: String,
    pub payload: NotificationPayload,
    pub status: DeliveryStatus,
    /// Failed attempts so far.
    pub attempts: i64,
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
    /// When the next attempt is due, while pending.
    pub next_attempt_at: Option<i64>,
    pub delivered_at: Option<i64>,
    pub created_at: i64,
}

impl From<Delivery> for DeliveryView {
    fn from(d: Delivery) -> Self {
        DeliveryView {
            id: d.id,
            payload: serde_json::from_str(&d.payload_json).unwrap_or_default(),
            next_attempt_at: (d.status == DeliveryStatus::Pending).then_some(d.next_attempt_at),
            kind: d.kind,
            subject: d.subject,
            status: d.status,
            attempts: d.attempts,
            last_status: d.last_status,
            last_error: d.last_error,
            delivered_at: d.delivered_at,
            created_at: d.created_at,
        }
    }
}
