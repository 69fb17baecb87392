//! Login with sessions and throttling, users, roles, passwords and tokens.

use raci_app::test_support::World;
use raci_app::{Credentials, ErrorCode, NewToken, NewUserInput, PasswordChange, RoleChange};
use raci_store::{OrgKind, UserRole};

use crate::scene::{code, refusal};

fn creds(email: &str, password: &str) -> Credentials {
    Credentials {
        email: email.into(),
        password: password.into(),
    }
}

pub async fn login_sessions_and_throttle(w: World) {
    let admin = w.org("Acme", OrgKind::Customer).await;
    let app = &w.app;
    let new = NewUserInput {
        email: "Alice@Acme.Example".into(),
        name: "Alice".into(),
        role: UserRole::Member,
        password: Some("correct horse battery".into()),
    };
    let alice = app.create_user(&admin, new).await.unwrap();
    assert_eq!(
        (alice.email.as_str(), alice.has_password),
        ("alice@acme.example", true)
    );
    let login = app
        .login(
            creds("ALICE@acme.example", "correct horse battery"),
            Some("192.0.2.1"),
        )
        .await
        .unwrap();
    assert_eq!(login.view.user.id, alice.id);
    assert!(login.secret.starts_with("raci_s_"));
    let caller = app.authenticate_session(&login.secret).await.unwrap();
    assert_eq!((caller.user.id, caller.session.is_some()), (alice.id, true));
    app.logout(&caller).await.unwrap();
    assert_eq!(
        code(app.authenticate_session(&login.secret).await),
        ErrorCode::Unauthorized
    );
    // Wrong password and unknown e-mail answer alike, and are counted.
    for _ in 0..5 {
        let r = app
            .login(
                creds("alice@acme.example", "wrong password!"),
                Some("192.0.2.9"),
            )
            .await;
        assert_eq!(code(r), ErrorCode::Unauthorized);
    }
    assert_eq!(
        code(app.login(creds("nobody@acme.example", "x"), None).await),
        ErrorCode::Unauthorized
    );
    let blocked = app
        .login(creds("alice@acme.example", "correct horse battery"), None)
        .await
        .unwrap_err();
    assert_eq!(blocked.code, ErrorCode::TooManyRequests);
    assert!(blocked.retry_after.is_some_and(|s| s > 0 && s <= 900));
    assert_eq!(
        refusal(app.login(creds("not an address", "x"), None).await),
        (ErrorCode::InvalidInput, Some("email".into()))
    );
    // A token-only user cannot log in with a password.
    let bot = w
        .user(admin.org.id, "bot@acme.example", UserRole::Member)
        .await;
    assert_eq!(
        code(
            app.login(creds(&bot.user.email, "anything at all"), None)
                .await
        ),
        ErrorCode::Unauthorized
    );
}

pub async fn users_roles_passwords_and_tokens(w: World) {
    let admin = w.org("Acme", OrgKind::Customer).await;
    let member = w
        .user(admin.org.id, "m@acme.example", UserRole::Member)
        .await;
    let other = w.org("Globex", OrgKind::Customer).await;
    let app = &w.app;
    let new = |email: &str| NewUserInput {
        email: email.into(),
        name: "N".into(),
        role: UserRole::Auditor,
        password: None,
    };
    assert_eq!(
        code(app.create_user(&member, new("x@acme.example")).await),
        ErrorCode::Forbidden
    );
    assert_eq!(
        refusal(app.create_user(&admin, new("M@ACME.example")).await),
        (ErrorCode::Conflict, Some("email".into())),
        "one address is one user, whatever its case"
    );
    let short = NewUserInput {
        password: Some("short".into()),
        ..new("s@acme.example")
    };
    assert_eq!(
        refusal(app.create_user(&admin, short).await),
        (ErrorCode::InvalidInput, Some("password".into()))
    );
    // Roles: admins change them; the last admin stays; others' users are not found.
    let to = |role| RoleChange { role };
    assert_eq!(
        code(
            app.set_user_role(&member, member.user.id, to(UserRole::Admin))
                .await
        ),
        ErrorCode::Forbidden
    );
    assert_eq!(
        refusal(
            app.set_user_role(&admin, admin.user.id, to(UserRole::Member))
                .await
        ),
        (ErrorCode::Conflict, Some("role".into()))
    );
    assert_eq!(
        code(
            app.set_user_role(&other, member.user.id, to(UserRole::Member))
                .await
        ),
        ErrorCode::NotFound
    );
    assert_eq!(
        app.set_user_role(&admin, member.user.id, to(UserRole::Auditor))
            .await
            .unwrap()
            .role,
        UserRole::Auditor
    );
    assert_eq!(app.users(&admin).await.unwrap().len(), 2);
    // Passwords: the current one is needed once one is set.
    let change = |current: Option<&str>, new: &str| PasswordChange {
        current: current.map(Into::into),
        new: new.into(),
    };
    app.change_password(&admin, change(None, "first password here"))
        .await
        .unwrap();
    let admin = app
        .authenticate_token(
            &app.bootstrap_token(admin.user.id, None)
                .await
                .unwrap()
                .secret,
        )
        .await
        .unwrap();
    assert_eq!(
        refusal(
            app.change_password(&admin, change(Some("wrong one"), "second password here"))
                .await
        ),
        (ErrorCode::Forbidden, Some("current".into()))
    );
    app.change_password(
        &admin,
        change(Some("first password here"), "second password here"),
    )
    .await
    .unwrap();
    app.login(creds(&admin.user.email, "second password here"), None)
        .await
        .unwrap();
    // Tokens: one's own, or an admin's view of the organization's.
    let days = |d| NewToken { expires_in_days: d };
    let issued = app.create_token(&member, days(Some(30))).await.unwrap();
    assert!(issued.token.expires_at.is_some());
    assert_eq!(
        refusal(app.create_token(&member, days(Some(0))).await),
        (ErrorCode::InvalidInput, Some("expires_in_days".into()))
    );
    assert_eq!(
        code(app.tokens(&member, Some(admin.user.id)).await),
        ErrorCode::Forbidden
    );
    assert_eq!(
        app.tokens(&admin, Some(member.user.id))
            .await
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        code(app.tokens(&other, Some(member.user.id)).await),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(app.revoke_token(&other, issued.token.id).await),
        ErrorCode::NotFound
    );
    app.revoke_token(&admin, issued.token.id).await.unwrap();
    assert_eq!(
        code(app.authenticate_token(&issued.secret).await),
        ErrorCode::Unauthorized
    );
    assert_eq!(
        code(app.revoke_token(&admin, issued.token.id).await),
        ErrorCode::Conflict
    );
    let me = app.me(&member).await.unwrap();
    assert_eq!(
        (me.user.id, me.organization.name.as_str()),
        (member.user.id, "Acme")
    );
}
