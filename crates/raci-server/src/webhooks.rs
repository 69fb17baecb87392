//! The webhook delivery worker: sends the deliveries the store's outbox holds.
//!
//! Each round lists the due deliveries and claims each with a lease (an
//! `UPDATE … WHERE` that only one server can win), so several servers on
//! one PostgreSQL never send a delivery twice at the same time. A 2xx answer
//! marks it delivered; anything else is retried with exponential back-off
//! until the configured maximum of attempts, then marked failed.
//!
//! Receivers check `X-Raci-Signature: sha256=<hex>`, the HMAC-SHA256 of
//! `timestamp + "." + body` under the webhook's secret, and may refuse an
//! old `X-Raci-Timestamp` (seconds since the epoch) against replays.

use std::time::Duration;

use hmac::{Hmac, Mac};
use raci_store::{Delivery, StoreError, Webhook};
use sha2::Sha256;
use tokio::task::JoinSet;

use crate::AppState;

/// How long a claimed delivery is reserved for the worker that claimed it.
pub const LEASE_MS: i64 = 30_000;
/// How long a receiver may take to answer.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// Deliveries sent concurrently in one round at most.
const BATCH: i64 = 32;

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
pub fn body(delivery: &Delivery) -> serde_json::Value {
    let payload = serde_json::from_str(&delivery.payload_json)
        .unwrap_or(serde_json::Value::String(delivery.payload_json.clone()));
    serde_json::json!({
        "id": delivery.id,
        "kind": delivery.kind,
        "subject": delivery.subject,
        "payload": payload,
        "created_at": delivery.created_at,
    })
}

/// Sends due deliveries, round after round.
#[derive(Clone)]
pub struct Worker {
    state: AppState,
    client: reqwest::Client,
}

impl Worker {
    pub fn new(state: AppState) -> Self {
        // Redirects are not followed: a receiver answers where it was registered.
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("raci-webhooks/", env!("CARGO_PKG_VERSION")))
            .build()
            .unwrap_or_default();
        Worker { state, client }
    }

    /// Runs rounds forever, one per configured interval; the server aborts it.
    pub async fn run(self) {
        let mut tick = tokio::time::interval(self.state.config.webhook_interval);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = self.deliver_due().await {
                tracing::warn!(error = %e, "webhook round failed");
            }
        }
    }

    /// One round, now: claims the deliveries due and sends them
    /// concurrently; answers how many this worker attempted.
    pub async fn deliver_due(&self) -> Result<usize, StoreError> {
        let store = &self.state.store;
        let now = raci_store::now_ms();
        let mut sends = JoinSet::new();
        for id in store.due_deliveries(now, BATCH).await? {
            if let Some((delivery, hook)) = store.claim_delivery(id, now, LEASE_MS).await? {
                let worker = self.clone();
                sends.spawn(async move { worker.send(delivery, hook).await });
            }
        }
        let mut attempted = 0;
        while let Some(done) = sends.join_next().await {
            attempted += 1;
            match done {
                Ok(Ok(())) => {}
                Ok(Err(e)) => tracing::warn!(error = %e, "recording a webhook delivery failed"),
                Err(e) => tracing::warn!(error = %e, "a webhook delivery task failed"),
            }
        }
        Ok(attempted)
    }

    /// Sends one claimed delivery and records the outcome.
    async fn send(&self, delivery: Delivery, hook: Webhook) -> Result<(), StoreError> {
        let body = body(&delivery).to_string();
        let timestamp = (raci_store::now_ms() / 1000).to_string();
        let sent = self
            .client
            .post(&hook.url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header("X-Raci-Event", &delivery.kind)
            .header("X-Raci-Delivery", delivery.id.to_string())
            .header("X-Raci-Timestamp", &timestamp)
            .header(
                "X-Raci-Signature",
                signature(&hook.secret, &timestamp, body.as_bytes()),
            )
            .body(body)
            .send()
            .await;
        let store = &self.state.store;
        let now = raci_store::now_ms();
        let policy = &self.state.config.webhook_retry;
        match sent {
            Ok(answer) if answer.status().is_success() => {
                let status = i64::from(answer.status().as_u16());
                store
                    .record_delivery_success(delivery.id, status, now)
                    .await?;
            }
            Ok(answer) => {
                let status = answer.status();
                let error = format!("the receiver answered {status}");
                store
                    .record_delivery_failure(
                        delivery.id,
                        Some(i64::from(status.as_u16())),
                        &error,
                        now,
                        policy,
                    )
                    .await?;
            }
            Err(e) => {
                let error = format!("cannot reach the receiver: {}", e.without_url());
                store
                    .record_delivery_failure(delivery.id, None, &error, now, policy)
                    .await?;
            }
        }
        Ok(())
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
}
