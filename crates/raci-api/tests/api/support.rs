//! Requests through the router, without a socket.
#![allow(dead_code)]

use axum::{
    body::Body,
    http::{HeaderMap, Request, StatusCode},
    Router,
};
use raci_app::test_support::World;
use serde_json::Value;
use tower::ServiceExt;

pub fn router(w: &World) -> Router {
    raci_api::router(raci_api::ApiState {
        app: w.app.clone(),
        secure_cookies: false,
    })
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }

    /// The error's code and field.
    pub fn error(&self) -> (u16, String, Option<String>) {
        let v = self.json();
        (
            self.status.as_u16(),
            v["error"]["code"].as_str().unwrap_or_default().to_owned(),
            v["error"]["field"].as_str().map(str::to_owned),
        )
    }

    /// Asserts the answer is the error of this status, code and field.
    #[track_caller]
    pub fn assert_error(&self, status: u16, code: &str, field: Option<&str>) {
        assert_eq!(
            self.error(),
            (status, code.to_owned(), field.map(str::to_owned)),
            "{}",
            self.json()
        );
    }
}

/// Sends one request; `headers` are name/value pairs.
pub async fn send(
    app: &Router,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> Answer {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    Answer {
        status,
        headers,
        bytes,
    }
}

pub async fn get(app: &Router, uri: &str, token: &str) -> Answer {
    let auth = format!("Bearer {token}");
    send(app, "GET", uri, &[("authorization", &auth)], Vec::new()).await
}

pub async fn post_json(app: &Router, uri: &str, token: &str, body: &str) -> Answer {
    let auth = format!("Bearer {token}");
    send(
        app,
        "POST",
        uri,
        &[
            ("authorization", &auth),
            ("content-type", "application/json"),
        ],
        body.as_bytes().to_vec(),
    )
    .await
}
