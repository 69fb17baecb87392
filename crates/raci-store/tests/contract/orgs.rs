use raci_store::{NewUser, OrgKind, StoreError, UserRole};

use crate::Harness;

pub fn new_user(org: i64, email: &str, role: UserRole) -> NewUser {
    NewUser {
        org,
        email: email.into(),
        name: email.split('@').next().unwrap_or_default().into(),
        role,
        password_hash: None,
    }
}

pub async fn organizations_and_users(h: &Harness) {
    let s = &h.store;
    let p = h.org("OVHcloud", OrgKind::Provider).await;
    let c = h.org("Acme", OrgKind::Customer).await;
    assert_eq!(s.get_organization(p.id).await.unwrap(), p);
    assert_eq!(c.kind, OrgKind::Customer);
    assert_eq!(
        s.list_organizations().await.unwrap(),
        vec![p.clone(), c.clone()]
    );
    assert!(matches!(
        s.get_organization(9999).await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        s.create_organization("t", "  ", OrgKind::Customer).await,
        Err(StoreError::InvalidInput(_))
    ));

    let mut nu = new_user(c.id, "alice@acme.test", UserRole::Admin);
    nu.password_hash = Some("$argon2id$v=19$stub".into());
    let alice = s.create_user("test", &nu).await.unwrap();
    assert_eq!(alice.password_hash.as_deref(), Some("$argon2id$v=19$stub"));
    assert_eq!(s.get_user(alice.id).await.unwrap(), alice);
    assert_eq!(s.get_user_by_email("alice@acme.test").await.unwrap(), alice);
    let bob = s
        .create_user("test", &new_user(c.id, "bob@acme.test", UserRole::Auditor))
        .await
        .unwrap();
    assert_eq!(bob.role, UserRole::Auditor);
    assert_eq!(s.list_users(c.id).await.unwrap(), vec![alice, bob]);
    assert!(s.list_users(p.id).await.unwrap().is_empty());

    let dup = s
        .create_user("test", &new_user(p.id, "alice@acme.test", UserRole::Member))
        .await;
    assert!(matches!(dup, Err(StoreError::Conflict(_))), "{dup:?}");
    let orphan = s
        .create_user("test", &new_user(9999, "x@y.test", UserRole::Member))
        .await;
    assert!(
        matches!(orphan, Err(StoreError::NotFound { .. })),
        "{orphan:?}"
    );
    let bad = s
        .create_user("test", &new_user(c.id, "nobody", UserRole::Member))
        .await;
    assert!(matches!(bad, Err(StoreError::InvalidInput(_))), "{bad:?}");
}

pub async fn api_tokens(h: &Harness) {
    let s = &h.store;
    let c = h.org("Acme", OrgKind::Customer).await;
    let u = s
        .create_user("test", &new_user(c.id, "ops@acme.test", UserRole::Member))
        .await
        .unwrap();
    let issued = s.create_api_token("test", u.id, None).await.unwrap();
    assert!(issued.secret.starts_with("raci_") && issued.secret.len() > 60);
    assert_ne!(issued.token.hash, issued.secret, "the secret is not stored");
    assert_eq!(issued.token.hash.len(), 64);
    assert_eq!(s.authenticate_token(&issued.secret).await.unwrap(), u);
    assert!(matches!(
        s.authenticate_token("raci_wrong").await,
        Err(StoreError::NotFound { .. })
    ));

    let expired = s
        .create_api_token("test", u.id, Some(raci_store::now_ms() - 1_000))
        .await
        .unwrap();
    assert!(s.authenticate_token(&expired.secret).await.is_err());
    let later = s
        .create_api_token("test", u.id, Some(raci_store::now_ms() + 3_600_000))
        .await
        .unwrap();
    assert_eq!(s.authenticate_token(&later.secret).await.unwrap().id, u.id);

    s.revoke_api_token("test", issued.token.id).await.unwrap();
    assert!(s.authenticate_token(&issued.secret).await.is_err());
    assert!(matches!(
        s.revoke_api_token("test", issued.token.id).await,
        Err(StoreError::Conflict(_))
    ));
    let tokens = s.list_api_tokens(u.id).await.unwrap();
    assert_eq!(tokens.len(), 3);
    assert!(tokens[0].revoked_at.is_some() && tokens[1].revoked_at.is_none());
    assert!(matches!(
        s.create_api_token("test", 9999, None).await,
        Err(StoreError::NotFound { .. })
    ));
    s.verify_audit_chain(c.id).await.unwrap();
}
