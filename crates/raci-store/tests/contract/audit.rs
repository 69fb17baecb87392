use raci_store::{OrgKind, StoreError, GENESIS_HASH};
use serde_json::json;

use crate::Harness;

async fn org_with_history(h: &Harness) -> i64 {
    let org = h.org("Audited", OrgKind::Customer).await;
    for i in 0..4 {
        h.store
            .append_audit(
                org.id,
                "user:7",
                "evidence.upload",
                &format!("duty:{i}"),
                &json!({"n": i}),
            )
            .await
            .unwrap();
    }
    org.id
}

pub async fn chain_verifies_and_detects_tampering(h: &Harness) {
    let s = &h.store;
    let org = org_with_history(h).await;
    let other = org_with_history(h).await;
    let log = s.list_audit(org).await.unwrap();
    assert_eq!(log.len(), 5);
    assert_eq!(log[0].prev_hash, GENESIS_HASH);
    for (i, w) in log.windows(2).enumerate() {
        assert_eq!(w[1].prev_hash, w[0].hash);
        assert_eq!(w[1].seq, i as i64 + 2);
    }
    s.verify_audit_chain(org).await.unwrap();

    let n = h
        .raw_exec(
            "UPDATE audit_log SET details_json = '{\"n\":99}' WHERE org = $1 AND seq = 3",
            org,
        )
        .await;
    assert_eq!(n, 1);
    match s.verify_audit_chain(org).await {
        Err(StoreError::BrokenLink { seq }) => assert_eq!(seq, 3),
        other => panic!("tampering not detected: {other:?}"),
    }
    // Another organization's chain is unaffected.
    s.verify_audit_chain(other).await.unwrap();
}

pub async fn chain_detects_a_removed_tail(h: &Harness) {
    let s = &h.store;
    let org = org_with_history(h).await;
    let n = h
        .raw_exec("DELETE FROM audit_log WHERE org = $1 AND seq = 5", org)
        .await;
    assert_eq!(n, 1);
    match s.verify_audit_chain(org).await {
        Err(StoreError::BrokenLink { seq }) => assert_eq!(seq, 5),
        other => panic!("removal not detected: {other:?}"),
    }
}

pub async fn concurrent_appends_keep_one_chain(h: &Harness) {
    let org = h.org("Busy", OrgKind::Customer).await.id;
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let store = h.store.clone();
            tokio::spawn(async move {
                store
                    .append_audit(org, "system", "ping", "org", &json!({"i": i}))
                    .await
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let log = h.store.list_audit(org).await.unwrap();
    assert_eq!(log.len(), 17);
    h.store.verify_audit_chain(org).await.unwrap();
}
