//! Webhook delivery over HTTP: the application layer claims and records
//! deliveries; this sends them with reqwest, round after round.

use std::{sync::Arc, time::Duration};

use async_trait::async_trait;
use raci_app::{App, WebhookAttempt, WebhookSender};

/// How long a receiver may take to answer.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Sends webhook requests with reqwest; redirects are not followed (a
/// receiver answers where it was registered).
pub struct HttpSender {
    client: reqwest::Client,
}

impl HttpSender {
    pub fn new() -> Self {
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("raci-webhooks/", env!("CARGO_PKG_VERSION")))
            .build()
            .unwrap_or_default();
        HttpSender { client }
    }
}

impl Default for HttpSender {
    fn default() -> Self {
        HttpSender::new()
    }
}

#[async_trait]
impl WebhookSender for HttpSender {
    async fn send(
        &self,
        url: &str,
        headers: Vec<(&'static str, String)>,
        body: String,
    ) -> WebhookAttempt {
        let mut request = self.client.post(url).body(body);
        for (name, value) in headers {
            request = request.header(name, value);
        }
        match request.send().await {
            Ok(answer) => WebhookAttempt::Answered(answer.status().as_u16()),
            Err(e) => WebhookAttempt::Failed(e.without_url().to_string()),
        }
    }
}

/// Delivers due webhooks, one round per interval, forever; the server aborts it.
pub async fn run(app: App, sender: Arc<dyn WebhookSender>, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = app.deliver_due(sender.clone()).await {
            tracing::warn!(error = %e, "webhook round failed");
        }
    }
}
