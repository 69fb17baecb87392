//! A kill at any moment loses no acknowledged write: four clients write
//! (new services, duties started, evidence attached) while `raci serve` is SIGKILLed; after a
//! restart on the same database every write that got a 2xx answer is there,
//! and every organization's audit chain still verifies.

#![allow(clippy::print_stderr)] // says how much load the kill interrupted

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use crate::live::{call, member, Server};
use reqwest::Method;
use serde_json::json;

const CLIENTS: usize = 4;

/// What one client saw acknowledged.
#[derive(Default)]
struct Acked {
    /// Service slug → id.
    services: HashMap<String, i64>,
    /// Duties started (moved to `in_progress`).
    started: Vec<i64>,
    /// Duty id → ids of the evidence attached to it.
    evidence: HashMap<i64, Vec<i64>>,
    /// Whether the client was still writing when the server died.
    cut_off: bool,
}

/// Writes until the server stops answering: a new service, then a duty
/// write (starting each of `duties` once, then text evidence on them in turn).
fn load(base: &str, provider: &str, customer: &str, client: usize, duties: &[i64]) -> Acked {
    let http = crate::live::client();
    let mut acked = Acked::default();
    for n in 0.. {
        let slug = format!("load-{client}-{n}");
        let created = call(
            &http,
            Method::POST,
            &format!("{base}/api/v1/services"),
            provider,
            Some(&json!({"slug": slug, "name": format!("Service {slug}")})),
        );
        match created {
            Ok((201, body)) => {
                acked.services.insert(slug, body["id"].as_i64().unwrap());
            }
            Ok((status, body)) => panic!("create service answered {status}: {body}"),
            Err(_) => {
                acked.cut_off = true;
                return acked;
            }
        }
        if duties.is_empty() {
            continue;
        }
        let duty = duties[n % duties.len()];
        let (path, body) = if n < duties.len() {
            ("start", json!({}))
        } else {
            (
                "evidence",
                json!({"kind": "text", "text": format!("check {client}-{n}")}),
            )
        };
        let written = call(
            &http,
            Method::POST,
            &format!("{base}/api/v1/duties/{duty}/{path}"),
            customer,
            Some(&body),
        );
        match written {
            Ok((200, body)) if path == "start" => {
                assert_eq!(body["state"], "in_progress");
                acked.started.push(duty);
            }
            Ok((201, body)) if path == "evidence" => {
                let id = body["id"].as_i64().unwrap();
                acked.evidence.entry(duty).or_default().push(id);
            }
            Ok((status, body)) => panic!("{path} on duty {duty} answered {status}: {body}"),
            Err(_) => {
                acked.cut_off = true;
                return acked;
            }
        }
    }
    acked
}

fn acknowledged_writes_survive_a_kill(database: &str) {
    let provider = member(database, "Nimbus", "provider");
    let customer = member(database, "Acme", "customer");
    let mut server = Server::start(database);
    let http = crate::live::client();
    let base = server.base.clone();

    // A subscription with duties for the clients to move.
    let (_, service) = call(
        &http,
        Method::POST,
        &format!("{base}/api/v1/services"),
        &provider.token,
        Some(&json!({"slug": "k8s", "name": "Managed Kubernetes"})),
    )
    .unwrap();
    let matrix = std::fs::read(crate::live::matrix()).unwrap();
    let published = http
        .post(format!(
            "{base}/api/v1/services/{}/editions?force=true",
            service["id"]
        ))
        .bearer_auth(&provider.token)
        .body(matrix)
        .send()
        .unwrap();
    assert_eq!(published.status().as_u16(), 201);
    let (status, sub) = call(
        &http,
        Method::POST,
        &format!("{base}/api/v1/subscriptions"),
        &customer.token,
        Some(&json!({"service": service["id"]})),
    )
    .unwrap();
    assert_eq!(status, 201, "{sub}");
    let (_, duties) = call(
        &http,
        Method::GET,
        &format!("{base}/api/v1/subscriptions/{}/duties", sub["id"]),
        &customer.token,
        None,
    )
    .unwrap();
    let ids = crate::live::customer_r_duties(&duties);
    assert!(ids.len() >= CLIENTS, "{duties}");

    let tokens = Arc::new((provider.token.clone(), customer.token.clone()));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let share: Vec<i64> = ids.iter().copied().skip(c).step_by(CLIENTS).collect();
            let (base, tokens) = (base.clone(), Arc::clone(&tokens));
            std::thread::spawn(move || load(&base, &tokens.0, &tokens.1, c, &share))
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1500));
    server.kill();
    let acked: Vec<Acked> = clients.into_iter().map(|c| c.join().unwrap()).collect();
    assert!(acked.iter().all(|a| a.cut_off), "a client stopped early");
    let services: usize = acked.iter().map(|a| a.services.len()).sum();
    let moves: usize = acked
        .iter()
        .map(|a| a.started.len() + a.evidence.values().map(Vec::len).sum::<usize>())
        .sum();
    eprintln!("{services} services and {moves} duty writes acknowledged before the kill");
    assert!(
        services > 20 && moves > 20,
        "too little load: {services} services, {moves} duty writes"
    );

    let server = Server::start(database);
    let (_, listed) = call(
        &http,
        Method::GET,
        &format!("{}/api/v1/services", server.base),
        &provider.token,
        None,
    )
    .unwrap();
    let found: HashMap<String, i64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["slug"].as_str().unwrap().to_owned(),
                s["id"].as_i64().unwrap(),
            )
        })
        .collect();
    for (slug, id) in acked.iter().flat_map(|a| &a.services) {
        assert_eq!(
            found.get(slug),
            Some(id),
            "acknowledged service {slug} lost"
        );
    }
    let (_, after) = call(
        &http,
        Method::GET,
        &format!("{}/api/v1/subscriptions/{}/duties", server.base, sub["id"]),
        &customer.token,
        None,
    )
    .unwrap();
    let states: HashMap<i64, String> = after
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["id"].as_i64().unwrap(),
                d["state"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for duty in acked.iter().flat_map(|a| &a.started) {
        assert_eq!(
            states.get(duty).map(String::as_str),
            Some("in_progress"),
            "duty {duty}"
        );
    }
    for (duty, ids) in acked.iter().flat_map(|a| &a.evidence) {
        let (status, listed) = call(
            &http,
            Method::GET,
            &format!("{}/api/v1/duties/{duty}/evidence", server.base),
            &customer.token,
            None,
        )
        .unwrap();
        assert_eq!(status, 200, "{listed}");
        let found: Vec<i64> = listed
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["id"].as_i64())
            .collect();
        for id in ids {
            assert!(
                found.contains(id),
                "acknowledged evidence {id} of duty {duty} lost"
            );
        }
    }
    drop(server);
    assert_eq!(crate::live::verify_audit(database), 2);
}

#[test]
fn sqlite_keeps_acknowledged_writes_through_sigkill() {
    let (_dir, database) = crate::live::sqlite();
    acknowledged_writes_survive_a_kill(&database);
}

#[test]
fn postgres_keeps_acknowledged_writes_through_sigkill() {
    if let Some(database) = crate::live::postgres() {
        acknowledged_writes_survive_a_kill(&database);
    }
}
