//! What the API tests share: a router over a fresh store on either backend,
//! organizations with users and tokens, and requests without a socket.
#![allow(dead_code)]

use axum::{
    body::Body,
    http::{Request, StatusCode},
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
    let store = raci_store::open(&url).await.unwrap();
    let app = router(AppState::new(store.clone()));
    World {
        _dir: Some(dir),
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
    let user = store
        .create_user(
            "test",
            &NewUser {
                org: org.id,
                email: format!("{}-{}@example.test", name.to_lowercase(), role),
                name: name.to_owned(),
                role,
                password_hash: None,
            },
        )
        .await
        .unwrap();
    let token = store.create_api_token("test", user.id, None).await.unwrap();
    (org.id, token.secret)
}

pub async fn call(
    app: &Router,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: Option<Body>,
    json_body: bool,
) -> (StatusCode, Value) {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    if json_body {
        request = request.header("content-type", "application/json");
    }
    let request = request.body(body.unwrap_or_else(Body::empty)).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
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

pub async fn post_json(app: &Router, uri: &str, token: &str, body: Value) -> (StatusCode, Value) {
    call(
        app,
        "POST",
        uri,
        Some(token),
        Some(Body::from(body.to_string())),
        true,
    )
    .await
}

/// A world on a fresh database of the PostgreSQL server that
/// `RACI_TEST_POSTGRES_URL` names, or none (said on stderr) when it is unset.
#[allow(clippy::print_stderr)]
pub async fn postgres_world() -> Option<World> {
    let url = postgres_database().await?;
    let store = raci_store::open(&url).await.unwrap();
    let app = router(AppState::new(store.clone()));
    Some(World {
        _dir: None,
        store,
        app,
    })
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
