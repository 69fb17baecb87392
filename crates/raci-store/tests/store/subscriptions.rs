use raci_store::{
    Assignee, DutyState::*, Letter, Migrated, MigrationStep, OrgKind, Recurrence, StoreError,
    UserRole,
};

use crate::harness::duty;
use crate::Harness;

pub async fn duties_keep_typed_roles_and_sections(h: &Harness) {
    let (sub, duties) = h.subscribed(3).await;
    let mut r = h.store.read().await.unwrap();
    let d2 = r.duty(duties[1].id).await.unwrap();
    assert_eq!(d2, duties[1]);
    assert_eq!(d2.section.0, vec!["1. Run", "1.2. Step"]);
    let letters: Vec<(String, String)> = d2
        .roles
        .iter()
        .map(|(p, l)| (p.clone(), l.to_string()))
        .collect();
    assert_eq!(
        letters,
        vec![
            ("Customer".into(), "RA".into()),
            ("Provider".into(), "RA".into())
        ],
        "roles keep their column order"
    );
    assert_eq!(d2.state, Open);
    assert_eq!(r.duties(sub.id).await.unwrap().len(), 3);
    assert_eq!(
        r.live_duty(sub.id, "act-2").await.unwrap().unwrap().id,
        d2.id
    );
    assert!(r.live_duty(sub.id, "act-9").await.unwrap().is_none());
    assert_eq!(
        r.customer_subscriptions(sub.customer).await.unwrap(),
        vec![sub.clone()]
    );
    let provider = r.service(sub.service).await.unwrap().provider;
    assert_eq!(
        r.provider_subscriptions(provider).await.unwrap(),
        vec![sub.clone()]
    );
    drop(r);
    let mut w = h.store.write().await.unwrap();
    let again = w
        .create_subscription(sub.customer, sub.service, sub.edition)
        .await;
    assert!(
        matches!(
            again,
            Err(StoreError::Taken {
                entity: "subscription",
                field: "service"
            })
        ),
        "{again:?}"
    );
    drop(w);
    // A damaged column is reported as such, not as some other row.
    h.raw_exec(
        "UPDATE duties SET roles_json = 'not json' WHERE id = $1",
        &[d2.id],
    )
    .await;
    let mut r = h.store.read().await.unwrap();
    let e = r.duty(d2.id).await.unwrap_err();
    assert!(matches!(e, StoreError::Corrupt { .. }), "{e:?}");
}

pub async fn moves_are_guarded_by_the_state_read(h: &Harness) {
    let (_, duties) = h.subscribed(2).await;
    let d = duties[0].id;
    let now = raci_store::now_ms();
    let mut w = h.store.write().await.unwrap();
    let moved = w.move_duty(d, Open, InProgress, None, now).await.unwrap();
    assert_eq!((moved.state, moved.updated_at), (InProgress, now));
    // A writer that read `open` and moves from it loses to the first.
    let lost = w.move_duty(d, Open, InProgress, None, now).await;
    assert!(
        matches!(&lost, Err(StoreError::Conflict(m)) if m.contains("in_progress")),
        "{lost:?}"
    );
    let na = w
        .move_duty(d, InProgress, NotApplicable, Some("no backups"), now)
        .await
        .unwrap();
    assert_eq!(na.reason.as_deref(), Some("no backups"));
    assert!(matches!(
        w.move_duty(9999, Open, InProgress, None, now).await,
        Err(StoreError::NotFound { .. })
    ));
    let scheduled = w
        .schedule_duty(
            duties[1].id,
            Some(Recurrence::Quarterly),
            Some(now + 5),
            None,
            now,
        )
        .await
        .unwrap();
    assert_eq!(scheduled.recurrence, Some(Recurrence::Quarterly));
    // No due date given keeps the one set.
    let kept = w
        .schedule_duty(duties[1].id, None, None, None, now)
        .await
        .unwrap();
    assert_eq!((kept.recurrence, kept.due_at), (None, Some(now + 5)));
    w.commit().await.unwrap();
}

pub async fn owners_are_replaced_per_column(h: &Harness) {
    let (sub, _) = h.subscribed(1).await;
    let provider = h
        .store
        .read()
        .await
        .unwrap()
        .service(sub.service)
        .await
        .unwrap()
        .provider;
    let c_user = h.user(sub.customer, "c@acme.test", UserRole::Member).await;
    let p_user = h.user(provider, "p@nimbus.test", UserRole::Member).await;
    let mut w = h.store.write().await.unwrap();
    w.replace_owners(
        sub.id,
        sub.customer,
        "Customer",
        &[
            (Letter::R, Assignee::User(c_user.id)),
            (Letter::I, Assignee::User(c_user.id)),
        ],
    )
    .await
    .unwrap();
    w.replace_owners(
        sub.id,
        provider,
        "Provider",
        &[(Letter::A, Assignee::User(p_user.id))],
    )
    .await
    .unwrap();
    // Replacing one column leaves the other organization's alone.
    w.replace_owners(
        sub.id,
        sub.customer,
        "Customer",
        &[(Letter::C, Assignee::User(c_user.id))],
    )
    .await
    .unwrap();
    w.commit().await.unwrap();
    let owners = h.store.read().await.unwrap().owners(sub.id).await.unwrap();
    let summary: Vec<_> = owners
        .iter()
        .map(|o| (o.party.as_str(), o.letter, o.owner))
        .collect();
    let (first, second) = if sub.customer < provider {
        (0, 1)
    } else {
        (1, 0)
    };
    assert_eq!(summary.len(), 2);
    assert_eq!(
        summary[first],
        ("Customer", Letter::C, Assignee::User(c_user.id))
    );
    assert_eq!(
        summary[second],
        ("Provider", Letter::A, Assignee::User(p_user.id))
    );
}

pub async fn migration_swaps_activity_ids(h: &Harness) {
    let (sub, duties) = h.subscribed(3).await;
    let now = raci_store::now_ms();
    let step = |old: Option<&str>, new: Option<&str>, text: &str| MigrationStep {
        old: old.map(Into::into),
        new: new.map(Into::into),
        text: text.into(),
        section: vec!["2. Run".into()],
        roles: duty(sub.id, 2).roles,
    };
    let mut w = h.store.write().await.unwrap();
    w.move_duty(duties[0].id, Open, InProgress, None, now)
        .await
        .unwrap();
    // act-1 and act-2 exchange ids; act-3 leaves; act-4 comes.
    let done = w
        .migrate_duties(
            sub.id,
            &[
                step(Some("act-1"), Some("act-2"), "One, now two"),
                step(Some("act-2"), Some("act-1"), "Two, now one"),
                step(Some("act-3"), None, ""),
                step(None, Some("act-4"), "Four"),
            ],
            now,
        )
        .await
        .unwrap();
    w.commit().await.unwrap();
    let moved = done
        .iter()
        .filter(|m| matches!(m, Migrated::Moved { .. }))
        .count();
    let retired = done
        .iter()
        .filter(|m| matches!(m, Migrated::Retired(_)))
        .count();
    let added = done
        .iter()
        .filter(|m| matches!(m, Migrated::Added(_)))
        .count();
    assert_eq!((moved, retired, added), (2, 1, 1));
    let mut r = h.store.read().await.unwrap();
    let first = r.duty(duties[0].id).await.unwrap();
    assert_eq!(
        (first.activity_id.as_str(), first.state),
        ("act-2", InProgress),
        "state kept"
    );
    assert_eq!(first.section.0, vec!["2. Run"]);
    assert_eq!(r.duties(sub.id).await.unwrap().len(), 3);
    assert_eq!(r.retired_duties(sub.id).await.unwrap()[0].id, duties[2].id);
    drop(r);
    // An activity that left and comes back is a new duty; the old one keeps its history apart.
    let mut w = h.store.write().await.unwrap();
    w.migrate_duties(sub.id, &[step(None, Some("act-3"), "Three again")], now)
        .await
        .unwrap();
    w.commit().await.unwrap();
    let mut r = h.store.read().await.unwrap();
    let back = r.live_duty(sub.id, "act-3").await.unwrap().unwrap();
    assert_ne!(back.id, duties[2].id);
    assert!(r
        .duty(duties[2].id)
        .await
        .unwrap()
        .activity_id
        .starts_with("act-3~retired-"));
}

pub async fn recurring_duties_reopen_once(h: &Harness) {
    let (_, duties) = h.subscribed(1).await;
    let d = duties[0].id;
    let now = raci_store::now_ms();
    let mut w = h.store.write().await.unwrap();
    for (from, to) in [(Open, InProgress), (InProgress, Done)] {
        w.move_duty(d, from, to, None, now).await.unwrap();
    }
    w.schedule_duty(d, Some(Recurrence::Monthly), None, Some(now - 1), now)
        .await
        .unwrap();
    w.commit().await.unwrap();
    assert_eq!(
        h.store
            .read()
            .await
            .unwrap()
            .duties_to_reopen(now)
            .await
            .unwrap(),
        vec![d]
    );
    let mut a = h.store.write().await.unwrap();
    let reopened = a.reopen_duty(d, now).await.unwrap().unwrap();
    a.commit().await.unwrap();
    assert_eq!(
        (reopened.state, reopened.cycle, reopened.due_at),
        (Open, 2, Some(now - 1))
    );
    // A second server running the same round finds nothing to do.
    let mut b = h.store.write().await.unwrap();
    assert!(b.reopen_duty(d, now).await.unwrap().is_none());
    b.commit().await.unwrap();
    let org = h.org("Unrelated", OrgKind::Customer).await;
    assert!(org.id > 0);
}
