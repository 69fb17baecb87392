//! Telling people: each user's inbox, and the organization's webhooks with
//! their delivery log. Deliveries are written in the transaction of the
//! change they report (an outbox); [`App::deliver_due`] sends them, through
//! whatever [`WebhookSender`] the server gives it.
//!
//! Receivers check `X-Raci-Signature: sha256=<hex>`, the HMAC-SHA256 of
//! `timestamp + "." + body` under the webhook's secret, may refuse an old
//! `X-Raci-Timestamp` (seconds since the epoch) against replays, and drop a
//! repeated `X-Raci-Delivery` (the delivery's id, sent again on retries).

use std::sync::Arc;

use async_trait::async_trait;
use hmac::{Hmac, Mac};
use raci_store::{prelude::*, Delivery, StoreError, Webhook};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::Sha256;
use utoipa::ToSchema;

use crate::policy::roles;
use crate::validate::{self, Described, Rule};
use crate::views::{DeliveryView, InboxItemView, NewWebhookView, WebhookView};
use crate::{now, App, AppError, AppResult, Caller};

/// Where to send the organization's events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWebhookInput {
    /// An `http` or `https` URL.
    pub url: String,
}

impl Described for NewWebhookInput {
    const RULES: &'static [(&'static str, Rule)] = &[("url", validate::URL)];
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

/// How long a claimed delivery is reserved for the worker that claimed it.
pub const LEASE_MS: i64 = 30_000;
/// Deliveries sent concurrently in one round at most.
const BATCH: i64 = 32;

/// What sending one delivery gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebhookAttempt {
    /// The receiver answered with this HTTP status.
    Answered(u16),
    /// No answer: the reason.
    Failed(String),
}

/// Sends one webhook request; the server gives one over HTTP.
#[async_trait]
pub trait WebhookSender: Send + Sync {
    async fn send(
        &self,
        url: &str,
        headers: Vec<(&'static str, String)>,
        body: String,
    ) -> WebhookAttempt;
}

/// What one round of deliveries did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delivered {
    pub attempted: usize,
    pub succeeded: usize,
}

/// `sha256=` and the hex HMAC-SHA256 of `timestamp.body` under `secret`.
pub fn signature(secret: &str, timestamp: &str, body: &[u8]) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// The JSON a receiver gets for a delivery.
pub fn delivery_body(delivery: &Delivery) -> serde_json::Value {
    let payload = serde_json::from_str(&delivery.payload_json)
        .unwrap_or(serde_json::Value::String(delivery.payload_json.clone()));
    json!({
        "id": delivery.id,
        "kind": delivery.kind,
        "subject": delivery.subject,
        "payload": payload,
        "created_at": delivery.created_at,
    })
}

/// A webhook of the caller's organization, or not found.
async fn own_webhook(r: &mut dyn Reads, caller: &Caller, id: i64) -> AppResult<Webhook> {
    roles::require_admin(caller)?;
    match r.webhook(id).await {
        Ok(hook) if hook.org == caller.org.id => Ok(hook),
        Ok(_) | Err(StoreError::NotFound { .. }) => {
            Err(AppError::not_found(format!("webhook {id} not found")))
        }
        Err(e) => Err(e.into()),
    }
}

impl App {
    /// The caller's own inbox, newest first.
    pub async fn inbox(&self, caller: &Caller, unread_only: bool) -> AppResult<Vec<InboxItemView>> {
        let mut r = self.store.read().await?;
        Ok(r.inbox(caller.user.id, unread_only)
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Marks one of the caller's inbox items read.
    pub async fn mark_read(&self, caller: &Caller, item: i64) -> AppResult<InboxItemView> {
        let mut w = self.store.write().await?;
        let read = w.mark_inbox_read(caller.user.id, item, now()).await?;
        w.commit().await?;
        Ok(read.into())
    }

    pub async fn create_webhook(
        &self,
        caller: &Caller,
        input: NewWebhookInput,
    ) -> AppResult<NewWebhookView> {
        roles::require_admin(caller)?;
        let url = validate::URL.check("url", &input.url)?;
        let mut w = self.store.write().await?;
        let hook = w.create_webhook(caller.org.id, &url).await?;
        let subject = format!("webhook:{}", hook.id);
        w.append_audit(
            caller.org.id,
            &caller.actor(),
            "webhook.create",
            &subject,
            &json!({"url": url}),
        )
        .await?;
        w.commit().await?;
        Ok(NewWebhookView {
            webhook: WebhookView::from(&hook),
            secret: hook.secret,
        })
    }

    /// The organization's active webhooks (admins).
    pub async fn webhooks(&self, caller: &Caller) -> AppResult<Vec<WebhookView>> {
        roles::require_admin(caller)?;
        let mut r = self.store.read().await?;
        Ok(r.webhooks(caller.org.id)
            .await?
            .iter()
            .map(WebhookView::from)
            .collect())
    }

    /// Deletes a webhook: no more deliveries; its log stays readable.
    pub async fn delete_webhook(&self, caller: &Caller, id: i64) -> AppResult<()> {
        let mut w = self.store.write().await?;
        let hook = own_webhook(&mut *w, caller, id).await?;
        w.deactivate_webhook(id, now()).await?;
        let subject = format!("webhook:{id}");
        w.append_audit(
            caller.org.id,
            &caller.actor(),
            "webhook.delete",
            &subject,
            &json!({"url": hook.url}),
        )
        .await?;
        w.commit().await?;
        Ok(())
    }

    /// A webhook's delivery log, newest first.
    pub async fn deliveries(&self, caller: &Caller, webhook: i64) -> AppResult<Vec<DeliveryView>> {
        let mut r = self.store.read().await?;
        own_webhook(&mut *r, caller, webhook).await?;
        Ok(r.deliveries(webhook)
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// One round, now: claims the due deliveries (a lease only one server
    /// wins) and sends them concurrently; a 2xx answer marks one delivered,
    /// anything else retries it with back-off until the policy gives up.
    pub async fn deliver_due(&self, sender: Arc<dyn WebhookSender>) -> AppResult<Delivered> {
        let now = now();
        let due = self.store.read().await?.due_deliveries(now, BATCH).await?;
        let mut sends = tokio::task::JoinSet::new();
        for id in due {
            let mut w = self.store.write().await?;
            let claimed = w.claim_delivery(id, now, LEASE_MS).await?;
            w.commit().await?;
            if let Some((delivery, hook)) = claimed {
                let (app, sender) = (self.clone(), sender.clone());
                sends.spawn(async move { app.send_one(&*sender, delivery, hook).await });
            }
        }
        let mut done = Delivered::default();
        while let Some(sent) = sends.join_next().await {
            done.attempted += 1;
            match sent {
                Ok(Ok(true)) => done.succeeded += 1,
                Ok(Ok(false)) => {}
                Ok(Err(e)) => tracing::warn!(error = %e, "recording a webhook delivery failed"),
                Err(e) => tracing::warn!(error = %e, "a webhook delivery task failed"),
            }
        }
        Ok(done)
    }

    /// Sends one claimed delivery and records the outcome.
    async fn send_one(
        &self,
        sender: &dyn WebhookSender,
        delivery: Delivery,
        hook: Webhook,
    ) -> AppResult<bool> {
        let body = delivery_body(&delivery).to_string();
        let timestamp = (now() / 1000).to_string();
        let headers = vec![
            ("Content-Type", "application/json".to_owned()),
            ("X-Raci-Event", delivery.kind.clone()),
            ("X-Raci-Delivery", delivery.id.to_string()),
            (
                "X-Raci-Signature",
                signature(&hook.secret, &timestamp, body.as_bytes()),
            ),
            ("X-Raci-Timestamp", timestamp),
        ];
        let attempt = sender.send(&hook.url, headers, body).await;
        let now = now();
        let policy = self.config.webhook_retry;
        let mut w = self.store.write().await?;
        let ok = match attempt {
            WebhookAttempt::Answered(status) if (200..300).contains(&status) => {
                w.record_delivery_success(delivery.id, i64::from(status), now)
                    .await?;
                true
            }
            other => {
                let (status, error) = match other {
                    WebhookAttempt::Answered(s) => {
                        (Some(i64::from(s)), format!("the receiver answered {s}"))
                    }
                    WebhookAttempt::Failed(e) => (None, format!("cannot reach the receiver: {e}")),
                };
                let attempts = delivery.attempts.saturating_add(1);
                let retry_at = (attempts < policy.max_attempts)
                    .then(|| now.saturating_add(policy.backoff_ms(attempts)));
                w.record_delivery_failure(delivery.id, status, &error, retry_at)
                    .await?;
                false
            }
        };
        w.commit().await?;
        Ok(ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_is_the_hmac_of_timestamp_dot_body() {
        // Computed independently: `printf '1.{}' | openssl dgst -sha256 -hmac key`.
        let sig = signature("key", "1", b"{}");
        assert_eq!(
            sig,
            "sha256=1ba6b8171186efc613e8bcc0cbdab2748f24984d7c5a84faa2637afa0e40d224"
        );
        assert_ne!(sig, signature("key", "2", b"{}"));
        assert_ne!(sig, signature("other", "1", b"{}"));
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff_ms(0), 1_000);
        assert_eq!(p.backoff_ms(3), 8_000);
        assert_eq!(p.backoff_ms(40), p.cap_ms);
    }
}
