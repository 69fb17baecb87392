//! The inbox and webhooks over the API, and the delivery worker against a
//! real local receiver that checks every signature.

mod common;

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    routing::post,
    Router,
};
use common::{bodiless, get, member, on_both_backends, post_json, user, World};
use hmac::{Hmac, Mac};
use raci_server::{webhooks::Worker, AppState, ServerConfig};
use raci_store::{OrgKind, RetryPolicy, UserRole};
use serde_json::{json, Value};
use sha2::Sha256;

/// What the receiver saw, and how it answers the next calls.
#[derive(Default)]
struct Receiver {
    secret: Mutex<String>,
    /// Statuses to answer, in order; 200 once they run out.
    script: Mutex<Vec<u16>>,
    calls: Mutex<Vec<Value>>,
    bad_signatures: Mutex<usize>,
}

async fn receive(State(r): State<Arc<Receiver>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let timestamp = header("x-raci-timestamp");
    let secret = r.secret.lock().unwrap().clone();
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.").as_bytes());
    mac.update(&body);
    let expected = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
    if header("x-raci-signature") != expected {
        *r.bad_signatures.lock().unwrap() += 1;
    }
    let mut seen: Value = serde_json::from_slice(&body).unwrap();
    seen["event_header"] = header("x-raci-event").into();
    seen["delivery_header"] = header("x-raci-delivery").into();
    r.calls.lock().unwrap().push(seen);
    let mut script = r.script.lock().unwrap();
    if script.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::from_u16(script.remove(0)).unwrap()
    }
}

/// A receiver on 127.0.0.1:0, answering `script` then 200; its URL.
async fn receiver(script: Vec<u16>) -> (Arc<Receiver>, String) {
    let r = Arc::new(Receiver::default());
    *r.script.lock().unwrap() = script;
    let app = Router::new()
        .route("/hook", post(receive))
        .with_state(r.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (r, url)
}

/// A worker retrying after 2 ms, 4 ms… at most `max_attempts` times.
fn fast_worker(w: &World, max_attempts: i64) -> Worker {
    let config = ServerConfig {
        webhook_retry: RetryPolicy {
            base_ms: 1,
            cap_ms: 50,
            max_attempts,
        },
        ..ServerConfig::default()
    };
    Worker::new(AppState::with_config(w.store.clone(), config))
}

/// Runs worker rounds until the delivery log's newest entry is no longer pending.
async fn drain(worker: &Worker, w: &World, token: &str, hook: i64) -> Value {
    for _ in 0..200 {
        worker.deliver_due().await.unwrap();
        let (status, log) = get(
            &w.app,
            &format!("/api/v1/webhooks/{hook}/deliveries"),
            Some(token),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{log}");
        if log[0]["status"] != "pending" {
            return log;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    panic!("the delivery stayed pending");
}

async fn create_hook(w: &World, token: &str, url: &str) -> (i64, String) {
    let (status, hook) = post_json(&w.app, "/api/v1/webhooks", token, json!({"url": url})).await;
    assert_eq!(status, StatusCode::CREATED, "{hook}");
    (
        hook["id"].as_i64().unwrap(),
        hook["secret"].as_str().unwrap().to_owned(),
    )
}

async fn retried_then_delivered(w: World) {
    let (org, admin) = member(&w.store, "Acme", OrgKind::Customer, UserRole::Admin).await;
    let (r, url) = receiver(vec![500, 500]).await;
    let (hook, secret) = create_hook(&w, &admin, &url).await;
    *r.secret.lock().unwrap() = secret;
    w.store
        .notify_event(org, &[], "duty.done", "duty:42", &json!({"duty": 42}))
        .await
        .unwrap();

    let log = drain(&fast_worker(&w, 8), &w, &admin, hook).await;
    assert_eq!(log.as_array().unwrap().len(), 1);
    let d = &log[0];
    assert_eq!(d["status"], "delivered", "{d}");
    assert_eq!(
        d["attempts"], 2,
        "two failed attempts before the success: {d}"
    );
    assert_eq!(d["last_status"], 200);
    assert!(d["delivered_at"].is_i64());
    assert_eq!(d["next_attempt_at"], Value::Null);

    let calls = r.calls.lock().unwrap().clone();
    assert_eq!(calls.len(), 3, "{calls:?}");
    assert_eq!(
        *r.bad_signatures.lock().unwrap(),
        0,
        "every signature checks"
    );
    for c in &calls {
        assert_eq!(c["id"], d["id"]);
        assert_eq!(c["kind"], "duty.done");
        assert_eq!(c["subject"], "duty:42");
        assert_eq!(c["payload"], json!({"duty": 42}));
        assert_eq!(c["event_header"], "duty.done");
        assert_eq!(c["delivery_header"], d["id"].to_string());
    }
    // Nothing is sent twice once delivered.
    assert_eq!(fast_worker(&w, 8).deliver_due().await.unwrap(), 0);
    assert_eq!(r.calls.lock().unwrap().len(), 3);
}

async fn a_wrong_secret_is_detected(w: World) {
    let (org, admin) = member(&w.store, "Acme", OrgKind::Customer, UserRole::Admin).await;
    let (r, url) = receiver(vec![]).await;
    create_hook(&w, &admin, &url).await;
    *r.secret.lock().unwrap() = "whsec_not_the_one".into();
    w.store
        .notify_event(org, &[], "k", "s", &json!({}))
        .await
        .unwrap();
    assert_eq!(fast_worker(&w, 8).deliver_due().await.unwrap(), 1);
    assert_eq!(
        *r.bad_signatures.lock().unwrap(),
        1,
        "the receiver can tell"
    );
}

async fn dead_url_fails_after_max_attempts(w: World) {
    let (org, admin) = member(&w.store, "Acme", OrgKind::Customer, UserRole::Admin).await;
    // A port that was just free: nothing listens there.
    let dead = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", dead.local_addr().unwrap());
    drop(dead);
    let (hook, _) = create_hook(&w, &admin, &url).await;
    w.store
        .notify_event(org, &[], "k", "s", &json!({}))
        .await
        .unwrap();
    let log = drain(&fast_worker(&w, 3), &w, &admin, hook).await;
    let d = &log[0];
    assert_eq!(d["status"], "failed", "{d}");
    assert_eq!(d["attempts"], 3);
    assert_eq!(d["last_status"], Value::Null);
    assert!(
        d["last_error"]
            .as_str()
            .unwrap()
            .starts_with("cannot reach the receiver"),
        "{d}"
    );
    assert_eq!(d["delivered_at"], Value::Null);
}

async fn webhook_api_rules(w: World) {
    let (_, admin) = member(&w.store, "Acme", OrgKind::Customer, UserRole::Admin).await;
    let (_, other_admin) = member(&w.store, "Other", OrgKind::Customer, UserRole::Admin).await;
    let (_, auditor) = member(&w.store, "Audit", OrgKind::Customer, UserRole::Auditor).await;

    for bad in [
        "ftp://x.test/",
        "not a url",
        "http://",
        "javascript:alert(1)",
    ] {
        let (status, body) =
            post_json(&w.app, "/api/v1/webhooks", &admin, json!({"url": bad})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {body}");
        assert_eq!(body["error"]["field"], "url");
    }
    let (status, _) = post_json(
        &w.app,
        "/api/v1/webhooks",
        &auditor,
        json!({"url": "https://x.test/"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (hook, secret) = create_hook(&w, &admin, "https://hooks.acme.test/raci").await;
    assert!(secret.starts_with("whsec_"));
    let (status, list) = get(&w.app, "/api/v1/webhooks", Some(&admin)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["url"], "https://hooks.acme.test/raci");
    assert!(list[0].get("secret").is_none(), "the secret is shown once");
    let (_, list) = get(&w.app, "/api/v1/webhooks", Some(&other_admin)).await;
    assert_eq!(list, json!([]));

    // Another organization's webhook does not exist for them.
    let path = format!("/api/v1/webhooks/{hook}");
    let (status, _) = bodiless(&w.app, "DELETE", &path, &other_admin).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = get(&w.app, &format!("{path}/deliveries"), Some(&other_admin)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = bodiless(&w.app, "DELETE", &path, &admin).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = bodiless(&w.app, "DELETE", &path, &admin).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, list) = get(&w.app, "/api/v1/webhooks", Some(&admin)).await;
    assert_eq!(list, json!([]));
}

async fn inbox_is_the_callers_own(w: World) {
    let (org, alice) = member(&w.store, "Acme", OrgKind::Customer, UserRole::Member).await;
    let (_, bob_token) = user(&w.store, org, "bob@acme.test", UserRole::Member).await;
    let alice_id = w.store.list_users(org).await.unwrap()[0].id;
    w.store
        .notify_event(org, &[alice_id], "duty.done", "duty:1", &json!({"duty": 1}))
        .await
        .unwrap();

    let (status, items) = get(&w.app, "/api/v1/inbox", Some(&alice)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(items.as_array().unwrap().len(), 1);
    assert_eq!(items[0]["payload"], json!({"duty": 1}));
    let id = items[0]["id"].as_i64().unwrap();
    let (_, theirs) = get(&w.app, "/api/v1/inbox", Some(&bob_token)).await;
    assert_eq!(theirs, json!([]));

    let read = format!("/api/v1/inbox/{id}/read");
    let (status, _) = post_json(&w.app, &read, &bob_token, json!({})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, item) = post_json(&w.app, &read, &alice, json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert!(item["read_at"].is_i64());
    let (_, unread) = get(&w.app, "/api/v1/inbox?unread=true", Some(&alice)).await;
    assert_eq!(unread, json!([]));
    let (_, all) = get(&w.app, "/api/v1/inbox?unread=false", Some(&alice)).await;
    assert_eq!(all.as_array().unwrap().len(), 1);
    let (status, _) = get(&w.app, "/api/v1/inbox", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

on_both_backends!(
    retried_then_delivered,
    a_wrong_secret_is_detected,
    dead_url_fails_after_max_attempts,
    webhook_api_rules,
    inbox_is_the_callers_own,
);
