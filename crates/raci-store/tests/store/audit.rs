use raci_store::{AuditFilter, OrgKind, GENESIS_HASH};
use serde_json::json;

use crate::Harness;

async fn org_with_history(h: &Harness, n: i64) -> i64 {
    let org = h.org("Audited", OrgKind::Customer).await;
    let mut w = h.store.write().await.unwrap();
    for i in 0..n {
        let actor = if i % 2 == 0 { "user:7" } else { "system" };
        w.append_audit(
            org.id,
            actor,
            "evidence.add",
            &format!("duty:{i}"),
            &json!({"n": i}),
        )
        .await
        .unwrap();
    }
    w.commit().await.unwrap();
    org.id
}

pub async fn chain_verifies_and_detects_tampering(h: &Harness) {
    let org = org_with_history(h, 5).await;
    let other = org_with_history(h, 5).await;
    let mut r = h.store.read().await.unwrap();
    let log = r
        .audit_entries(
            org,
            &AuditFilter {
                limit: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(log.len(), 5);
    assert_eq!(log[0].prev_hash, GENESIS_HASH);
    for (i, w) in log.windows(2).enumerate() {
        assert_eq!(w[1].prev_hash, w[0].hash);
        assert_eq!(w[1].seq, i as i64 + 2);
    }
    let report = r.audit_chain_report(org).await.unwrap();
    assert!(report.is_ok());
    assert_eq!((report.entries, report.head_seq), (5, 5));
    assert_eq!(report.head_hash, log[4].hash);
    drop(r);
    let n = h
        .raw_exec(
            "UPDATE audit_log SET details_json = '{\"n\":99}' WHERE org = $1 AND seq = 3",
            &[org],
        )
        .await;
    assert_eq!(n, 1);
    let mut r = h.store.read().await.unwrap();
    let report = r.audit_chain_report(org).await.unwrap();
    assert_eq!(report.broken.map(|b| b.seq), Some(3));
    assert!(r.audit_chain_report(other).await.unwrap().is_ok());
}

pub async fn chain_detects_a_removed_tail(h: &Harness) {
    let org = org_with_history(h, 5).await;
    assert_eq!(
        h.raw_exec("DELETE FROM audit_log WHERE org = $1 AND seq = 5", &[org])
            .await,
        1
    );
    let report = h
        .store
        .read()
        .await
        .unwrap()
        .audit_chain_report(org)
        .await
        .unwrap();
    assert_eq!(report.broken.map(|b| b.seq), Some(5));
}

pub async fn concurrent_appends_keep_one_chain(h: &Harness) {
    let org = h.org("Busy", OrgKind::Customer).await.id;
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let store = h.store.clone();
            tokio::spawn(async move {
                let mut w = store.write().await?;
                w.append_audit(org, "system", "ping", "org", &json!({"i": i}))
                    .await?;
                w.commit().await
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let report = h
        .store
        .read()
        .await
        .unwrap()
        .audit_chain_report(org)
        .await
        .unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert_eq!(report.entries, 16);
}

pub async fn entries_are_filtered_and_paged(h: &Harness) {
    let org = org_with_history(h, 6).await;
    let mut r = h.store.read().await.unwrap();
    let page = |f: AuditFilter| f;
    let first = r
        .audit_entries(
            org,
            &page(AuditFilter {
                limit: 2,
                ..Default::default()
            }),
        )
        .await
        .unwrap();
    assert_eq!(first.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![1, 2]);
    let next = r
        .audit_entries(
            org,
            &AuditFilter {
                after_seq: Some(2),
                limit: 2,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(next.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![3, 4]);
    let by_actor = r
        .audit_entries(
            org,
            &AuditFilter {
                actor: Some("system".into()),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(by_actor.len(), 3);
    let by_subject = r
        .audit_entries(
            org,
            &AuditFilter {
                subject: Some("duty:4".into()),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(by_subject.len(), 1);
    let all = r
        .audit_entries(
            org,
            &AuditFilter {
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let at = all[3].at;
    let until = r
        .audit_entries(
            org,
            &AuditFilter {
                until: Some(at),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(until.iter().all(|e| e.at < at));
    let none = r
        .audit_entries(
            org,
            &AuditFilter {
                action: Some("duty.state".into()),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(none.is_empty());
}
