//! Every page route: another organization's session sees nothing (404, as
//! the API answers), no session is sent to the login page. The list below
//! is checked against the routes the pages declare, so a new route cannot
//! be left out of it.

use axum::http::StatusCode;
use raci_app::test_support::World;

use crate::support::{Scene, Session};

/// Every route of the pages: method, path, and whether it is about one
/// resource of an organization (else it is the caller's own: `/`, `/logout`).
/// A subscription or duty is hidden from other customers, a service from
/// other providers (customers all see the catalog).
const ROUTES: &[(&str, &str, bool)] = &[
    ("GET", "/catalog", false),
    ("GET", "/services/{id}", true),
    ("GET", "/services/{id}/editions/{number}", true),
    ("GET", "/", false),
    ("GET", "/login", false),
    ("POST", "/login", false),
    ("POST", "/logout", false),
    ("POST", "/language", false),
    ("GET", "/subscriptions/{id}", true),
    ("GET", "/duties/{id}", true),
    ("POST", "/duties/{id}/start", true),
    ("POST", "/duties/{id}/evidence", true),
    ("GET", "/duties/{id}/evidence/{eid}", true),
    ("POST", "/duties/{id}/submit", true),
    ("POST", "/duties/{id}/consultations/{cid}/answer", true),
    ("POST", "/duties/{id}/signoff", true),
    ("POST", "/duties/{id}/not-applicable", true),
    ("POST", "/duties/{id}/schedule", true),
    ("GET", "/inbox", false),
    ("GET", "/audit", false),
    ("GET", "/audit/verify", false),
    ("POST", "/inbox/{id}/read", true),
    ("GET", "/change-notices/{id}", true),
    ("POST", "/change-notices/{id}/accept", true),
];

/// The paths of the routes `src/pages/**.rs` declare (`.route("…"`).
fn declared() -> Vec<String> {
    let mut folders = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/pages")];
    let mut found = Vec::new();
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let text = std::fs::read_to_string(path).unwrap();
            let mut rest = text.as_str();
            while let Some(at) = rest.find(".route(") {
                rest = &rest[at + ".route(".len()..];
                let start = rest.find('"').unwrap() + 1;
                let end = start + rest[start..].find('"').unwrap();
                found.push(rest[start..end].to_owned());
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// Ids of the resources the routes name, beyond the duty's.
struct Ids {
    notice: i64,
    inbox: i64,
}

/// A route with real ids: the subscription, the service, the duty and its
/// evidence and consultation, the change notice.
fn concrete(
    path: &str,
    duty: i64,
    evidence: i64,
    consultation: i64,
    subscription: i64,
    service: i64,
    ids: &Ids,
) -> String {
    path.replace(
        "/subscriptions/{id}",
        &format!("/subscriptions/{subscription}"),
    )
    .replace("/services/{id}", &format!("/services/{service}"))
    .replace("{number}", "1")
    .replace(
        "/change-notices/{id}",
        &format!("/change-notices/{}", ids.notice),
    )
    .replace("/inbox/{id}", &format!("/inbox/{}", ids.inbox))
    .replace("{id}", &duty.to_string())
    .replace("{eid}", &evidence.to_string())
    .replace("{cid}", &consultation.to_string())
}

async fn call(
    s: &Scene,
    method: &str,
    path: &str,
    session: Option<&Session>,
) -> crate::support::Answer {
    match (method, session) {
        ("GET", Some(session)) => s.get(path, session).await,
        ("GET", None) => s.get_with(path, "", &[]).await,
        (_, Some(session)) if path.ends_with("/evidence") => {
            s.post_multipart(path, session, &[("kind", "text"), ("text", "x")], None)
                .await
        }
        (_, Some(session)) => {
            s.post(
                path,
                session,
                &[
                    ("answer", "agree"),
                    ("decision", "approve"),
                    ("reason", "x"),
                ],
            )
            .await
        }
        (_, None) => s.post_raw(path, "", &[]).await,
    }
}

pub async fn every_route_hides_others_and_asks_for_a_login(w: World) {
    let s = Scene::new(w).await;
    let mut listed: Vec<String> = ROUTES.iter().map(|(_, p, _)| p.to_string()).collect();
    listed.sort();
    listed.dedup();
    assert_eq!(
        listed,
        declared(),
        "ROUTES must list every route the pages declare"
    );

    // A duty in consultation with evidence, so that every id is real.
    let app = &s.w.app;
    let duty = s.duty("Back up");
    app.start_duty(&s.cast.c_member, duty).await.unwrap();
    let evidence = app
        .add_evidence(
            &s.cast.c_member,
            duty,
            raci_app::EvidenceInput::Text { text: "x".into() },
        )
        .await
        .unwrap()
        .id;
    app.submit_duty(&s.cast.c_member, duty).await.unwrap();
    let consultation = app.consultations(&s.cast.c_member, duty).await.unwrap()[0].id;
    s.publish(&crate::support::MATRIX.replace(
        "| Patch the brokers | I | RA |",
        "| Patch the brokers | RA | I |",
    ))
    .await;
    let notice = app
        .change_notices(&s.cast.c_admin, s.subscription)
        .await
        .unwrap()[0]
        .id;
    // The provider's admin is asked for the consultation.
    let inbox = app.inbox(&s.cast.p_admin, false).await.unwrap()[0].id;
    let ids = Ids { notice, inbox };
    let stranger = s.session(&s.cast.stranger).await;
    let other_provider = s.w.org("Stratus", raci_store::OrgKind::Provider).await;
    let other_provider = s.session(&other_provider).await;
    let member = s.session(&s.cast.c_member).await;

    for (method, template, scoped) in ROUTES {
        let path = concrete(
            template,
            duty,
            evidence,
            consultation,
            s.subscription,
            s.cast.service,
            &ids,
        );
        if *scoped {
            let other = if template.starts_with("/services") {
                &other_provider
            } else {
                &stranger
            };
            let answer = call(&s, method, &path, Some(other)).await;
            assert_eq!(
                answer.status,
                StatusCode::NOT_FOUND,
                "{method} {path} as a stranger"
            );
            assert_eq!(answer.lang(), "en");
            assert_eq!(answer.texts("h1"), ["Not found"], "{method} {path}");
            // The same route as the member is no 404.
            if *method == "GET" {
                let own = call(&s, method, &path, Some(&member)).await;
                assert_eq!(own.status, StatusCode::OK, "{method} {path} as the member");
            }
        }
        let anonymous = call(&s, method, &path, None).await;
        match (*method, *template) {
            // Anyone may log in and choose a language, with a form's token.
            ("GET", "/login") => assert_eq!(anonymous.status, StatusCode::OK),
            ("POST", "/login" | "/language") => {
                assert_eq!(
                    anonymous.status,
                    StatusCode::FORBIDDEN,
                    "{path} with no token"
                )
            }
            _ => {
                assert_eq!(
                    anonymous.status,
                    StatusCode::SEE_OTHER,
                    "{method} {path} with no session"
                );
                let next = serde_urlencoded::to_string([("next", path.as_str())]).unwrap();
                assert_eq!(
                    anonymous.location(),
                    format!("/login?{next}"),
                    "{method} {path}"
                );
            }
        }
    }
}
