//! Webhook deliveries from the server's worker to a real local receiver,
//! which checks every signature: retried on failures, then delivered once.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    routing::post,
    Router,
};
use raci_app::views::{
    DeliveryView, DutyView, EvidenceView, NewWebhookView, ServiceView, SubscriptionView,
};
use raci_store::{DeliveryStatus, OrgKind, UserRole};
use reqwest::Method;
use serde_json::json;

use crate::instance::Instance;

/// What the receiver saw, and how it answers.
struct Receiver {
    secret: Mutex<String>,
    script: Mutex<Vec<u16>>,
    seen: Mutex<Vec<(String, bool)>>,
}

async fn receive(State(r): State<Arc<Receiver>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let header = |n: &str| {
        headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let expected = raci_app::webhook_signature(
        &r.secret.lock().unwrap(),
        &header("x-raci-timestamp"),
        &body,
    );
    let valid = header("x-raci-signature") == expected;
    r.seen
        .lock()
        .unwrap()
        .push((header("x-raci-delivery"), valid));
    let mut script = r.script.lock().unwrap();
    let status = if script.is_empty() {
        200
    } else {
        script.remove(0)
    };
    StatusCode::from_u16(status).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn deliveries_are_signed_retried_and_delivered_once() {
    let one = Instance::start("sqlite").await.unwrap();
    let receiver = Arc::new(Receiver {
        secret: Mutex::new(String::new()),
        script: Mutex::new(vec![500, 502]),
        seen: Mutex::new(Vec::new()),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook_url = format!("http://{}/hook", listener.local_addr().unwrap());
    let app = Router::new()
        .route("/hook", post(receive))
        .with_state(receiver.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let p = one
        .app
        .bootstrap_organization("Nimbus", OrgKind::Provider)
        .await
        .unwrap()
        .id;
    let c = one
        .app
        .bootstrap_organization("Acme", OrgKind::Customer)
        .await
        .unwrap()
        .id;
    let secret = |org, email: &str| {
        let app = one.app.clone();
        let email = email.to_owned();
        async move {
            let user = app
                .bootstrap_user(
                    org,
                    raci_app::NewUserInput {
                        email,
                        name: "N".into(),
                        role: UserRole::Admin,
                        password: None,
                    },
                )
                .await
                .unwrap();
            app.bootstrap_token(user.id, None).await.unwrap().secret
        }
    };
    let provider = one.client(&secret(p, "admin@nimbus.example").await);
    let customer = one.client(&secret(c, "admin@acme.example").await);
    let svc: ServiceView = provider
        .ok(Method::POST, "/services", json!({"slug": "q", "name": "Q"}))
        .await;
    let matrix = "# Q\n\n| Activity | Customer | Nimbus |\n| --- | --- | --- |\n| Back up the queues | RA | I |\n";
    provider
        .upload::<serde_json::Value>(
            &format!("/services/{}/editions", svc.id),
            "text/markdown",
            matrix.into(),
        )
        .await
        .1
        .unwrap();
    let hook: NewWebhookView = customer
        .ok(Method::POST, "/webhooks", json!({"url": hook_url}))
        .await;
    *receiver.secret.lock().unwrap() = hook.secret.clone();
    let sub: SubscriptionView = customer
        .ok(Method::POST, "/subscriptions", json!({"service": svc.id}))
        .await;
    let duties: Vec<DutyView> = customer
        .got(&format!("/subscriptions/{}/duties", sub.id))
        .await;
    let d = format!("/duties/{}", duties[0].id);
    customer
        .ok::<DutyView>(Method::POST, &format!("{d}/start"), json!({}))
        .await;
    customer
        .ok::<EvidenceView>(
            Method::POST,
            &format!("{d}/evidence"),
            json!({"kind": "text", "text": "done"}),
        )
        .await;
    customer
        .ok::<DutyView>(Method::POST, &format!("{d}/submit"), json!({}))
        .await;

    // The worker retries twice, then the receiver takes it.
    let log_path = format!("/webhooks/{}/deliveries", hook.webhook.id);
    let mut log: Vec<DeliveryView> = Vec::new();
    for _ in 0..100 {
        log = customer.got(&log_path).await;
        if log
            .first()
            .is_some_and(|d| d.status == DeliveryStatus::Delivered)
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let delivered = &log[0];
    assert_eq!(
        (delivered.status, delivered.attempts, delivered.last_status),
        (DeliveryStatus::Delivered, 2, Some(200))
    );
    let seen = receiver.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 3);
    assert!(
        seen.iter()
            .all(|(id, valid)| *valid && *id == delivered.id.to_string()),
        "{seen:?}"
    );
    one.shutdown().await;
}
