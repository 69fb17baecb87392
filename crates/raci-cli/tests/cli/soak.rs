//! The soak: `raci serve` SIGKILLed at a random moment, cycle after cycle,
//! under a mixed load — services and editions published, subscriptions,
//! evidence files uploaded, submissions, consultation answers, sign-offs,
//! change notices accepted, exports, and webhooks delivered to a local
//! receiver. After each restart on the same database every acknowledged
//! write is there, no duty is half-migrated, and every audit chain
//! verifies; at the end every webhook delivery has reached the receiver at
//! least once, each with its `X-Raci-Delivery` key.
//!
//! Ignored in the default run: `scripts/soak.sh CYCLES` runs it (SQLite,
//! and PostgreSQL under `scripts/with-postgres.sh`) and prints its figures.

#![allow(clippy::print_stdout)] // the figures of a run

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::blocking::Client;
use reqwest::Method;
use serde_json::{json, Value};

use crate::live::{self, member, Member, Server};
use crate::receiver::Receiver;

const WORKERS: usize = 3;

/// Customer R, provider A and C: submitted, answered, signed off across
/// both organizations. The second edition changes one row's letters.
const EDITION_1: &str = "# Queue\n\n| Activity | Customer | Nimbus |\n| --- | --- | --- |\n\
| Rotate the keys | R | AC |\n| Restore a backup | RA | I |\n| Clean the logs | R | I |\n";
const EDITION_2: &str = "# Queue\n\n| Activity | Customer | Nimbus |\n| --- | --- | --- |\n\
| Rotate the keys | R | AC |\n| Restore a backup | RA | I |\n| Clean the logs | RA | I |\n";

/// The states of a duty, in the order the flow moves it.
const STATES: [&str; 5] = [
    "open",
    "in_progress",
    "awaiting_consultation",
    "awaiting_signoff",
    "done",
];

fn rank(state: &str) -> usize {
    STATES.iter().position(|s| *s == state).unwrap_or(0)
}

/// Every write that got a 2xx answer.
#[derive(Default)]
struct Ledger {
    /// Service id → editions acknowledged.
    editions: HashMap<i64, i64>,
    subscriptions: HashSet<i64>,
    /// (duty, evidence id, sha256 of the file).
    evidence: Vec<(i64, i64, String)>,
    /// Duty → the furthest state acknowledged.
    states: HashMap<i64, &'static str>,
    /// (notice, subscription) of each acceptance acknowledged.
    accepted: Vec<(i64, i64)>,
    writes: usize,
    exports: usize,
    /// Answers 503 (the database busy: nothing done), each retried.
    busy: usize,
    /// Answers that were neither 2xx nor a cut connection.
    refused: Vec<String>,
}

/// Why a story stopped.
enum Stop {
    /// The connection went away: the server died.
    Cut,
    /// The server refused a step (recorded in the ledger).
    Refused,
}

struct Load {
    base: String,
    provider: String,
    customer: String,
    ledger: Mutex<Ledger>,
    stories: AtomicUsize,
}

impl Load {
    /// One request and its JSON answer; a refusal is recorded.
    fn send(
        &self,
        http: &Client,
        method: Method,
        path: &str,
        token: &str,
        body: Option<(&str, Vec<u8>)>,
    ) -> Result<Value, Stop> {
        let mut tries = 0;
        let (status, bytes) = loop {
            tries += 1;
            let mut request = http
                .request(method.clone(), format!("{}/api/v1{path}", self.base))
                .bearer_auth(token);
            if let Some((media_type, bytes)) = &body {
                request = request
                    .header("content-type", *media_type)
                    .body(bytes.clone());
            }
            let response = request.send().map_err(|_| Stop::Cut)?;
            let status = response.status().as_u16();
            let retry = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok()?.parse().ok());
            let bytes = response.bytes().map_err(|_| Stop::Cut)?;
            // A 503 did nothing: try again when it says, as a client should.
            match (status, retry) {
                (503, Some(seconds)) if tries < 10 => {
                    self.ledger.lock().unwrap().busy += 1;
                    std::thread::sleep(Duration::from_secs(seconds));
                }
                _ => break (status, bytes),
            }
        };
        let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        if !(200..300).contains(&status) {
            self.ledger
                .lock()
                .unwrap()
                .refused
                .push(format!("{method} {path}: {status} {value}"));
            return Err(Stop::Refused);
        }
        Ok(value)
    }

    fn json(
        &self,
        http: &Client,
        method: Method,
        path: &str,
        token: &str,
        body: Value,
    ) -> Result<Value, Stop> {
        let body = (!body.is_null()).then(|| ("application/json", body.to_string().into_bytes()));
        self.send(http, method, path, token, body)
    }

    fn acked(&self, record: impl FnOnce(&mut Ledger)) {
        let mut ledger = self.ledger.lock().unwrap();
        ledger.writes += 1;
        record(&mut ledger);
    }

    fn moved(&self, duty: i64, state: &'static str) {
        self.acked(|l| {
            let furthest = l.states.entry(duty).or_insert(state);
            if rank(state) > rank(furthest) {
                *furthest = state;
            }
        });
    }

    /// One service's story, from its creation to the acceptance of its
    /// second edition's notice.
    fn story(&self, http: &Client) -> Result<(), Stop> {
        let n = self.stories.fetch_add(1, Ordering::Relaxed);
        let (p, c) = (self.provider.as_str(), self.customer.as_str());
        let id = |v: &Value| v["id"].as_i64().ok_or(Stop::Refused);
        let slug = format!("soak-{n}");
        let body = json!({"slug": slug, "name": slug});
        let service = id(&self.json(http, Method::POST, "/services", p, body)?)?;
        self.acked(|l| {
            l.editions.insert(service, 0);
        });
        let editions = format!("/services/{service}/editions?force=true");
        let markdown = |text: &str| Some(("text/markdown", text.as_bytes().to_vec()));
        self.send(http, Method::POST, &editions, p, markdown(EDITION_1))?;
        self.acked(|l| {
            l.editions.insert(service, 1);
        });
        let body = json!({"service": service});
        let sub = id(&self.json(http, Method::POST, "/subscriptions", c, body)?)?;
        self.acked(|l| {
            l.subscriptions.insert(sub);
        });
        let path = format!("/subscriptions/{sub}/duties");
        let duties = self.json(http, Method::GET, &path, c, Value::Null)?;
        let duty = duties
            .as_array()
            .and_then(|ds| ds.iter().find(|d| d["text"] == "Rotate the keys"))
            .map_or(Err(Stop::Refused), id)?;
        let d = format!("/duties/{duty}");
        self.json(http, Method::POST, &format!("{d}/start"), c, json!({}))?;
        self.moved(duty, "in_progress");
        let file = format!("evidence of story {n}\n")
            .repeat(1 + n % 50)
            .into_bytes();
        let sha = raci_store::sha256_hex(&file);
        let upload = Some(("application/octet-stream", file));
        let path = format!("{d}/evidence?name=keys-{n}.txt");
        let evidence = id(&self.send(http, Method::POST, &path, c, upload)?)?;
        self.acked(|l| l.evidence.push((duty, evidence, sha)));
        self.json(http, Method::POST, &format!("{d}/submit"), c, json!({}))?;
        self.moved(duty, "awaiting_consultation");
        let path = format!("{d}/consultations");
        let cid = id(&self.json(http, Method::GET, &path, p, Value::Null)?[0])?;
        let path = format!("{d}/consultations/{cid}/answer");
        self.json(http, Method::POST, &path, p, json!({"answer": "agree"}))?;
        self.moved(duty, "awaiting_signoff");
        let path = format!("{d}/signoff");
        self.json(http, Method::POST, &path, p, json!({"decision": "approve"}))?;
        self.moved(duty, "done");
        self.send(http, Method::POST, &editions, p, markdown(EDITION_2))?;
        self.acked(|l| {
            l.editions.insert(service, 2);
        });
        let path = format!("/subscriptions/{sub}/change-notices");
        let notice = id(&self.json(http, Method::GET, &path, c, Value::Null)?[0])?;
        let path = format!("/change-notices/{notice}/accept");
        self.json(http, Method::POST, &path, c, json!({}))?;
        self.acked(|l| l.accepted.push((notice, sub)));
        if n.is_multiple_of(5) {
            self.send(http, Method::GET, "/organization/export", c, None)?;
            self.ledger.lock().unwrap().exports += 1;
        }
        Ok(())
    }
}

/// What one check after a restart found missing.
fn check(http: &Client, load: &Load, base: &str) -> Vec<String> {
    let get = |path: &str, token: &str| -> (u16, Value) {
        let r = http
            .get(format!("{base}/api/v1{path}"))
            .bearer_auth(token)
            .send()
            .expect("the restarted server answers");
        let status = r.status().as_u16();
        (status, r.json().unwrap_or(Value::Null))
    };
    let ledger = load.ledger.lock().unwrap();
    let (p, c) = (load.provider.as_str(), load.customer.as_str());
    let mut lost = Vec::new();
    for (service, editions) in &ledger.editions {
        let (status, listed) = get(&format!("/services/{service}/editions"), p);
        let found = listed.as_array().map_or(0, Vec::len) as i64;
        if status != 200 || found < *editions {
            lost.push(format!(
                "service {service}: {status}, {found} of {editions} editions"
            ));
        }
    }
    for sub in &ledger.subscriptions {
        let (status, _) = get(&format!("/subscriptions/{sub}"), c);
        if status != 200 {
            lost.push(format!("subscription {sub}: {status}"));
        }
    }
    for (duty, id, sha) in &ledger.evidence {
        let (_, listed) = get(&format!("/duties/{duty}/evidence"), c);
        let kept = listed.as_array().is_some_and(|items| {
            items
                .iter()
                .any(|e| e["id"].as_i64() == Some(*id) && e["sha256"].as_str() == Some(sha))
        });
        if !kept {
            lost.push(format!("evidence {id} of duty {duty}"));
        }
    }
    for (duty, state) in &ledger.states {
        let (_, found) = get(&format!("/duties/{duty}"), c);
        let now = found["duty"]["state"].as_str().unwrap_or("missing");
        if rank(now) < rank(state) || !STATES.contains(&now) {
            lost.push(format!("duty {duty}: {now}, acknowledged {state}"));
        }
    }
    for (notice, sub) in &ledger.accepted {
        let (_, found) = get(&format!("/change-notices/{notice}"), c);
        let (_, subscription) = get(&format!("/subscriptions/{sub}"), c);
        let (_, duties) = get(&format!("/subscriptions/{sub}/duties"), c);
        // Migrated whole: on edition 2, every duty with edition 2's letters.
        let migrated = subscription["edition"]["number"] == 2
            && duties.as_array().is_some_and(|ds| {
                ds.len() == 3
                    && ds
                        .iter()
                        .filter(|d| d["text"] == "Clean the logs")
                        .all(|d| d["roles"]["Customer"] == "RA")
            });
        if found["status"] != "accepted" || !migrated {
            lost.push(format!(
                "notice {notice}: {} / {subscription}",
                found["status"]
            ));
        }
    }
    lost
}

/// A random moment in `0.3..2.5` s.
fn moment() -> Duration {
    use std::hash::BuildHasher;
    // RandomState is seeded from the OS's randomness for each new value.
    let random = std::collections::hash_map::RandomState::new().hash_one(Instant::now());
    Duration::from_millis(300 + random % 2200)
}

fn soak(database: &str, cycles: usize) {
    let provider = member(database, "Nimbus", "provider");
    let customer: Member = member(database, "Acme", "customer");
    let receiver = Receiver::start();
    let mut server = Server::start(database);
    let http = live::client();
    let mut hooks = Vec::new();
    for token in [&provider.token, &customer.token] {
        let answer = http
            .post(format!("{}/api/v1/webhooks", server.base))
            .bearer_auth(token)
            .json(&json!({"url": receiver.url}))
            .send()
            .unwrap();
        assert_eq!(answer.status().as_u16(), 201);
        let hook: Value = answer.json().unwrap();
        hooks.push((token.clone(), hook["webhook"]["id"].as_i64().unwrap()));
    }
    let mut load = Arc::new(Load {
        base: server.base.clone(),
        provider: provider.token.clone(),
        customer: customer.token.clone(),
        ledger: Mutex::new(Ledger::default()),
        stories: AtomicUsize::new(0),
    });
    let started = Instant::now();
    for cycle in 1..=cycles {
        let workers: Vec<_> = (0..WORKERS)
            .map(|_| {
                let load = load.clone();
                std::thread::spawn(move || {
                    let http = live::client();
                    // Until the server dies; a refusal ends only its story.
                    while !matches!(load.story(&http), Err(Stop::Cut)) {}
                })
            })
            .collect();
        std::thread::sleep(moment());
        server.kill();
        let previous_log = server.log_text();
        for w in workers {
            w.join().unwrap();
        }
        server = Server::start(database);
        // The load goes on against the new server.
        Arc::get_mut(&mut load).expect("workers are done").base = server.base.clone();
        let lost = check(&http, &load, &server.base);
        assert!(
            lost.is_empty(),
            "cycle {cycle}: acknowledged writes lost: {lost:#?}"
        );
        assert!(live::verify_audit(database) >= 2, "cycle {cycle}");
        let refused = std::mem::take(&mut load.ledger.lock().unwrap().refused);
        let faults: Vec<String> = previous_log
            .lines()
            .filter(|l| l.contains("ERROR"))
            .map(str::to_owned)
            .collect();
        assert!(
            refused.is_empty(),
            "cycle {cycle}: refusals under load: {refused:#?}\nthe server's faults: {faults:#?}"
        );
    }

    // Every delivery of the outbox reaches the receiver, at least once.
    let deadline = Instant::now() + Duration::from_secs(120);
    let (outbox, pending) = loop {
        let mut outbox = Vec::new();
        for (token, hook) in &hooks {
            let listed: Value = http
                .get(format!("{}/api/v1/webhooks/{hook}/deliveries", server.base))
                .bearer_auth(token)
                .send()
                .unwrap()
                .json()
                .unwrap();
            outbox.extend(listed.as_array().unwrap().clone());
        }
        let pending = outbox.iter().filter(|d| d["status"] != "delivered").count();
        if pending == 0 || Instant::now() > deadline {
            break (outbox, pending);
        }
        std::thread::sleep(Duration::from_millis(500));
    };
    assert_eq!(pending, 0, "deliveries never delivered");
    let received = receiver.received();
    assert!(received
        .iter()
        .all(|r| r.header("x-raci-delivery").is_some()));
    let keys: Vec<&str> = received
        .iter()
        .filter_map(|r| r.header("x-raci-delivery"))
        .collect();
    let distinct: HashSet<&str> = keys.iter().copied().collect();
    for delivery in &outbox {
        let id = delivery["id"].as_i64().unwrap().to_string();
        assert!(
            distinct.contains(id.as_str()),
            "delivery {id} never received"
        );
    }
    let ledger = load.ledger.lock().unwrap();
    // The figures RELIABILITY.md records.
    println!(
        "soak {backend}: {cycles} cycles in {:.0} s, {} stories, {} writes acknowledged, 0 lost; \
         {} duties signed off, {} notices accepted, {} exports, {} answers 503 retried; \
         {} webhook deliveries, {} received ({} repeats dropped by X-Raci-Delivery)",
        started.elapsed().as_secs_f64(),
        load.stories.load(Ordering::Relaxed),
        ledger.writes,
        ledger.states.values().filter(|s| **s == "done").count(),
        ledger.accepted.len(),
        ledger.exports,
        ledger.busy,
        outbox.len(),
        keys.len(),
        keys.len() - distinct.len(),
        backend = if database.starts_with("postgres") {
            "postgres"
        } else {
            "sqlite"
        },
    );
}

fn cycles() -> usize {
    std::env::var("SOAK_CYCLES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(3)
}

#[test]
#[ignore = "long: scripts/soak.sh CYCLES runs it"]
fn soak_sqlite() {
    let (_dir, database) = live::sqlite();
    soak(&database, cycles());
}

#[test]
#[ignore = "long: scripts/soak.sh CYCLES runs it"]
fn soak_postgres() {
    if let Some(database) = live::postgres() {
        soak(&database, cycles());
    }
}
