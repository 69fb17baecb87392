//! Password login, session cookies, CSRF, throttling, tokens and users over the API.

mod common;

use std::net::SocketAddr;

use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{HeaderMap, Request, StatusCode},
    Router,
};
use common::{bodiless, get, member, on_both_backends, post_json, send_json, token, World};
use raci_server::{router, AppState, ServerConfig};
use raci_store::{LoginThrottle, OrgKind, UserRole};
use serde_json::{json, Value};
use tower::ServiceExt;

const PASSWORD: &str = "correct horse battery";

/// A request with arbitrary headers (and a peer address, as a socket gives).
async fn send(
    app: &Router,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: Option<Value>,
    peer: Option<&str>,
) -> (StatusCode, HeaderMap, Value) {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header("host", "raci.test");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    if body.is_some() {
        request = request.header("content-type", "application/json");
    }
    let mut request = request
        .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
        .unwrap();
    if let Some(peer) = peer {
        let addr: SocketAddr = peer.parse().unwrap();
        request.extensions_mut().insert(ConnectInfo(addr));
    }
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, headers, value)
}

/// An admin's token and a member with a password, created over the API.
async fn admin_and_member(w: &World, org_name: &str, email: &str) -> (String, i64) {
    let (_, admin) = member(&w.store, org_name, OrgKind::Customer, UserRole::Admin).await;
    let (status, user) = post_json(
        &w.app,
        "/api/v1/users",
        &admin,
        json!({"email": email, "name": "Dana", "role": "member", "password": PASSWORD}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{user}");
    assert!(user.get("password_hash").is_none(), "never shown: {user}");
    (admin, user["id"].as_i64().unwrap())
}

async fn login(app: &Router, email: &str, password: &str) -> (StatusCode, HeaderMap, Value) {
    send(
        app,
        "POST",
        "/api/v1/login",
        &[],
        Some(json!({"email": email, "password": password})),
        None,
    )
    .await
}

/// `raci_session=…` from a login answer.
fn session_cookie(headers: &HeaderMap) -> String {
    let set = headers["set-cookie"].to_str().unwrap();
    set.split(';').next().unwrap().to_owned()
}

async fn login_cookie_csrf_logout(w: World) {
    admin_and_member(&w, "Acme", "dana@acme.test").await;

    let (status, _, wrong) = login(&w.app, "dana@acme.test", "not the password").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, unknown) = login(&w.app, "nobody@acme.test", PASSWORD).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong, unknown, "no user enumeration");
    assert_eq!(wrong["error"]["message"], "wrong e-mail or password");

    let (status, headers, body) = login(&w.app, "dana@acme.test", PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["user"]["email"], "dana@acme.test");
    let set = headers["set-cookie"].to_str().unwrap();
    for part in [
        "raci_session=",
        "HttpOnly",
        "SameSite=Strict",
        "Path=/",
        "Max-Age=43200",
    ] {
        assert!(set.contains(part), "{set}");
    }
    assert!(!set.contains("Secure"), "{set}");
    let cookie = session_cookie(&headers);

    let (status, _, users) = send(
        &w.app,
        "GET",
        "/api/v1/users",
        &[("cookie", &cookie)],
        None,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(users.as_array().unwrap().len(), 2);

    // A write authenticated by cookie needs proof it is not cross-site.
    let new_token = Some(json!({}));
    let (status, _, _) = send(
        &w.app,
        "POST",
        "/api/v1/tokens",
        &[("cookie", &cookie)],
        new_token.clone(),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let evil = [("cookie", cookie.as_str()), ("origin", "https://evil.test")];
    let (status, _, _) = send(
        &w.app,
        "POST",
        "/api/v1/tokens",
        &evil,
        new_token.clone(),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let same_origin = [("cookie", cookie.as_str()), ("origin", "https://raci.test")];
    let (status, _, _) = send(
        &w.app,
        "POST",
        "/api/v1/tokens",
        &same_origin,
        new_token.clone(),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let xhr = [("cookie", cookie.as_str()), ("x-requested-with", "fetch")];
    let (status, _, _) = send(&w.app, "POST", "/api/v1/tokens", &xhr, new_token, None).await;
    assert_eq!(status, StatusCode::CREATED);

    let (status, _, _) = send(
        &w.app,
        "POST",
        "/api/v1/logout",
        &[("cookie", &cookie)],
        None,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "logout is a write too");
    let (status, headers, _) = send(&w.app, "POST", "/api/v1/logout", &xhr, None, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(headers["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    let (status, _, _) = send(
        &w.app,
        "GET",
        "/api/v1/users",
        &[("cookie", &cookie)],
        None,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, _) = send(
        &w.app,
        "GET",
        "/api/v1/users",
        &[("cookie", "raci_session=forged")],
        None,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn secure_cookie_when_configured(w: World) {
    admin_and_member(&w, "Acme", "dana@acme.test").await;
    let config = ServerConfig {
        secure_cookies: true,
        ..ServerConfig::default()
    };
    let app = router(AppState::with_config(w.store.clone(), config));
    let (status, headers, _) = login(&app, "dana@acme.test", PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers["set-cookie"]
        .to_str()
        .unwrap()
        .ends_with("; Secure"));
}

async fn throttled_after_five_failures(w: World) {
    admin_and_member(&w, "Acme", "dana@acme.test").await;
    for _ in 0..5 {
        let (status, _, _) = login(&w.app, "dana@acme.test", "wrong password!").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    // The sixth attempt is refused even with the right password.
    let (status, headers, body) = login(&w.app, "DANA@acme.test", PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(body["error"]["code"], "too_many_requests");
    let retry: i64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((890..=900).contains(&retry), "{retry}");

    // A success clears an address's failures.
    admin_and_member(&w, "Beta", "eve@beta.test").await;
    for _ in 0..4 {
        login(&w.app, "eve@beta.test", "wrong password!").await;
    }
    assert_eq!(
        login(&w.app, "eve@beta.test", PASSWORD).await.0,
        StatusCode::OK
    );
    for _ in 0..4 {
        login(&w.app, "eve@beta.test", "wrong password!").await;
    }
    assert_eq!(
        login(&w.app, "eve@beta.test", PASSWORD).await.0,
        StatusCode::OK
    );
}

async fn throttled_per_ip(w: World) {
    admin_and_member(&w, "Acme", "dana@acme.test").await;
    let config = ServerConfig {
        login_throttle: LoginThrottle {
            per_ip: 3,
            ..LoginThrottle::default()
        },
        ..ServerConfig::default()
    };
    let app = router(AppState::with_config(w.store.clone(), config));
    let attempt = |email: &'static str, password: &'static str, peer: &'static str| {
        let app = app.clone();
        async move {
            let body = json!({"email": email, "password": password});
            send(&app, "POST", "/api/v1/login", &[], Some(body), Some(peer))
                .await
                .0
        }
    };
    for email in ["a@x.test", "b@x.test", "c@x.test"] {
        assert_eq!(
            attempt(email, "guess guess guess", "10.1.1.1:4000").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        attempt("dana@acme.test", PASSWORD, "10.1.1.1:4001").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        attempt("dana@acme.test", PASSWORD, "10.2.2.2:4000").await,
        StatusCode::OK
    );
}

async fn tokens_over_the_api(w: World) {
    let (org, admin) = member(&w.store, "Acme", OrgKind::Customer, UserRole::Admin).await;
    let (_, other_admin) = member(&w.store, "Gamma", OrgKind::Customer, UserRole::Admin).await;
    // A member of Acme, logged in by token.
    let (status, user) = post_json(
        &w.app,
        "/api/v1/users",
        &admin,
        json!({"email": "mo@acme.test", "name": "Mo", "role": "member"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let mo = user["id"].as_i64().unwrap();
    let mo_token = token(&w.store, mo).await;

    let (status, bad) = post_json(
        &w.app,
        "/api/v1/tokens",
        &mo_token,
        json!({"expires_in_days": 0}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad["error"]["field"], "expires_in_days");
    let (status, issued) = post_json(
        &w.app,
        "/api/v1/tokens",
        &mo_token,
        json!({"expires_in_days": 30}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{issued}");
    let secret = issued["secret"].as_str().unwrap().to_owned();
    let id = issued["id"].as_i64().unwrap();
    // The expiry is computed a moment before the row is written: round.
    let lifetime = issued["expires_at"].as_i64().unwrap() - issued["created_at"].as_i64().unwrap();
    assert_eq!((lifetime + 43_200_000) / 86_400_000, 30);
    assert_eq!(
        get(&w.app, "/api/v1/users", Some(&secret)).await.0,
        StatusCode::OK
    );

    let (status, list) = get(&w.app, "/api/v1/tokens", Some(&mo_token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert!(list[0].get("hash").is_none() && list[0].get("secret").is_none());
    // Admins list their organization's users' tokens, nobody else's.
    let (status, list) = get(&w.app, &format!("/api/v1/tokens?user={mo}"), Some(&admin)).await;
    assert_eq!(
        (status, list.as_array().unwrap().len()),
        (StatusCode::OK, 2)
    );
    assert_eq!(
        get(
            &w.app,
            &format!("/api/v1/tokens?user={mo}"),
            Some(&other_admin)
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    let admin_id = w.store.list_users(org).await.unwrap()[0].id;
    assert_eq!(
        get(
            &w.app,
            &format!("/api/v1/tokens?user={admin_id}"),
            Some(&mo_token)
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );

    let path = format!("/api/v1/tokens/{id}");
    assert_eq!(
        bodiless(&w.app, "DELETE", &path, &other_admin).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        bodiless(&w.app, "DELETE", &path, &admin).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        get(&w.app, "/api/v1/users", Some(&secret)).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        bodiless(&w.app, "DELETE", &path, &mo_token).await.0,
        StatusCode::CONFLICT
    );
    // One's own token, revoked by oneself.
    let (_, own) = post_json(&w.app, "/api/v1/tokens", &mo_token, json!({})).await;
    let own_path = format!("/api/v1/tokens/{}", own["id"]);
    // A member cannot revoke the admin's token: it does not exist for them.
    let admin_token_id = w.store.list_api_tokens(admin_id).await.unwrap()[0].id;
    assert_eq!(
        bodiless(
            &w.app,
            "DELETE",
            &format!("/api/v1/tokens/{admin_token_id}"),
            &mo_token
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        bodiless(&w.app, "DELETE", &own_path, &mo_token).await.0,
        StatusCode::NO_CONTENT
    );

    let audit: Vec<String> = w
        .store
        .list_audit(org)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        audit.iter().filter(|a| *a == "api_token.revoke").count(),
        2,
        "{audit:?}"
    );
    assert_eq!(
        audit.iter().filter(|a| *a == "api_token.create").count(),
        4,
        "{audit:?}"
    );
}

async fn roles_by_admins_only(w: World) {
    let (org, admin) = member(&w.store, "Acme", OrgKind::Customer, UserRole::Admin).await;
    let (_, other_admin) = member(&w.store, "Other", OrgKind::Customer, UserRole::Admin).await;
    let (status, short) = post_json(
        &w.app,
        "/api/v1/users",
        &admin,
        json!({"email": "x@acme.test", "name": "X", "role": "member", "password": "short"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(short["error"]["field"], "password");
    let (status, bad) = post_json(
        &w.app,
        "/api/v1/users",
        &admin,
        json!({"email": "x@acme.test", "name": "X", "role": "boss"}),
    )
    .await;
    assert_eq!(
        (status, bad["error"]["field"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("role"))
    );
    let (_, user) = post_json(
        &w.app,
        "/api/v1/users",
        &admin,
        json!({"email": "mo@acme.test", "name": "Mo", "role": "member"}),
    )
    .await;
    let mo = user["id"].as_i64().unwrap();
    let mo_token = token(&w.store, mo).await;
    let path = format!("/api/v1/users/{mo}");
    let patch = |token: String, role: &'static str| {
        let app = w.app.clone();
        let path = path.clone();
        async move { send_json(&app, "PATCH", &path, &token, json!({"role": role})).await }
    };
    assert_eq!(
        patch(mo_token.clone(), "admin").await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        patch(other_admin.clone(), "auditor").await.0,
        StatusCode::NOT_FOUND
    );
    let (status, bad) = patch(admin.clone(), "root").await;
    assert_eq!(
        (status, bad["error"]["field"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("role"))
    );
    let (status, changed) = patch(admin.clone(), "auditor").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(changed["role"], "auditor");
    let entry = w
        .store
        .list_audit(org)
        .await
        .unwrap()
        .into_iter()
        .rev()
        .find(|e| e.action == "user.role")
        .unwrap();
    assert_eq!(entry.subject, format!("user:{mo}"));
    w.store.verify_audit_chain(org).await.unwrap();

    // Now an auditor: reads, changes nothing.
    assert_eq!(
        get(&w.app, "/api/v1/users", Some(&mo_token)).await.0,
        StatusCode::OK
    );
    let (status, _) = post_json(
        &w.app,
        "/api/v1/users",
        &mo_token,
        json!({"email": "y@acme.test", "name": "Y", "role": "admin"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        patch(mo_token.clone(), "admin").await.0,
        StatusCode::FORBIDDEN
    );
    let (status, _) = post_json(
        &w.app,
        "/api/v1/webhooks",
        &mo_token,
        json!({"url": "https://x.test/"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        get(&w.app, "/api/v1/webhooks", Some(&mo_token)).await.0,
        StatusCode::FORBIDDEN
    );
}

async fn password_change(w: World) {
    admin_and_member(&w, "Acme", "dana@acme.test").await;
    let (_, headers, _) = login(&w.app, "dana@acme.test", PASSWORD).await;
    let cookie = session_cookie(&headers);
    let xhr = [("cookie", cookie.as_str()), ("x-requested-with", "fetch")];
    let change = |current: &str, new: &str| json!({"current": current, "new": new});
    let (status, _, body) = send(
        &w.app,
        "POST",
        "/api/v1/me/password",
        &xhr,
        Some(change("wrong one", "a brand new password")),
        None,
    )
    .await;
    assert_eq!(
        (status, body["error"]["field"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("current"))
    );
    let (status, _, body) = send(
        &w.app,
        "POST",
        "/api/v1/me/password",
        &xhr,
        Some(change(PASSWORD, "short")),
        None,
    )
    .await;
    assert_eq!(
        (status, body["error"]["field"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("new"))
    );
    let (status, _, _) = send(
        &w.app,
        "POST",
        "/api/v1/me/password",
        &xhr,
        Some(change(PASSWORD, "a brand new password")),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    // Sessions end with the old password; the new one logs in.
    let (status, _, _) = send(&w.app, "GET", "/api/v1/users", &xhr, None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        login(&w.app, "dana@acme.test", PASSWORD).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login(&w.app, "dana@acme.test", "a brand new password")
            .await
            .0,
        StatusCode::OK
    );
}

on_both_backends!(
    login_cookie_csrf_logout,
    secure_cookie_when_configured,
    throttled_after_five_failures,
    throttled_per_ip,
    tokens_over_the_api,
    roles_by_admins_only,
    password_change,
);
