//! "My work": what waits on each user, in the order they should take it.

use raci_app::test_support::World;
use raci_app::views::Waiting;
use raci_app::{
    AnswerInput, BoardFilter, Caller, ErrorCode, EvidenceInput, LetterOwnersInput, NewTeam,
    OwnersInput, ScheduleInput,
};
use raci_store::Assignee;

use crate::scene::{code, Scene};

/// `(text, waiting)` of what waits on `who`, in order.
async fn work(s: &Scene, who: &Caller) -> Vec<(String, Waiting)> {
    let view = s.w.app.work(who).await.unwrap();
    view.items
        .into_iter()
        .map(|i| (i.duty.text, i.waiting))
        .collect()
}

fn texts(items: &[(&str, Waiting)]) -> Vec<(String, Waiting)> {
    items.iter().map(|(t, w)| (t.to_string(), *w)).collect()
}

pub async fn work_waits_on_r_a_and_c_owners_overdue_first(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    let (keys, backup, logs) = (
        s.duty("Rotate the keys"),
        s.duty("Restore a backup"),
        s.duty("Clean the logs"),
    );
    let day = 24 * 3600 * 1000;
    let now = raci_store::now_ms();
    for (duty, due) in [(logs, now - day), (backup, now + 3 * day)] {
        let schedule = ScheduleInput {
            recurrence: None,
            due_at: Some(due),
        };
        app.schedule_duty(&s.c_admin, duty, schedule).await.unwrap();
    }
    use Waiting::*;
    // Every customer R is unmapped: its members and admins do it.
    let expected = texts(&[
        ("Clean the logs", Do),
        ("Restore a backup", Do),
        ("Rotate the keys", Do),
    ]);
    assert_eq!(work(&s, &s.c_member).await, expected);
    let view = app.work(&s.c_member).await.unwrap();
    assert_eq!(view.overdue, 1);
    assert!(view.items[0].duty.overdue);
    assert_eq!(view.items[0].counterparty.name, "Nimbus");
    assert_eq!(view.items[0].service.slug, "queue");
    for nobody in [&s.p_member, &s.c_auditor, &s.stranger] {
        assert!(work(&s, nobody).await.is_empty(), "{}", nobody.user.email);
    }

    // Submitted, the keys wait on the provider's C, then on its A.
    app.start_duty(&s.c_member, keys).await.unwrap();
    let evidence = EvidenceInput::Text {
        text: "rotated".into(),
    };
    app.add_evidence(&s.c_member, keys, evidence).await.unwrap();
    app.submit_duty(&s.c_member, keys).await.unwrap();
    let view = app.work(&s.p_member).await.unwrap();
    assert_eq!(view.items.len(), 1);
    assert_eq!(view.items[0].waiting, Answer);
    let consultation = view.items[0].consultations[0];
    assert_eq!(view.items[0].counterparty.name, "Acme");
    assert_eq!(work(&s, &s.c_member).await.len(), 2);
    let agree = AnswerInput::Agree { comment: None };
    app.answer_consultation(&s.p_member, keys, consultation, agree)
        .await
        .unwrap();
    assert_eq!(
        work(&s, &s.p_admin).await,
        texts(&[("Rotate the keys", SignOff)])
    );
}

pub async fn boards_and_duty_pages_name_phases_owners_and_actors(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    let all = BoardFilter::default();
    let board = app.board(&s.c_member, s.subscription, &all).await.unwrap();
    assert_eq!(board.phases, ["1. Running the service"]);
    assert_eq!(board.duties.len(), 3);
    assert!(board
        .duties
        .iter()
        .all(|d| d.mine && d.phase == board.phases[0]));
    assert!(!board.in_a_team);
    assert_eq!(board.summary.total, 3);
    // The provider acts on the keys only (its C and A).
    let board = app.board(&s.p_member, s.subscription, &all).await.unwrap();
    let mine: Vec<&str> = board
        .duties
        .iter()
        .filter(|d| d.mine)
        .map(|d| d.duty.text.as_str())
        .collect();
    assert_eq!(mine, ["Rotate the keys"]);
    let elsewhere = BoardFilter {
        phase: Some("2. Elsewhere".into()),
        ..BoardFilter::default()
    };
    let board = app.board(&s.p_member, s.subscription, &elsewhere).await;
    assert!(board.unwrap().duties.is_empty());
    assert_eq!(
        code(app.board(&s.stranger, s.subscription, &all).await),
        ErrorCode::NotFound
    );

    // A team mapped to the customer's R: "my team" keeps its duties.
    let team = app
        .create_team(&s.c_admin, NewTeam { name: "ops".into() })
        .await
        .unwrap();
    app.add_team_member(&s.c_admin, team.id, s.c_member.user.id)
        .await
        .unwrap();
    let mapping = OwnersInput {
        party: "Customer".into(),
        owners: LetterOwnersInput {
            r: Some(Assignee::Team(team.id)),
            ..LetterOwnersInput::default()
        },
    };
    app.set_owners(&s.c_admin, s.subscription, mapping)
        .await
        .unwrap();
    let teamed = BoardFilter {
        team: true,
        ..BoardFilter::default()
    };
    let board = app
        .board(&s.c_member, s.subscription, &teamed)
        .await
        .unwrap();
    assert!(board.in_a_team);
    assert_eq!(board.duties.len(), 3);
    let board = app
        .board(&s.c_admin, s.subscription, &teamed)
        .await
        .unwrap();
    assert!(board.duties.is_empty(), "the admin is in no team");

    // A duty's page names who acted, of either organization.
    let keys = s.duty("Rotate the keys");
    app.start_duty(&s.c_member, keys).await.unwrap();
    let evidence = EvidenceInput::Text {
        text: "done".into(),
    };
    app.add_evidence(&s.c_member, keys, evidence).await.unwrap();
    let page = app.duty_page(&s.p_member, keys).await.unwrap();
    assert_eq!(page.subscription.id, s.subscription);
    let named: Vec<(&str, &str)> = page
        .actors
        .iter()
        .map(|a| (a.name.as_str(), a.org.as_str()))
        .collect();
    assert!(named.contains(&("member", "Acme")), "{named:?}");
    assert_eq!(
        code(app.duty_page(&s.stranger, keys).await),
        ErrorCode::NotFound
    );
}

pub async fn an_edition_s_matrix_is_read_with_its_findings(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    let other_provider = s.w.org("Stratus", raci_store::OrgKind::Provider).await;
    let matrix = app.edition_matrix(&s.c_member, s.service, 1).await.unwrap();
    assert_eq!(matrix.document.activities.len(), 3);
    assert_eq!(matrix.editions.len(), 1);
    assert_eq!(matrix.edition.number, 1);
    assert_eq!(matrix.service.id, s.service);
    // The linter's findings are the ones `raci lint` gives the same matrix.
    let expected = raci_lint::lint(&matrix.document, &raci_lint::Config::default());
    assert_eq!(matrix.diagnostics.len(), expected.len());
    // Customers browse the catalog; another provider sees nothing of it.
    assert!(app.edition_matrix(&s.stranger, s.service, 1).await.is_ok());
    assert_eq!(
        code(app.edition_matrix(&other_provider, s.service, 1).await),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(app.edition_matrix(&s.c_member, s.service, 2).await),
        ErrorCode::NotFound
    );
}

pub async fn a_notice_s_page_says_who_may_accept_it(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    // The keys move onto the customer's A.
    let next = crate::scene::MATRIX.replace(
        "| Rotate the keys | R | AC |",
        "| Rotate the keys | RA | C |",
    );
    let input = raci_app::PublishInput {
        bytes: next.into_bytes(),
        format: None,
        force: true,
    };
    app.publish(&s.p_admin, s.service, input).await.unwrap();
    let notice = app
        .change_notices(&s.c_admin, s.subscription)
        .await
        .unwrap()[0]
        .id;
    let page = app.notice_page(&s.c_admin, notice).await.unwrap();
    assert!(page.may_accept);
    assert_eq!(page.subscription.id, s.subscription);
    assert_eq!(page.notice.onto_customer, 1);
    for who in [&s.c_member, &s.p_admin] {
        assert!(!app.notice_page(who, notice).await.unwrap().may_accept);
    }
    assert_eq!(
        code(app.notice_page(&s.stranger, notice).await),
        ErrorCode::NotFound
    );
    app.accept_change_notice(&s.c_admin, notice).await.unwrap();
    assert!(
        !app.notice_page(&s.c_admin, notice)
            .await
            .unwrap()
            .may_accept
    );
}
