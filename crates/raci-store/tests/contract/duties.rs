use raci_store::{Duty, DutyState::*, OrgKind, StoreError};

use crate::catalog::document;
use crate::Harness;

/// A customer subscribed to a fresh service: its org id and its duties.
pub async fn subscribed(h: &Harness) -> (i64, Vec<Duty>) {
    let s = &h.store;
    let p = h.org("Provider", OrgKind::Provider).await;
    let c = h.org("Customer", OrgKind::Customer).await;
    let (svc, _) = h.service(p.id, "db", "Database", &document("e", 4)).await;
    let sub = s.subscribe("test", c.id, svc.id).await.unwrap();
    (c.id, s.list_duties(sub.id).await.unwrap())
}

pub async fn state_machine(h: &Harness) {
    let s = &h.store;
    let (customer, duties) = subscribed(h).await;
    let d = duties[0].id;
    for to in [
        InProgress,
        AwaitingConsultation,
        InProgress,
        AwaitingSignoff,
        InProgress,
    ] {
        assert_eq!(
            s.set_duty_state("user:1", d, to, None).await.unwrap().state,
            to
        );
    }
    for to in [AwaitingConsultation, AwaitingSignoff, Done] {
        s.set_duty_state("user:1", d, to, None).await.unwrap();
    }
    let done = s.get_duty(d).await.unwrap();
    assert_eq!(done.state, Done);
    let r = s
        .set_duty_state("user:1", d, NotApplicable, Some("late"))
        .await;
    assert!(
        matches!(r, Err(StoreError::InvalidTransition { .. })),
        "{r:?}"
    );

    // not_applicable needs a reason, and keeps it.
    let d2 = duties[1].id;
    let r = s.set_duty_state("user:1", d2, NotApplicable, None).await;
    assert!(matches!(r, Err(StoreError::InvalidInput(_))), "{r:?}");
    let na = s
        .set_duty_state("user:1", d2, NotApplicable, Some("no backups in this plan"))
        .await
        .unwrap();
    assert_eq!(na.reason.as_deref(), Some("no backups in this plan"));

    let rec = s
        .set_duty_recurrence("user:1", duties[2].id, Some("quarterly"))
        .await
        .unwrap();
    assert_eq!(rec.recurrence.as_deref(), Some("quarterly"));
    assert!(matches!(
        s.set_duty_state("user:1", 9999, InProgress, None).await,
        Err(StoreError::NotFound { .. })
    ));

    let log = s.list_audit(customer).await.unwrap();
    let last = log.last().unwrap();
    assert_eq!(last.action, "duty.recurrence");
    let state_changes: Vec<_> = log.iter().filter(|e| e.action == "duty.state").collect();
    assert_eq!(state_changes.len(), 9);
    let details: serde_json::Value = serde_json::from_str(&state_changes[8].details_json).unwrap();
    assert_eq!(details["from"], "open");
    assert_eq!(details["to"], "not_applicable");
    assert_eq!(state_changes[0].actor, "user:1");
    s.verify_audit_chain(customer).await.unwrap();
}

pub async fn invalid_transition_is_refused_and_not_audited(h: &Harness) {
    let s = &h.store;
    let (customer, duties) = subscribed(h).await;
    let d = duties[0].id;
    let before = s.list_audit(customer).await.unwrap().len();
    let r = s.set_duty_state("user:1", d, Done, None).await;
    match r {
        Err(StoreError::InvalidTransition { from, to }) => {
            assert_eq!((from.as_str(), to.as_str()), ("open", "done"));
        }
        other => panic!("open -> done was not refused: {other:?}"),
    }
    let r = s.set_duty_state("user:1", d, AwaitingSignoff, None).await;
    assert!(matches!(r, Err(StoreError::InvalidTransition { .. })));
    assert_eq!(s.get_duty(d).await.unwrap().state, Open);
    assert_eq!(s.list_audit(customer).await.unwrap().len(), before);
}
