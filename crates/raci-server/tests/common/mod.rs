//! What the API tests share: a router over a fresh store on either backend,
//! organizations with users and tokens, a published and subscribed service,
//! requests without a socket, and `on_both_backends!` to run a check on each.
#![allow(dead_code)]

use axum::{
    body::Body,
    http::{HeaderMap, Request, StatusCode},
    Router,
};
use raci_server::{router, AppState};
use raci_store::{NewUser, OrgKind, Store, UserRole};
use serde_json::Value;
use std::sync::Arc;
use tower::ServiceExt;

pub const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/queue-service.en.md"
);

pub struct World {
    pub _dir: Option<tempfile::TempDir>,
    pub store: Arc<dyn Store>,
    pub app: Router,
}

/// A world on a temporary SQLite file.
pub async fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("raci.db").display());
    world_on(&url, Some(dir)).await
}

/// A router over the store at `url`; `dir` holds its files, if any.
async fn world_on(url: &str, dir: Option<tempfile::TempDir>) -> World {
    let store = raci_store::open(url).await.unwrap();
    let app = router(AppState::new(store.clone()));
    World {
        _dir: dir,
        store,
        app,
    }
}

/// An organization with one user of the given role, and that user's token.
pub async fn member(
    store: &Arc<dyn Store>,
    name: &str,
    kind: OrgKind,
    role: UserRole,
) -> (i64, String) {
    let org = store.create_organization("test", name, kind).await.unwrap();
    let email = format!("{}-{}@example.test", name.to_lowercase(), role);
    let (_, token) = named_user(store, org.id, &email, name, role).await;
    (org.id, token)
}

/// Another user of `org`, named after its e-mail's local part, with a token:
/// (user id, token).
pub async fn user(store: &Arc<dyn Store>, org: i64, email: &str, role: UserRole) -> (i64, String) {
    let name = email.split('@').next().unwrap_or(email);
    named_user(store, org, email, name, role).await
}

async fn named_user(
    store: &Arc<dyn Store>,
    org: i64,
    email: &str,
    name: &str,
    role: UserRole,
) -> (i64, String) {
    let user = store
        .create_user(
            "test",
            &NewUser {
                org,
                email: email.to_owned(),
                name: name.to_owned(),
                role,
                password_hash: None,
            },
        )
        .await
        .unwrap();
    (user.id, token(store, user.id).await)
}

/// A new API token of user `user`: its secret.
pub async fn token(store: &Arc<dyn Store>, user: i64) -> String {
    store
        .create_api_token("test", user, None)
        .await
        .unwrap()
        .secret
}

/// A provider's service `queue` at edition 1 of `document`, and `customer`'s
/// subscription to it: (service id, subscription id).
pub async fn publish_and_subscribe(
    store: &Arc<dyn Store>,
    provider: i64,
    customer: i64,
    document: &Value,
) -> (i64, i64) {
    let service = store
        .create_service("test", provider, "queue", "Queue")
        .await
        .unwrap();
    store
        .publish_edition("test", service.id, &document.to_string())
        .await
        .unwrap();
    let sub = store.subscribe("test", customer, service.id).await.unwrap();
    (service.id, sub.id)
}

/// The raw answer to a request: status, headers and body bytes.
pub async fn raw(
    app: &Router,
    method: &str,
    uri: &str,
    token: Option<&str>,
    content_type: Option<&str>,
    body: Body,
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    let request = request.body(body).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, headers, bytes.to_vec())
}

pub async fn call(
    app: &Router,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: Option<Body>,
    json_body: bool,
) -> (StatusCode, Value) {
    let content_type = json_body.then_some("application/json");
    let body = body.unwrap_or_else(Body::empty);
    let (status, _, bytes) = raw(app, method, uri, token, content_type, body).await;
    let value = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
    };
    (status, value)
}

pub async fn get(app: &Router, uri: &str, token: Option<&str>) -> (StatusCode, Value) {
    call(app, "GET", uri, token, None, false).await
}

/// A request with a JSON body.
pub async fn send_json(
    app: &Router,
    method: &str,
    uri: &str,
    token: &str,
    body: Value,
) -> (StatusCode, Value) {
    let body = Some(Body::from(body.to_string()));
    call(app, method, uri, Some(token), body, true).await
}

pub async fn post_json(app: &Router, uri: &str, token: &str, body: Value) -> (StatusCode, Value) {
    send_json(app, "POST", uri, token, body).await
}

pub async fn put_json(app: &Router, uri: &str, token: &str, body: Value) -> (StatusCode, Value) {
    send_json(app, "PUT", uri, token, body).await
}

/// A POST of raw bytes without a content type, as an edition is published.
pub async fn post_bytes(
    app: &Router,
    uri: &str,
    token: &str,
    bytes: Vec<u8>,
) -> (StatusCode, Value) {
    call(
        app,
        "POST",
        uri,
        Some(token),
        Some(Body::from(bytes)),
        false,
    )
    .await
}

/// A request without a body.
pub async fn bodiless(app: &Router, method: &str, uri: &str, token: &str) -> (StatusCode, Value) {
    call(app, method, uri, Some(token), None, false).await
}

/// A world on a fresh database of the PostgreSQL server that
/// `RACI_TEST_POSTGRES_URL` names, or none (said on stderr) when it is unset.
pub async fn postgres_world() -> Option<World> {
    let url = postgres_database().await?;
    Some(world_on(&url, None).await)
}

/// The URL of a new, empty database on the test PostgreSQL server, or none
/// (said on stderr) when `RACI_TEST_POSTGRES_URL` is unset.
#[allow(clippy::print_stderr)]
pub async fn postgres_database() -> Option<String> {
    let Ok(url) = std::env::var("RACI_TEST_POSTGRES_URL") else {
        eprintln!("skipped: RACI_TEST_POSTGRES_URL is not set (see scripts/with-postgres.sh)");
        return None;
    };
    use sqlx::Connection;
    let mut admin = sqlx::PgConnection::connect(&url).await.unwrap();
    let mut rnd = [0u8; 8];
    getrandom::fill(&mut rnd).unwrap();
    let name = format!("raci_test_{}", hex::encode(rnd));
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    let (base, _) = url.rsplit_once('/').expect("a URL ending in /DATABASE");
    Some(format!("{base}/{name}"))
}

/// Instantiates each `async fn check(World)` as a test on SQLite and one on
/// PostgreSQL (which returns at once, said on stderr, without
/// `RACI_TEST_POSTGRES_URL`): either as `check::sqlite` and
/// `check::postgres`, or under the two names given after `=>`.
#[allow(unused_macros)]
macro_rules! on_both_backends {
    ($($check:ident),* $(,)?) => {$(
        mod $check {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$check($crate::common::world().await).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(w) = $crate::common::postgres_world().await {
                    super::$check(w).await;
                }
            }
        }
    )*};
    ($($check:ident => $sqlite:ident, $postgres:ident);* $(;)?) => {$(
        #[tokio::test]
        async fn $sqlite() {
            $check($crate::common::world().await).await;
        }
        #[tokio::test]
        async fn $postgres() {
            if let Some(w) = $crate::common::postgres_world().await {
                $check(w).await;
            }
        }
    )*};
}
#[allow(unused_imports)]
pub(crate) use on_both_backends;
