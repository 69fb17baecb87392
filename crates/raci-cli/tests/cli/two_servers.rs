//! Two `raci serve` processes on one PostgreSQL database serve the same data:
//! what is written through one is read through the other, and concurrent
//! writes through both keep one valid audit chain per organization.
//! Skipped (said on stderr) without `RACI_TEST_POSTGRES_URL`.

use crate::live::{call, member, Server};
use reqwest::Method;
use serde_json::{json, Value};

/// Writes through each server in the concurrent phase, per client thread.
const WRITES: usize = 25;

fn get(base: &str, path: &str, token: &str) -> Value {
    let (status, body) = call(
        &crate::live::client(),
        Method::GET,
        &format!("{base}/api/v1{path}"),
        token,
        None,
    )
    .unwrap();
    assert_eq!(status, 200, "GET {path}: {body}");
    body
}

fn post(base: &str, path: &str, token: &str, body: &Value) -> Value {
    let (status, answer) = call(
        &crate::live::client(),
        Method::POST,
        &format!("{base}/api/v1{path}"),
        token,
        Some(body),
    )
    .unwrap();
    assert!(
        (200..300).contains(&status),
        "POST {path}: {status} {answer}"
    );
    answer
}

#[test]
fn two_servers_share_one_postgres_database() {
    let Some(database) = crate::live::postgres() else {
        return;
    };
    let provider = member(&database, "Nimbus", "provider");
    let customer = member(&database, "Acme", "customer");
    let a = Server::start(&database);
    let b = Server::start(&database);

    // Written through A…
    let service = post(
        &a.base,
        "/services",
        &provider.token,
        &json!({"slug": "k8s", "name": "Managed Kubernetes"}),
    );
    let sid = service["id"].as_i64().unwrap();
    let published = crate::live::client()
        .post(format!(
            "{}/api/v1/services/{sid}/editions?force=true",
            a.base
        ))
        .bearer_auth(&provider.token)
        .body(std::fs::read(crate::live::matrix()).unwrap())
        .send()
        .unwrap();
    assert_eq!(published.status().as_u16(), 201);
    let sub = post(
        &a.base,
        "/subscriptions",
        &customer.token,
        &json!({"service": sid}),
    );
    let sub = sub["id"].as_i64().unwrap();
    let duties = get(
        &a.base,
        &format!("/subscriptions/{sub}/duties"),
        &customer.token,
    );
    let ids = crate::live::customer_r_duties(&duties);
    assert!(ids.len() >= 5, "{duties}");
    post(
        &a.base,
        &format!("/duties/{}/start", ids[0]),
        &customer.token,
        &json!({}),
    );

    // …is read through B.
    let services = get(&b.base, "/services", &provider.token);
    assert_eq!(services[0]["slug"], "k8s");
    let editions = get(
        &b.base,
        &format!("/services/{sid}/editions"),
        &provider.token,
    );
    assert_eq!(editions.as_array().map(Vec::len), Some(1));
    let subs = get(&b.base, "/subscriptions", &customer.token);
    assert_eq!(subs[0]["id"], sub);
    let seen = get(
        &b.base,
        &format!("/subscriptions/{sub}/duties"),
        &customer.token,
    );
    let first = seen.as_array().unwrap().iter().find(|d| d["id"] == ids[0]);
    assert_eq!(first.map(|d| &d["state"]), Some(&json!("in_progress")));

    // And the other way round.
    let evidence = post(
        &b.base,
        &format!("/duties/{}/evidence", ids[0]),
        &customer.token,
        &json!({"kind": "text", "text": "restore test passed"}),
    );
    let listed = get(
        &a.base,
        &format!("/duties/{}/evidence", ids[0]),
        &customer.token,
    );
    assert_eq!(listed[0]["id"], evidence["id"]);

    // Concurrent writes through both, on both organizations' chains.
    let rest: Vec<i64> = ids[1..].to_vec();
    let threads: Vec<_> = [&a.base, &b.base, &a.base, &b.base]
        .into_iter()
        .enumerate()
        .map(|(t, base)| {
            let base = base.clone();
            let (p, c) = (provider.token.clone(), customer.token.clone());
            let mine: Vec<i64> = rest.iter().copied().skip(t).step_by(4).collect();
            std::thread::spawn(move || {
                for n in 0..WRITES {
                    let slug = format!("both-{t}-{n}");
                    post(&base, "/services", &p, &json!({"slug": slug, "name": slug}));
                }
                for duty in mine {
                    post(&base, &format!("/duties/{duty}/start"), &c, &json!({}));
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let through_a = get(&a.base, "/services", &provider.token);
    let through_b = get(&b.base, "/services", &provider.token);
    assert_eq!(through_a.as_array().map(Vec::len), Some(1 + 4 * WRITES));
    assert_eq!(through_a, through_b);
    let moved = get(
        &b.base,
        &format!("/subscriptions/{sub}/duties"),
        &customer.token,
    );
    let in_progress = moved
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["state"] == "in_progress")
        .count();
    assert_eq!(in_progress, ids.len());
    drop((a, b));
    assert_eq!(crate::live::verify_audit(&database), 2);
}
