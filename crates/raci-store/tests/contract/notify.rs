use raci_store::{OrgKind, RetryPolicy, StoreError, UserRole};
use serde_json::json;

use crate::Harness;

async fn user(h: &Harness, org: i64, email: &str) -> i64 {
    h.user(org, email, email, UserRole::Member).await.id
}

pub async fn inbox_is_per_user(h: &Harness) {
    let s = &h.store;
    let c = h.org("Acme", OrgKind::Customer).await;
    let alice = user(h, c.id, "alice@acme.test").await;
    let bob = user(h, c.id, "bob@acme.test").await;
    s.notify_event(
        c.id,
        &[alice, alice],
        "duty.done",
        "duty:1",
        &json!({"n": 1}),
    )
    .await
    .unwrap();
    s.notify_event(c.id, &[alice, bob], "duty.done", "duty:2", &json!({"n": 2}))
        .await
        .unwrap();

    let inbox = s.list_inbox(alice, false).await.unwrap();
    assert_eq!(inbox.len(), 2, "deduplicated recipients: {inbox:?}");
    assert_eq!(inbox[0].subject, "duty:2", "newest first");
    assert_eq!(inbox[1].payload_json, r#"{"n":1}"#);
    assert!(inbox
        .iter()
        .all(|i| i.user_id == alice && i.read_at.is_none()));
    assert_eq!(s.list_inbox(bob, false).await.unwrap().len(), 1);

    // Bob cannot read Alice's item; Alice can, once.
    let first = inbox[1].id;
    assert!(matches!(
        s.mark_inbox_read(bob, first).await,
        Err(StoreError::NotFound { .. })
    ));
    let read = s.mark_inbox_read(alice, first).await.unwrap();
    assert!(read.read_at.is_some());
    let again = s.mark_inbox_read(alice, first).await.unwrap();
    assert_eq!(
        again.read_at, read.read_at,
        "reading twice keeps the first time"
    );
    let unread = s.list_inbox(alice, true).await.unwrap();
    assert_eq!(unread.len(), 1);
    assert_eq!(unread[0].subject, "duty:2");
}

pub async fn events_fan_out_to_active_webhooks(h: &Harness) {
    let s = &h.store;
    let c = h.org("Acme", OrgKind::Customer).await;
    let other = h.org("Other", OrgKind::Customer).await;
    let a = s
        .create_webhook("user:1", c.id, "https://hooks.acme.test/a")
        .await
        .unwrap();
    let b = s
        .create_webhook("user:1", c.id, "http://hooks.acme.test/b")
        .await
        .unwrap();
    let foreign = s
        .create_webhook("user:9", other.id, "https://other.test/")
        .await
        .unwrap();
    assert!(a.secret.starts_with("whsec_") && a.secret.len() == 70);
    assert_ne!(a.secret, b.secret);
    assert!(matches!(
        s.create_webhook("user:1", c.id, "ftp://x.test/").await,
        Err(StoreError::InvalidInput(_))
    ));
    assert_eq!(
        s.list_webhooks(c.id)
            .await
            .unwrap()
            .iter()
            .map(|w| w.id)
            .collect::<Vec<_>>(),
        vec![a.id, b.id]
    );

    s.notify_event(c.id, &[], "duty.done", "duty:7", &json!({"duty": 7}))
        .await
        .unwrap();
    for hook in [a.id, b.id] {
        let log = s.list_deliveries(hook).await.unwrap();
        assert_eq!(log.len(), 1);
        let d = &log[0];
        assert_eq!(
            (d.kind.as_str(), d.subject.as_str(), d.status.as_str()),
            ("duty.done", "duty:7", "pending")
        );
        assert_eq!((d.org, d.attempts, d.webhook), (c.id, 0, hook));
        assert_eq!(d.payload_json, r#"{"duty":7}"#);
    }
    assert!(s.list_deliveries(foreign.id).await.unwrap().is_empty());

    // A deleted webhook gets nothing more, and its pending deliveries are given up.
    s.delete_webhook("user:1", b.id).await.unwrap();
    assert!(matches!(
        s.delete_webhook("user:1", b.id).await,
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(s.list_webhooks(c.id).await.unwrap().len(), 1);
    let given_up = s.list_deliveries(b.id).await.unwrap();
    assert_eq!(given_up[0].status, "failed");
    s.notify_event(c.id, &[], "duty.done", "duty:8", &json!({}))
        .await
        .unwrap();
    assert_eq!(s.list_deliveries(a.id).await.unwrap().len(), 2);
    assert_eq!(s.list_deliveries(b.id).await.unwrap().len(), 1);

    let actions: Vec<String> = s
        .list_audit(c.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| a.starts_with("webhook."))
            .collect::<Vec<_>>(),
        vec!["webhook.create", "webhook.create", "webhook.delete"]
    );
    s.verify_audit_chain(c.id).await.unwrap();
}

pub async fn claims_hold_a_lease(h: &Harness) {
    let s = &h.store;
    let c = h.org("Acme", OrgKind::Customer).await;
    let hook = s
        .create_webhook("user:1", c.id, "https://hooks.acme.test/")
        .await
        .unwrap();
    s.notify_event(c.id, &[], "k", "s", &json!({}))
        .await
        .unwrap();
    let now = raci_store::now_ms() + 10;
    let due = s.due_deliveries(now, 10).await.unwrap();
    assert_eq!(due.len(), 1);
    let id = due[0];

    let (d, w) = s.claim_delivery(id, now, 30_000).await.unwrap().unwrap();
    assert_eq!((d.id, w.id), (id, hook.id));
    assert_eq!(
        w.secret, hook.secret,
        "the worker gets the key to sign with"
    );
    assert_eq!(d.locked_until, Some(now + 30_000));
    // Another worker, now or during the lease, gets nothing.
    assert!(s.claim_delivery(id, now, 30_000).await.unwrap().is_none());
    assert!(s
        .claim_delivery(id, now + 29_999, 30_000)
        .await
        .unwrap()
        .is_none());
    assert!(s.due_deliveries(now + 1_000, 10).await.unwrap().is_empty());
    // An expired lease (a crashed worker) can be taken over.
    assert!(s
        .claim_delivery(id, now + 30_001, 30_000)
        .await
        .unwrap()
        .is_some());

    let done = s
        .record_delivery_success(id, 204, now + 30_002)
        .await
        .unwrap();
    assert_eq!(done.status, "delivered");
    assert_eq!(
        (done.last_status, done.delivered_at, done.locked_until),
        (Some(204), Some(now + 30_002), None)
    );
    assert!(s
        .claim_delivery(id, now + 90_000, 30_000)
        .await
        .unwrap()
        .is_none());
    assert!(s.due_deliveries(now + 90_000, 10).await.unwrap().is_empty());
}

pub async fn failures_back_off_then_give_up(h: &Harness) {
    let s = &h.store;
    let c = h.org("Acme", OrgKind::Customer).await;
    s.create_webhook("user:1", c.id, "https://hooks.acme.test/")
        .await
        .unwrap();
    s.notify_event(c.id, &[], "k", "s", &json!({}))
        .await
        .unwrap();
    let policy = RetryPolicy {
        base_ms: 1_000,
        cap_ms: 5_000,
        max_attempts: 4,
    };
    assert_eq!(
        (1..=4).map(|n| policy.backoff_ms(n)).collect::<Vec<_>>(),
        vec![2_000, 4_000, 5_000, 5_000]
    );
    assert_eq!(
        RetryPolicy::default().backoff_ms(20),
        3_600_000,
        "capped at 1 h"
    );
    assert_eq!(RetryPolicy::default().backoff_ms(i64::MAX), 3_600_000);

    let mut now = raci_store::now_ms() + 10;
    let id = s.due_deliveries(now, 10).await.unwrap()[0];
    for (attempt, wait) in [(1, 2_000), (2, 4_000), (3, 5_000)] {
        assert!(s.claim_delivery(id, now, 30_000).await.unwrap().is_some());
        let d = s
            .record_delivery_failure(id, Some(500), "the receiver answered 500", now, &policy)
            .await
            .unwrap();
        assert_eq!((d.attempts, d.status.as_str()), (attempt, "pending"));
        assert_eq!(d.next_attempt_at, now + wait);
        assert_eq!(d.locked_until, None);
        assert_eq!(d.last_status, Some(500));
        // Not due before its time, due after.
        assert!(s
            .claim_delivery(id, now + wait - 1, 30_000)
            .await
            .unwrap()
            .is_none());
        now += wait;
    }
    assert!(s.claim_delivery(id, now, 30_000).await.unwrap().is_some());
    let d = s
        .record_delivery_failure(id, None, "connection refused", now, &policy)
        .await
        .unwrap();
    assert_eq!((d.attempts, d.status.as_str()), (4, "failed"));
    assert_eq!(d.last_status, None);
    assert_eq!(d.last_error.as_deref(), Some("connection refused"));
    assert!(s
        .due_deliveries(now + 10_000_000, 10)
        .await
        .unwrap()
        .is_empty());
}
