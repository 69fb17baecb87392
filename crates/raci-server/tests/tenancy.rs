//! Export download, purge with a signed destruction record, and the
//! instance's public key, over the API on both backends.

mod common;

use std::io::Read;

use axum::{body::Body, http::StatusCode};
use common::{get, member, on_both_backends, publish_and_subscribe, raw, send_json, user, World};
use raci_store::{OrgKind, UserRole};
use serde_json::{json, Value};

/// A customer with an admin and a member, and their tokens.
async fn customer(w: &World) -> (i64, String, String) {
    let (org, admin) = member(&w.store, "Acme", OrgKind::Customer, UserRole::Admin).await;
    let (_, token) = user(&w.store, org, "member@acme.test", UserRole::Member).await;
    (org, admin, token)
}

/// The raw answer: status, content type and body bytes.
async fn download(w: &World, uri: &str, token: &str) -> (StatusCode, String, Vec<u8>) {
    let (status, headers, body) = raw(&w.app, "GET", uri, Some(token), None, Body::empty()).await;
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, content_type, body)
}

async fn purge(w: &World, token: &str, body: Value) -> (StatusCode, Value) {
    send_json(&w.app, "DELETE", "/api/v1/organization", token, body).await
}

async fn export_is_for_admins(w: World, other: World) {
    let (org, admin, member_token) = customer(&w).await;
    let (status, _, body) = download(&w, "/api/v1/organization/export", &member_token).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "{}",
        String::from_utf8_lossy(&body)
    );

    let (status, content_type, archive) = download(&w, "/api/v1/organization/export", &admin).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/gzip");
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(archive.as_slice()));
    let mut manifest = String::new();
    for entry in tar.entries().unwrap() {
        let mut entry = entry.unwrap();
        if entry.path().unwrap().to_str() == Some("manifest.json") {
            entry.read_to_string(&mut manifest).unwrap();
        }
    }
    let manifest: Value = serde_json::from_str(&manifest).unwrap();
    assert_eq!(manifest["organization"]["id"], org);
    assert_eq!(manifest["tables"]["users"], 2);
    let last = w.store.list_audit(org).await.unwrap().pop().unwrap();
    assert_eq!(last.action, "organization.export");

    // What was downloaded imports into another instance.
    let report = other
        .store
        .import_organization("test", &archive)
        .await
        .unwrap();
    assert_eq!(report.organization.name, "Acme");
    assert_eq!(
        other
            .store
            .list_users(report.organization.id)
            .await
            .unwrap()
            .len(),
        2
    );
}

async fn purge_needs_the_name_and_answers_a_signed_record(w: World) {
    let (org, admin, member_token) = customer(&w).await;
    let (status, body) = purge(&w, &member_token, json!({"confirm": "Acme"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, body) = purge(&w, &admin, json!({"confirm": "acme"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["field"], "confirm");
    let (status, body) = purge(&w, &admin, json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

    let (status, record) = purge(&w, &admin, json!({"confirm": "Acme"})).await;
    assert_eq!(status, StatusCode::OK, "{record}");
    assert_eq!(record["org"], org);
    let (status, key) = get(&w.app, "/api/v1/instance/public-key", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(key["algorithm"], "ed25519");
    let public_key = key["public_key"].as_str().unwrap();
    let record_json = record["record_json"].as_str().unwrap();
    let signature = record["signature"].as_str().unwrap();
    raci_store::verify_destruction_record(record_json, signature, public_key).unwrap();
    let forged = record_json.replace("Acme", "Acmf");
    assert!(raci_store::verify_destruction_record(&forged, signature, public_key).is_err());
    let inner: Value = serde_json::from_str(record_json).unwrap();
    assert_eq!(inner["tables"]["users"], 2);

    // The organization is gone, and its tokens with it.
    let (status, _) = get(&w.app, "/api/v1/services", Some(&admin)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn provider_with_customers_cannot_be_purged(w: World) {
    let (_, provider) = member(&w.store, "Nimbus", OrgKind::Provider, UserRole::Admin).await;
    let (customer_org, _) = member(&w.store, "Acme", OrgKind::Customer, UserRole::Admin).await;
    let p = w.store.authenticate_token(&provider).await.unwrap().org;
    let document = json!({
        "schema": "raci/v1", "title": "Queue", "language": "en", "edition": "1",
        "parties": ["Customer", "Provider"],
        "activities": [{"id": "a-1", "section": ["Run"], "text": "Back up",
            "roles": {"Customer": "I", "Provider": "RA"}, "notes": [], "source": {"line": 1}}]
    });
    publish_and_subscribe(&w.store, p, customer_org, &document).await;
    let (status, body) = purge(&w, &provider, json!({"confirm": "Nimbus"})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("subscription"));
}

#[tokio::test]
async fn export_is_for_admins_sqlite() {
    export_is_for_admins(common::world().await, common::world().await).await;
}

#[tokio::test]
async fn export_is_for_admins_postgres() {
    let (Some(w), Some(other)) = (
        common::postgres_world().await,
        common::postgres_world().await,
    ) else {
        return;
    };
    export_is_for_admins(w, other).await;
}

on_both_backends!(
    purge_needs_the_name_and_answers_a_signed_record
        => purge_needs_the_name_and_answers_a_signed_record_sqlite,
           purge_needs_the_name_and_answers_a_signed_record_postgres;
    provider_with_customers_cannot_be_purged
        => provider_with_customers_cannot_be_purged_sqlite,
           provider_with_customers_cannot_be_purged_postgres;
);

#[tokio::test]
async fn the_routes_are_documented() {
    let w = common::world().await;
    let (status, doc) = get(&w.app, "/api/v1/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["paths"]["/api/v1/organization/export"]["get"].is_object());
    assert!(doc["paths"]["/api/v1/organization"]["delete"].is_object());
    assert!(doc["paths"]["/api/v1/instance/public-key"]["get"].is_object());
}
