//! `/duties/{id}`: a duty's page and its steps, each a form that posts and
//! redirects back.

use axum::http::StatusCode;
use raci_app::test_support::World;
use sha2::{Digest, Sha256};

use crate::support::{flash_of, Scene, Session};

/// Follows a step's redirect back to the duty with the flash it left.
async fn follow(
    s: &Scene,
    step: &crate::support::Answer,
    session: &Session,
) -> crate::support::Answer {
    assert_eq!(step.status, StatusCode::SEE_OTHER, "{}", step.body);
    let cookies = match flash_of(step) {
        Some(flash) => format!("{}; {flash}", session.cookie),
        None => session.cookie.clone(),
    };
    s.get_with(step.location(), &cookies, &[]).await
}

pub async fn a_duty_walks_from_r_through_c_to_a(w: World) {
    let s = Scene::new(w).await;
    let member = s.session(&s.cast.c_member).await;
    let provider = s.session(&s.cast.p_member).await;
    // Back up: customer RA, Nimbus C.
    let id = s.duty("Back up");
    let path = format!("/duties/{id}");
    let page = s.get(&path, &member).await;
    assert_eq!(page.texts("h1"), ["Back up the queue definitions"]);
    assert_eq!(page.texts(".facts .state"), ["Open"]);
    let holders = page.texts("table.holders tbody tr");
    assert_eq!(
        holders,
        [
            "R Responsible Customer (Acme) anyone at Acme",
            "A Accountable Customer (Acme) anyone at Acme",
            "C Consulted Nimbus anyone at Nimbus"
        ]
    );

    let started = s.post(&format!("{path}/start"), &member, &[]).await;
    let page = follow(&s, &started, &member).await;
    assert_eq!(page.texts(".notice"), ["The duty is started."]);
    assert_eq!(page.texts(".facts .state"), ["In progress"]);
    assert_eq!(page.count("form.dropzone input[type=file]"), 1);

    // A file, kept with its hash; a text; and a bad link, refused on the page.
    let bytes = b"restore test: 42 queues restored\n";
    let uploaded = s
        .post_multipart(
            &format!("{path}/evidence"),
            &member,
            &[("kind", "file")],
            Some(("restore.log", bytes)),
        )
        .await;
    let page = follow(&s, &uploaded, &member).await;
    assert_eq!(page.texts(".notice"), ["The evidence is attached."]);
    let hash = hex::encode(Sha256::digest(bytes));
    assert_eq!(
        page.texts("ul.evidence .hash code"),
        std::slice::from_ref(&hash)
    );
    assert!(page.texts("ul.evidence li")[0].contains("restore.log"));
    let refused = s
        .post_multipart(
            &format!("{path}/evidence"),
            &member,
            &[("kind", "link"), ("url", "ftp://x")],
            None,
        )
        .await;
    let page = follow(&s, &refused, &member).await;
    assert_eq!(
        page.texts(".notice-error"),
        ["A value given is not valid (the link)"]
    );
    // The file downloads as it was sent.
    let html = page.html();
    let href = html
        .select(&scraper::Selector::parse("ul.evidence a").unwrap())
        .next()
        .and_then(|a| a.value().attr("href"))
        .unwrap()
        .to_owned();
    let download = s.get(&href, &provider).await;
    assert_eq!(download.body.as_bytes(), bytes);
    assert_eq!(download.headers["x-content-sha256"], hash.as_str());

    let submitted = s.post(&format!("{path}/submit"), &member, &[]).await;
    let page = follow(&s, &submitted, &member).await;
    assert_eq!(page.texts(".facts .state"), ["Awaiting consultation"]);

    // Nimbus's C answers; an objection without a comment is refused.
    let page = s.get(&path, &provider).await;
    let html = page.html();
    let action = html
        .select(&scraper::Selector::parse("form.decision").unwrap())
        .next()
        .and_then(|f| f.value().attr("action"))
        .expect("an answer form")
        .to_owned();
    let objection = s.post(&action, &provider, &[("answer", "object")]).await;
    let page = follow(&s, &objection, &provider).await;
    assert_eq!(
        page.texts(".notice-error"),
        ["A value given is not valid (the comment)"]
    );
    let agreed = s
        .post(
            &action,
            &provider,
            &[("answer", "agree"), ("comment", "checked the log")],
        )
        .await;
    let page = follow(&s, &agreed, &provider).await;
    assert_eq!(page.texts(".notice"), ["Your answer is recorded."]);
    assert!(page.texts("ul.consultations li")[0].contains("checked the log"));
    // Anyone of the party was asked: the party is named once, not again in brackets.
    assert_eq!(page.texts("ul.consultations li .who"), ["anyone at Nimbus"]);
    assert!(
        page.texts("ul.consultations li")[0].starts_with("anyone at Nimbus agrees"),
        "{:?}",
        page.texts("ul.consultations li")
    );
    assert_eq!(page.texts(".facts .state"), ["Awaiting sign-off"]);

    // The customer's A signs off: done, and the history says it all.
    let signed = s
        .post(
            &format!("{path}/signoff"),
            &member,
            &[("decision", "approve")],
        )
        .await;
    let page = follow(&s, &signed, &member).await;
    assert_eq!(page.texts(".facts .state"), ["Done"]);
    assert_eq!(page.texts("ul.signoffs .badge"), ["approved"]);
    let history = page.texts("ol.timeline .what");
    assert!(
        history.contains(&"State changed: In progress → Awaiting consultation".to_owned()),
        "{history:?}"
    );
    assert!(
        history.contains(&"Evidence attached".to_owned()),
        "{history:?}"
    );
    assert!(page.texts("ol.timeline .meta")[0].starts_with("member (Acme)"));
    // The whole page, history and evidence included, weighs under 150 KB.
    let weight = s.weight(&page).await;
    assert!(weight < 150 * 1024, "the duty page weighs {weight} bytes");
    // Done: no step is left but the A owner's schedule.
    assert_eq!(page.count(".duty-actions form"), 1);
    assert_eq!(page.count(".duty-actions form[action$='/schedule']"), 1);
    let auditor = s.session(&s.cast.c_auditor).await;
    let page = s.get(&path, &auditor).await;
    assert_eq!(
        page.texts(".duty-actions .muted"),
        ["Nothing waits on you here."]
    );
}

pub async fn the_page_offers_only_what_the_role_may_do(w: World) {
    let s = Scene::new(w).await;
    let id = s.duty("Rotate");
    let path = format!("/duties/{id}");
    let admin = s.session(&s.cast.c_admin).await;
    let auditor = s.session(&s.cast.c_auditor).await;
    let provider = s.session(&s.cast.p_admin).await;
    // The customer's admin: start (R), schedule and not applicable (admin of R).
    let page = s.get(&path, &admin).await;
    assert_eq!(page.count(".duty-actions form[action$='/start']"), 1);
    assert_eq!(page.count(".duty-actions form[action$='/schedule']"), 1);
    assert_eq!(
        page.count(".duty-actions form[action$='/not-applicable']"),
        1
    );
    // The auditor reads and may do nothing: no form but the bar's.
    let page = s.get(&path, &auditor).await;
    assert_eq!(page.count("main form"), 0);
    assert_eq!(page.texts("h1"), ["Rotate the access keys"]);
    // The provider's admin (A) may schedule it, not start it.
    let page = s.get(&path, &provider).await;
    assert_eq!(page.count(".duty-actions form[action$='/start']"), 0);
    assert_eq!(page.count(".duty-actions form[action$='/schedule']"), 1);
    // A step the role may not take is refused on the page, not done.
    let tried = s.post(&format!("{path}/start"), &auditor, &[]).await;
    let page = follow(&s, &tried, &auditor).await;
    assert_eq!(page.texts(".notice-error"), ["You may not do this."]);
    assert_eq!(page.texts(".facts .state"), ["Open"]);

    // A due date and a recurrence, shown in the reader's language.
    let scheduled = s
        .post(
            &format!("{path}/schedule"),
            &admin,
            &[("due", "2030-01-15"), ("recurrence", "quarterly")],
        )
        .await;
    let page = follow(&s, &scheduled, &admin).await;
    assert_eq!(page.texts(".notice"), ["The schedule is saved."]);
    assert_eq!(page.texts(".facts time.due"), ["15 January 2030"]);
    let fr = s
        .get_with(&path, &format!("{}; raci_lang=fr", admin.cookie), &[])
        .await;
    assert_eq!(fr.texts(".facts time.due"), ["15 janvier 2030"]);
    assert!(fr
        .texts(".facts dd")
        .contains(&"Chaque trimestre".to_owned()));
    let bad = s
        .post(
            &format!("{path}/schedule"),
            &admin,
            &[("due", "15/01/2030")],
        )
        .await;
    let page = follow(&s, &bad, &admin).await;
    assert_eq!(
        page.texts(".notice-error"),
        ["A value given is not valid (the due date)"]
    );

    // Not applicable, with its reason.
    let marked = s
        .post(
            &format!("{path}/not-applicable"),
            &admin,
            &[("reason", "keys are managed elsewhere")],
        )
        .await;
    let page = follow(&s, &marked, &admin).await;
    assert_eq!(page.texts(".facts .state"), ["Not applicable"]);
    assert!(page.texts(".reason")[0].contains("keys are managed elsewhere"));
}
