//! What the HTTP layer does itself: reading requests (and naming what is
//! wrong with them), authenticating, and answering errors in one form.

use raci_app::test_support::World;
use raci_store::OrgKind;

use crate::support::{get, post_json, router, send};

const MATRIX: &str = "# Q\n\n| Activity | Customer | Nimbus |\n| --- | --- | --- |\n\
| Back up the queues | RA | I |\n| Patch the brokers | I | RA |\n";

#[tokio::test]
async fn bodies_are_read_and_refused_by_field() {
    let w = World::on("sqlite").await.unwrap();
    let (_, token) = w.org_with_token("Nimbus", OrgKind::Provider).await;
    let app = router(&w);
    let auth = format!("Bearer {token}");
    let a = send(
        &app,
        "POST",
        "/services",
        &[("authorization", &auth)],
        b"{}".to_vec(),
    )
    .await;
    a.assert_error(415, "unsupported_media_type", None);
    let a = post_json(&app, "/services", &token, "{\"slug\": ").await;
    a.assert_error(400, "bad_request", None);
    let a = post_json(
        &app,
        "/services",
        &token,
        r#"{"slug": "q", "name": "Q"} trailing"#,
    )
    .await;
    assert_eq!(a.error().0, 400);
    let a = post_json(&app, "/services", &token, r#"{"slug": 5, "name": "Q"}"#).await;
    a.assert_error(422, "invalid_input", Some("slug"));
    // A body is an object, not its fields' values in a row.
    let a = post_json(&app, "/services", &token, r#"["q", "Q"]"#).await;
    a.assert_error(422, "invalid_input", None);
    let a = post_json(
        &app,
        "/services",
        &token,
        r#"{"slug": "q", "name": "Q", "extra": 1}"#,
    )
    .await;
    assert_eq!(a.error().1, "invalid_input", "unknown fields are refused");
    let a = post_json(&app, "/services", &token, r#"{"slug": "Q Q", "name": "Q"}"#).await;
    a.assert_error(422, "invalid_input", Some("slug"));
    let a = post_json(&app, "/services", &token, r#"{"slug": "q", "name": "Q"}"#).await;
    assert_eq!(a.status, 201, "{}", a.json());
    assert_eq!(a.json()["provider"]["name"], "Nimbus");
    let a = post_json(&app, "/services", &token, r#"{"slug": "q", "name": "Q"}"#).await;
    a.assert_error(409, "conflict", Some("slug"));
    // Over the body limit: 413, always `too_large`.
    let big = format!(
        "{{\"slug\": \"q\", \"name\": \"{}\"}}",
        "x".repeat(raci_api::BODY_LIMIT)
    );
    let a = post_json(&app, "/services", &token, &big).await;
    a.assert_error(413, "too_large", Some("body"));
    // Nested fields are named by their path.
    let sub = post_json(&app, "/subscriptions", &token, r#"{"service": "one"}"#).await;
    sub.assert_error(422, "invalid_input", Some("service"));
}

#[tokio::test]
async fn paths_queries_and_routes_answer_in_the_error_form() {
    let w = World::on("sqlite").await.unwrap();
    let (_, token) = w.org_with_token("Acme", OrgKind::Customer).await;
    let app = router(&w);
    get(&app, "/duties/abc", &token)
        .await
        .assert_error(400, "bad_request", Some("id"));
    get(&app, "/duties/99", &token)
        .await
        .assert_error(404, "not_found", None);
    assert_eq!(get(&app, "/nothing/here", &token).await.error().0, 404);
    let a = get(&app, "/subscriptions/1/duties?state=sleeping", &token).await;
    a.assert_error(400, "bad_request", Some("state"));
    let a = get(&app, "/organization/audit?limit=x", &token).await;
    a.assert_error(400, "bad_request", Some("limit"));
    let a = get(&app, "/organization/audit?limit=5000", &token).await;
    a.assert_error(422, "invalid_input", Some("limit"));
    let a = send(&app, "DELETE", "/services", &[], Vec::new()).await;
    assert_eq!(a.status, 405);
}

#[tokio::test]
async fn tokens_and_sessions_authenticate() {
    let w = World::on("sqlite").await.unwrap();
    let (admin, token) = w.org_with_token("Acme", OrgKind::Customer).await;
    let app = router(&w);
    let a = send(&app, "GET", "/services", &[], Vec::new()).await;
    a.assert_error(401, "unauthorized", None);
    assert_eq!(a.headers["www-authenticate"], "Bearer");
    for bad in ["Bearer raci_nope", "Basic abc"] {
        let a = send(
            &app,
            "GET",
            "/services",
            &[("authorization", bad)],
            Vec::new(),
        )
        .await;
        assert_eq!(a.status, 401, "{bad}");
    }
    // A password, a login, a session cookie.
    let a = post_json(
        &app,
        "/me/password",
        &token,
        r#"{"new": "a long enough password"}"#,
    )
    .await;
    assert_eq!(a.status, 204, "{}", a.json());
    let login = format!(
        r#"{{"email": "{}", "password": "a long enough password"}}"#,
        admin.user.email
    );
    let a = send(
        &app,
        "POST",
        "/login",
        &[("content-type", "application/json")],
        login.into_bytes(),
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.json());
    let cookie = a.headers["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let session = cookie.split(';').next().unwrap().to_owned();
    let me = send(&app, "GET", "/me", &[("cookie", &session)], Vec::new()).await;
    assert_eq!(me.json()["user"]["id"], admin.user.id);
    // A write by cookie must prove it comes from the service's own pages.
    let body = br#"{"name": "ops"}"#.to_vec();
    let json = ("content-type", "application/json");
    let a = send(
        &app,
        "POST",
        "/teams",
        &[("cookie", &session), json],
        body.clone(),
    )
    .await;
    a.assert_error(403, "forbidden", None);
    let a = send(
        &app,
        "POST",
        "/teams",
        &[("cookie", &session), json, ("x-requested-with", "fetch")],
        body.clone(),
    )
    .await;
    assert_eq!(a.status, 201);
    let a = send(
        &app,
        "POST",
        "/teams",
        &[
            ("cookie", &session),
            json,
            ("origin", "http://raci.example"),
            ("host", "raci.example"),
        ],
        br#"{"name": "dev"}"#.to_vec(),
    )
    .await;
    assert_eq!(a.status, 201);
    let a = send(
        &app,
        "POST",
        "/logout",
        &[("cookie", &session), ("x-requested-with", "fetch")],
        Vec::new(),
    )
    .await;
    assert_eq!(a.status, 204);
    assert!(a.headers["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    assert_eq!(
        send(&app, "GET", "/me", &[("cookie", &session)], Vec::new())
            .await
            .status,
        401
    );
    // Throttled logins say when to come back.
    let wrong = format!(
        r#"{{"email": "{}", "password": "wrong"}}"#,
        admin.user.email
    );
    for _ in 0..5 {
        send(&app, "POST", "/login", &[json], wrong.clone().into_bytes()).await;
    }
    let a = send(&app, "POST", "/login", &[json], wrong.into_bytes()).await;
    assert_eq!(a.error().0, 429);
    assert!(a.headers.contains_key("retry-after"));
}

#[tokio::test]
async fn matrices_go_in_and_come_out_in_every_form() {
    let w = World::on("sqlite").await.unwrap();
    let (_, provider) = w.org_with_token("Nimbus", OrgKind::Provider).await;
    let (customer, customer_token) = w.org_with_token("Acme", OrgKind::Customer).await;
    let app = router(&w);
    let svc = post_json(
        &app,
        "/services",
        &provider,
        r#"{"slug": "q", "name": "Q"}"#,
    )
    .await
    .json()["id"]
        .as_i64()
        .unwrap();
    let auth = format!("Bearer {provider}");
    let uri = format!("/services/{svc}/editions");
    // The media type names the format; lint findings come back as data.
    let a = send(
        &app,
        "POST",
        &uri,
        &[("authorization", &auth), ("content-type", "text/markdown")],
        MATRIX.replace("| I | RA |", "| A | RA |").into_bytes(),
    )
    .await;
    let body = a.json();
    assert_eq!(
        (a.status.as_u16(), body["error"]["code"].as_str()),
        (422, Some("lint_errors")),
        "{body}"
    );
    assert_eq!(body["error"]["findings"][0]["name"], "multiple-accountable");
    let csv = "activity,Customer,Nimbus\nBack up the queues,RA,I\nPatch the brokers,I,RA\n";
    for ((media, matrix), number) in [("text/markdown", MATRIX), ("text/csv", csv)]
        .into_iter()
        .zip(1..)
    {
        let headers = [("authorization", auth.as_str()), ("content-type", media)];
        let a = send(&app, "POST", &uri, &headers, matrix.as_bytes().to_vec()).await;
        assert_eq!(a.status, 201, "{media}: {}", a.json());
        assert_eq!(a.json()["edition"]["number"], number);
    }
    let a = send(
        &app,
        "POST",
        &format!("{uri}?format=xlsx"),
        &[("authorization", &auth)],
        csv.as_bytes().to_vec(),
    )
    .await;
    a.assert_error(422, "invalid_input", Some("body"));
    for (format, media) in [
        ("", "application/json"),
        ("?format=md", "text/markdown; charset=utf-8"),
        ("?format=csv", "text/csv; charset=utf-8"),
        (
            "?format=xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("?format=oscal", "application/json"),
    ] {
        let a = get(&app, &format!("{uri}/1{format}"), &customer_token).await;
        assert_eq!(
            (
                a.status.as_u16(),
                a.headers["content-type"].to_str().unwrap()
            ),
            (200, media)
        );
    }
    let doc = get(&app, &format!("{uri}/1"), &customer_token).await.json();
    assert_eq!(doc["schema"], "raci/v1");
    assert_eq!(
        doc["activities"][0]["roles"],
        serde_json::json!({"Customer": "RA", "Nimbus": "I"})
    );
    let a = get(&app, &format!("{uri}/1?format=pdf"), &customer_token).await;
    a.assert_error(400, "bad_request", Some("format"));
    // Evidence: JSON text or a file's bytes.
    let sub = post_json(
        &app,
        "/subscriptions",
        &customer_token,
        &format!("{{\"service\": {svc}}}"),
    )
    .await;
    assert_eq!(sub.status, 201, "{}", sub.json());
    let sub = sub.json();
    assert_eq!(
        sub["parties"][0],
        serde_json::json!({"party": "Customer", "org": customer.org.id, "side": "customer"})
    );
    let duties = get(
        &app,
        &format!("/subscriptions/{}/duties", sub["id"]),
        &customer_token,
    )
    .await
    .json();
    let d = duties[0]["id"].as_i64().unwrap();
    assert!(duties[0]["roles"].is_object() && duties[0]["section"].is_array());
    assert_eq!(
        post_json(&app, &format!("/duties/{d}/start"), &customer_token, "")
            .await
            .status,
        200
    );
    let cauth = format!("Bearer {customer_token}");
    let a = send(
        &app,
        "POST",
        &format!("/duties/{d}/evidence?name=restore.log"),
        &[("authorization", &cauth), ("content-type", "text/plain")],
        b"\x00ok\xff".to_vec(),
    )
    .await;
    assert_eq!(a.status, 201, "{}", a.json());
    let e = a.json();
    assert_eq!(
        (
            e["kind"].as_str(),
            e["size"].as_i64(),
            e["media_type"].as_str()
        ),
        (Some("file"), Some(4), Some("text/plain"))
    );
    let content = get(
        &app,
        &format!("/duties/{d}/evidence/{}/content", e["id"]),
        &customer_token,
    )
    .await;
    assert_eq!(content.bytes, b"\x00ok\xff");
    assert_eq!(
        content.headers["x-content-sha256"].to_str().unwrap(),
        e["sha256"].as_str().unwrap()
    );
    let big = vec![b'x'; w.app.config().evidence_limit + 1];
    let a = send(
        &app,
        "POST",
        &format!("/duties/{d}/evidence?name=big.bin"),
        &[
            ("authorization", &cauth),
            ("content-type", "application/octet-stream"),
        ],
        big,
    )
    .await;
    a.assert_error(413, "too_large", Some("file"));
    // Text evidence at its limit fits the JSON body limit; one more
    // character is refused on its field.
    let text_evidence = |chars: usize| {
        let text = "é".repeat(chars);
        format!("{{\"kind\": \"text\", \"text\": \"{text}\"}}")
    };
    let uri = format!("/duties/{d}/evidence");
    let max = raci_app::validate::TEXT_EVIDENCE_MAX;
    let a = post_json(&app, &uri, &customer_token, &text_evidence(max)).await;
    assert_eq!(a.status, 201);
    let a = post_json(&app, &uri, &customer_token, &text_evidence(max + 1)).await;
    a.assert_error(422, "invalid_input", Some("text"));
}

/// The router and the document come from the same annotations: every
/// documented operation is served where the document says, and no method it
/// does not document is served on a documented path.
#[tokio::test]
async fn every_route_is_documented_and_every_documented_operation_is_routed() {
    let w = World::on("sqlite").await.unwrap();
    let app = router(&w);
    let doc = serde_json::to_value(raci_api::openapi_document()).unwrap();
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        let relative = path
            .strip_prefix(raci_api::BASE_PATH)
            .unwrap_or_else(|| panic!("{path} is not under {}", raci_api::BASE_PATH));
        let uri: String = relative
            .split('/')
            .map(|s| if s.starts_with('{') { "1" } else { s })
            .collect::<Vec<_>>()
            .join("/");
        for method in ["get", "put", "post", "delete", "patch"] {
            let a = send(&app, &method.to_uppercase(), &uri, &[], Vec::new()).await;
            let unrouted = a.status == 405
                || (a.status == 404 && a.json()["error"]["message"] == "no such route");
            if item.get(method).is_some() {
                operations += 1;
                assert!(!unrouted, "{method} {path} is documented, not routed");
            } else {
                assert_eq!(a.status, 405, "{method} {path} is routed, not documented");
            }
        }
    }
    assert!(operations >= 55, "{operations} operations");
}

#[tokio::test]
async fn preferences_are_put_and_the_outbox_is_for_admins() {
    let w = World::on("sqlite").await.unwrap();
    let (admin, token) = w.org_with_token("Acme", OrgKind::Customer).await;
    let (_, member) = w
        .user_with_token(admin.org.id, "m@acme.example", raci_store::UserRole::Member)
        .await;
    let app = router(&w);
    let put = |body: &'static str| {
        let app = app.clone();
        let auth = format!("Bearer {member}");
        async move {
            send(
                &app,
                "PUT",
                "/me/preferences",
                &[
                    ("authorization", &auth),
                    ("content-type", "application/json"),
                ],
                body.as_bytes().to_vec(),
            )
            .await
        }
    };
    let before = get(&app, "/me/preferences", &member).await;
    assert_eq!(before.status, 200);
    assert_eq!(
        before.json(),
        serde_json::json!({"locale": null, "mail": "immediate"})
    );
    let set = put(r#"{"locale": "fr", "mail": "digest"}"#).await;
    assert_eq!(set.status, 200, "{}", set.json());
    assert_eq!(
        set.json(),
        serde_json::json!({"locale": "fr", "mail": "digest"})
    );
    put(r#"{"locale": "de", "mail": "digest"}"#)
        .await
        .assert_error(422, "invalid_input", Some("locale"));
    put(r#"{"mail": "weekly"}"#)
        .await
        .assert_error(422, "invalid_input", Some("mail"));
    assert_eq!(
        get(&app, "/me/preferences", &member).await.json()["locale"],
        "fr"
    );
    get(&app, "/mails", &member)
        .await
        .assert_error(403, "forbidden", None);
    let outbox = get(&app, "/mails?status=failed", &token).await;
    assert_eq!(outbox.status, 200);
    assert_eq!(outbox.json(), serde_json::json!([]));
    get(&app, "/mails?status=lost", &token)
        .await
        .assert_error(400, "bad_request", Some("status"));
}
