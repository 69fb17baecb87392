//! The catalog: services, lint-gated publication, editions in every form,
//! and subscriptions with their counts.

use raci_app::test_support::World;
use raci_app::{EditionFormat, ErrorCode, NewService, NewSubscription, PublishInput};
use raci_store::{OrgKind, UserRole};

use crate::scene::{code, refusal, Scene, MATRIX};

fn publish(bytes: &str, force: bool) -> PublishInput {
    PublishInput {
        bytes: bytes.as_bytes().to_vec(),
        format: None,
        force,
    }
}

/// A matrix with an error-level finding: a row with two A.
const TWO_A: &str = "# Q\n\n| Activity | Customer | Nimbus |\n| --- | --- | --- |\n\
| Back up the queues | RA | A |\n| Patch the brokers | I | RA |\n";

pub async fn services_editions_and_forms(w: World) {
    let provider = w.org("Nimbus", OrgKind::Provider).await;
    let member = w
        .user(provider.org.id, "m@nimbus.example", UserRole::Member)
        .await;
    let customer = w.org("Acme", OrgKind::Customer).await;
    let app = &w.app;
    let new = |slug: &str, name: &str| NewService {
        slug: slug.into(),
        name: name.into(),
    };
    assert_eq!(
        code(app.create_service(&member, new("q", "Q")).await),
        ErrorCode::Forbidden
    );
    assert_eq!(
        code(app.create_service(&customer, new("q", "Q")).await),
        ErrorCode::Forbidden
    );
    for (input, field) in [
        (new("Bad Slug", "Q"), "slug"),
        (new("q", " "), "name"),
        (new("", "Q"), "slug"),
    ] {
        assert_eq!(
            refusal(app.create_service(&provider, input).await),
            (ErrorCode::InvalidInput, Some(field.into()))
        );
    }
    let svc = app
        .create_service(&provider, new("queue", "  Queue "))
        .await
        .unwrap();
    assert_eq!(
        (
            svc.name.as_str(),
            svc.editions,
            svc.latest_edition.is_none()
        ),
        ("Queue", 0, true)
    );
    assert_eq!(
        refusal(app.create_service(&provider, new("queue", "Again")).await),
        (ErrorCode::Conflict, Some("slug".into()))
    );
    let e1 = app
        .publish(&provider, svc.id, publish(MATRIX, true))
        .await
        .unwrap();
    assert_eq!(
        (
            e1.edition.number,
            e1.edition.activities,
            e1.changes.is_none()
        ),
        (1, 3, true)
    );
    assert_eq!(e1.edition.language.as_deref(), Some("en"));
    assert_eq!(e1.edition.parties, vec!["Customer", "Nimbus"]);
    // A customer sees the whole catalog, a provider its own.
    assert_eq!(app.services(&customer).await.unwrap().len(), 1);
    let stratus = w.org("Stratus", OrgKind::Provider).await;
    assert!(app.services(&stratus).await.unwrap().is_empty());
    assert_eq!(
        code(app.service(&stratus, svc.id).await),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(app.publish(&stratus, svc.id, publish(MATRIX, false)).await),
        ErrorCode::NotFound
    );
    let seen = app.service(&customer, svc.id).await.unwrap();
    assert_eq!(
        (seen.editions, seen.latest_edition.map(|e| e.number)),
        (1, Some(1))
    );
    // The matrix in every form raci writes.
    let doc = app.edition_document(&customer, svc.id, 1).await.unwrap();
    assert_eq!((doc.schema.as_str(), doc.activities.len()), ("raci/v1", 3));
    assert_eq!(doc.activities[0].roles["Nimbus"], "AC");
    for (format, media, start) in [
        (EditionFormat::Json, "application/json", "{".as_bytes()),
        (EditionFormat::Md, "text/markdown; charset=utf-8", b"---"),
        (EditionFormat::Csv, "text/csv; charset=utf-8", b"id,section"),
        (
            EditionFormat::Xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            b"PK",
        ),
        (EditionFormat::Oscal, "application/json", b"{"),
    ] {
        let r = app
            .render_edition(&customer, svc.id, 1, format)
            .await
            .unwrap();
        assert_eq!(r.media_type, media);
        assert!(r.bytes.starts_with(start), "{format:?}");
        assert!(
            r.file_name.starts_with("queue-edition-1."),
            "{}",
            r.file_name
        );
    }
    let oscal: serde_json::Value = serde_json::from_slice(
        &app.render_edition(&customer, svc.id, 1, EditionFormat::Oscal)
            .await
            .unwrap()
            .bytes,
    )
    .unwrap();
    assert!(oscal["component-definition"].is_object());
    assert_eq!(
        code(app.edition(&customer, svc.id, 2).await),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(app.edition_diff(&customer, svc.id, 1).await),
        ErrorCode::NotFound
    );
    let e2 = app
        .publish(
            &provider,
            svc.id,
            publish(
                &MATRIX.replace("| Clean the logs | R | I |", "| Clean the logs | RA | I |"),
                true,
            ),
        )
        .await
        .unwrap();
    let changes = e2.changes.unwrap();
    assert_eq!(
        (
            changes.previous,
            changes.summary.role_changes,
            changes.notices
        ),
        (1, 1, 0)
    );
    let diff = app.edition_diff(&customer, svc.id, 2).await.unwrap();
    assert_eq!((diff.previous_number, diff.summary), (1, changes.summary));
    let changed = diff.changes.iter().find(|c| !c.roles.is_empty()).unwrap();
    assert_eq!(changed.roles[0].party, "Customer");
    assert_eq!(
        (changed.roles[0].old.as_str(), changed.roles[0].new.as_str()),
        ("R", "RA")
    );
    assert_eq!(app.editions(&customer, svc.id).await.unwrap().len(), 2);
}

pub async fn publication_is_lint_gated(w: World) {
    let provider = w.org("Nimbus", OrgKind::Provider).await;
    let app = &w.app;
    let svc = app
        .create_service(
            &provider,
            NewService {
                slug: "q".into(),
                name: "Q".into(),
            },
        )
        .await
        .unwrap();
    let refused = app
        .publish(&provider, svc.id, publish(TWO_A, false))
        .await
        .unwrap_err();
    assert_eq!(
        (refused.code, refused.field.as_deref()),
        (ErrorCode::LintErrors, Some("body"))
    );
    assert!(
        refused
            .findings
            .iter()
            .any(|f| f.name == "multiple-accountable" && f.line > 0),
        "{:?}",
        refused.findings
    );
    assert!(app.editions(&provider, svc.id).await.unwrap().is_empty());
    let forced = app
        .publish(&provider, svc.id, publish(TWO_A, true))
        .await
        .unwrap();
    assert_eq!(forced.edition.number, 1);
    for (body, why) in [
        ("", "empty"),
        ("just words, no table", "no activity"),
        ("\u{0}\u{1}", "binary"),
    ] {
        let r = app.publish(&provider, svc.id, publish(body, true)).await;
        assert_eq!(
            refusal(r),
            (ErrorCode::InvalidInput, Some("body".into())),
            "{why}"
        );
    }
}

pub async fn subscriptions_and_their_counts(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    assert_eq!(
        code(
            app.subscribe(&s.p_admin, NewSubscription { service: s.service })
                .await
        ),
        ErrorCode::Forbidden
    );
    assert_eq!(
        code(
            app.subscribe(&s.c_auditor, NewSubscription { service: s.service })
                .await
        ),
        ErrorCode::Forbidden
    );
    assert_eq!(
        refusal(
            app.subscribe(&s.c_member, NewSubscription { service: s.service })
                .await
        ),
        (ErrorCode::Conflict, Some("service".into()))
    );
    assert_eq!(
        code(
            app.subscribe(&s.c_admin, NewSubscription { service: 9999 })
                .await
        ),
        ErrorCode::NotFound
    );
    let empty = app
        .create_service(
            &s.p_admin,
            NewService {
                slug: "empty".into(),
                name: "Empty".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        refusal(
            app.subscribe(&s.stranger, NewSubscription { service: empty.id })
                .await
        ),
        (ErrorCode::Conflict, Some("service".into()))
    );
    let sub = app
        .subscription(&s.c_auditor, s.subscription)
        .await
        .unwrap();
    assert_eq!(
        (sub.duties, sub.edition.number, sub.pending_notice),
        (3, 1, None)
    );
    assert_eq!(sub.provider.name, "Nimbus");
    let summary = app
        .subscription_summary(&s.p_member, s.subscription)
        .await
        .unwrap();
    assert_eq!(
        (summary.total, summary.states.open, summary.overdue),
        (3, 3, 0)
    );
    let customer = summary
        .parties
        .iter()
        .find(|p| p.party == "Customer")
        .unwrap();
    assert_eq!(
        (customer.letters.r, customer.letters.a, customer.open_r),
        (3, 1, 3)
    );
    let nimbus = summary
        .parties
        .iter()
        .find(|p| p.party == "Nimbus")
        .unwrap();
    assert_eq!(
        (nimbus.letters.a, nimbus.letters.c, nimbus.letters.i),
        (1, 1, 2)
    );
    assert_eq!(summary.phases.len(), 1);
    assert_eq!(summary.phases[0].phase, "1. Running the service");
    // Filters: state, party and letter, words, mine.
    let filter = |f: raci_app::DutyFilter| f;
    let by = |party: &str, letter| raci_app::DutyFilter {
        party: Some(party.into()),
        letter: Some(letter),
        ..Default::default()
    };
    let a = app
        .duties(
            &s.c_member,
            s.subscription,
            &filter(by("Nimbus", raci_store::Letter::A)),
        )
        .await
        .unwrap();
    assert_eq!(
        a.iter().map(|d| d.text.as_str()).collect::<Vec<_>>(),
        vec!["Rotate the keys"]
    );
    let words = raci_app::DutyFilter {
        q: Some("BACKUP restore".into()),
        ..Default::default()
    };
    assert_eq!(
        app.duties(&s.c_member, s.subscription, &words)
            .await
            .unwrap()
            .len(),
        1
    );
    let mine = raci_app::DutyFilter {
        mine: true,
        ..Default::default()
    };
    assert_eq!(
        app.duties(&s.p_member, s.subscription, &mine)
            .await
            .unwrap()
            .len(),
        1,
        "the C row"
    );
    assert_eq!(
        app.duties(&s.c_auditor, s.subscription, &mine)
            .await
            .unwrap()
            .len(),
        0
    );
}
