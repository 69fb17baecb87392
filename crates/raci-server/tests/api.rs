//! The router driven without a socket, on a temporary SQLite store.

mod common;

use axum::{body::Body, http::StatusCode};
use common::*;
use raci_store::{OrgKind, UserRole};
use serde_json::{json, Value};

#[tokio::test]
async fn health_and_openapi_need_no_token() {
    let w = world().await;
    let (status, body) = get(&w.app, "/api/v1/health", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "ok");
    assert_eq!(body["backend"], "sqlite");

    let (status, doc) = get(&w.app, "/api/v1/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/api/v1/health",
        "/api/v1/services",
        "/api/v1/services/{id}/editions",
        "/api/v1/subscriptions",
        "/api/v1/subscriptions/{id}/duties",
        "/api/v1/duties/{id}/transition",
    ] {
        assert!(
            paths.contains_key(path),
            "{path} missing from {:?}",
            paths.keys()
        );
    }
}

/// Every operation that needs a caller documents the 401 it answers without
/// one, and every operation that reads only JSON the 400/415/422 its
/// extractor answers: the document lists what the server really says.
#[tokio::test]
async fn the_openapi_document_lists_the_errors_answered() {
    let w = world().await;
    let (_, doc) = get(&w.app, "/api/v1/openapi.json", None).await;
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            operations += 1;
            let responses = operation["responses"].as_object().unwrap();
            let secured = operation["security"]
                .as_array()
                .is_some_and(|s| !s.is_empty());
            if secured {
                assert!(responses.contains_key("401"), "{method} {path} lacks 401");
            }
            // Only JSON is accepted (evidence also takes raw bytes: no 415 there).
            let json_body = operation["requestBody"]["content"]
                .as_object()
                .is_some_and(|c| c.len() == 1 && c.contains_key("application/json"));
            if json_body {
                for code in ["400", "415", "422"] {
                    assert!(responses.contains_key(code), "{method} {path} lacks {code}");
                }
            }
        }
    }
    assert!(operations >= 50, "{operations} operations");
}

#[tokio::test]
async fn routes_refuse_a_missing_or_wrong_token() {
    let w = world().await;
    let (status, body) = get(&w.app, "/api/v1/services", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthorized");
    let (status, _) = get(&w.app, "/api/v1/subscriptions", Some("not-a-token")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_service_is_published_subscribed_and_worked_on() {
    let w = world().await;
    let (_, provider) = member(&w.store, "Nimbus", OrgKind::Provider, UserRole::Admin).await;
    let (_, customer) = member(&w.store, "Acme", OrgKind::Customer, UserRole::Admin).await;
    let (_, other) = member(&w.store, "Other", OrgKind::Customer, UserRole::Admin).await;

    // Only a provider creates services, and it validates the slug.
    let (status, _) = post_json(
        &w.app,
        "/api/v1/services",
        &customer,
        json!({"slug": "q", "name": "Q"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = post_json(
        &w.app,
        "/api/v1/services",
        &provider,
        json!({"slug": "Bad Slug", "name": "Q"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "slug");
    let (status, body) =
        post_json(&w.app, "/api/v1/services", &provider, json!({"name": "Q"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, service) = post_json(
        &w.app,
        "/api/v1/services",
        &provider,
        json!({"slug": "queue", "name": "Managed Message Queue"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{service}");
    let service_id = service["id"].as_i64().unwrap();
    let (status, _) = post_json(
        &w.app,
        "/api/v1/services",
        &provider,
        json!({"slug": "queue", "name": "Again"}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);

    // The fixture has error-level lint findings: refused unless forced.
    let matrix = std::fs::read(FIXTURE).unwrap();
    let expected = raci_ingest::parse(&matrix, None, None)
        .unwrap()
        .activities
        .len();
    assert!(expected > 0);
    let editions = format!("/api/v1/services/{service_id}/editions");
    let (status, body) = post_bytes(&w.app, &editions, &provider, matrix.clone()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["field"], "body");
    assert!(!body["error"]["details"]["findings"]
        .as_array()
        .unwrap()
        .is_empty());
    let (status, body) = post_bytes(
        &w.app,
        &format!("{editions}?format=no-such-format"),
        &provider,
        matrix.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "format");
    let (status, edition) = post_bytes(
        &w.app,
        &format!("{editions}?force=true&format=markdown"),
        &provider,
        matrix,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{edition}");
    assert_eq!(edition["number"], 1);
    let document: Value = serde_json::from_str(edition["document_json"].as_str().unwrap()).unwrap();
    assert_eq!(document["schema"], "raci/v1");
    let (status, list) = get(&w.app, &editions, Some(&provider)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 1);

    // A customer sees the catalog, subscribes, and gets one duty per activity.
    let (_, services) = get(&w.app, "/api/v1/services", Some(&customer)).await;
    assert_eq!(services.as_array().unwrap().len(), 1);
    let (status, _) = post_json(
        &w.app,
        "/api/v1/subscriptions",
        &provider,
        json!({"service": service_id}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = post_json(
        &w.app,
        "/api/v1/subscriptions",
        &customer,
        json!({"service": 9999}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, subscription) = post_json(
        &w.app,
        "/api/v1/subscriptions",
        &customer,
        json!({"service": service_id}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{subscription}");
    let sub_id = subscription["id"].as_i64().unwrap();
    let duties_uri = format!("/api/v1/subscriptions/{sub_id}/duties");
    let (status, duties) = get(&w.app, &duties_uri, Some(&customer)).await;
    assert_eq!(status, StatusCode::OK);
    let duties = duties.as_array().unwrap();
    assert_eq!(duties.len(), expected);
    assert!(duties.iter().all(|d| d["state"] == "open"));

    // The provider sees the subscription to its service; the other customer does not.
    let (_, subs) = get(&w.app, "/api/v1/subscriptions", Some(&provider)).await;
    assert_eq!(subs.as_array().unwrap().len(), 1);
    let (status, _) = get(&w.app, &duties_uri, Some(&provider)).await;
    assert_eq!(status, StatusCode::OK);
    let (_, subs) = get(&w.app, "/api/v1/subscriptions", Some(&other)).await;
    assert!(subs.as_array().unwrap().is_empty());
    let (status, _) = get(&w.app, &duties_uri, Some(&other)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Transitions follow the state machine.
    let duty = duties[0]["id"].as_i64().unwrap();
    let transition = format!("/api/v1/duties/{duty}/transition");
    let (status, _) = post_json(&w.app, &transition, &other, json!({"to": "in_progress"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = post_json(&w.app, &transition, &customer, json!({"to": "done"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "to");
    let (status, body) = post_json(&w.app, &transition, &customer, json!({"to": "finished"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "to");
    let (status, body) =
        post_json(&w.app, &transition, &customer, json!({"to": "in_progress"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "in_progress");
    let (status, body) = post_json(
        &w.app,
        &transition,
        &customer,
        json!({"to": "not_applicable"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["field"], "reason");

    // Malformed JSON is a 4xx with the JSON error shape.
    let (status, body) = call(
        &w.app,
        "POST",
        &transition,
        Some(&customer),
        Some(Body::from("{")),
        true,
    )
    .await;
    assert!(status.is_client_error());
    assert!(body["error"]["code"].is_string());
}

#[tokio::test]
async fn an_auditor_reads_but_does_not_write() {
    let w = world().await;
    let (org, _) = member(&w.store, "Nimbus", OrgKind::Provider, UserRole::Admin).await;
    let (_, token) = user(&w.store, org, "auditor@nimbus.test", UserRole::Auditor).await;
    let (status, _) = get(&w.app, "/api/v1/services", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = post_json(
        &w.app,
        "/api/v1/services",
        &token,
        json!({"slug": "x", "name": "X"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"]["code"], "forbidden");
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let w = world().await;
    let (_, provider) = member(&w.store, "Nimbus", OrgKind::Provider, UserRole::Admin).await;
    let (_, service) = post_json(
        &w.app,
        "/api/v1/services",
        &provider,
        json!({"slug": "q", "name": "Q"}),
    )
    .await;
    let big = vec![b'a'; raci_server::BODY_LIMIT + 1];
    let uri = format!("/api/v1/services/{}/editions", service["id"]);
    let (status, _) = post_bytes(&w.app, &uri, &provider, big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}
