//! The whole story of issue 5, over HTTP on a real socket, on SQLite and on
//! PostgreSQL: a provider publishes the French OVHcloud Managed Kubernetes
//! seed, a customer subscribes and maps owners, duties go through their
//! R/C/A/I steps on both sides, an incident is routed, a second edition
//! brings a change notice, the customer exports its data into a second
//! instance and is purged from the first with a signed destruction record;
//! the audit chains verify, and a tampered row is found.

mod common;

use std::sync::Arc;

use common::user;
use raci_server::{serve, AppState};
use raci_store::{OrgKind, Store, StoreError, UserRole};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// The French OVHcloud Managed Kubernetes page, one of the five seeds.
const SEED_001: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/corpus/seeds/001_1fbdc8fd02dcdf31.txt"
);

/// A running instance: its store, its address and a way to stop it.
struct Instance {
    store: Arc<dyn Store>,
    base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl Instance {
    async fn start(url: &str) -> Instance {
        let store = raci_store::open(url).await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}/api/v1", listener.local_addr().unwrap());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let state = AppState::new(store.clone());
        let task = tokio::spawn(async move {
            serve(listener, state, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
        Instance {
            store,
            base,
            stop: Some(stop),
            task,
        }
    }

    async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = self.task.await;
    }
}

/// A client of one instance.
struct Http {
    client: reqwest::Client,
    base: String,
}

impl Http {
    fn of(instance: &Instance) -> Http {
        Http {
            client: reqwest::Client::new(),
            base: instance.base.clone(),
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let bytes = response.bytes().await.unwrap();
        let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        (status, value)
    }

    async fn get(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.send(Method::GET, path, token, None).await
    }

    async fn post(&self, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
        self.send(Method::POST, path, token, Some(body)).await
    }

    /// A POST that must succeed; its JSON answer.
    async fn ok(&self, path: &str, token: &str, body: Value) -> Value {
        let (status, value) = self.post(path, token, body).await;
        assert!(status.is_success(), "POST {path}: {status} {value}");
        value
    }

    async fn raw(
        &self,
        method: Method,
        path: &str,
        token: &str,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> (StatusCode, Vec<u8>) {
        let response = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(token)
            .header("content-type", content_type)
            .body(bytes)
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.bytes().await.unwrap().to_vec())
    }
}

/// The duty (of `duties`) whose roles are exactly `roles`.
fn duty_with(duties: &[Value], roles: Value) -> &Value {
    duties
        .iter()
        .find(|d| {
            serde_json::from_str::<Value>(d["roles_json"].as_str().unwrap()).unwrap() == roles
        })
        .unwrap_or_else(|| panic!("no duty with roles {roles}"))
}

fn inbox_kinds(items: &Value) -> Vec<String> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap().to_owned())
        .collect()
}

/// Two databases of one backend: the first instance's and the second's.
struct Databases {
    first: String,
    second: String,
    _dir: Option<tempfile::TempDir>,
}

async fn raw_exec(url: &str, sql: &str, a: i64, b: i64) -> u64 {
    if url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        let n = sqlx::query(sql)
            .bind(a)
            .bind(b)
            .execute(&pool)
            .await
            .unwrap()
            .rows_affected();
        pool.close().await;
        n
    } else {
        let pool = sqlx::SqlitePool::connect(url).await.unwrap();
        let n = sqlx::query(sql)
            .bind(a)
            .bind(b)
            .execute(&pool)
            .await
            .unwrap()
            .rows_affected();
        pool.close().await;
        n
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_whole_story_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let databases = Databases {
        first: format!("sqlite://{}", dir.path().join("first.db").display()),
        second: format!("sqlite://{}", dir.path().join("second.db").display()),
        _dir: Some(dir),
    };
    story(databases).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_whole_story_on_postgres() {
    let (Some(first), Some(second)) = (
        common::postgres_database().await,
        common::postgres_database().await,
    ) else {
        return;
    };
    story(Databases {
        first,
        second,
        _dir: None,
    })
    .await;
}

#[allow(clippy::print_stderr)]
async fn story(databases: Databases) {
    let Ok(seed) = std::fs::read(SEED_001) else {
        eprintln!("skipped: {SEED_001} is absent (the corpus lives in ../shared/corpus)");
        return;
    };
    let a = Instance::start(&databases.first).await;
    let http = Http::of(&a);
    let store = a.store.clone();

    // Organizations and people.
    let ovh = store
        .create_organization("test", "OVHcloud", OrgKind::Provider)
        .await
        .unwrap();
    let acme = store
        .create_organization("test", "Acme", OrgKind::Customer)
        .await
        .unwrap();
    let other = store
        .create_organization("test", "Other customer", OrgKind::Customer)
        .await
        .unwrap();
    let (_, ovh_admin) = user(&store, ovh.id, "admin@ovh.test", UserRole::Admin).await;
    let (ovh_ops_id, ovh_ops) = user(&store, ovh.id, "ops@ovh.test", UserRole::Member).await;
    let (ovh_sre_id, ovh_sre) = user(&store, ovh.id, "sre@ovh.test", UserRole::Member).await;
    let (alice_id, alice) = user(&store, acme.id, "alice@acme.test", UserRole::Admin).await;
    let (rita_id, rita) = user(&store, acme.id, "rita@acme.test", UserRole::Member).await;
    let (ivan_id, ivan) = user(&store, acme.id, "ivan@acme.test", UserRole::Member).await;
    let (_, audrey) = user(&store, acme.id, "audrey@acme.test", UserRole::Auditor).await;
    let (_, olga) = user(&store, other.id, "olga@other.test", UserRole::Admin).await;

    // The provider publishes the seed: lint errors refuse it until forced.
    let service = http
        .ok(
            "/services",
            &ovh_admin,
            json!({"slug": "managed-kubernetes", "name": "Managed Kubernetes Service"}),
        )
        .await;
    let service_id = service["id"].as_i64().unwrap();
    let publish = format!("/services/{service_id}/editions");
    let (status, _) = http
        .raw(
            Method::POST,
            &publish,
            &ovh_admin,
            "text/plain",
            seed.clone(),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, edition) = http
        .raw(
            Method::POST,
            &format!("{publish}?force=true"),
            &ovh_admin,
            "text/plain",
            seed,
        )
        .await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&edition)
    );
    let edition: Value = serde_json::from_slice(&edition).unwrap();
    assert_eq!(edition["number"], 1);
    // A customer cannot publish.
    let (status, _) = http
        .raw(Method::POST, &publish, &alice, "text/plain", b"x".to_vec())
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // The customer subscribes: one duty per activity.
    let sub = http
        .ok("/subscriptions", &alice, json!({"service": service_id}))
        .await;
    let sub_id = sub["id"].as_i64().unwrap();
    let (status, duties) = http
        .get(&format!("/subscriptions/{sub_id}/duties"), &alice)
        .await;
    assert_eq!(status, StatusCode::OK);
    let duties = duties.as_array().unwrap().clone();
    assert_eq!(duties.len(), 58);

    // Each side maps its column to owners.
    let ops_team = http.ok("/teams", &ovh_admin, json!({"name": "ops"})).await;
    let team_id = ops_team["id"].as_i64().unwrap();
    let (status, _) = http
        .send(
            Method::PUT,
            &format!("/teams/{team_id}/members/{ovh_ops_id}"),
            &ovh_admin,
            None,
        )
        .await;
    assert!(status.is_success(), "{status}");
    let owners = format!("/subscriptions/{sub_id}/owners");
    let (status, body) = http
        .send(
            Method::PUT,
            &owners,
            &alice,
            Some(json!({"party": "Client", "owners": {
                "R": {"user": rita_id}, "A": {"user": alice_id},
                "C": [{"user": ivan_id}], "I": [{"user": ivan_id}]}})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // A customer cannot map the provider's column.
    let (status, body) = http
        .send(
            Method::PUT,
            &owners,
            &alice,
            Some(json!({"party": "OVHcloud", "owners": {"R": {"user": rita_id}}})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "party");
    let (status, body) = http
        .send(
            Method::PUT,
            &owners,
            &ovh_admin,
            Some(json!({"party": "OVHcloud", "owners": {
                "R": {"user": ovh_sre_id}, "A": {"team": team_id},
                "C": [{"team": team_id}], "I": [{"team": team_id}]}})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // A customer duty with a C step (the provider's) and an A step (the customer's).
    let shared = duty_with(&duties, json!({"Client": "RA", "OVHcloud": "CI"}));
    let d = shared["id"].as_i64().unwrap();
    let (status, body) = http
        .post(&format!("/duties/{d}/start"), &ivan, json!({}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "only R starts: {body}");
    http.ok(&format!("/duties/{d}/start"), &rita, json!({}))
        .await;
    let nodes_report = b"kubectl get nodes: 3 Ready".to_vec();
    let (status, evidence) = http
        .raw(
            Method::POST,
            &format!("/duties/{d}/evidence?name=nodes.txt"),
            &rita,
            "text/plain",
            nodes_report.clone(),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&evidence)
    );
    let evidence: Value = serde_json::from_slice(&evidence).unwrap();
    let submitted = http
        .ok(&format!("/duties/{d}/submit"), &rita, json!({}))
        .await;
    assert_eq!(submitted["state"], "awaiting_consultation");
    let (_, detail) = http.get(&format!("/duties/{d}"), &ovh_ops).await;
    let consultation = detail["consultations"][0]["id"].as_i64().unwrap();
    assert_eq!(detail["consultations"].as_array().unwrap().len(), 1);
    let answer = format!("/duties/{d}/consultations/{consultation}/answer");
    let (status, _) = http.post(&answer, &rita, json!({"answer": "agree"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "the customer is not C here");
    let answered = http.ok(&answer, &ovh_ops, json!({"answer": "agree"})).await;
    assert_eq!(answered["state"], "awaiting_signoff");
    let (status, _) = http
        .post(
            &format!("/duties/{d}/signoff"),
            &rita,
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "R does not sign off");
    let done = http
        .ok(
            &format!("/duties/{d}/signoff"),
            &alice,
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(done["state"], "done");
    let (_, items) = http.get("/inbox", &ovh_ops).await;
    assert!(
        inbox_kinds(&items).contains(&"duty.done".to_owned()),
        "{items}"
    );
    // The evidence comes back byte for byte, with its hash.
    let eid = evidence["id"].as_i64().unwrap();
    let (status, bytes) = http
        .raw(
            Method::GET,
            &format!("/duties/{d}/evidence/{eid}/content"),
            &ovh_ops,
            "text/plain",
            Vec::new(),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bytes, nodes_report);

    // A provider duty, signed off by the provider.
    let provider_duty = duty_with(&duties, json!({"Client": "I", "OVHcloud": "RA"}));
    let p = provider_duty["id"].as_i64().unwrap();
    let (status, _) = http
        .post(&format!("/duties/{p}/start"), &rita, json!({}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "the customer is not R here");
    http.ok(&format!("/duties/{p}/start"), &ovh_sre, json!({}))
        .await;
    http.ok(
        &format!("/duties/{p}/evidence"),
        &ovh_sre,
        json!({"kind": "link", "url": "https://status.example.test/cluster"}),
    )
    .await;
    let submitted = http
        .ok(&format!("/duties/{p}/submit"), &ovh_sre, json!({}))
        .await;
    assert_eq!(submitted["state"], "awaiting_signoff");
    let done = http
        .ok(
            &format!("/duties/{p}/signoff"),
            &ovh_ops,
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(done["state"], "done");
    let (_, items) = http.get("/inbox", &ivan).await;
    assert!(
        inbox_kinds(&items).contains(&"duty.done".to_owned()),
        "{items}"
    );

    // A provider duty the customer is accountable for waits for the customer.
    let cross = duty_with(&duties, json!({"Client": "A", "OVHcloud": "RI"}));
    let x = cross["id"].as_i64().unwrap();
    http.ok(&format!("/duties/{x}/start"), &ovh_sre, json!({}))
        .await;
    http.ok(
        &format!("/duties/{x}/evidence"),
        &ovh_sre,
        json!({"kind": "text", "text": "done as agreed"}),
    )
    .await;
    http.ok(&format!("/duties/{x}/submit"), &ovh_sre, json!({}))
        .await;
    let (status, _) = http
        .post(
            &format!("/duties/{x}/signoff"),
            &ovh_ops,
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "A is the customer's");
    let back = http
        .ok(
            &format!("/duties/{x}/signoff"),
            &alice,
            json!({"decision": "send_back", "comment": "attach the change ticket"}),
        )
        .await;
    assert_eq!(back["state"], "in_progress");

    // Who sees what.
    let (status, _) = http
        .get(&format!("/subscriptions/{sub_id}/duties"), &olga)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = http.get(&format!("/duties/{d}"), &olga).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = http
        .get(&format!("/subscriptions/{sub_id}/duties"), &audrey)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = http
        .post(&format!("/duties/{x}/submit"), &audrey, json!({}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = http
        .get(&format!("/subscriptions/{sub_id}/duties"), &ovh_ops)
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the provider sees subscriptions to its service"
    );

    // An incident, routed by the activity it matches.
    let (status, raised) = http
        .post(
            &format!("/subscriptions/{sub_id}/events"),
            &rita,
            json!({"kind": "incident", "title": "Nodes of the cluster are unreachable",
                   "description": "since 10:02 UTC"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{raised}");
    assert_eq!(raised["duty"]["kind"], "incident");
    let routed: Vec<&str> = raised["routed_to"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["party"].as_str().unwrap())
        .collect();
    let roles: Value =
        serde_json::from_str(raised["duty"]["roles_json"].as_str().unwrap()).unwrap();
    for party in &routed {
        assert!(
            roles[party].as_str().unwrap_or("").contains('R'),
            "routed to the R party: {raised}"
        );
    }
    assert!(!routed.is_empty());

    // A second edition: three rows change roles, one only its wording.
    let (_, editions) = http
        .get(&format!("/services/{service_id}/editions"), &ovh_admin)
        .await;
    let mut document: Value =
        serde_json::from_str(editions[0]["document_json"].as_str().unwrap()).unwrap();
    let activities = document["activities"].as_array_mut().unwrap();
    let pick = |activities: &[Value], roles: Value, nth: usize| -> usize {
        activities
            .iter()
            .enumerate()
            .filter(|(_, a)| a["roles"] == roles)
            .nth(nth)
            .map(|(i, _)| i)
            .unwrap()
    };
    let off = pick(activities, json!({"Client": "RA"}), 3);
    let onto = pick(activities, json!({"OVHcloud": "RA"}), 2);
    let changed = pick(activities, json!({"Client": "RA", "OVHcloud": "I"}), 1);
    let reworded = pick(activities, json!({"Client": "RA"}), 5);
    activities[off]["roles"] = json!({"Client": "I", "OVHcloud": "RA"});
    activities[onto]["roles"] = json!({"Client": "C", "OVHcloud": "RA"});
    activities[changed]["roles"] = json!({"Client": "RA", "OVHcloud": "C"});
    let text = activities[reworded]["text"].as_str().unwrap().to_owned();
    activities[reworded]["text"] = json!(format!("{text} (révisé)"));
    let id_of = |i: usize| activities[i]["id"].as_str().unwrap().to_owned();
    let (off_id, onto_id, changed_id) = (id_of(off), id_of(onto), id_of(changed));
    let expected: std::collections::BTreeSet<String> = [&off_id, &onto_id, &changed_id]
        .into_iter()
        .cloned()
        .collect();
    let (status, second) = http
        .raw(
            Method::POST,
            &format!("/services/{service_id}/editions?format=json&force=true"),
            &ovh_admin,
            "application/json",
            document.to_string().into_bytes(),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&second)
    );
    let (_, notices) = http
        .get(&format!("/subscriptions/{sub_id}/change-notices"), &alice)
        .await;
    let notice = &notices[0];
    let listed: std::collections::BTreeSet<String> = notice["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["old_activity"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(listed, expected, "exactly the duties whose roles changed");
    let direction = |id: &str| {
        notice["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["old_activity"] == id)
            .map(|e| e["direction"].as_str().unwrap().to_owned())
            .unwrap()
    };
    assert_eq!(direction(&off_id), "off_customer");
    assert_eq!(direction(&onto_id), "onto_customer");
    assert_eq!(direction(&changed_id), "changed");
    let notice_id = notice["id"].as_i64().unwrap();
    let (status, _) = http
        .post(
            &format!("/change-notices/{notice_id}/accept"),
            &rita,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a customer admin accepts");
    http.ok(
        &format!("/change-notices/{notice_id}/accept"),
        &alice,
        json!({}),
    )
    .await;
    let (_, migrated) = http
        .get(&format!("/subscriptions/{sub_id}/duties"), &alice)
        .await;
    let migrated = migrated.as_array().unwrap();
    let moved = migrated
        .iter()
        .find(|m| m["activity_id"] == onto_id.as_str())
        .unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(moved["roles_json"].as_str().unwrap()).unwrap(),
        json!({"Client": "C", "OVHcloud": "RA"})
    );
    let kept = migrated.iter().find(|m| m["id"] == d).unwrap();
    assert_eq!(
        kept["state"], "done",
        "history and state survive the migration"
    );

    // The customer exports everything; a second instance imports it.
    let (status, _) = http
        .raw(
            Method::GET,
            "/organization/export",
            &rita,
            "application/json",
            Vec::new(),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "an admin exports");
    let (status, archive) = http
        .raw(
            Method::GET,
            "/organization/export",
            &alice,
            "application/json",
            Vec::new(),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let b = Instance::start(&databases.second).await;
    let report = b
        .store
        .import_organization("operator", &archive)
        .await
        .unwrap();
    let imported = report.organization.id;
    b.store.verify_audit_chain(imported).await.unwrap();
    let alice_b = b.store.get_user_by_email("alice@acme.test").await.unwrap();
    let token_b = b
        .store
        .create_api_token("operator", alice_b.id, None)
        .await
        .unwrap();
    let http_b = Http::of(&b);
    let (_, subs_b) = http_b.get("/subscriptions", &token_b.secret).await;
    let sub_b = subs_b[0]["id"].as_i64().unwrap();
    let (_, duties_b) = http_b
        .get(&format!("/subscriptions/{sub_b}/duties"), &token_b.secret)
        .await;
    assert_eq!(duties_b.as_array().unwrap().len(), migrated.len());
    let done_b = duties_b
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["activity_id"] == shared["activity_id"])
        .unwrap();
    assert_eq!(done_b["state"], "done");
    let (_, detail_b) = http_b
        .get(&format!("/duties/{}", done_b["id"]), &token_b.secret)
        .await;
    let eid_b = detail_b["evidence"][0]["id"].as_i64().unwrap();
    let (status, bytes_b) = http_b
        .raw(
            Method::GET,
            &format!("/duties/{}/evidence/{eid_b}/content", done_b["id"]),
            &token_b.secret,
            "text/plain",
            Vec::new(),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bytes_b, nodes_report);

    // The customer leaves the first instance: purged, with a signed record.
    let (status, body) = http
        .send(
            Method::DELETE,
            "/organization",
            &alice,
            Some(json!({"confirm": "Acme?"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "confirm");
    let (status, record) = http
        .send(
            Method::DELETE,
            "/organization",
            &alice,
            Some(json!({"confirm": "Acme"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{record}");
    let (_, key) = http.get("/instance/public-key", "").await;
    let key = key["public_key"]
        .as_str()
        .unwrap_or_else(|| panic!("{key}"));
    raci_store::verify_destruction_record(
        record["record_json"].as_str().unwrap(),
        record["signature"].as_str().unwrap(),
        key,
    )
    .unwrap();
    let mut forged = record["record_json"]
        .as_str()
        .unwrap()
        .replace("Acme", "Acne");
    forged.push(' ');
    assert!(raci_store::verify_destruction_record(
        &forged,
        record["signature"].as_str().unwrap(),
        key
    )
    .is_err());
    let (status, _) = http.get("/subscriptions", &alice).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "its tokens died with it");
    assert!(matches!(
        store.get_organization(acme.id).await,
        Err(StoreError::NotFound { .. })
    ));

    // The chains verify, and a tampered row is found.
    store.verify_audit_chain(ovh.id).await.unwrap();
    store.verify_audit_chain(other.id).await.unwrap();
    let changed_rows = raw_exec(
        &databases.first,
        "UPDATE audit_log SET actor = 'user:999' WHERE org = $1 AND seq = $2",
        ovh.id,
        4,
    )
    .await;
    assert_eq!(changed_rows, 1);
    assert!(matches!(
        store.verify_audit_chain(ovh.id).await,
        Err(StoreError::BrokenLink { seq: 4 })
    ));
    store.verify_audit_chain(other.id).await.unwrap();

    b.shutdown().await;
    a.shutdown().await;
}
