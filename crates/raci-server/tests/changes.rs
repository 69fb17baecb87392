//! Change notices and events over HTTP: a provider publishes a second
//! edition, each subscription gets a notice listing exactly the duties whose
//! roles changed, its customer's admin accepts it and the duties migrate;
//! incidents and change requests are routed to the matching activity.
#![allow(clippy::print_stderr)] // corpus tests say why they skip

mod common;

use std::path::PathBuf;

use axum::http::StatusCode;
use common::{bodiless, get, member, on_both_backends, post_bytes, post_json, user, World};
use raci_model::{Activity, Document, Roles};
use raci_store::{DutyState, OrgKind, UserRole};
use serde_json::{json, Value};

/// The French OVHcloud Managed Kubernetes responsibility model of the seed corpus.
const SEED: &str = "seeds/001_1fbdc8fd02dcdf31.txt";

fn corpus_file(relative: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus")
        .join(relative);
    if path.is_file() {
        Some(path)
    } else {
        eprintln!("skipped: {} is absent", path.display());
        None
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/editions")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

struct Parties {
    provider: String,
    customer: String,
    customer_member: String,
    stranger: String,
    service: i64,
    customer_org: i64,
    provider_org: i64,
}

async fn parties(w: &World) -> Parties {
    let (provider_org, provider) =
        member(&w.store, "Cloudy", OrgKind::Provider, UserRole::Admin).await;
    let (customer_org, customer) =
        member(&w.store, "Acme", OrgKind::Customer, UserRole::Admin).await;
    let (_, customer_member) =
        user(&w.store, customer_org, "member@acme.test", UserRole::Member).await;
    let (_, stranger) = member(&w.store, "Other", OrgKind::Customer, UserRole::Admin).await;
    let (status, service) = post_json(
        &w.app,
        "/api/v1/services",
        &provider,
        json!({"slug": "managed-k8s", "name": "Managed Kubernetes"}),
    )
    .await;
    assert_eq!(status, 201, "{service}");
    Parties {
        provider,
        customer,
        customer_member,
        stranger,
        service: service["id"].as_i64().unwrap(),
        customer_org,
        provider_org,
    }
}

async fn publish(w: &World, p: &Parties, body: Vec<u8>, format: &str) -> Value {
    let uri = format!(
        "/api/v1/services/{}/editions?force=true&format={format}",
        p.service
    );
    let (status, edition) = post_bytes(&w.app, &uri, &p.provider, body).await;
    assert_eq!(status, 201, "{edition}");
    edition
}

/// `token`'s organization subscribes to `service`: the subscription's id.
async fn subscribe(w: &World, token: &str, service: i64) -> i64 {
    let (status, sub) = post_json(
        &w.app,
        "/api/v1/subscriptions",
        token,
        json!({"service": service}),
    )
    .await;
    assert_eq!(status, 201, "{sub}");
    sub["id"].as_i64().unwrap()
}

async fn accept(w: &World, token: &str, notice: impl std::fmt::Display) -> (StatusCode, Value) {
    let uri = format!("/api/v1/change-notices/{notice}/accept");
    bodiless(&w.app, "POST", &uri, token).await
}

fn document_of(edition: &Value) -> Document {
    Document::from_json(edition["document_json"].as_str().unwrap()).unwrap()
}

fn find<'a>(doc: &'a mut Document, start: &str) -> &'a mut Activity {
    doc.activities
        .iter_mut()
        .find(|a| a.text.starts_with(start))
        .unwrap_or_else(|| panic!("no activity starts with {start:?}"))
}

fn set_roles(activity: &mut Activity, roles: &[(&str, &str)]) {
    activity.roles = roles
        .iter()
        .filter(|(_, r)| !r.is_empty())
        .map(|(party, r)| ((*party).to_owned(), r.parse::<Roles>().unwrap()))
        .collect();
}

/// The entries of the subscription's latest notice, by text.
async fn latest_notice(w: &World, token: &str, sub: i64) -> Value {
    let (status, notices) = get(
        &w.app,
        &format!("/api/v1/subscriptions/{sub}/change-notices"),
        Some(token),
    )
    .await;
    assert_eq!(status, 200, "{notices}");
    notices.as_array().unwrap().last().unwrap().clone()
}

fn directions(notice: &Value) -> Vec<(String, String, String)> {
    let mut found: Vec<_> = notice["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["text"].as_str().unwrap().to_owned(),
                e["kind"].as_str().unwrap().to_owned(),
                e["direction"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    found.sort();
    found
}

async fn live_duties(w: &World, token: &str, sub: i64) -> Vec<Value> {
    let (status, duties) = get(
        &w.app,
        &format!("/api/v1/subscriptions/{sub}/duties"),
        Some(token),
    )
    .await;
    assert_eq!(status, 200, "{duties}");
    duties.as_array().unwrap().clone()
}

fn by_text<'a>(duties: &'a [Value], start: &str) -> Option<&'a Value> {
    duties
        .iter()
        .find(|d| d["text"].as_str().is_some_and(|t| t.starts_with(start)))
}

fn roles_of(duty: &Value) -> Value {
    serde_json::from_str(duty["roles_json"].as_str().unwrap()).unwrap()
}

/// Edition 1 is the seed; edition 2 changes the roles of three rows,
/// removes one and adds one: the notice lists exactly those five.
async fn seed_story(w: World) {
    let Some(path) = corpus_file(SEED) else {
        return;
    };
    let p = parties(&w).await;
    let first = publish(&w, &p, std::fs::read(path).unwrap(), "markdown").await;
    assert!(first.get("changes").is_none(), "no diff for edition 1");
    let sub = subscribe(&w, &p.customer, p.service).await;

    let mut doc = document_of(&first);
    set_roles(
        find(&mut doc, "Choisir la localisation"),
        &[("Client", "I"), ("OVHcloud", "RA")],
    );
    set_roles(
        find(&mut doc, "Suivre les performances du service"),
        &[("Client", "RA"), ("OVHcloud", "I")],
    );
    set_roles(
        find(&mut doc, "Décider de la version"),
        &[("Client", "A"), ("OVHcloud", "R")],
    );
    let removed = doc
        .activities
        .iter()
        .position(|a| a.text.starts_with("Conserver les logs du SI"))
        .unwrap();
    doc.activities.remove(removed);
    let mut added = find(&mut doc, "Détruire les données métier").clone();
    added.id = "valider-le-certificat-de-destruction".into();
    added.text = "Valider le certificat de destruction remis en fin de service".into();
    added.source.line += 1000;
    set_roles(&mut added, &[("Client", "RA"), ("OVHcloud", "I")]);
    doc.activities.push(added);

    // Edition 1's "Suivre" duty is done before the change: it stays done.
    let before = live_duties(&w, &p.customer, sub).await;
    let followed = by_text(&before, "Suivre les performances du service").unwrap()["id"]
        .as_i64()
        .unwrap();
    for to in [DutyState::InProgress, DutyState::Done] {
        w.store
            .set_duty_state("test", followed, to, None)
            .await
            .unwrap();
    }

    let second = publish(&w, &p, doc.to_json().into_bytes(), "json").await;
    assert_eq!(second["number"], 2);
    let changes = &second["changes"];
    assert_eq!(changes["notices"], 1, "{changes}");
    assert_eq!(changes["summary"]["role_changes"], 3, "{changes}");
    assert_eq!(
        (
            changes["summary"]["added"].as_i64(),
            changes["summary"]["removed"].as_i64()
        ),
        (Some(1), Some(1))
    );
    let (status, diff) = get(
        &w.app,
        &format!("/api/v1/services/{}/editions/2/diff", p.service),
        Some(&p.customer),
    )
    .await;
    assert_eq!(status, 200, "{diff}");
    assert_eq!(diff["summary"], changes["summary"]);
    let (status, _) = get(
        &w.app,
        &format!("/api/v1/services/{}/editions/1/diff", p.service),
        Some(&p.provider),
    )
    .await;
    assert_eq!(status, 404);

    let notice = latest_notice(&w, &p.customer, sub).await;
    assert_eq!(notice["status"], "pending");
    assert_eq!(
        (notice["from_number"].as_i64(), notice["to_number"].as_i64()),
        (Some(1), Some(2))
    );
    let s = |x: &str| x.to_owned();
    let mut expected = vec![
        (
            s("Choisir la localisation du service"),
            s("changed"),
            s("off_customer"),
        ),
        (
            s("Conserver les logs du SI déployé"),
            s("removed"),
            s("off_customer"),
        ),
        (
            s("Décider de la version de Kubernetes à utiliser"),
            s("changed"),
            s("changed"),
        ),
        (
            s("Suivre les performances du service Kubernetes Managé"),
            s("changed"),
            s("onto_customer"),
        ),
        (
            s("Valider le certificat de destruction remis en fin de service"),
            s("added"),
            s("onto_customer"),
        ),
    ];
    expected.sort();
    assert_eq!(directions(&notice), expected);
    let id = notice["id"].as_i64().unwrap();
    let (status, one) = get(
        &w.app,
        &format!("/api/v1/change-notices/{id}"),
        Some(&p.provider),
    )
    .await;
    assert_eq!(
        (status.as_u16(), &one["entries"]),
        (200, &notice["entries"])
    );

    // Who may accept: the customer's admin only; a stranger does not see it.
    let (status, _) = get(
        &w.app,
        &format!("/api/v1/change-notices/{id}"),
        Some(&p.stranger),
    )
    .await;
    assert_eq!(status, 404);
    for (token, code) in [
        (&p.stranger, 404),
        (&p.provider, 403),
        (&p.customer_member, 403),
    ] {
        let (status, body) = accept(&w, token, id).await;
        assert_eq!(status, code, "{body}");
    }
    let (status, done) = accept(&w, &p.customer, id).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(
        (done["retired"].as_i64(), done["added"].as_i64()),
        (Some(1), Some(1))
    );
    assert_eq!(done["notice"]["status"], "accepted");
    let (status, _) = accept(&w, &p.customer, id).await;
    assert_eq!(status, 409);

    let after = live_duties(&w, &p.customer, sub).await;
    assert_eq!(after.len(), before.len(), "one removed, one added");
    assert!(by_text(&after, "Conserver les logs du SI").is_none());
    let new_duty = by_text(&after, "Valider le certificat").unwrap();
    assert_eq!(
        (new_duty["state"].as_str(), roles_of(new_duty)),
        (Some("open"), json!({"Client": "RA", "OVHcloud": "I"}))
    );
    let followed_after = by_text(&after, "Suivre les performances du service").unwrap();
    assert_eq!(followed_after["id"].as_i64(), Some(followed));
    assert_eq!(followed_after["state"], "done");
    assert_eq!(
        roles_of(followed_after),
        json!({"Client": "RA", "OVHcloud": "I"})
    );
    assert_eq!(
        roles_of(by_text(&after, "Choisir la localisation").unwrap()),
        json!({"Client": "I", "OVHcloud": "RA"})
    );
    let (status, retired) = get(
        &w.app,
        &format!("/api/v1/subscriptions/{sub}/retired-duties"),
        Some(&p.provider),
    )
    .await;
    assert_eq!(status, 200, "{retired}");
    assert_eq!(retired.as_array().unwrap().len(), 1);
    assert!(retired[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("Conserver les logs"));
    assert!(retired[0]["retired_at"].is_i64());
    let migrated = w.store.list_audit(p.customer_org).await.unwrap();
    assert_eq!(
        migrated
            .iter()
            .filter(|e| e.action == "duty.migrate")
            .count(),
        after.len() + 1
    );
    w.store.verify_audit_chain(p.customer_org).await.unwrap();
    w.store.verify_audit_chain(p.provider_org).await.unwrap();

    events(&w, &p, sub).await;
}

/// Incidents and change requests against the seed's subscription.
async fn events(w: &World, p: &Parties, sub: i64) {
    let uri = format!("/api/v1/subscriptions/{sub}/events");
    let (status, incident) = post_json(
        &w.app,
        &uri,
        &p.customer_member,
        json!({"kind": "incident", "title": "Le cluster ne répond plus", "description": "depuis 10h"}),
    )
    .await;
    assert_eq!(status, 201, "{incident}");
    let matched = incident["event"]["activity_id"].as_str().unwrap();
    let duties = live_duties(w, &p.customer, sub).await;
    let notify = by_text(&duties, "Notifier un incident sur le service").unwrap();
    assert_eq!(
        matched,
        format!("{}#incident-1", notify["activity_id"].as_str().unwrap())
    );
    assert_eq!(incident["duty"]["kind"], "incident");
    assert_eq!(incident["duty"]["text"], "Le cluster ne répond plus");
    assert_eq!(
        incident["routed_to"],
        json!([{"org": p.customer_org, "party": "Client"}])
    );

    let (status, request) = post_json(
        &w.app,
        &uri,
        &p.customer,
        json!({"kind": "change_request", "title": "Deux nœuds de plus"}),
    )
    .await;
    assert_eq!(status, 201, "{request}");
    let asked = by_text(&duties, "Demander la modification des ressources").unwrap();
    assert_eq!(
        request["event"]["activity_id"].as_str().unwrap(),
        format!(
            "{}#change_request-1",
            asked["activity_id"].as_str().unwrap()
        )
    );

    // Named explicitly: the provider holds R, so the provider's admins hear of it.
    let intervene = by_text(&duties, "Intervenir sur un incident affectant le service").unwrap();
    let (status, routed) = post_json(
        &w.app,
        &uri,
        &p.provider,
        json!({"kind": "incident", "title": "Control plane lent", "activity": intervene["activity_id"]}),
    )
    .await;
    assert_eq!(status, 201, "{routed}");
    assert_eq!(
        routed["routed_to"],
        json!([{"org": p.provider_org, "party": "OVHcloud"}])
    );
    let provider_admin = w.store.list_users(p.provider_org).await.unwrap()[0].id;
    let inbox = w.store.list_inbox(provider_admin, false).await.unwrap();
    assert_eq!(inbox.iter().filter(|i| i.kind == "event.routed").count(), 1);

    for (body, field) in [
        (json!({"kind": "outage", "title": "x"}), "kind"),
        (json!({"kind": "incident", "title": "  "}), "title"),
        (
            json!({"kind": "incident", "title": "x", "activity": "nope"}),
            "activity",
        ),
    ] {
        let (status, error) = post_json(&w.app, &uri, &p.customer, body).await;
        assert_eq!(
            (status.as_u16(), error["error"]["field"].as_str()),
            (422, Some(field)),
            "{error}"
        );
    }
    let (status, _) = post_json(
        &w.app,
        &uri,
        &p.stranger,
        json!({"kind": "incident", "title": "x"}),
    )
    .await;
    assert_eq!(status, 404);
    let (status, listed) = get(&w.app, &uri, Some(&p.provider)).await;
    assert_eq!(status, 200);
    assert_eq!(listed.as_array().unwrap().len(), 3);
}

on_both_backends!(
    seed_story => seed_edition_change_and_events_on_sqlite, seed_edition_change_and_events_on_postgres
);

/// Our two fixture editions: a role change, a removal, an addition, a
/// split and a merge; text-only and section-only edits are no entries,
/// and acceptance leaves exactly the new edition's activities live. A
/// customer that skips edition 2 accepts 1 → 3 directly.
#[tokio::test]
async fn fixture_editions_migrate_exactly() {
    let w = common::world().await;
    let p = parties(&w).await;
    publish(&w, &p, fixture("queue-service.2024-03.md"), "markdown").await;
    let sub = subscribe(&w, &p.customer, p.service).await;
    let second = publish(&w, &p, fixture("queue-service.2024-09.md"), "markdown").await;
    let notice = latest_notice(&w, &p.customer, sub).await;
    let found = directions(&notice);
    let has = |text: &str, kind: &str, dir: &str| {
        found
            .iter()
            .any(|(t, k, d)| t.starts_with(text) && k == kind && d == dir)
    };
    assert!(
        has("Rotate the access keys", "changed", "off_customer"),
        "{found:?}"
    );
    assert!(
        has("Choose the retention period", "added", "onto_customer"),
        "{found:?}"
    );
    assert!(
        has("Restart a stuck consumer group", "removed", "off_customer"),
        "{found:?}"
    );
    for unchanged_roles in [
        "Estimate the message volume",
        "Replace failed broker disks",
        "Keep the broker",
    ] {
        assert!(
            !found.iter().any(|(t, _, _)| t.starts_with(unchanged_roles)),
            "{found:?}"
        );
    }

    // Edition 3 re-publishes edition 1's matrix; the customer, still on 1, skips 2.
    let third = publish(&w, &p, fixture("queue-service.2024-03.md"), "markdown").await;
    assert_eq!(third["changes"]["notices"], 1);
    let skipped = latest_notice(&w, &p.customer, sub).await;
    assert_eq!(
        (
            skipped["from_number"].as_i64(),
            skipped["to_number"].as_i64()
        ),
        (Some(1), Some(3))
    );
    assert_eq!(
        skipped["entries"],
        json!([]),
        "edition 3 has edition 1's roles"
    );
    let (status, _) = accept(&w, &p.customer, &notice["id"]).await;
    assert_eq!(status, 409, "the superseded notice");
    let (status, body) = accept(&w, &p.customer, &skipped["id"]).await;
    assert_eq!(status, 200, "{body}");
    let ids = |duties: &[Value]| {
        let mut ids: Vec<String> = duties
            .iter()
            .map(|d| d["activity_id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    let mut expected: Vec<String> = document_of(&third)
        .activities
        .into_iter()
        .map(|a| a.id)
        .collect();
    expected.sort();
    assert_eq!(ids(&live_duties(&w, &p.customer, sub).await), expected);
    let _ = second;

    // A second customer on edition 3 accepts 3 → 4 (edition 2's matrix again).
    let (_, other) = member(&w.store, "Beta", OrgKind::Customer, UserRole::Admin).await;
    let other_sub = subscribe(&w, &other, p.service).await;
    let fourth = publish(&w, &p, fixture("queue-service.2024-09.md"), "markdown").await;
    assert_eq!(fourth["changes"]["notices"], 2);
    for (token, sub) in [(&other, other_sub), (&p.customer, sub)] {
        let notice = latest_notice(&w, token, sub).await;
        let (status, body) = accept(&w, token, &notice["id"]).await;
        assert_eq!(status, 200, "{body}");
        let mut expected: Vec<String> = document_of(&fourth)
            .activities
            .into_iter()
            .map(|a| a.id)
            .collect();
        expected.sort();
        assert_eq!(ids(&live_duties(&w, token, sub).await), expected);
    }
}
