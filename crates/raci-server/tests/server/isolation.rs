//! Isolation, exhaustively: every operation of the OpenAPI document is
//! called, with the real ids of a victim organization's objects (Acme, a
//! customer of Nimbus's service), by each of six callers — no credentials,
//! a revoked token of Acme's own admin, another customer's admin, the
//! admin of a provider of another service, an auditor and a member of Acme
//! — and each answer is checked against the table `isolation.toml` (data,
//! reviewed by hand): exactly its status, never a 5xx, never a body naming
//! Acme for a caller outside it. An operation without its row fails the
//! test, and so does a row whose operation is gone.
//!
//! `RACI_ISOLATION_RECORD=1` prints the statuses seen as rows of the table,
//! to review (not to copy blindly) when an operation is added.

#![allow(clippy::print_stderr)] // the record mode prints the rows it saw

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::Request;
use axum::Router;
use raci_app::test_support::{World, MATRIX};
use raci_store::{OrgKind, UserRole};
use serde::Deserialize;
use serde_json::{json, Value};
use tower::ServiceExt;

/// The callers, in the order they call (the ones that may change Acme's
/// data last): the table's columns.
const CALLERS: [&str; 6] = [
    "none", "revoked", "stranger", "provider", "auditor", "member",
];

/// The expected table: for each operation, each caller's status, and the
/// body its call sends.
#[derive(Deserialize)]
struct Table {
    expect: BTreeMap<String, BTreeMap<String, u16>>,
    body: BTreeMap<String, Payload>,
}

/// A request body of the table: JSON, or text of a media type.
#[derive(Deserialize)]
#[serde(untagged)]
enum Payload {
    Json { json: Value },
    Text { media_type: String, text: String },
}

impl Payload {
    /// The body with each `"$object"` string replaced by the id of Acme's object.
    fn with_ids(&self, ids: &BTreeMap<&str, String>) -> Payload {
        match self {
            Payload::Json { json } => {
                let mut text = json.to_string();
                for (object, id) in ids {
                    text = text.replace(&format!("\"${object}\""), id);
                }
                Payload::Json {
                    json: serde_json::from_str(&text).unwrap(),
                }
            }
            Payload::Text { media_type, text } => Payload::Text {
                media_type: media_type.clone(),
                text: text.clone(),
            },
        }
    }
}

/// The second edition of the builders' matrix: one row's letters change,
/// so subscribers get a change notice.
fn second_edition() -> String {
    let edition = MATRIX.replace(
        "| Size the cluster | RA | I |",
        "| Size the cluster | R | A |",
    );
    assert_ne!(edition, MATRIX);
    edition
}

/// One operation of the document.
struct Operation {
    id: String,
    method: String,
    path: String,
}

fn operations() -> Vec<Operation> {
    let doc = serde_json::to_value(raci_api::openapi_document()).unwrap();
    let mut found = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            found.push(Operation {
                id: op["operationId"].as_str().unwrap().to_owned(),
                method: method.to_uppercase(),
                path: path.clone(),
            });
        }
    }
    found
}

/// Acme's objects, and every caller's token.
struct Victim {
    router: Router,
    tokens: BTreeMap<&'static str, Option<String>>,
    ids: BTreeMap<&'static str, String>,
    _world: World,
}

async fn call(
    router: &Router,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: Option<&Payload>,
) -> (u16, Vec<u8>) {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let bytes = match body {
        None => Vec::new(),
        Some(Payload::Json { json }) => {
            request = request.header("content-type", "application/json");
            json.to_string().into_bytes()
        }
        Some(Payload::Text { media_type, text }) => {
            request = request.header("content-type", media_type);
            text.clone().into_bytes()
        }
    };
    let response = router
        .clone()
        .oneshot(request.body(Body::from(bytes)).unwrap())
        .await
        .unwrap();
    let status = response.status().as_u16();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, bytes.to_vec())
}

/// A call that must succeed while setting the scene; its JSON.
async fn ok(router: &Router, method: &str, uri: &str, token: &str, body: Value) -> Value {
    let body = (!body.is_null()).then_some(Payload::Json { json: body });
    let (status, bytes) = call(router, method, uri, Some(token), body.as_ref()).await;
    let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    assert!(status < 300, "{method} {uri}: {status} {value}");
    value
}

fn id(v: &Value) -> String {
    v["id"].as_i64().expect("an id").to_string()
}

/// The id of the item of a list whose `field` is `value`.
fn id_where(list: &Value, field: &str, value: &str) -> String {
    let found = list
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item[field] == value);
    id(found.unwrap_or_else(|| panic!("no {field} {value:?} in {list}")))
}

/// A fresh instance where Acme has one of everything.
async fn victim() -> Victim {
    let w = World::on("sqlite").await.unwrap();
    let router = raci_server::router(w.app.clone(), &raci_server::ServerConfig::default());
    let (nimbus, nimbus_token) = w.org_with_token("Nimbus", OrgKind::Provider).await;
    let (acme, acme_token) = w.org_with_token("Acme", OrgKind::Customer).await;
    let (_, member) = w
        .user_with_token(acme.org.id, "member@acme.example", UserRole::Member)
        .await;
    let (_, auditor) = w
        .user_with_token(acme.org.id, "auditor@acme.example", UserRole::Auditor)
        .await;
    let (umbrella, stranger) = w.org_with_token("Umbrella", OrgKind::Customer).await;
    let (other, provider) = w.org_with_token("Otherco", OrgKind::Provider).await;
    let service = w.service(&nimbus, "queue", MATRIX).await;
    w.service(&other, "other", MATRIX).await;
    let subscription = w.subscribe(&acme, service).await;
    w.subscribe(&umbrella, service).await;

    let api = |path: &str| format!("/api/v1{path}");
    let acme_ok = |method: &'static str, path: String, body: Value| {
        let (router, token) = (router.clone(), acme_token.clone());
        async move { ok(&router, method, &api(&path), &token, body).await }
    };
    let revoked = acme_ok("POST", "/tokens".into(), json!({})).await;
    let revoked_secret = revoked["secret"].as_str().unwrap().to_owned();
    let revoked_id = id(&revoked["token"]);
    acme_ok("DELETE", format!("/tokens/{revoked_id}"), Value::Null).await;
    let token = acme_ok("POST", "/tokens".into(), json!({})).await;
    let hook = acme_ok(
        "POST",
        "/webhooks".into(),
        json!({"url": "http://127.0.0.1:9/acme-hook"}),
    )
    .await;
    let team = acme_ok("POST", "/teams".into(), json!({"name": "acme-team"})).await;
    let users = acme_ok("GET", "/users".into(), Value::Null).await;
    let member_id = id_where(&users, "email", "member@acme.example");
    acme_ok(
        "PUT",
        format!("/teams/{}/members/{member_id}", id(&team)),
        Value::Null,
    )
    .await;
    let duties = acme_ok(
        "GET",
        format!("/subscriptions/{subscription}/duties"),
        Value::Null,
    )
    .await;
    let duty = id_where(&duties, "text", "Back up the queue definitions");
    acme_ok("POST", format!("/duties/{duty}/start"), json!({})).await;
    let evidence = acme_ok(
        "POST",
        format!("/duties/{duty}/evidence"),
        json!({"kind": "text", "text": "acme-evidence"}),
    )
    .await;
    acme_ok("POST", format!("/duties/{duty}/submit"), json!({})).await;
    let consultations = acme_ok("GET", format!("/duties/{duty}/consultations"), Value::Null).await;
    let consultation = id(&consultations[0]);
    acme_ok(
        "POST",
        format!("/subscriptions/{subscription}/events"),
        json!({"kind": "incident", "title": "acme incident: back up the queue definitions"}),
    )
    .await;
    let published = call(
        &router,
        "POST",
        &api(&format!("/services/{service}/editions")),
        Some(&nimbus_token),
        Some(&Payload::Text {
            media_type: "text/markdown".into(),
            text: second_edition(),
        }),
    )
    .await;
    assert_eq!(
        published.0,
        201,
        "{}",
        String::from_utf8_lossy(&published.1)
    );
    let notices = acme_ok(
        "GET",
        format!("/subscriptions/{subscription}/change-notices"),
        Value::Null,
    )
    .await;
    let inbox = acme_ok("GET", "/inbox".into(), Value::Null).await;

    let ids = BTreeMap::from([
        ("service", service.to_string()),
        ("edition", "2".to_owned()),
        ("subscription", subscription.to_string()),
        ("duty", duty),
        ("consultation", consultation),
        ("evidence", id(&evidence)),
        ("notice", id(&notices[0])),
        ("inbox", id(&inbox[0])),
        ("team", id(&team)),
        ("user", member_id),
        ("token", id(&token["token"])),
        ("webhook", id(&hook["webhook"])),
    ]);
    let tokens = BTreeMap::from([
        ("none", None),
        ("revoked", Some(revoked_secret)),
        ("stranger", Some(stranger)),
        ("provider", Some(provider)),
        ("auditor", Some(auditor)),
        ("member", Some(member)),
    ]);
    Victim {
        router,
        tokens,
        ids,
        _world: w,
    }
}

/// The path with each parameter replaced by the id of Acme's object it
/// names (the segment before it says which).
fn concrete(path: &str, ids: &BTreeMap<&str, String>) -> String {
    let segments: Vec<&str> = path.split('/').collect();
    let mut out = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        if !segment.starts_with('{') {
            out.push((*segment).to_owned());
            continue;
        }
        let object = match segments[i - 1] {
            "services" => "service",
            "editions" => "edition",
            "subscriptions" => "subscription",
            "duties" => "duty",
            "consultations" => "consultation",
            "evidence" => "evidence",
            "change-notices" => "notice",
            "inbox" => "inbox",
            "teams" => "team",
            "members" | "users" => "user",
            "tokens" => "token",
            "webhooks" => "webhook",
            other => panic!("{path}: no object of Acme's for a parameter after {other:?}"),
        };
        out.push(ids[object].clone());
    }
    out.join("/")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_against_every_stranger() {
    let table: Table = toml::from_str(include_str!("isolation.toml")).unwrap();
    let operations = operations();
    let missing: Vec<&str> = operations
        .iter()
        .map(|o| o.id.as_str())
        .filter(|id| !table.expect.contains_key(*id))
        .collect();
    let record = std::env::var_os("RACI_ISOLATION_RECORD").is_some();
    assert!(
        record || missing.is_empty(),
        "operations without a row in isolation.toml: {missing:?}"
    );
    let gone: Vec<&String> = table
        .expect
        .keys()
        .filter(|id| !operations.iter().any(|o| &o.id == *id))
        .collect();
    assert!(
        gone.is_empty(),
        "rows of isolation.toml for no operation: {gone:?}"
    );

    let mut wrong = Vec::new();
    for op in &operations {
        // A fresh instance for each operation: a write that succeeds for
        // one caller changes nothing the next operation sees.
        let v = victim().await;
        let uri = concrete(&op.path, &v.ids);
        let mut seen = Vec::new();
        for caller in CALLERS {
            let token = v.tokens[caller].as_deref();
            let body = table.body.get(&op.id).map(|b| b.with_ids(&v.ids));
            let (status, bytes) = call(&v.router, &op.method, &uri, token, body.as_ref()).await;
            seen.push(format!("{caller} = {status}"));
            let text = String::from_utf8_lossy(&bytes).to_lowercase();
            let outsider = !["auditor", "member"].contains(&caller);
            if status >= 500 {
                wrong.push(format!("{} as {caller}: {status} {text}", op.id));
            }
            if outsider && (200..300).contains(&status) && text.contains("acme") {
                wrong.push(format!(
                    "{} as {caller}: Acme's data answered: {text}",
                    op.id
                ));
            }
            if status >= 400 {
                let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
                if body["error"]["code"].as_str().is_none() {
                    wrong.push(format!(
                        "{} as {caller}: {status} without an error body",
                        op.id
                    ));
                }
            }
            let expected = table.expect.get(&op.id).and_then(|row| row.get(caller));
            if !record && expected != Some(&status) {
                wrong.push(format!(
                    "{} ({} {uri}) as {caller}: {status}, the table says {expected:?}: {text:.200}",
                    op.id, op.method
                ));
            }
        }
        if record {
            eprintln!("{} = {{ {} }}", op.id, seen.join(", "));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
