use raci_store::{LoginThrottle, OrgKind, StoreError, UserRole};

use crate::Harness;

async fn user(h: &Harness, org: i64, email: &str, role: UserRole) -> raci_store::User {
    h.user_with_password(org, email, email, role, Some("$argon2id$v=19$old"))
        .await
}

pub async fn sessions(h: &Harness) {
    let s = &h.store;
    let c = h.org("Acme", OrgKind::Customer).await;
    let alice = user(h, c.id, "alice@acme.test", UserRole::Member).await;

    let issued = s
        .create_session("user:1", alice.id, 3_600_000)
        .await
        .unwrap();
    assert!(issued.secret.len() > 60);
    assert_eq!(issued.session.hash.len(), 64);
    assert_ne!(
        issued.session.hash, issued.secret,
        "the secret is not stored"
    );
    assert_eq!(
        issued.session.expires_at - issued.session.created_at,
        3_600_000
    );
    let (who, session) = s.authenticate_session(&issued.secret).await.unwrap();
    assert_eq!((who, session.id), (alice.clone(), issued.session.id));
    assert!(matches!(
        s.authenticate_session("raci_s_wrong").await,
        Err(StoreError::NotFound { .. })
    ));

    // An expired session is refused.
    let expired = s.create_session("user:1", alice.id, -1).await.unwrap();
    assert!(s.authenticate_session(&expired.secret).await.is_err());

    // Logout, once.
    s.revoke_session("user:1", issued.session.id).await.unwrap();
    assert!(s.authenticate_session(&issued.secret).await.is_err());
    assert!(matches!(
        s.revoke_session("user:1", issued.session.id).await,
        Err(StoreError::NotFound { .. })
    ));

    // A new password ends every session of the user.
    let other = s
        .create_session("user:1", alice.id, 3_600_000)
        .await
        .unwrap();
    s.set_password_hash("user:1", alice.id, "$argon2id$v=19$new")
        .await
        .unwrap();
    assert!(s.authenticate_session(&other.secret).await.is_err());
    assert_eq!(
        s.get_user(alice.id).await.unwrap().password_hash.as_deref(),
        Some("$argon2id$v=19$new")
    );
    let actions: Vec<String> = s
        .list_audit(c.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .filter(|a| a.starts_with("session.") || a == "user.password")
        .collect();
    assert_eq!(
        actions,
        vec![
            "session.create",
            "session.create",
            "session.revoke",
            "session.create",
            "user.password"
        ]
    );
    s.verify_audit_chain(c.id).await.unwrap();
}

pub async fn login_failures_throttle(h: &Harness) {
    let s = &h.store;
    let t = LoginThrottle {
        window_ms: 60_000,
        per_email: 3,
        per_ip: 5,
    };
    let now = raci_store::now_ms();
    let email = "Alice@Acme.test";
    for i in 0..2 {
        s.record_login_failure(email, Some("10.0.0.1"), now + i)
            .await
            .unwrap();
    }
    assert_eq!(
        s.login_blocked_until(email, Some("10.0.0.1"), now + 5, &t)
            .await
            .unwrap(),
        None
    );
    // The third failure, under another spelling of the address, blocks it
    // until the oldest of the three leaves the window.
    s.record_login_failure("alice@acme.test ", Some("10.0.0.2"), now + 2)
        .await
        .unwrap();
    assert_eq!(
        s.login_blocked_until(email, None, now + 5, &t)
            .await
            .unwrap(),
        Some(now + 60_000)
    );
    assert_eq!(
        s.login_blocked_until(email, None, now + 60_001, &t)
            .await
            .unwrap(),
        None,
        "the window has passed"
    );
    assert_eq!(
        s.login_blocked_until("bob@acme.test", None, now + 5, &t)
            .await
            .unwrap(),
        None,
        "other addresses are not blocked"
    );

    // Per IP: five failures from one address, whatever the e-mails.
    for i in 0..3 {
        s.record_login_failure(&format!("u{i}@x.test"), Some("10.0.0.1"), now + 10 + i)
            .await
            .unwrap();
    }
    assert_eq!(
        s.login_blocked_until("new@x.test", Some("10.0.0.1"), now + 20, &t)
            .await
            .unwrap(),
        Some(now + 60_000)
    );
    assert_eq!(
        s.login_blocked_until("new@x.test", Some("10.0.0.9"), now + 20, &t)
            .await
            .unwrap(),
        None
    );

    // A success clears the address's failures.
    s.clear_login_failures("ALICE@acme.test").await.unwrap();
    assert_eq!(
        s.login_blocked_until(email, None, now + 20, &t)
            .await
            .unwrap(),
        None
    );
}

pub async fn roles_and_tokens(h: &Harness) {
    let s = &h.store;
    let c = h.org("Acme", OrgKind::Customer).await;
    let admin = user(h, c.id, "admin@acme.test", UserRole::Admin).await;
    let bob = user(h, c.id, "bob@acme.test", UserRole::Member).await;

    let promoted = s
        .set_user_role("user:admin", bob.id, UserRole::Admin)
        .await
        .unwrap();
    assert_eq!(promoted.role, UserRole::Admin);
    s.set_user_role("user:admin", admin.id, UserRole::Auditor)
        .await
        .unwrap();
    // Bob is now the last admin and cannot be demoted.
    assert!(matches!(
        s.set_user_role("user:bob", bob.id, UserRole::Member).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(s.get_user(bob.id).await.unwrap().role, UserRole::Admin);
    let roles: Vec<String> = s
        .list_audit(c.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "user.role")
        .map(|e| e.details_json)
        .collect();
    assert_eq!(
        roles,
        vec![
            r#"{"from":"member","to":"admin"}"#,
            r#"{"from":"admin","to":"auditor"}"#
        ]
    );

    let issued = s.create_api_token("test", bob.id, None).await.unwrap();
    assert_eq!(
        s.get_api_token(issued.token.id).await.unwrap(),
        issued.token
    );
    assert!(matches!(
        s.get_api_token(9999).await,
        Err(StoreError::NotFound { .. })
    ));
}
