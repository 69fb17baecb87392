//! The R/C/A/I flow over HTTP, on the queue-service fixture (parties
//! Customer / Nimbus): owners, teams, evidence (with a file's bytes and
//! hash), consultation with an objection, sign-off by either organization,
//! recurrence, and who may do what.

mod common;

use axum::{body::Body, http::StatusCode};
use common::{
    bodiless, get, member, on_both_backends, post_bytes, post_json, publish_and_subscribe,
    put_json, raw, user, World,
};
use raci_server::{router, AppState, ServerConfig};
use raci_store::{OrgKind, UserRole};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// The evidence limit of these tests, small enough to exceed cheaply.
const LIMIT: usize = 64;

/// A raw upload with its content type.
async fn upload(
    w: &World,
    uri: &str,
    token: &str,
    media_type: &str,
    bytes: Vec<u8>,
) -> (StatusCode, Value) {
    let (status, _, bytes) = raw(
        &w.app,
        "POST",
        uri,
        Some(token),
        Some(media_type),
        Body::from(bytes),
    )
    .await;
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// The id of the first duty whose text starts with `text`.
fn duty(duties: &[Value], text: &str) -> i64 {
    duties
        .iter()
        .find(|d| d["text"].as_str().unwrap_or_default().starts_with(text))
        .and_then(|d| d["id"].as_i64())
        .unwrap_or_else(|| panic!("no duty {text:?}"))
}

/// Runs a duty from in progress with one text evidence to its submission.
async fn work(w: &World, id: i64, token: &str) -> Value {
    let base = format!("/api/v1/duties/{id}");
    let (status, body) = post_json(&w.app, &format!("{base}/start"), token, json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let evidence = json!({"kind": "text", "text": "done, see ticket 42"});
    let (status, body) = post_json(&w.app, &format!("{base}/evidence"), token, evidence).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = post_json(&w.app, &format!("{base}/submit"), token, json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn the_whole_flow(mut w: World) {
    let config = ServerConfig {
        evidence_limit: LIMIT,
        ..ServerConfig::default()
    };
    w.app = router(AppState::with_config(w.store.clone(), config));
    let (provider, p_admin) = member(&w.store, "Nimbus", OrgKind::Provider, UserRole::Admin).await;
    let (customer, c_admin) = member(&w.store, "Acme", OrgKind::Customer, UserRole::Admin).await;
    let (_, other) = member(&w.store, "Other", OrgKind::Customer, UserRole::Admin).await;
    let (c_member_id, c_member) = user(
        &w.store,
        customer,
        "c-member@example.test",
        UserRole::Member,
    )
    .await;
    let (_, c_auditor) = user(
        &w.store,
        customer,
        "c-auditor@example.test",
        UserRole::Auditor,
    )
    .await;
    let (_, p_member) = user(
        &w.store,
        provider,
        "p-member@example.test",
        UserRole::Member,
    )
    .await;
    let c_admin_id = w.store.list_users(customer).await.unwrap()[0].id;

    // The provider publishes the fixture; the customer subscribes.
    let (_, service) = post_json(
        &w.app,
        "/api/v1/services",
        &p_admin,
        json!({"slug": "queue", "name": "Queue"}),
    )
    .await;
    let matrix = std::fs::read(common::FIXTURE).unwrap();
    let editions = format!("/api/v1/services/{}/editions?force=true", service["id"]);
    let (status, body) = post_bytes(&w.app, &editions, &p_admin, matrix).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (_, sub) = post_json(
        &w.app,
        "/api/v1/subscriptions",
        &c_admin,
        json!({"service": service["id"]}),
    )
    .await;
    let sub = sub["id"].as_i64().unwrap();
    let (_, duties) = get(
        &w.app,
        &format!("/api/v1/subscriptions/{sub}/duties"),
        Some(&c_admin),
    )
    .await;
    let duties = duties.as_array().unwrap().clone();

    // Teams and owners of the customer's column.
    let (status, _) = post_json(&w.app, "/api/v1/teams", &c_member, json!({"name": "ops"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, team) = post_json(&w.app, "/api/v1/teams", &c_admin, json!({"name": "ops"})).await;
    assert_eq!(status, StatusCode::CREATED, "{team}");
    let team_id = team["id"].as_i64().unwrap();
    let members = format!("/api/v1/teams/{team_id}/members/{c_member_id}");
    let (status, team) = bodiless(&w.app, "PUT", &members, &c_admin).await;
    assert_eq!(status, StatusCode::OK, "{team}");
    assert_eq!(team["members"], json!([c_member_id]));
    let (_, teams) = get(&w.app, "/api/v1/teams", Some(&p_admin)).await;
    assert_eq!(teams, json!([]));

    let owners = format!("/api/v1/subscriptions/{sub}/owners");
    let mapping = json!({"party": "Customer", "owners": {
        "R": {"user": c_member_id}, "A": {"user": c_admin_id}, "I": [{"team": team_id}]}});
    let (status, body) = put_json(&w.app, &owners, &c_admin, mapping.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body.as_array().unwrap().len(), 3);
    let wrong_column = json!({"party": "Nimbus", "owners": {"R": {"user": c_member_id}}});
    let (status, body) = put_json(&w.app, &owners, &c_admin, wrong_column).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["field"], "party");
    let two_r = json!({"party": "Customer", "owners": {"R": [{"user": 1}, {"user": 2}]}});
    let (status, body) = put_json(&w.app, &owners, &c_admin, two_r).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "owners");
    let (status, _) = put_json(&w.app, &owners, &other, mapping).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, seen) = get(&w.app, &owners, Some(&p_member)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(seen.as_array().unwrap().len(), 3);
    assert_eq!(seen[0]["party"], "Customer");

    // A customer duty consulted by the provider: Customer RA, Nimbus C.
    let estimate = duty(&duties, "Estimate the message volume");
    let base = format!("/api/v1/duties/{estimate}");
    let start = format!("{base}/start");
    let (status, body) = post_json(&w.app, &start, &c_admin, json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("R owner"));
    let (status, _) = post_json(&w.app, &start, &p_admin, json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = post_json(&w.app, &start, &other, json!({})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = post_json(&w.app, &start, &c_member, json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "in_progress");
    let (status, _) = post_json(&w.app, &start, &c_member, json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, body) = post_json(&w.app, &format!("{base}/submit"), &c_member, json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "evidence");

    // Evidence: a link, a bad link, a file, a file over the limit.
    let evidence = format!("{base}/evidence");
    let link = json!({"kind": "link", "url": "https://tickets.example.test/42"});
    let (status, body) = post_json(&w.app, &evidence, &c_member, link).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let bad = json!({"kind": "link", "url": "ftp://example.test/x"});
    let (status, body) = post_json(&w.app, &evidence, &c_member, bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "url");
    let file = b"volume estimate: 2e6 messages/day".to_vec();
    let named = format!("{evidence}?name=estimate.txt");
    let (status, stored) = upload(&w, &named, &c_member, "text/plain", file.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{stored}");
    let sha = hex::encode(Sha256::digest(&file));
    assert_eq!(stored["sha256"], sha);
    assert_eq!(stored["size"], file.len());
    let (status, body) = upload(&w, &named, &c_member, "text/plain", vec![b'x'; LIMIT + 1]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_eq!(body["error"]["field"], "file");
    let (status, body) = upload(&w, &evidence, &c_member, "text/plain", file.clone()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "name");
    let (status, _) = upload(&w, &named, &p_admin, "text/plain", file.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Both organizations read the evidence, and download the file's bytes.
    let (status, list) = get(&w.app, &evidence, Some(&p_member)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert!(list[1].get("content").is_none());
    let content = format!("{evidence}/{}/content", stored["id"]);
    let (status, headers, bytes) = raw(
        &w.app,
        "GET",
        &content,
        Some(&p_member),
        None,
        Body::empty(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "text/plain");
    assert_eq!(bytes.as_slice(), file.as_slice());
    assert_eq!(hex::encode(Sha256::digest(&bytes)), sha);
    let (status, _) = get(&w.app, &content, Some(&other)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Submitted: the provider is consulted, objects, then agrees.
    let (status, body) = post_json(&w.app, &format!("{base}/submit"), &c_member, json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "awaiting_consultation");
    let (_, detail) = get(&w.app, &base, Some(&p_member)).await;
    let cid = detail["consultations"][0]["id"].as_i64().unwrap();
    assert_eq!(detail["consultations"][0]["party"], "Nimbus");
    let answer = format!("{base}/consultations/{cid}/answer");
    let (status, _) = post_json(&w.app, &answer, &c_admin, json!({"answer": "agree"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = post_json(&w.app, &answer, &p_member, json!({"answer": "object"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "comment");
    let (status, body) = post_json(&w.app, &answer, &p_member, json!({"answer": "maybe"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "answer");
    let objection = json!({"answer": "object", "comment": "count the retries too"});
    let (status, body) = post_json(&w.app, &answer, &p_member, objection).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "in_progress");
    let (_, body) = post_json(&w.app, &format!("{base}/submit"), &c_member, json!({})).await;
    assert_eq!(body["state"], "awaiting_consultation");
    let (_, detail) = get(&w.app, &base, Some(&c_admin)).await;
    let cid = detail["consultations"][1]["id"].as_i64().unwrap();
    let answer = format!("{base}/consultations/{cid}/answer");
    let (status, body) = post_json(&w.app, &answer, &p_admin, json!({"answer": "agree"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "awaiting_signoff");

    // A is the customer admin's: not the provider, not the auditor.
    let signoff = format!("{base}/signoff");
    let approve = json!({"decision": "approve"});
    let (status, body) = post_json(&w.app, &signoff, &p_admin, approve.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("A owner"));
    let (status, _) = post_json(&w.app, &signoff, &c_auditor, approve.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = post_json(&w.app, &signoff, &c_admin, approve.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "done");
    let (status, detail) = get(&w.app, &base, Some(&p_admin)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(detail["signoffs"].as_array().unwrap().len(), 1);
    let actions: Vec<&str> = detail["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert!(actions.contains(&"consultation.answer"), "{actions:?}");
    assert!(actions.contains(&"duty.signoff"), "{actions:?}");
    let (status, _) = get(&w.app, &base, Some(&other)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // A provider duty the customer answers for: Customer A, Nimbus IR.
    let protocol = duty(&duties, "Decide which protocol version");
    let submitted = work(&w, protocol, &p_member).await;
    assert_eq!(submitted["state"], "awaiting_signoff");
    let signoff = format!("/api/v1/duties/{protocol}/signoff");
    let (status, _) = post_json(&w.app, &signoff, &p_admin, approve.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let back = json!({"decision": "send_back"});
    let (status, body) = post_json(&w.app, &signoff, &c_admin, back).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "comment");
    let (status, body) = post_json(&w.app, &signoff, &c_admin, approve.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "done");

    // A provider duty the provider signs off: Customer I, Nimbus RA.
    let patched = duty(&duties, "Keep the broker hosts patched");
    let (status, _) = post_json(
        &w.app,
        &format!("/api/v1/duties/{patched}/start"),
        &c_member,
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        work(&w, patched, &p_admin).await["state"],
        "awaiting_signoff"
    );
    let signoff = format!("/api/v1/duties/{patched}/signoff");
    let (status, _) = post_json(&w.app, &signoff, &c_admin, approve.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = post_json(&w.app, &signoff, &p_member, approve).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "done");

    // The generic transition no longer skips the flow.
    let region = duty(&duties, "Pick the region");
    let transition = format!("/api/v1/duties/{region}/transition");
    let (status, body) = post_json(&w.app, &transition, &c_admin, json!({"to": "done"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "to");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("signoff"));

    // Recurrence: the A owner or an admin of the R organization.
    let recurrence = format!("/api/v1/duties/{region}/recurrence");
    let quarterly = json!({"recurrence": "quarterly", "due_at": 1_800_000_000_000_i64});
    let (status, _) = put_json(&w.app, &recurrence, &p_admin, quarterly.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = put_json(
        &w.app,
        &recurrence,
        &c_admin,
        json!({"recurrence": "weekly"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "recurrence");
    let (status, body) = put_json(&w.app, &recurrence, &c_admin, quarterly).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["recurrence"], "quarterly");
    assert_eq!(body["due_at"], 1_800_000_000_000_i64);

    // Not applicable needs a reason.
    let na = format!("/api/v1/duties/{region}/not-applicable");
    let (status, body) = post_json(&w.app, &na, &c_admin, json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "reason");
    let (status, body) = post_json(&w.app, &na, &c_admin, json!({"reason": "one region"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "not_applicable");

    w.store.verify_audit_chain(customer).await.unwrap();
    w.store.verify_audit_chain(provider).await.unwrap();
}

on_both_backends!(the_whole_flow => the_whole_flow_on_sqlite, the_whole_flow_on_postgres);

/// `raci_server::serve` runs `reopen_due` on its interval: a done monthly
/// duty whose next due date has passed comes back open as cycle 2.
#[tokio::test]
async fn the_server_reopens_due_duties_in_the_background() {
    let w = common::world().await;
    let (provider, _) = member(&w.store, "Nimbus", OrgKind::Provider, UserRole::Admin).await;
    let (customer, _) = member(&w.store, "Acme", OrgKind::Customer, UserRole::Admin).await;
    let admin = w.store.list_users(customer).await.unwrap()[0].id;
    let document = json!({"schema": "raci/v1", "parties": ["Customer", "Nimbus"],
        "activities": [{"id": "restore", "section": [], "text": "Test a restore",
            "roles": {"Customer": "R", "Nimbus": "I"}}]});
    let (_, sub) = publish_and_subscribe(&w.store, provider, customer, &document).await;
    let d = w.store.list_duties(sub).await.unwrap()[0].id;
    let s = &w.store;
    s.schedule_duty(admin, d, Some(raci_store::Recurrence::Monthly), None)
        .await
        .unwrap();
    s.start_duty(admin, d).await.unwrap();
    s.add_evidence(admin, d, raci_store::NewEvidence::Text("restored".into()))
        .await
        .unwrap();
    let done = s.submit_duty(admin, d).await.unwrap();
    assert_eq!(done.state, raci_store::DutyState::Done);
    assert!(done.next_due_at.unwrap() > raci_store::now_ms());

    // Make it due, behind the store's back.
    let path = w._dir.as_ref().unwrap().path().join("raci.db");
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    sqlx::query("UPDATE duties SET next_due_at = 1 WHERE id = $1")
        .bind(d)
        .execute(&pool)
        .await
        .unwrap();

    let config = ServerConfig {
        reopen_interval: std::time::Duration::from_millis(20),
        ..ServerConfig::default()
    };
    let state = AppState::with_config(w.store.clone(), config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(raci_server::serve(listener, state, async {
        let _ = stopped.await;
    }));
    let mut reopened = None;
    for _ in 0..200 {
        let duty = w.store.get_duty(d).await.unwrap();
        if duty.cycle == 2 {
            reopened = Some(duty);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    let _ = stop.send(());
    server.await.unwrap().unwrap();
    let reopened = reopened.expect("the duty was not reopened within 5 s");
    assert_eq!(reopened.state, raci_store::DutyState::Open);
    assert_eq!(reopened.due_at, Some(1));
}

#[tokio::test]
async fn the_flow_routes_are_documented() {
    let w = common::world().await;
    let (status, doc) = get(&w.app, "/api/v1/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    for path in [
        "/api/v1/teams",
        "/api/v1/subscriptions/{id}/owners",
        "/api/v1/duties/{id}",
        "/api/v1/duties/{id}/start",
        "/api/v1/duties/{id}/submit",
        "/api/v1/duties/{id}/consultations/{cid}/answer",
        "/api/v1/duties/{id}/signoff",
        "/api/v1/duties/{id}/not-applicable",
        "/api/v1/duties/{id}/evidence",
        "/api/v1/duties/{id}/evidence/{eid}/content",
        "/api/v1/duties/{id}/recurrence",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} is not documented");
    }
}
