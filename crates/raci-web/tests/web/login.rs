//! Signing in and out, the language, and the guards every answer carries.

use axum::http::StatusCode;
use raci_app::test_support::World;

use crate::support::{Scene, PASSWORD};

/// The `name=value` of the cookie `name` an answer sets.
fn set(answer: &crate::support::Answer, name: &str) -> Option<String> {
    answer
        .cookies()
        .into_iter()
        .find(|c| c.starts_with(&format!("{name}=")))
}

pub async fn login_logout_and_language(w: World) {
    let s = Scene::new(w).await;
    // The member has a password (a session of theirs sets it).
    s.session(&s.cast.c_member).await;

    // The login form, with a CSRF token keyed by a visit cookie.
    let form = s.get_with("/login?next=/duties/1", "", &[]).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.lang(), "en");
    assert_eq!(form.texts("h1"), ["Log in to raci"]);
    let visit = set(&form, "raci_visit").expect("a visit cookie");
    assert!(
        visit.contains("HttpOnly") && visit.contains("SameSite=Lax"),
        "{visit}"
    );
    let visit = visit.split(';').next().unwrap().to_owned();
    let html = form.html();
    let token = html
        .select(&scraper::Selector::parse("form[action='/login'] input[name=_csrf]").unwrap())
        .next()
        .and_then(|e| e.value().attr("value"))
        .unwrap()
        .to_owned();

    // A wrong password: the form again, said why, with the API's status.
    let fields = [
        ("_csrf", token.as_str()),
        ("email", "member@acme.example"),
        ("password", "not it"),
        ("next", "/duties/1"),
    ];
    let wrong = s.post_raw("/login", &visit, &fields).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.texts(".problem"), ["Wrong e-mail or password."]);
    // Without the token, nothing is tried.
    let forged = s.post_raw("/login", &visit, &fields[1..]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    // The right one: the session cookie, and on to `next` (of this site only).
    let mut fields = fields;
    fields[2] = ("password", PASSWORD);
    let ok = s.post_raw("/login", &visit, &fields).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(ok.location(), "/duties/1");
    let session = set(&ok, raci_api::SESSION_COOKIE).expect("a session cookie");
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );
    fields[3] = ("next", "https://evil.example/");
    let elsewhere = s.post_raw("/login", &visit, &fields).await;
    assert_eq!(elsewhere.location(), "/");
    let cookie = session.split(';').next().unwrap().to_owned();
    let secret = cookie.split_once('=').unwrap().1;
    let me = crate::support::Session {
        csrf: raci_web::session::csrf_token(secret),
        cookie: cookie.clone(),
    };
    let work = s.get("/", &me).await;
    assert_eq!(work.status, StatusCode::OK);
    assert!(work.texts(".who").join(" ").contains("member"));
    // Signed in, the login page goes straight on.
    assert_eq!(s.get("/login", &me).await.status, StatusCode::SEE_OTHER);

    // French from the browser's languages, then by choice.
    let fr = s
        .get_with(
            "/login",
            "",
            &[("accept-language", "fr-FR,fr;q=0.9,en;q=0.5")],
        )
        .await;
    assert_eq!(fr.lang(), "fr");
    assert_eq!(fr.texts("h1"), ["Connexion à raci"]);
    let chosen = s
        .post("/language", &me, &[("lang", "fr"), ("next", "/")])
        .await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER);
    let lang = set(&chosen, "raci_lang").expect("a language cookie");
    assert!(lang.starts_with("raci_lang=fr;"), "{lang}");
    let french = s
        .get_with(
            "/",
            &format!("{cookie}; raci_lang=fr"),
            &[("accept-language", "en")],
        )
        .await;
    assert_eq!(french.lang(), "fr");
    assert_eq!(french.texts("h1"), ["Mon travail"]);

    // Logging out ends the session: the pages ask for a login again.
    let out = s.post("/logout", &me, &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(out.location(), "/login");
    let after = s.get("/", &me).await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    assert_eq!(after.location(), "/login?next=%2F");
}

pub async fn every_answer_is_guarded(w: World) {
    let s = Scene::new(w).await;
    let me = s.session(&s.cast.c_member).await;
    let work = s.get("/", &me).await;
    let header = |name: &str| {
        work.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let csp = header("content-security-policy");
    assert!(csp.contains("default-src 'self'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("base-uri 'none'"));
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"));
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("referrer-policy"), "same-origin");
    assert_eq!(header("cache-control"), "private, no-store");
    // No inline script or style the policy would block.
    assert_eq!(work.count("script:not([src])"), 0);
    assert_eq!(work.count("style, [style]"), 0);
    // Every form that posts carries the token.
    assert_eq!(
        work.count("form[method=post]"),
        work.count("form[method=post] input[name=_csrf]")
    );

    // Assets: content-hashed names, kept forever; others are 404.
    let html = work.html();
    let css = html
        .select(&scraper::Selector::parse("link[rel=stylesheet]").unwrap())
        .filter_map(|e| e.value().attr("href"))
        .map(str::to_owned)
        .collect::<Vec<_>>();
    assert_eq!(css.len(), 2);
    let asset = s.get_with(&css[1], "", &[]).await;
    assert_eq!(asset.status, StatusCode::OK);
    assert_eq!(
        asset.headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(asset.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/css"));
    assert_eq!(
        s.get_with("/assets/web.css", "", &[]).await.status,
        StatusCode::NOT_FOUND
    );
    // A page that does not exist is a page, in the reader's language.
    let missing = s
        .get_with("/no/such/page", "", &[("accept-language", "fr")])
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.texts("h1"), ["Introuvable"]);
}
