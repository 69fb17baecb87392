use raci_store::{DeliveryStatus, Notice, OrgKind, UserRole};

use crate::Harness;

pub async fn events_fan_out_to_inboxes_and_active_webhooks(h: &Harness) {
    let org = h.org("Acme", OrgKind::Customer).await;
    let a = h.user(org.id, "a@acme.test", UserRole::Admin).await;
    let b = h.user(org.id, "b@acme.test", UserRole::Member).await;
    let now = raci_store::now_ms();
    let mut w = h.store.write().await.unwrap();
    let live = w
        .create_webhook(org.id, "https://hooks.example.test/a")
        .await
        .unwrap();
    let gone = w
        .create_webhook(org.id, "https://hooks.example.test/b")
        .await
        .unwrap();
    assert!(live.secret.starts_with("whsec_") && live.secret != gone.secret);
    w.deactivate_webhook(gone.id, now).await.unwrap();
    w.notify(
        Notice {
            org: org.id,
            recipients: &[a.id, b.id, a.id],
            kind: "duty.done",
            subject: "duty:1",
            payload_json: "{\"duty\":1}",
        },
        now,
    )
    .await
    .unwrap();
    w.commit().await.unwrap();
    let mut r = h.store.read().await.unwrap();
    assert_eq!(
        r.inbox(a.id, false).await.unwrap().len(),
        1,
        "one item per recipient"
    );
    assert_eq!(r.inbox(b.id, true).await.unwrap().len(), 1);
    assert_eq!(r.deliveries(live.id).await.unwrap().len(), 1);
    assert!(r.deliveries(gone.id).await.unwrap().is_empty());
    assert_eq!(r.webhooks(org.id).await.unwrap(), vec![live.clone()]);
    let item = r.inbox(a.id, false).await.unwrap()[0].id;
    drop(r);
    let mut w = h.store.write().await.unwrap();
    assert!(
        w.mark_inbox_read(b.id, item, now).await.is_err(),
        "another's item"
    );
    let read = w.mark_inbox_read(a.id, item, now).await.unwrap();
    w.commit().await.unwrap();
    assert_eq!(read.read_at, Some(now));
    assert!(h
        .store
        .read()
        .await
        .unwrap()
        .inbox(a.id, true)
        .await
        .unwrap()
        .is_empty());
}

pub async fn claims_hold_a_lease_and_failures_reschedule(h: &Harness) {
    let org = h.org("Acme", OrgKind::Customer).await;
    let now = raci_store::now_ms();
    let mut w = h.store.write().await.unwrap();
    let hook = w
        .create_webhook(org.id, "https://hooks.example.test/a")
        .await
        .unwrap();
    let notice = Notice {
        org: org.id,
        recipients: &[],
        kind: "duty.done",
        subject: "duty:1",
        payload_json: "{}",
    };
    w.notify(notice, now).await.unwrap();
    w.commit().await.unwrap();
    let due = h
        .store
        .read()
        .await
        .unwrap()
        .due_deliveries(now, 10)
        .await
        .unwrap();
    assert_eq!(due.len(), 1);
    let mut a = h.store.write().await.unwrap();
    let claimed = a.claim_delivery(due[0], now, 30_000).await.unwrap();
    a.commit().await.unwrap();
    assert_eq!(claimed.unwrap().1.id, hook.id);
    // Another worker finds it leased.
    let mut b = h.store.write().await.unwrap();
    assert!(b
        .claim_delivery(due[0], now, 30_000)
        .await
        .unwrap()
        .is_none());
    let failed = b
        .record_delivery_failure(due[0], Some(503), "busy", Some(now + 2_000))
        .await
        .unwrap();
    assert_eq!(
        (failed.status, failed.attempts, failed.next_attempt_at),
        (DeliveryStatus::Pending, 1, now + 2_000)
    );
    assert!(failed.locked_until.is_none());
    let given_up = b
        .record_delivery_failure(due[0], None, &"x".repeat(5000), None)
        .await
        .unwrap();
    assert_eq!(
        (given_up.status, given_up.attempts),
        (DeliveryStatus::Failed, 2)
    );
    assert_eq!(
        given_up.last_error.map(|e| e.len()),
        Some(1000),
        "errors are cut"
    );
    b.commit().await.unwrap();
    assert!(h
        .store
        .read()
        .await
        .unwrap()
        .due_deliveries(now + 10_000, 10)
        .await
        .unwrap()
        .is_empty());
}

pub async fn a_rolled_back_writer_leaves_nothing(h: &Harness) {
    let org = h.org("Acme", OrgKind::Customer).await;
    {
        let mut w = h.store.write().await.unwrap();
        w.create_team(org.id, "Gone").await.unwrap();
        w.append_audit(
            org.id,
            "system",
            "team.create",
            "team:1",
            &serde_json::json!({}),
        )
        .await
        .unwrap();
        // Dropped without commit.
    }
    let mut r = h.store.read().await.unwrap();
    assert!(r.teams(org.id).await.unwrap().is_empty());
    assert!(r.audit_chain_report(org.id).await.unwrap().entries == 0);
    assert_eq!(
        h.raw_count("SELECT COUNT(*) FROM teams WHERE org = $1", org.id)
            .await,
        0
    );
}
