//! A new edition: a change notice per subscription listing exactly the
//! duties whose letters change, and its acceptance migrating the duties;
//! incidents and change requests routed by the activity they fall under.

use raci_app::test_support::World;
use raci_app::views::{Direction, EntryKind, NoticeStatus};
use raci_app::{DutyFilter, ErrorCode, EvidenceInput, NewEventInput, PublishInput, SignOffInput};
use raci_store::DutyState;

use crate::scene::{code, refusal, Scene, MATRIX};

/// Edition 2: "Rotate the keys" moves onto the customer (R → RA, provider
/// loses A), "Clean the logs" leaves, "Archive the audit trail" comes.
const EDITION_2: &str =
    "---\ntitle: Queue - Responsibility model\nupdated: 2024-09-01\nlang: en\n---\n\n\
### 1. Running the service\n\n\
| Activity | Customer | Nimbus |\n| --- | --- | --- |\n\
| Rotate the keys | RA | C |\n\
| Restore a backup | RA | I |\n\
| Archive the audit trail | RA | I |\n";

fn publish(text: &str) -> PublishInput {
    PublishInput {
        bytes: text.as_bytes().to_vec(),
        format: None,
        force: true,
    }
}

pub async fn a_new_edition_notifies_and_migrates(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    // "Restore a backup" is done before the change: it stays done.
    let restore = s.duty("Restore a backup");
    app.start_duty(&s.c_member, restore).await.unwrap();
    app.add_evidence(
        &s.c_member,
        restore,
        EvidenceInput::Text { text: "ok".into() },
    )
    .await
    .unwrap();
    app.submit_duty(&s.c_member, restore).await.unwrap();
    app.sign_off(&s.c_admin, restore, SignOffInput::Approve { comment: None })
        .await
        .unwrap();
    let published = app
        .publish(&s.p_admin, s.service, publish(EDITION_2))
        .await
        .unwrap();
    let changes = published.changes.unwrap();
    assert_eq!(
        (
            changes.notices,
            changes.summary.role_changes,
            changes.summary.added,
            changes.summary.removed
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(s.inbox(&s.c_admin, "change_notice").await, 1);
    let notices = app
        .change_notices(&s.c_member, s.subscription)
        .await
        .unwrap();
    let notice = notices.last().unwrap().clone();
    assert_eq!(
        (notice.status, notice.from_number, notice.to_number),
        (NoticeStatus::Pending, 1, 2)
    );
    let mut entries: Vec<_> = notice
        .entries
        .iter()
        .map(|e| (e.text.clone().unwrap(), e.kind, e.direction, e.duty))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        entries,
        vec![
            (
                "Archive the audit trail".into(),
                EntryKind::Added,
                Direction::OntoCustomer,
                None
            ),
            (
                "Clean the logs".into(),
                EntryKind::Removed,
                Direction::OffCustomer,
                Some(s.duty("Clean the logs"))
            ),
            (
                "Rotate the keys".into(),
                EntryKind::Changed,
                Direction::OntoCustomer,
                Some(s.duty("Rotate the keys"))
            ),
        ],
        "entries name the duties they concern"
    );
    assert_eq!(notice.onto_customer, 2);
    assert_eq!(
        app.subscription(&s.c_member, s.subscription)
            .await
            .unwrap()
            .pending_notice,
        Some(notice.id)
    );
    // Who may accept: the customer's admin only; a stranger does not see it.
    assert_eq!(
        code(app.change_notice(&s.stranger, notice.id).await),
        ErrorCode::NotFound
    );
    for (who, expected) in [
        (&s.stranger, ErrorCode::NotFound),
        (&s.p_admin, ErrorCode::Forbidden),
        (&s.c_member, ErrorCode::Forbidden),
    ] {
        assert_eq!(
            code(app.accept_change_notice(who, notice.id).await),
            expected
        );
    }
    let done = app
        .accept_change_notice(&s.c_admin, notice.id)
        .await
        .unwrap();
    assert_eq!((done.moved, done.retired, done.added), (2, 1, 1));
    assert_eq!(done.notice.status, NoticeStatus::Accepted);
    let added = done
        .notice
        .entries
        .iter()
        .find(|e| e.kind == EntryKind::Added)
        .unwrap();
    let duties = app
        .duties(&s.c_admin, s.subscription, &DutyFilter::default())
        .await
        .unwrap();
    let archive = duties
        .iter()
        .find(|d| d.text.starts_with("Archive"))
        .unwrap();
    assert_eq!(
        added.duty,
        Some(archive.id),
        "added entries name their new duty once accepted"
    );
    assert_eq!(archive.state, DutyState::Open);
    assert_eq!(
        code(app.accept_change_notice(&s.c_admin, notice.id).await),
        ErrorCode::Conflict
    );
    let restored = duties.iter().find(|d| d.id == restore).unwrap();
    assert_eq!(restored.state, DutyState::Done, "a done duty stays done");
    let rotate = duties.iter().find(|d| d.text == "Rotate the keys").unwrap();
    assert_eq!(
        (
            rotate.roles["Customer"].as_str(),
            rotate.roles["Nimbus"].as_str()
        ),
        ("RA", "C")
    );
    let retired = app
        .retired_duties(&s.p_member, s.subscription)
        .await
        .unwrap();
    assert_eq!(retired.len(), 1);
    assert!(retired[0].retired_at.is_some());
    // A third edition supersedes an unaccepted notice; only the latest is accepted.
    app.publish(&s.p_admin, s.service, publish(MATRIX))
        .await
        .unwrap();
    app.publish(&s.p_admin, s.service, publish(EDITION_2))
        .await
        .unwrap();
    let notices = app
        .change_notices(&s.c_admin, s.subscription)
        .await
        .unwrap();
    assert_eq!(notices.len(), 3);
    assert_eq!(notices[1].status, NoticeStatus::Superseded);
    assert_eq!(
        code(app.accept_change_notice(&s.c_admin, notices[1].id).await),
        ErrorCode::Conflict
    );
    let last = app
        .accept_change_notice(&s.c_admin, notices[2].id)
        .await
        .unwrap();
    assert_eq!(
        last.notice.from_number, 2,
        "computed from the edition the subscription is bound to"
    );
    s.chains_hold().await;
}

pub async fn events_become_routed_duties(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    let event = |kind: &str, title: &str, activity: Option<&str>| -> NewEventInput {
        serde_json::from_value(
            serde_json::json!({"kind": kind, "title": title, "activity": activity}),
        )
        .unwrap()
    };
    let keys = s
        .duties
        .iter()
        .find(|d| d.text == "Rotate the keys")
        .unwrap()
        .activity_id
        .clone();
    let raised = app
        .raise_event(
            &s.c_member,
            s.subscription,
            event("incident", "A key leaked", Some(&keys)),
        )
        .await
        .unwrap();
    assert_eq!(raised.matched_activity, keys);
    assert_eq!(raised.event.activity_id, format!("{keys}#incident-1"));
    assert_eq!(raised.duty.text, "A key leaked");
    assert_eq!(raised.duty.roles["Nimbus"], "AC");
    assert_eq!(raised.routed_to.len(), 1);
    assert_eq!(
        (raised.routed_to[0].org, raised.routed_to[0].party.as_str()),
        (s.c_admin.org.id, "Customer")
    );
    assert_eq!(s.inbox(&s.c_admin, "event.routed").await, 1);
    // The event duty runs the same flow, with the activity's letters.
    app.start_duty(&s.c_member, raised.duty.id).await.unwrap();
    assert_eq!(
        app.events(&s.p_member, s.subscription).await.unwrap().len(),
        1
    );
    for (input, expected) in [
        (
            event("incident", "x", Some("nope")),
            (ErrorCode::NotFound, Some("activity".into())),
        ),
        (
            event("incident", " ", None),
            (ErrorCode::InvalidInput, Some("title".into())),
        ),
        (
            event("change_request", "zzz qqq", None),
            (ErrorCode::NotFound, Some("activity".into())),
        ),
    ] {
        assert_eq!(
            refusal(app.raise_event(&s.c_member, s.subscription, input).await),
            expected
        );
    }
    assert_eq!(
        code(
            app.raise_event(&s.stranger, s.subscription, event("incident", "x", None))
                .await
        ),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(
            app.raise_event(&s.c_auditor, s.subscription, event("incident", "x", None))
                .await
        ),
        ErrorCode::Forbidden
    );
}
