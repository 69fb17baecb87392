//! Change notices (publication with notices, acceptance, retirement,
//! superseding) and events raised against a subscription.

use raci_store::{
    Assignee, DutyState, MigrationStep, NewEvent, NoticePlan, OrgKind, StoreError, UserRole,
};
use serde_json::json;

use crate::catalog::document;
use crate::Harness;

/// A provider with a service at edition 1 (`act-1`..`act-3`), a customer
/// with an admin, subscribed: (provider, customer, admin, service, edition 1, subscription).
async fn subscribed(h: &Harness) -> (i64, i64, i64, i64, i64, i64) {
    let s = &h.store;
    let p = h.org("Provider", OrgKind::Provider).await;
    let c = h.org("Customer", OrgKind::Customer).await;
    let admin = h
        .user(c.id, "admin@customer.test", "Admin", UserRole::Admin)
        .await;
    let (svc, e1) = h.service(p.id, "queue", "Queue", &document("one", 3)).await;
    let sub = s.subscribe("test", c.id, svc.id).await.unwrap();
    (p.id, c.id, admin.id, svc.id, e1.id, sub.id)
}

fn step(old: Option<&str>, new: Option<&str>, roles: serde_json::Value) -> MigrationStep {
    MigrationStep {
        old: old.map(str::to_owned),
        new: new.map(str::to_owned),
        text: new.map(|n| format!("Text of {n}")).unwrap_or_default(),
        section_json: json!(["2. New"]).to_string(),
        roles_json: roles.to_string(),
    }
}

/// act-1 keeps its id with new roles, act-2 becomes act-2b, act-3 leaves,
/// act-4 comes.
fn plan(from: i64) -> NoticePlan {
    NoticePlan {
        from_edition: from,
        entries_json: json!([{"old_activity": "act-1", "direction": "onto_customer"}]).to_string(),
        steps: vec![
            step(
                Some("act-1"),
                Some("act-1"),
                json!({"Customer": "RA", "Provider": "C"}),
            ),
            step(
                Some("act-2"),
                Some("act-2b"),
                json!({"Customer": "RA", "Provider": "RA"}),
            ),
            step(Some("act-3"), None, json!(null)),
            step(
                None,
                Some("act-4"),
                json!({"Customer": "I", "Provider": "RA"}),
            ),
        ],
    }
}

pub async fn notices_are_published_and_accepted(h: &Harness) {
    let s = &h.store;
    let (p, c, admin, svc, e1, sub) = subscribed(h).await;
    let act1 = s.list_duties(sub).await.unwrap()[0].clone();
    s.set_duty_state("test", act1.id, DutyState::InProgress, None)
        .await
        .unwrap();

    let stale = s
        .publish_edition_with_changes("test", svc, None, &document("two", 4), None, &[])
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    let unplanned = s
        .publish_edition_with_changes("test", svc, Some(e1), &document("two", 4), Some("{}"), &[])
        .await;
    assert!(
        matches!(unplanned, Err(StoreError::Conflict(_))),
        "{unplanned:?}"
    );
    assert_eq!(s.list_editions(svc).await.unwrap().len(), 1, "rolled back");

    let published = s
        .publish_edition_with_changes(
            "test",
            svc,
            Some(e1),
            &document("two", 4),
            Some(r#"{"changes":[]}"#),
            &[plan(e1)],
        )
        .await
        .unwrap();
    let e2 = published.edition.id;
    assert_eq!(published.edition.number, 2);
    assert_eq!(published.notices.len(), 1);
    let notice = &published.notices[0];
    assert_eq!(
        (notice.subscription, notice.from_edition, notice.to_edition),
        (sub, e1, e2)
    );
    assert_eq!(notice.status(), "pending");
    let diff = s.get_edition_diff(e2).await.unwrap().unwrap();
    assert_eq!(
        (diff.previous, diff.diff_json.as_str()),
        (e1, r#"{"changes":[]}"#)
    );
    assert!(s.get_edition_diff(e1).await.unwrap().is_none());
    assert_eq!(
        s.list_change_notices(sub).await.unwrap(),
        vec![notice.clone()]
    );
    let inbox = s.list_inbox(admin, false).await.unwrap();
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].kind, "change_notice");

    let done = s.accept_change_notice("user:1", notice.id).await.unwrap();
    assert_eq!((done.moved, done.retired, done.added), (2, 1, 1));
    assert_eq!(done.notice.status(), "accepted");
    assert_eq!(done.notice.accepted_by.as_deref(), Some("user:1"));
    assert_eq!(s.get_subscription(sub).await.unwrap().edition, e2);
    let live = s.list_duties(sub).await.unwrap();
    let ids: Vec<_> = live.iter().map(|d| d.activity_id.as_str()).collect();
    assert_eq!(ids, ["act-1", "act-2b", "act-4"]);
    assert_eq!(live[0].id, act1.id, "the duty moved, not replaced");
    assert_eq!(live[0].state, DutyState::InProgress, "state kept");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&live[0].roles_json).unwrap(),
        json!({"Customer": "RA", "Provider": "C"})
    );
    assert_eq!(live[1].text, "Text of act-2b");
    assert_eq!(live[2].state, DutyState::Open);
    let retired = s.list_retired_duties(sub).await.unwrap();
    assert_eq!(retired.len(), 1);
    assert_eq!(retired[0].activity_id, "act-3");
    assert!(retired[0].retired_at.is_some());

    let again = s.accept_change_notice("user:1", notice.id).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    let audit = s.list_audit(c).await.unwrap();
    let migrated = audit.iter().filter(|e| e.action == "duty.migrate").count();
    assert_eq!(migrated, 4);
    assert!(audit.iter().any(|e| e.action == "change_notice.accept"));
    let provider_log = s.list_audit(p).await.unwrap();
    assert!(provider_log
        .iter()
        .any(|e| e.action == "change_notice.create"));
    s.verify_audit_chain(c).await.unwrap();
    s.verify_audit_chain(p).await.unwrap();
}

pub async fn newer_notice_supersedes_and_skips_an_edition(h: &Harness) {
    let s = &h.store;
    let (_, _, _, svc, e1, sub) = subscribed(h).await;
    let first = s
        .publish_edition_with_changes(
            "test",
            svc,
            Some(e1),
            &document("two", 4),
            None,
            &[plan(e1)],
        )
        .await
        .unwrap();
    let e2 = first.edition.id;
    // The subscription is still bound to edition 1: its next notice is 1 → 3.
    let second = s
        .publish_edition_with_changes(
            "test",
            svc,
            Some(e2),
            &document("three", 4),
            None,
            &[plan(e1)],
        )
        .await
        .unwrap();
    let (old, new) = (&first.notices[0], &second.notices[0]);
    assert_eq!((new.from_edition, new.to_edition), (e1, second.edition.id));
    let listed = s.list_change_notices(sub).await.unwrap();
    assert_eq!(listed[0].status(), "superseded");
    assert_eq!(listed[1].status(), "pending");
    let stale = s.accept_change_notice("test", old.id).await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    s.accept_change_notice("test", new.id).await.unwrap();
    assert_eq!(
        s.get_subscription(sub).await.unwrap().edition,
        second.edition.id
    );
    assert_eq!(s.list_duties(sub).await.unwrap().len(), 3);
}

pub async fn events_become_routed_duties(h: &Harness) {
    let s = &h.store;
    let (p, c, admin, _, _, sub) = subscribed(h).await;
    let event = |activity: &str, routed_to: Vec<(i64, String)>| NewEvent {
        subscription: sub,
        kind: "incident".into(),
        title: "The brokers are down".into(),
        description: "since 10:00".into(),
        activity: activity.into(),
        routed_to,
    };
    let to_customer = vec![(c, "Customer".to_owned())];
    let (e, duty) = s
        .raise_event("user:7", &event("act-2", to_customer.clone()))
        .await
        .unwrap();
    assert_eq!(e.activity_id, "act-2#incident-1");
    assert_eq!((e.duty, e.raised_by.as_str()), (duty.id, "user:7"));
    assert_eq!(
        (duty.kind.as_str(), duty.text.as_str()),
        ("incident", "The brokers are down")
    );
    assert_eq!(duty.state, DutyState::Open);
    let act2 = s.list_duties(sub).await.unwrap()[1].clone();
    assert_eq!(duty.roles_json, act2.roles_json);
    let (e2, _) = s
        .raise_event("user:7", &event("act-2", to_customer))
        .await
        .unwrap();
    assert_eq!(e2.activity_id, "act-2#incident-2");
    let inbox = s.list_inbox(admin, false).await.unwrap();
    assert_eq!(inbox.len(), 2);
    assert_eq!(inbox[0].kind, "event.routed");

    // Once the customer maps its column's R to a member, the member hears, not the admin.
    let mapped = h
        .user(c, "r-owner@customer.test", "R owner", UserRole::Member)
        .await;
    s.set_owners(admin, sub, "Customer", &[('R', Assignee::User(mapped.id))])
        .await
        .unwrap();
    s.raise_event("user:7", &event("act-1", vec![(c, "Customer".to_owned())]))
        .await
        .unwrap();
    assert_eq!(s.list_inbox(mapped.id, false).await.unwrap().len(), 1);
    assert_eq!(s.list_inbox(admin, false).await.unwrap().len(), 2);

    let unknown = s.raise_event("t", &event("nope", vec![])).await;
    assert!(
        matches!(unknown, Err(StoreError::InvalidInput(_))),
        "{unknown:?}"
    );
    let stranger = h.org("Stranger", OrgKind::Customer).await;
    let elsewhere = s
        .raise_event("t", &event("act-1", vec![(stranger.id, "Customer".into())]))
        .await;
    assert!(
        matches!(elsewhere, Err(StoreError::InvalidInput(_))),
        "{elsewhere:?}"
    );
    let mut bad = event("act-1", vec![]);
    bad.kind = "outage".into();
    assert!(matches!(
        s.raise_event("t", &bad).await,
        Err(StoreError::InvalidInput(_))
    ));
    let listed = s.list_events(sub).await.unwrap();
    assert_eq!(listed.len(), 3);
    assert_eq!(listed[..2], [e, e2]);
    assert_eq!(s.list_duties(sub).await.unwrap().len(), 6);
    assert!(s
        .list_audit(p)
        .await
        .unwrap()
        .iter()
        .any(|a| a.action == "event.raise"));
    s.verify_audit_chain(c).await.unwrap();
}
