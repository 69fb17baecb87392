//! `raci remote` against the real `raci serve` binary: a provider creates a
//! service and publishes a matrix, a customer subscribes and moves a duty,
//! and refusals come back with the server's message, field and exit code.

use std::process::Output;

use crate::live::{member, raci, Server};
use serde_json::Value;

fn remote(server: &str, token: Option<&str>, args: &[&str]) -> Output {
    let mut command = raci();
    command.args(["remote", "--server", server]);
    if let Some(token) = token {
        command.env("RACI_TOKEN", token);
    }
    command.args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs a command that must succeed; its standard output.
fn ok(server: &str, token: &str, args: &[&str]) -> String {
    let out = remote(server, Some(token), args);
    assert!(
        out.status.success(),
        "raci remote {args:?}: {}",
        text(&out.stderr)
    );
    assert!(!text(&out.stdout).contains(token), "the token was printed");
    text(&out.stdout)
}

fn ok_json(server: &str, token: &str, args: &[&str]) -> Value {
    let mut with_json = args.to_vec();
    with_json.extend(["--format", "json"]);
    serde_json::from_str(&ok(server, token, &with_json)).unwrap()
}

#[test]
fn publish_subscribe_list_and_move_a_duty() {
    let (_dir, database) = crate::live::sqlite();
    let provider = member(&database, "Nimbus", "provider");
    let customer = member(&database, "Acme", "customer");
    let other = member(&database, "Globex", "customer");
    let server = Server::start(&database);
    let url = server.base.as_str();

    let service = ok_json(
        url,
        &provider.token,
        &["service", "create", "queues", "Managed queues"],
    );
    let service_id = service["id"].as_i64().unwrap();
    assert_eq!(service["slug"], "queues");

    let matrix = crate::live::matrix();
    let published = ok(
        url,
        &provider.token,
        &[
            "publish",
            matrix.to_str().unwrap(),
            "--service",
            &service_id.to_string(),
            "--force",
        ],
    );
    assert!(
        published.starts_with(&format!("published edition 1 of service {service_id}")),
        "{published}"
    );

    // The customer sees the catalog as a table.
    let listed = ok(url, &customer.token, &["services"]);
    let mut lines = listed.lines();
    assert_eq!(
        lines
            .next()
            .map(|l| l.split_whitespace().collect::<Vec<_>>()),
        Some(vec!["ID", "SLUG", "NAME", "PROVIDER", "EDITION"])
    );
    assert!(
        lines.any(|l| l.starts_with(&service_id.to_string()) && l.contains("queues")),
        "{listed}"
    );

    let subscription = ok_json(
        url,
        &customer.token,
        &["subscribe", &service_id.to_string()],
    );
    let sub = subscription["id"].as_i64().unwrap().to_string();
    let subs = ok_json(url, &customer.token, &["subscriptions"]);
    assert_eq!(subs.as_array().map(Vec::len), Some(1));

    let duties = ok_json(url, &customer.token, &["duties", &sub]);
    let duties = duties.as_array().unwrap();
    assert!(duties.len() >= 5, "{}", duties.len());
    assert!(duties.iter().all(|d| d["state"] == "open"));
    let duty = crate::live::customer_r_duties(&Value::Array(duties.clone()))[0].to_string();

    let moved = ok(
        url,
        &customer.token,
        &["transition", &duty, "--to", "in_progress"],
    );
    assert_eq!(moved.trim(), format!("duty {duty} is now in_progress"));

    let in_progress = ok_json(
        url,
        &customer.token,
        &["duties", &sub, "--state", "in_progress"],
    );
    assert_eq!(
        in_progress
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["id"].to_string())
            .collect::<Vec<_>>(),
        vec![duty.clone()]
    );
    let table = ok(url, &customer.token, &["duties", &sub]);
    assert_eq!(table.lines().count(), duties.len() + 1, "{table}");
    assert!(table.lines().next().unwrap().starts_with("ID"), "{table}");

    // Workflow steps: evidence, then submit moves it on.
    let evidence = ok_json(
        url,
        &customer.token,
        &[
            "do",
            &duty,
            "evidence",
            "--json",
            r#"{"kind": "text", "text": "restore drill passed"}"#,
        ],
    );
    assert_eq!(evidence["kind"], "text", "{evidence}");
    let submitted = ok(url, &customer.token, &["do", &duty, "submit"]);
    assert!(
        submitted.starts_with(&format!("duty {duty} is now "))
            && !submitted.contains("in_progress"),
        "{submitted}"
    );
    let state = submitted.trim().rsplit(' ').next().unwrap().to_owned();

    let shown = ok_json(url, &customer.token, &["duty", &duty]);
    let shown = if shown["duty"].is_object() {
        &shown["duty"]
    } else {
        &shown
    };
    assert_eq!(shown["id"].to_string(), duty);
    assert_eq!(shown["state"], state.as_str());
    let card = ok(url, &customer.token, &["duty", &duty]);
    assert!(
        card.starts_with(&format!("duty {duty}  ({state})")),
        "{card}"
    );
    assert!(card.contains("evidence:     1"), "{card}");

    // A state reached only through the flow's steps is refused before asking.
    let refused = remote(
        url,
        Some(&customer.token),
        &["transition", &duty, "--to", "done"],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused.stderr).contains("--to"),
        "{}",
        text(&refused.stderr)
    );
    // A step the duty's state refuses: the server's message and field.
    let refused = remote(url, Some(&customer.token), &["do", &duty, "submit"]);
    assert_eq!(refused.status.code(), Some(2));
    let err = text(&refused.stderr);
    assert!(err.contains("409"), "{err}");

    // Another customer is told the subscription does not exist.
    let hidden = remote(url, Some(&other.token), &["duties", &sub]);
    assert_eq!(hidden.status.code(), Some(2));
    assert!(
        text(&hidden.stderr).contains("404"),
        "{}",
        text(&hidden.stderr)
    );
    let hidden = remote(url, Some(&other.token), &["duty", &duty]);
    assert_eq!(hidden.status.code(), Some(2));
}

#[test]
fn refusals_name_the_field_and_lint_findings() {
    let (dir, database) = crate::live::sqlite();
    let provider = member(&database, "Nimbus", "provider");
    let server = Server::start(&database);
    let url = server.base.as_str();

    let bad_slug = remote(
        url,
        Some(&provider.token),
        &["service", "create", "Not A Slug", "x"],
    );
    assert_eq!(bad_slug.status.code(), Some(2));
    assert!(
        text(&bad_slug.stderr).contains("field `slug`"),
        "{}",
        text(&bad_slug.stderr)
    );

    let service = ok_json(
        url,
        &provider.token,
        &["service", "create", "db", "Databases"],
    );
    let id = service["id"].to_string();
    // No A on the only row: an error-level finding, so the edition is refused.
    let bad = dir.path().join("bad.md");
    std::fs::write(
        &bad,
        "| Activité | Client | Nimbus |\n| --- | --- | --- |\n| Sauvegarder les données | R | I |\n",
    )
    .unwrap();
    let refused = remote(
        url,
        Some(&provider.token),
        &["publish", bad.to_str().unwrap(), "--service", &id],
    );
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stderr));
    assert!(text(&refused.stderr).contains("field `body`"));
    assert!(
        text(&refused.stdout).contains("missing-accountable"),
        "{}",
        text(&refused.stdout)
    );
    // The same in JSON: the server's error body as it came.
    let refused = remote(
        url,
        Some(&provider.token),
        &[
            "publish",
            bad.to_str().unwrap(),
            "--service",
            &id,
            "--format",
            "json",
        ],
    );
    let body: Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert_eq!(body["error"]["field"], "body");
    assert_eq!(body["error"]["code"], "lint_errors");
    assert!(!body["error"]["findings"].as_array().unwrap().is_empty());
    let forced = ok_json(
        url,
        &provider.token,
        &[
            "publish",
            bad.to_str().unwrap(),
            "--service",
            &id,
            "--force",
        ],
    );
    assert_eq!(forced["edition"]["number"], 1);

    let anonymous = remote(url, None, &["services"]);
    assert_eq!(anonymous.status.code(), Some(2));
    assert!(text(&anonymous.stderr).contains("401"));

    let bad_state = remote(
        url,
        Some(&provider.token),
        &["duties", "1", "--state", "finished"],
    );
    assert_eq!(bad_state.status.code(), Some(2));
    assert!(text(&bad_state.stderr).contains("--state"));
}

#[test]
fn an_unreachable_server_is_named() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let out = remote(&url, Some("secret-token-123"), &["services"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("cannot connect") && err.contains(&url),
        "{err}"
    );
    assert!(!err.contains("secret-token-123"), "{err}");
}
