//! Mail preferences, the assignment notice of owners mapped to a column,
//! and the outbox admins read. Sending is the server's, and its tests send
//! to a real SMTP server.

use raci_app::test_support::World;
use raci_app::views::{Language, PreferencesView};
use raci_app::{
    AuditQuery, ErrorCode, LetterOwnersInput, MailFilter, OwnersInput, PreferencesInput,
};
use raci_store::{Assignee, MailPreference, MailStatus};

use crate::scene::{code, Scene};

pub async fn preferences_are_each_users_own(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    let unset = PreferencesView {
        locale: None,
        mail: MailPreference::Immediate,
    };
    assert_eq!(app.preferences(&s.c_member).await.unwrap(), unset);
    let french_digest = PreferencesInput {
        locale: Some(Language::Fr),
        mail: MailPreference::Digest,
    };
    let set = app
        .set_preferences(&s.c_member, french_digest.clone())
        .await
        .unwrap();
    assert_eq!(
        set,
        PreferencesView {
            locale: Some(Language::Fr),
            mail: MailPreference::Digest
        }
    );
    assert_eq!(app.preferences(&s.c_member).await.unwrap(), set);
    assert_eq!(
        app.preferences(&s.c_admin).await.unwrap(),
        unset,
        "another user's are theirs"
    );
    // Auditors read only, but their mail is theirs to choose.
    let none = PreferencesInput {
        locale: None,
        mail: MailPreference::None,
    };
    assert_eq!(
        app.set_preferences(&s.c_auditor, none).await.unwrap().mail,
        MailPreference::None
    );
    // Each change is in the trail; setting the same again is no change.
    app.set_preferences(&s.c_member, french_digest)
        .await
        .unwrap();
    let trail = app
        .audit_log(
            &s.c_admin,
            &AuditQuery {
                action: Some("user.preferences".into()),
                ..AuditQuery::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(trail.entries.len(), 2);
    assert_eq!(
        trail.entries[0].subject,
        format!("user:{}", s.c_member.user.id)
    );
    // The JSON API's body is read strictly: another language is refused.
    let refused = serde_json::from_str::<PreferencesInput>(r#"{"locale": "de", "mail": "none"}"#);
    assert!(refused.is_err());
    let refused = serde_json::from_str::<PreferencesInput>(r#"{"mail": "weekly"}"#);
    assert!(refused.is_err());
    s.chains_hold().await;
}

pub async fn a_new_r_owner_is_told_and_mailed(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    let map = |r: Option<Assignee>| OwnersInput {
        party: "Customer".into(),
        owners: LetterOwnersInput {
            r,
            ..LetterOwnersInput::default()
        },
    };
    let member = Assignee::User(s.c_member.user.id);
    app.set_owners(&s.c_admin, s.subscription, map(Some(member)))
        .await
        .unwrap();
    let inbox = app.inbox(&s.c_member, false).await.unwrap();
    let assigned: Vec<_> = inbox.iter().filter(|i| i.kind == "duty.assigned").collect();
    assert_eq!(assigned.len(), 1);
    // The scene's matrix has the customer R on all three rows.
    assert_eq!(
        (
            assigned[0].payload.entries,
            assigned[0].payload.party.as_deref()
        ),
        (Some(3), Some("Customer"))
    );
    // The same owner again is no news.
    app.set_owners(&s.c_admin, s.subscription, map(Some(member)))
        .await
        .unwrap();
    assert_eq!(s.inbox(&s.c_member, "duty.assigned").await, 1);
    // Only admins read the outbox: one mail, pending, to the member.
    assert_eq!(
        code(app.mails(&s.c_member, &MailFilter::default()).await),
        ErrorCode::Forbidden
    );
    let mails = app.mails(&s.c_admin, &MailFilter::default()).await.unwrap();
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(
        (
            mails[0].to.as_str(),
            mails[0].kind.as_str(),
            mails[0].status
        ),
        ("member@acme.example", "duty.assigned", MailStatus::Pending)
    );
    assert!(app
        .mails(
            &s.c_admin,
            &MailFilter {
                status: Some(MailStatus::Failed)
            }
        )
        .await
        .unwrap()
        .is_empty());
    // Another organization's admin sees none of it.
    assert!(app
        .mails(&s.p_admin, &MailFilter::default())
        .await
        .unwrap()
        .is_empty());
}
