use raci_store::{FailureKey, NewUser, OrgKind, StoreError, UserRole};

use crate::Harness;

pub async fn organizations_users_and_unique_emails(h: &Harness) {
    let p = h.org("OVHcloud", OrgKind::Provider).await;
    let c = h.org("Acme", OrgKind::Customer).await;
    let mut r = h.store.read().await.unwrap();
    assert_eq!(r.organization(p.id).await.unwrap(), p);
    assert_eq!(r.organizations().await.unwrap(), vec![p.clone(), c.clone()]);
    assert!(matches!(
        r.organization(9999).await,
        Err(StoreError::NotFound {
            entity: "organization",
            ..
        })
    ));
    drop(r);
    let alice = h.user(c.id, "alice@acme.test", UserRole::Admin).await;
    let mut w = h.store.write().await.unwrap();
    let again = w
        .create_user(&NewUser {
            org: p.id,
            email: "alice@acme.test".into(),
            name: "Other".into(),
            role: UserRole::Member,
            password_hash: None,
        })
        .await;
    // A taken address names its field, whatever the engine's wording.
    assert!(
        matches!(
            again,
            Err(StoreError::Taken {
                entity: "user",
                field: "email"
            })
        ),
        "{again:?}"
    );
    drop(w);
    let mut w = h.store.write().await.unwrap();
    let orphan = w
        .create_user(&NewUser {
            org: 9999,
            email: "x@y.test".into(),
            name: "X".into(),
            role: UserRole::Member,
            password_hash: None,
        })
        .await;
    assert!(
        matches!(orphan, Err(StoreError::NotFound { .. })),
        "{orphan:?}"
    );
    drop(w);
    let mut r = h.store.read().await.unwrap();
    assert_eq!(r.user_by_email("alice@acme.test").await.unwrap(), alice);
    assert_eq!(r.users(c.id).await.unwrap(), vec![alice.clone()]);
    assert!(r.users(p.id).await.unwrap().is_empty());
    drop(r);
    let mut w = h.store.write().await.unwrap();
    let auditor = w.set_user_role(alice.id, UserRole::Auditor).await.unwrap();
    assert_eq!(auditor.role, UserRole::Auditor);
    w.commit().await.unwrap();
}

pub async fn tokens_and_sessions_live_until_revoked_or_expired(h: &Harness) {
    let c = h.org("Acme", OrgKind::Customer).await;
    let u = h.user(c.id, "ops@acme.test", UserRole::Member).await;
    let now = raci_store::now_ms();
    let mut w = h.store.write().await.unwrap();
    let issued = w.create_api_token(u.id, None).await.unwrap();
    let expired = w.create_api_token(u.id, Some(now - 1_000)).await.unwrap();
    let session = w.create_session(u.id, now + 60_000).await.unwrap();
    w.commit().await.unwrap();
    assert!(issued.secret.starts_with("raci_") && issued.secret.len() > 60);
    assert_ne!(issued.token.hash, issued.secret, "the secret is not stored");
    assert_eq!(
        issued.token.hash,
        raci_store::sha256_hex(issued.secret.as_bytes())
    );
    let mut r = h.store.read().await.unwrap();
    assert_eq!(r.user_by_token(&issued.secret, now).await.unwrap().0, u);
    assert!(r.user_by_token(&expired.secret, now).await.is_err());
    assert!(r.user_by_token("raci_wrong", now).await.is_err());
    assert_eq!(
        r.user_by_session(&session.secret, now).await.unwrap().0.id,
        u.id
    );
    assert!(r
        .user_by_session(&session.secret, now + 120_000)
        .await
        .is_err());
    drop(r);
    let mut w = h.store.write().await.unwrap();
    w.revoke_api_token(issued.token.id, now).await.unwrap();
    assert!(matches!(
        w.revoke_api_token(issued.token.id, now).await,
        Err(StoreError::Conflict(_))
    ));
    w.revoke_session(session.session.id, now).await.unwrap();
    assert!(matches!(
        w.revoke_session(session.session.id, now).await,
        Err(StoreError::NotFound { .. })
    ));
    w.commit().await.unwrap();
    let mut r = h.store.read().await.unwrap();
    assert!(r.user_by_token(&issued.secret, now).await.is_err());
    assert!(r.user_by_session(&session.secret, now).await.is_err());
    let tokens = r.api_tokens(u.id).await.unwrap();
    assert_eq!(tokens.len(), 2);
    assert!(tokens[0].revoked_at.is_some() && tokens[1].revoked_at.is_none());
    // A new password ends every session.
    drop(r);
    let mut w = h.store.write().await.unwrap();
    let again = w.create_session(u.id, now + 60_000).await.unwrap();
    w.set_password_hash(u.id, "$argon2id$x", now).await.unwrap();
    w.commit().await.unwrap();
    let mut r = h.store.read().await.unwrap();
    assert!(r.user_by_session(&again.secret, now).await.is_err());
    assert_eq!(
        r.user(u.id).await.unwrap().password_hash.as_deref(),
        Some("$argon2id$x")
    );
}

pub async fn login_failures_are_counted_by_key(h: &Harness) {
    let now = raci_store::now_ms();
    let mut w = h.store.write().await.unwrap();
    for i in 0..3 {
        w.record_login_failure("Alice@Acme.test", Some("192.0.2.1"), now - 3 + i)
            .await
            .unwrap();
    }
    w.record_login_failure("bob@acme.test", Some("192.0.2.1"), now)
        .await
        .unwrap();
    // A failure older than a day is forgotten as new ones come.
    w.record_login_failure("old@acme.test", None, now - 2 * 86_400_000)
        .await
        .unwrap();
    w.record_login_failure("old@acme.test", None, now)
        .await
        .unwrap();
    w.commit().await.unwrap();
    let mut r = h.store.read().await.unwrap();
    let email = FailureKey::Email("alice@ACME.test");
    assert_eq!(
        r.nth_login_failure(email, now - 10, 3).await.unwrap(),
        Some(now - 3)
    );
    assert_eq!(r.nth_login_failure(email, now - 10, 4).await.unwrap(), None);
    let ip = FailureKey::Ip("192.0.2.1");
    assert_eq!(
        r.nth_login_failure(ip, now - 10, 4).await.unwrap(),
        Some(now - 3)
    );
    let old = FailureKey::Email("old@acme.test");
    assert_eq!(r.nth_login_failure(old, 0, 2).await.unwrap(), None);
    drop(r);
    let mut w = h.store.write().await.unwrap();
    w.clear_login_failures("ALICE@acme.test").await.unwrap();
    w.commit().await.unwrap();
    let mut r = h.store.read().await.unwrap();
    assert_eq!(r.nth_login_failure(email, 0, 1).await.unwrap(), None);
}

pub async fn teams_and_members(h: &Harness) {
    let c = h.org("Acme", OrgKind::Customer).await;
    let a = h.user(c.id, "a@acme.test", UserRole::Member).await;
    let b = h.user(c.id, "b@acme.test", UserRole::Member).await;
    let mut w = h.store.write().await.unwrap();
    let team = w.create_team(c.id, "Platform").await.unwrap();
    w.commit().await.unwrap();
    let mut w = h.store.write().await.unwrap();
    let dup = w.create_team(c.id, "Platform").await;
    assert!(
        matches!(
            dup,
            Err(StoreError::Taken {
                entity: "team",
                field: "name"
            })
        ),
        "{dup:?}"
    );
    drop(w);
    let mut w = h.store.write().await.unwrap();
    w.add_team_member(team.id, b.id).await.unwrap();
    let t = w.add_team_member(team.id, a.id).await.unwrap();
    // Adding twice is harmless.
    let t2 = w.add_team_member(team.id, a.id).await.unwrap();
    assert_eq!(t.members, vec![a.id, b.id]);
    assert_eq!(t2, t);
    assert!(matches!(
        w.remove_team_member(team.id, 9999).await,
        Err(StoreError::NotFound { .. })
    ));
    w.remove_team_member(team.id, b.id).await.unwrap();
    w.commit().await.unwrap();
    let mut r = h.store.read().await.unwrap();
    assert_eq!(r.teams_of(a.id).await.unwrap(), vec![team.id]);
    assert!(r.teams_of(b.id).await.unwrap().is_empty());
    assert_eq!(r.teams(c.id).await.unwrap()[0].members, vec![a.id]);
}
