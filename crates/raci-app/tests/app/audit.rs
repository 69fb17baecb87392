//! The audit trail: read by admins and auditors, paged, filtered, verified.

use raci_app::test_support::World;
use raci_app::{AuditQuery, ErrorCode, EvidenceInput};

use crate::scene::{code, refusal, Scene};

pub async fn the_trail_is_paged_filtered_and_verified(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    let d = s.duty("Restore a backup");
    app.start_duty(&s.c_member, d).await.unwrap();
    app.add_evidence(&s.c_member, d, EvidenceInput::Text { text: "ok".into() })
        .await
        .unwrap();
    assert_eq!(
        code(app.audit_log(&s.c_member, &AuditQuery::default()).await),
        ErrorCode::Forbidden
    );
    let all = app
        .audit_log(
            &s.c_auditor,
            &AuditQuery {
                limit: Some(1000),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(all.next_after.is_none());
    assert!(all.entries.len() >= 6, "{}", all.entries.len());
    let page = app
        .audit_log(
            &s.c_admin,
            &AuditQuery {
                limit: Some(2),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        page.entries.iter().map(|e| e.seq).collect::<Vec<_>>(),
        vec![1, 2]
    );
    let next = app
        .audit_log(
            &s.c_admin,
            &AuditQuery {
                after: page.next_after,
                limit: Some(2),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(next.entries[0].seq, 3);
    let of_duty = app
        .audit_log(
            &s.c_admin,
            &AuditQuery {
                duty: Some(d),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let actions: Vec<_> = of_duty.entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["duty.state", "evidence.add"]);
    assert_eq!(of_duty.entries[1].details["kind"], "text");
    let by_actor = app
        .audit_log(
            &s.c_admin,
            &AuditQuery {
                actor: Some(s.c_member.actor()),
                action: Some("evidence.add".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(by_actor.entries.len(), 1);
    assert_eq!(
        refusal(
            app.audit_log(
                &s.c_admin,
                &AuditQuery {
                    limit: Some(0),
                    ..Default::default()
                }
            )
            .await
        ),
        (ErrorCode::InvalidInput, Some("limit".into()))
    );
    // Each organization reads its own chain only.
    let provider = app
        .audit_log(
            &s.p_admin,
            &AuditQuery {
                duty: Some(d),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        provider.entries.len(),
        2,
        "both organizations record the duty's steps"
    );
    let report = app.verify_audit(&s.c_auditor).await.unwrap();
    assert!(report.ok && report.broken.is_none());
    assert_eq!(report.entries, all.entries.len());
    assert_eq!(report.head_hash, all.entries.last().unwrap().hash);
    assert_eq!(
        code(app.verify_audit(&s.p_member).await),
        ErrorCode::Forbidden
    );
}
