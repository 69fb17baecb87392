//! The limits of a running server, over a real socket: per-token and
//! per-address rates answered 429 with `Retry-After` in the API's error
//! format (the health check exempt), slow clients cut off at the header and
//! body timeouts, and connections past the cap left waiting.

use std::time::Duration;

use raci_server::{Limits, Rate};
use raci_store::{OrgKind, UserRole};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::instance::Instance;

/// A generous bound on how long a cut-off may take to come: the test
/// checks that it comes at all, not how fast.
const PATIENCE: Duration = Duration::from_secs(20);

async fn token(one: &Instance, org: &str, email: &str) -> String {
    let org = one
        .app
        .bootstrap_organization(org, OrgKind::Customer)
        .await
        .unwrap()
        .id;
    let input = raci_app::NewUserInput {
        email: email.into(),
        name: "N".into(),
        role: UserRole::Admin,
        password: None,
    };
    let user = one.app.bootstrap_user(org, input).await.unwrap();
    one.app.bootstrap_token(user.id, None).await.unwrap().secret
}

fn slow(per_token: Rate, per_address: Rate) -> Limits {
    Limits {
        per_token,
        per_address,
        ..Limits::default()
    }
}

const OFF: Rate = Rate {
    per_second: 0,
    burst: 0,
};
const ONE_A_SECOND: Rate = Rate {
    per_second: 1,
    burst: 3,
};

/// The address the instance listens on, `127.0.0.1:PORT`.
fn address(one: &Instance) -> String {
    one.base
        .trim_start_matches("http://")
        .trim_end_matches("/api/v1")
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_past_its_rate_is_answered_429_with_retry_after() {
    let one = Instance::start_with("sqlite", slow(ONE_A_SECOND, OFF))
        .await
        .unwrap();
    let busy = one.client(&token(&one, "Acme", "a@acme.test").await);
    let other = one.client(&token(&one, "Umbrella", "u@umbrella.test").await);
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(
            busy.raw(reqwest::Method::GET, "/me", None, Vec::new())
                .await,
        );
    }
    let limited = statuses
        .iter()
        .position(|r| r.status() == 429)
        .expect("the busy token was never limited");
    assert!(limited >= 3, "limited after {limited} requests, burst is 3");
    let refusal = statuses.remove(limited);
    let retry: u64 = refusal.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry >= 1, "Retry-After: {retry}");
    let body: serde_json::Value = refusal.json().await.unwrap();
    assert_eq!(body["error"]["code"], "too_many_requests", "{body}");
    // Another token is not held back, nor is the health check.
    let (status, _) = other.get::<serde_json::Value>("/me").await;
    assert_eq!(status, 200);
    for _ in 0..10 {
        let health = busy
            .raw(reqwest::Method::GET, "/health", None, Vec::new())
            .await;
        assert_eq!(health.status(), 200);
    }
    one.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_past_its_rate_is_answered_429_whatever_its_tokens() {
    let one = Instance::start_with("sqlite", slow(OFF, ONE_A_SECOND))
        .await
        .unwrap();
    let mut answers = Vec::new();
    for n in 0..6 {
        let client = one.client(&token(&one, &format!("Org {n}"), &format!("{n}@x.test")).await);
        answers.push(client.get::<serde_json::Value>("/me").await.0.as_u16());
    }
    assert_eq!(&answers[..3], &[200, 200, 200], "{answers:?}");
    assert!(answers[3..].contains(&429), "{answers:?}");
    one.shutdown().await;
}

/// Reads until the server closes the connection; what it sent.
async fn until_closed(stream: &mut TcpStream) -> String {
    let mut got = Vec::new();
    let read = tokio::time::timeout(PATIENCE, stream.read_to_end(&mut got)).await;
    assert!(read.is_ok(), "the server kept a slow connection open");
    String::from_utf8_lossy(&got).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_headers_and_slow_bodies_are_cut_off() {
    let limits = Limits {
        header_timeout: Duration::from_millis(300),
        body_timeout: Duration::from_millis(300),
        ..Limits::default()
    };
    let one = Instance::start_with("sqlite", limits).await.unwrap();
    let address = address(&one);
    // Headers that never end.
    let mut stream = TcpStream::connect(&address).await.unwrap();
    stream
        .write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    until_closed(&mut stream).await;
    // An idle connection that sends nothing at all.
    let mut idle = TcpStream::connect(&address).await.unwrap();
    until_closed(&mut idle).await;
    // A body that stops halfway: answered (an error) and closed.
    let token = token(&one, "Acme", "a@acme.test").await;
    let mut stream = TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST /api/v1/services HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"slug\":"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let answer = until_closed(&mut stream).await;
    let status = answer.split(' ').nth(1).unwrap_or_default();
    assert!(
        ["400", "408"].contains(&status),
        "a stalled body was answered {answer:?}"
    );
    one.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_past_the_cap_wait_for_a_free_one() {
    let limits = Limits {
        max_connections: 2,
        ..Limits::default()
    };
    let one = Instance::start_with("sqlite", limits).await.unwrap();
    let address = address(&one);
    let request = b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n";
    let mut held = Vec::new();
    for _ in 0..2 {
        let mut stream = TcpStream::connect(&address).await.unwrap();
        stream.write_all(request).await.unwrap();
        let mut buf = [0u8; 12];
        stream.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"HTTP/1.1 200");
        held.push(stream);
    }
    // The third is not served while two are open…
    let mut third = TcpStream::connect(&address).await.unwrap();
    third.write_all(request).await.unwrap();
    let mut buf = [0u8; 12];
    let early = tokio::time::timeout(Duration::from_millis(500), third.read_exact(&mut buf)).await;
    assert!(
        early.is_err(),
        "a third connection was served past the cap of 2"
    );
    // …and is as soon as one closes.
    drop(held.pop());
    tokio::time::timeout(PATIENCE, third.read_exact(&mut buf))
        .await
        .expect("the waiting connection was never served")
        .unwrap();
    assert_eq!(&buf, b"HTTP/1.1 200");
    one.shutdown().await;
}
