use raci_store::{DutyState, OrgKind, StoreError};
use serde_json::json;

use crate::Harness;

/// A small canonical document of our own, with `n` activities.
pub fn document(edition: &str, n: usize) -> String {
    let activities: Vec<_> = (1..=n)
        .map(|i| {
            json!({
                "id": format!("act-{i}"),
                "section": ["1. Run", format!("1.{i}. Step")],
                "text": format!("Do thing {i}"),
                "roles": {"Customer": if i % 2 == 0 { "RA" } else { "I" }, "Provider": "RA"},
                "notes": [],
                "source": {"line": 10 + i}
            })
        })
        .collect();
    json!({
        "schema": "raci/v1",
        "title": "Test service - Responsibility model",
        "language": "en",
        "edition": edition,
        "parties": ["Customer", "Provider"],
        "activities": activities,
    })
    .to_string()
}

pub async fn services_and_editions(h: &Harness) {
    let s = &h.store;
    let p = h.org("Provider", OrgKind::Provider).await;
    let c = h.org("Customer", OrgKind::Customer).await;
    let svc = s
        .create_service("test", p.id, "managed-k8s", "Managed Kubernetes")
        .await
        .unwrap();
    assert_eq!(s.get_service(svc.id).await.unwrap(), svc);
    assert_eq!(
        s.list_services(Some(p.id)).await.unwrap(),
        vec![svc.clone()]
    );
    assert_eq!(s.list_services(None).await.unwrap(), vec![svc.clone()]);
    assert!(s.list_services(Some(c.id)).await.unwrap().is_empty());
    let dup = s.create_service("test", p.id, "managed-k8s", "Again").await;
    assert!(matches!(dup, Err(StoreError::Conflict(_))), "{dup:?}");
    let by_customer = s.create_service("test", c.id, "x", "X").await;
    assert!(matches!(by_customer, Err(StoreError::InvalidInput(_))));
    let bad_slug = s.create_service("test", p.id, "Bad Slug", "X").await;
    assert!(matches!(bad_slug, Err(StoreError::InvalidInput(_))));

    assert!(matches!(
        s.latest_edition(svc.id).await,
        Err(StoreError::NotFound { .. })
    ));
    for bad in [
        "not json",
        r#"{"schema":"other","activities":[]}"#,
        r#"{"schema":"raci/v1"}"#,
    ] {
        let r = s.publish_edition("test", svc.id, bad).await;
        assert!(
            matches!(r, Err(StoreError::InvalidInput(_))),
            "{bad}: {r:?}"
        );
    }
    let twice = r#"{"schema":"raci/v1","activities":[{"id":"a"},{"id":"a"}]}"#;
    assert!(s.publish_edition("test", svc.id, twice).await.is_err());
    assert!(matches!(
        s.publish_edition("test", 9999, &document("x", 1)).await,
        Err(StoreError::NotFound { .. })
    ));

    let doc1 = document("2023-01-01", 2);
    let e1 = s.publish_edition("test", svc.id, &doc1).await.unwrap();
    let e2 = s
        .publish_edition("test", svc.id, &document("2024-01-01", 3))
        .await
        .unwrap();
    assert_eq!((e1.number, e2.number), (1, 2));
    assert_eq!(e1.document_json, doc1);
    assert_eq!(e1.content_hash.len(), 64);
    assert_ne!(e1.content_hash, e2.content_hash);
    assert_eq!(s.latest_edition(svc.id).await.unwrap(), e2);
    assert_eq!(s.get_edition(e1.id).await.unwrap(), e1);
    assert_eq!(s.list_editions(svc.id).await.unwrap(), vec![e1, e2]);
    s.verify_audit_chain(p.id).await.unwrap();
    // Four writes on the provider: its creation, the service, two editions.
    assert_eq!(s.list_audit(p.id).await.unwrap().len(), 4);
}

pub async fn subscribe_instantiates_duties(h: &Harness) {
    let s = &h.store;
    let p = h.org("Provider", OrgKind::Provider).await;
    let c = h.org("Customer", OrgKind::Customer).await;
    let svc = s
        .create_service("test", p.id, "registry", "Registry")
        .await
        .unwrap();

    let none = s.subscribe("test", c.id, svc.id).await;
    assert!(matches!(none, Err(StoreError::NotFound { .. })), "{none:?}");
    assert!(s.list_subscriptions(c.id).await.unwrap().is_empty());

    s.publish_edition("test", svc.id, &document("one", 2))
        .await
        .unwrap();
    let e2 = s
        .publish_edition("test", svc.id, &document("two", 5))
        .await
        .unwrap();
    let sub = s.subscribe("test", c.id, svc.id).await.unwrap();
    assert_eq!(
        (sub.customer, sub.service, sub.edition),
        (c.id, svc.id, e2.id)
    );
    assert_eq!(s.get_subscription(sub.id).await.unwrap(), sub);
    assert_eq!(s.list_subscriptions(c.id).await.unwrap(), vec![sub.clone()]);
    assert_eq!(
        s.list_service_subscriptions(svc.id).await.unwrap(),
        vec![sub.clone()]
    );

    let duties = s.list_duties(sub.id).await.unwrap();
    assert_eq!(duties.len(), 5);
    let d2 = &duties[1];
    assert_eq!(d2.activity_id, "act-2");
    assert_eq!(d2.text, "Do thing 2");
    assert_eq!(d2.state, DutyState::Open);
    let roles: serde_json::Value = serde_json::from_str(&d2.roles_json).unwrap();
    assert_eq!(roles, json!({"Customer": "RA", "Provider": "RA"}));
    let section: serde_json::Value = serde_json::from_str(&d2.section_json).unwrap();
    assert_eq!(section, json!(["1. Run", "1.2. Step"]));
    assert_eq!(s.get_duty(d2.id).await.unwrap(), *d2);

    let again = s.subscribe("test", c.id, svc.id).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    assert_eq!(s.list_duties(sub.id).await.unwrap().len(), 5);
    let provider_sub = s.subscribe("test", p.id, svc.id).await;
    assert!(matches!(provider_sub, Err(StoreError::InvalidInput(_))));

    // The subscription is recorded in both organizations' chains.
    let last = |v: Vec<raci_store::AuditEntry>| v.last().cloned().unwrap();
    assert_eq!(
        last(s.list_audit(c.id).await.unwrap()).action,
        "subscription.create"
    );
    assert_eq!(
        last(s.list_audit(p.id).await.unwrap()).action,
        "subscription.create"
    );
    s.verify_audit_chain(c.id).await.unwrap();
    s.verify_audit_chain(p.id).await.unwrap();
}
