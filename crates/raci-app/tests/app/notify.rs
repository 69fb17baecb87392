//! Webhooks: signed deliveries from the outbox, retried with back-off,
//! given up; the sender is a recording stand-in for the HTTP one (which
//! the server's tests drive against a real receiver).

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use raci_app::test_support::World;
use raci_app::{ErrorCode, EvidenceInput, NewWebhookInput, WebhookAttempt, WebhookSender};
use raci_store::DeliveryStatus;

use crate::scene::{code, refusal, Scene};

/// One request the recorder got: URL, headers, body.
type Sent = (String, Vec<(&'static str, String)>, String);

/// Answers each request with the next status given (then 200), and keeps what it got.
struct Recorder {
    answers: Mutex<Vec<WebhookAttempt>>,
    seen: Mutex<Vec<Sent>>,
}

#[async_trait]
impl WebhookSender for Recorder {
    async fn send(
        &self,
        url: &str,
        headers: Vec<(&'static str, String)>,
        body: String,
    ) -> WebhookAttempt {
        self.seen
            .lock()
            .unwrap()
            .push((url.to_owned(), headers, body));
        let mut answers = self.answers.lock().unwrap();
        if answers.is_empty() {
            WebhookAttempt::Answered(200)
        } else {
            answers.remove(0)
        }
    }
}

pub async fn webhooks_are_signed_retried_and_given_up(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    let url = |u: &str| NewWebhookInput { url: u.into() };
    assert_eq!(
        code(
            app.create_webhook(&s.c_member, url("https://hooks.example.test/a"))
                .await
        ),
        ErrorCode::Forbidden
    );
    assert_eq!(
        refusal(
            app.create_webhook(&s.c_admin, url("ftp://hooks.example.test"))
                .await
        ),
        (ErrorCode::InvalidInput, Some("url".into()))
    );
    let hook = app
        .create_webhook(&s.c_admin, url("https://hooks.example.test/a"))
        .await
        .unwrap();
    assert!(hook.secret.starts_with("whsec_"));
    let d = s.duty("Restore a backup");
    app.start_duty(&s.c_member, d).await.unwrap();
    app.add_evidence(&s.c_member, d, EvidenceInput::Text { text: "ok".into() })
        .await
        .unwrap();
    app.submit_duty(&s.c_member, d).await.unwrap(); // tells the customer's A (its admins)
    let recorder = Arc::new(Recorder {
        answers: Mutex::new(vec![WebhookAttempt::Answered(503)]),
        seen: Mutex::new(Vec::new()),
    });
    let round = app.deliver_due(recorder.clone()).await.unwrap();
    assert_eq!((round.attempted, round.succeeded), (1, 0));
    let log = app.deliveries(&s.c_admin, hook.webhook.id).await.unwrap();
    assert_eq!(
        (log[0].status, log[0].attempts, log[0].last_status),
        (DeliveryStatus::Pending, 1, Some(503))
    );
    assert!(log[0].next_attempt_at.is_some());
    // Not due again yet: the back-off holds it.
    assert_eq!(
        app.deliver_due(recorder.clone()).await.unwrap().attempted,
        0
    );
    let (sent_to, headers, body) = recorder.seen.lock().unwrap()[0].clone();
    assert_eq!(sent_to, "https://hooks.example.test/a");
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .unwrap()
    };
    let expected =
        raci_app::webhook_signature(&hook.secret, &header("X-Raci-Timestamp"), body.as_bytes());
    assert_eq!(header("X-Raci-Signature"), expected);
    assert_eq!(header("X-Raci-Event"), "duty.signoff");
    assert_eq!(
        header("X-Raci-Delivery"),
        log[0].id.to_string(),
        "the idempotency key"
    );
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["payload"]["duty"], d);
    assert_eq!(log[0].payload.duty, Some(d));
    // Others' webhooks are not found; members may not list them.
    assert_eq!(
        code(app.deliveries(&s.stranger, hook.webhook.id).await),
        ErrorCode::NotFound
    );
    assert_eq!(code(app.webhooks(&s.c_member).await), ErrorCode::Forbidden);
    app.delete_webhook(&s.c_admin, hook.webhook.id)
        .await
        .unwrap();
    assert!(app.webhooks(&s.c_admin).await.unwrap().is_empty());
    assert_eq!(
        app.deliveries(&s.c_admin, hook.webhook.id).await.unwrap()[0].status,
        DeliveryStatus::Failed
    );
    assert_eq!(
        code(app.delete_webhook(&s.c_admin, hook.webhook.id).await),
        ErrorCode::NotFound
    );
}
