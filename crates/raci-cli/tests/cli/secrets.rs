//! Secrets stay out of the server's log, even at its most verbose
//! (`RUST_LOG=trace`): a run that creates a webhook and delivers to it,
//! logs in with a password, calls with tokens and the session cookie, and
//! mails through an SMTP server that makes it authenticate with its own
//! password; then the log is searched for each of those secrets (the SMTP
//! password also as it travels, in base64).

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use base64::{engine::general_purpose::STANDARD as BASE64, Engine};
use reqwest::Method;
use serde_json::json;

use crate::live::{self, call, member, raci, Server};
use crate::receiver::Receiver;
use crate::smtp_peer::SmtpPeer;

const PASSWORD: &str = "correct horse battery staple";
const SMTP_PASSWORD: &str = "mail-relay-passphrase-4417";

#[test]
fn secrets_never_reach_the_server_log() {
    let (_dir, url) = live::sqlite();
    let provider = member(&url, "Nimbus", "provider");
    let customer = member(&url, "Acme", "customer");
    let mut create = raci()
        .args(["admin", "create-user", "--org", &customer.org.to_string()])
        .args([
            "--email",
            "ops@acme.test",
            "--role",
            "admin",
            "--password-stdin",
        ])
        .args(["--database", &url])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(create.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    assert!(create.wait_with_output().unwrap().status.success());

    let receiver = Receiver::start();
    let smtp = SmtpPeer::start();
    let smtp_url = format!("smtp://relay:{SMTP_PASSWORD}@127.0.0.1:{}", smtp.port);
    let server = Server::start_with(
        &url,
        &["--smtp", &smtp_url, "--mail-from", "raci@nimbus.test"],
        &[("RUST_LOG", "trace")],
    );
    let base = format!("{}/api/v1", server.base);
    let http = live::client();
    let (_, service) = call(
        &http,
        Method::POST,
        &format!("{base}/services"),
        &provider.token,
        Some(&json!({"slug": "k8s", "name": "Kubernetes"})),
    )
    .unwrap();
    let published = http
        .post(format!(
            "{base}/services/{}/editions?force=true",
            service["id"]
        ))
        .bearer_auth(&provider.token)
        .body(std::fs::read(live::matrix()).unwrap())
        .send()
        .unwrap();
    assert_eq!(published.status().as_u16(), 201);
    let (status, hook) = call(
        &http,
        Method::POST,
        &format!("{base}/webhooks"),
        &customer.token,
        Some(&json!({"url": receiver.url})),
    )
    .unwrap();
    assert_eq!(status, 201, "{hook}");
    let secret = hook["secret"].as_str().unwrap().to_owned();
    let (_, sub) = call(
        &http,
        Method::POST,
        &format!("{base}/subscriptions"),
        &customer.token,
        Some(&json!({"service": service["id"]})),
    )
    .unwrap();
    let (_, duties) = call(
        &http,
        Method::GET,
        &format!("{base}/subscriptions/{}/duties", sub["id"]),
        &customer.token,
        None,
    )
    .unwrap();
    let duty = live::customer_r_duties(&duties)[0];
    for (step, body) in [
        ("start", json!({})),
        ("evidence", json!({"kind": "text", "text": "done"})),
        ("submit", json!({})),
    ] {
        let (status, answer) = call(
            &http,
            Method::POST,
            &format!("{base}/duties/{duty}/{step}"),
            &customer.token,
            Some(&body),
        )
        .unwrap();
        assert!(status < 300, "{step}: {status} {answer}");
    }
    let login = http
        .post(format!("{base}/login"))
        .json(&json!({"email": "ops@acme.test", "password": PASSWORD}))
        .send()
        .unwrap();
    assert_eq!(login.status().as_u16(), 200);
    let cookie = login
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap()
        .to_owned();
    let me = http
        .get(format!("{base}/me"))
        .header("cookie", &cookie)
        .send()
        .unwrap();
    assert_eq!(me.status().as_u16(), 200);
    let deadline = Instant::now() + Duration::from_secs(30);
    while receiver.received().is_empty() {
        assert!(Instant::now() < deadline, "no webhook delivered");
        std::thread::sleep(Duration::from_millis(100));
    }
    // The sign-off the submission asks for is mailed to the customer's
    // admins; the mail round runs every 10 s.
    let deadline = Instant::now() + Duration::from_secs(60);
    while smtp.mails() == 0 {
        assert!(
            Instant::now() < deadline,
            "no mail sent: {}",
            server.log_text()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let auth = smtp.auth_lines().join("\n");
    let plain = BASE64.encode(format!("\0relay\0{SMTP_PASSWORD}"));
    let login = BASE64.encode(SMTP_PASSWORD);
    assert!(
        auth.contains(&plain) || auth.contains(&login),
        "the server did not authenticate with its password: {auth}"
    );
    let delivered = receiver.received();
    assert!(delivered[0].header("x-raci-delivery").is_some());
    let log = server.log_text();
    drop(server);

    assert!(
        log.contains("TRACE") && log.contains("/api/v1/login"),
        "{log}"
    );
    let (_, session) = cookie.split_once('=').unwrap();
    for (what, value) in [
        ("the webhook secret", secret.as_str()),
        ("the password", PASSWORD),
        ("the customer's token", customer.token.as_str()),
        ("the provider's token", provider.token.as_str()),
        ("the session", session),
        ("the SMTP password", SMTP_PASSWORD),
        ("the SMTP password in AUTH PLAIN", plain.as_str()),
        ("the SMTP password in AUTH LOGIN", login.as_str()),
    ] {
        assert!(value.len() >= 12, "{what} is too short to search for");
        assert!(!log.contains(value), "{what} is in the server's log");
    }
}
