//! The R/C/A/I flow: owners, evidence, consultations, sign-offs,
//! recurrence, and who may take each step.

use raci_app::test_support::World;
use raci_app::{
    AnswerInput, ErrorCode, EvidenceInput, FileEvidence, LetterOwnersInput, NewTeam,
    NotApplicableInput, OwnersInput, ScheduleInput, SignOffInput,
};
use raci_store::{Assignee, DutyState::*, EvidenceKind, Letter, Recurrence};

use crate::scene::{code, refusal, Scene};

fn owners(
    party: &str,
    r: Option<Assignee>,
    a: Option<Assignee>,
    c: Vec<Assignee>,
    i: Vec<Assignee>,
) -> OwnersInput {
    OwnersInput {
        party: party.to_owned(),
        owners: LetterOwnersInput { r, a, c, i },
    }
}

fn text(t: &str) -> EvidenceInput {
    EvidenceInput::Text { text: t.to_owned() }
}

pub async fn owners_and_teams(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    // Teams: admins only, members of the same organization only.
    let r = app
        .create_team(&s.c_member, NewTeam { name: "ops".into() })
        .await;
    assert_eq!(code(r), ErrorCode::Forbidden);
    let team = app
        .create_team(&s.c_admin, NewTeam { name: "ops".into() })
        .await
        .unwrap();
    let r = app
        .create_team(&s.c_admin, NewTeam { name: "ops".into() })
        .await;
    assert_eq!(refusal(r), (ErrorCode::Conflict, Some("name".into())));
    let team = app
        .add_team_member(&s.c_admin, team.id, s.c_member.user.id)
        .await
        .unwrap();
    assert_eq!(team.members, vec![s.c_member.user.id]);
    let r = app
        .add_team_member(&s.c_admin, team.id, s.p_member.user.id)
        .await;
    assert_eq!(refusal(r), (ErrorCode::NotFound, Some("user".into())));
    let r = app
        .add_team_member(&s.p_admin, team.id, s.p_member.user.id)
        .await;
    assert_eq!(
        code(r),
        ErrorCode::NotFound,
        "another's team is not disclosed"
    );

    // Owners: the caller's own column, users and teams of its own organization.
    let mapping = owners(
        "Customer",
        Some(Assignee::User(s.c_member.user.id)),
        Some(Assignee::Team(team.id)),
        vec![],
        vec![Assignee::User(s.c_auditor.user.id), Assignee::Team(team.id)],
    );
    let all = app
        .set_owners(&s.c_admin, s.subscription, mapping.clone())
        .await
        .unwrap();
    assert_eq!(all.len(), 4);
    let mut theirs = mapping.clone();
    theirs.party = "Nimbus".into();
    assert_eq!(
        refusal(app.set_owners(&s.c_admin, s.subscription, theirs).await),
        (ErrorCode::Forbidden, Some("party".into()))
    );
    let mut nobody = mapping.clone();
    nobody.party = "Nope".into();
    assert_eq!(
        refusal(app.set_owners(&s.c_admin, s.subscription, nobody).await),
        (ErrorCode::NotFound, Some("party".into()))
    );
    let foreign = owners(
        "Customer",
        Some(Assignee::User(s.p_member.user.id)),
        None,
        vec![],
        vec![],
    );
    assert_eq!(
        refusal(app.set_owners(&s.c_admin, s.subscription, foreign).await),
        (ErrorCode::NotFound, Some("owners".into()))
    );
    // An auditor is told, never made R, A or C.
    let auditor_r = owners(
        "Customer",
        Some(Assignee::User(s.c_auditor.user.id)),
        None,
        vec![],
        vec![],
    );
    assert_eq!(
        refusal(app.set_owners(&s.c_admin, s.subscription, auditor_r).await),
        (ErrorCode::InvalidInput, Some("owners".into()))
    );
    assert_eq!(
        code(
            app.set_owners(&s.c_auditor, s.subscription, mapping.clone())
                .await
        ),
        ErrorCode::Forbidden
    );
    assert_eq!(
        code(
            app.set_owners(&s.stranger, s.subscription, mapping.clone())
                .await
        ),
        ErrorCode::NotFound
    );
    // A provider member maps the provider's column; both see both mappings.
    let provider = owners(
        "Nimbus",
        None,
        Some(Assignee::User(s.p_admin.user.id)),
        vec![],
        vec![],
    );
    app.set_owners(&s.p_member, s.subscription, provider)
        .await
        .unwrap();
    let all = app.owners(&s.c_member, s.subscription).await.unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(all.iter().filter(|o| o.org == s.p_admin.org.id).count(), 1);
    // Setting again replaces that column's mapping only.
    app.set_owners(
        &s.c_admin,
        s.subscription,
        owners("Customer", None, None, vec![], vec![]),
    )
    .await
    .unwrap();
    assert_eq!(
        app.owners(&s.p_admin, s.subscription).await.unwrap().len(),
        1
    );
    // The subscription says which organization holds which column.
    let sub = app.subscription(&s.p_member, s.subscription).await.unwrap();
    let columns: Vec<_> = sub
        .parties
        .iter()
        .map(|p| (p.party.as_str(), p.org))
        .collect();
    assert_eq!(
        columns,
        vec![("Customer", s.c_admin.org.id), ("Nimbus", s.p_admin.org.id)]
    );
    s.chains_hold().await;
}

pub async fn flow_signed_off_by_the_other_org(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    let d = s.duty("Rotate the keys");
    let team = app
        .create_team(&s.p_admin, NewTeam { name: "sre".into() })
        .await
        .unwrap();
    app.add_team_member(&s.p_admin, team.id, s.p_member.user.id)
        .await
        .unwrap();
    app.set_owners(
        &s.c_admin,
        s.subscription,
        owners(
            "Customer",
            Some(Assignee::User(s.c_member.user.id)),
            None,
            vec![],
            vec![],
        ),
    )
    .await
    .unwrap();
    app.set_owners(
        &s.p_admin,
        s.subscription,
        owners(
            "Nimbus",
            None,
            Some(Assignee::User(s.p_admin.user.id)),
            vec![Assignee::Team(team.id)],
            vec![],
        ),
    )
    .await
    .unwrap();

    // R is mapped to the member: the admin, the auditor, the provider may not start.
    for who in [&s.c_admin, &s.c_auditor, &s.p_admin] {
        assert_eq!(code(app.start_duty(who, d).await), ErrorCode::Forbidden);
    }
    let detail = app.duty_detail(&s.c_member, d).await.unwrap();
    assert!(detail.allowed.start && !detail.allowed.sign_off);
    assert_eq!(
        app.start_duty(&s.c_member, d).await.unwrap().state,
        InProgress
    );
    assert_eq!(
        code(app.start_duty(&s.c_member, d).await),
        ErrorCode::Conflict
    );
    assert_eq!(
        refusal(app.submit_duty(&s.c_member, d).await),
        (ErrorCode::Conflict, Some("evidence".into()))
    );
    app.add_evidence(&s.c_member, d, text("rotated on 2024-03-01"))
        .await
        .unwrap();
    assert_eq!(
        app.submit_duty(&s.c_member, d).await.unwrap().state,
        AwaitingConsultation
    );
    assert_eq!(s.inbox(&s.p_member, "duty.consultation").await, 1);

    let consultations = app.consultations(&s.c_member, d).await.unwrap();
    assert_eq!(consultations.len(), 1);
    let c = &consultations[0];
    assert_eq!(
        (c.asked.as_ref().map(|a| a.owner), c.round, c.open),
        (Some(Assignee::Team(team.id)), 1, true)
    );
    assert_eq!(c.asked.as_ref().unwrap().name, "sre");
    let agree = AnswerInput::Agree { comment: None };
    assert_eq!(
        code(
            app.answer_consultation(&s.c_member, d, c.id, agree.clone())
                .await
        ),
        ErrorCode::Forbidden
    );
    assert_eq!(
        app.duty_detail(&s.p_member, d)
            .await
            .unwrap()
            .allowed
            .answer,
        vec![c.id]
    );
    let duty = app
        .answer_consultation(&s.p_member, d, c.id, agree.clone())
        .await
        .unwrap();
    assert_eq!(duty.state, AwaitingSignoff);
    assert_eq!(s.inbox(&s.p_admin, "duty.signoff").await, 1);

    // A is the provider's: the customer may not sign its own duty off.
    let approve = SignOffInput::Approve { comment: None };
    assert_eq!(
        code(app.sign_off(&s.c_member, d, approve.clone()).await),
        ErrorCode::Forbidden
    );
    let blank = SignOffInput::SendBack {
        comment: "  ".into(),
    };
    assert_eq!(
        refusal(app.sign_off(&s.p_admin, d, blank).await),
        (ErrorCode::InvalidInput, Some("comment".into()))
    );
    let back = SignOffInput::SendBack {
        comment: "attach the log".into(),
    };
    assert_eq!(
        app.sign_off(&s.p_admin, d, back).await.unwrap().state,
        InProgress
    );
    assert_eq!(s.inbox(&s.c_member, "duty.sent_back").await, 1);
    app.submit_duty(&s.c_member, d).await.unwrap();
    let open: Vec<_> = app
        .consultations(&s.p_member, d)
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.open)
        .collect();
    assert_eq!((open.len(), open[0].round), (1, 2));
    app.answer_consultation(
        &s.p_member,
        d,
        open[0].id,
        AnswerInput::Agree {
            comment: Some("fine".into()),
        },
    )
    .await
    .unwrap();
    let done = app
        .sign_off(
            &s.p_admin,
            d,
            SignOffInput::Approve {
                comment: Some("ok".into()),
            },
        )
        .await
        .unwrap();
    assert_eq!(done.state, Done);

    let detail = app.duty_detail(&s.c_admin, d).await.unwrap();
    assert_eq!(detail.signoffs.len(), 2);
    assert_eq!(detail.signoffs[1].by_user, s.p_admin.user.id);
    let a = detail
        .holders
        .iter()
        .find(|h| h.letter == Letter::A)
        .unwrap();
    assert_eq!((a.party.as_str(), a.org), ("Nimbus", s.p_admin.org.id));
    assert_eq!(a.owners[0].name, "admin");
    let actions: Vec<_> = detail.history.iter().map(|e| e.action.as_str()).collect();
    assert!(
        actions.contains(&"duty.signoff") && actions.contains(&"evidence.add"),
        "{actions:?}"
    );
    assert!(detail.history.iter().all(|e| e.details.is_object()));
    let provider_history = app.duty_detail(&s.p_admin, d).await.unwrap().history;
    assert_eq!(provider_history.len(), detail.history.len());
    s.chains_hold().await;
}

pub async fn an_objection_sends_the_duty_back(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    let d = s.duty("Rotate the keys");
    // Nothing mapped: the organizations' admins and members act.
    app.start_duty(&s.c_member, d).await.unwrap();
    app.add_evidence(&s.c_member, d, text("done"))
        .await
        .unwrap();
    app.submit_duty(&s.c_admin, d).await.unwrap();
    assert_eq!(s.inbox(&s.p_admin, "duty.consultation").await, 1);
    assert_eq!(s.inbox(&s.p_member, "duty.consultation").await, 0);
    let c = app.consultations(&s.c_admin, d).await.unwrap()[0].clone();
    assert_eq!((c.party.as_str(), c.asked.is_none()), ("Nimbus", true));
    assert_eq!(
        code(
            app.answer_consultation(&s.c_admin, d, c.id, AnswerInput::Agree { comment: None })
                .await
        ),
        ErrorCode::Forbidden
    );
    let duty = app
        .answer_consultation(
            &s.p_member,
            d,
            c.id,
            AnswerInput::Object {
                comment: "wrong region".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(duty.state, InProgress);
    assert_eq!(s.inbox(&s.c_admin, "duty.objection").await, 1);
    assert_eq!(
        code(
            app.answer_consultation(&s.p_member, d, c.id, AnswerInput::Agree { comment: None })
                .await
        ),
        ErrorCode::Conflict
    );
    app.submit_duty(&s.c_member, d).await.unwrap();
    let all = app.consultations(&s.p_admin, d).await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].comment.as_deref(), Some("wrong region"));
    assert!(!all[0].open && all[1].open);
    let duty = app
        .answer_consultation(
            &s.p_admin,
            d,
            all[1].id,
            AnswerInput::Agree { comment: None },
        )
        .await
        .unwrap();
    assert_eq!(duty.state, AwaitingSignoff);
}

pub async fn without_an_a_it_ends_done_and_i_hears(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    let d = s.duty("Clean the logs");
    app.start_duty(&s.c_member, d).await.unwrap();
    app.add_evidence(
        &s.c_member,
        d,
        EvidenceInput::Link {
            url: "https://wiki.example.test/runbook".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(app.submit_duty(&s.c_member, d).await.unwrap().state, Done);
    assert_eq!(s.inbox(&s.p_admin, "duty.done").await, 1);
    assert_eq!(s.inbox(&s.c_admin, "duty.done").await, 0);
    let na = |r: &str| NotApplicableInput { reason: r.into() };
    assert_eq!(
        code(app.mark_not_applicable(&s.c_admin, d, na("late")).await),
        ErrorCode::Conflict
    );
    // Not applicable: an A owner or an admin of the R organization, with a reason.
    let d2 = s.duty("Restore a backup");
    assert_eq!(
        code(app.mark_not_applicable(&s.p_admin, d2, na("no")).await),
        ErrorCode::Forbidden
    );
    assert_eq!(
        refusal(app.mark_not_applicable(&s.c_admin, d2, na(" ")).await),
        (ErrorCode::InvalidInput, Some("reason".into()))
    );
    let done = app
        .mark_not_applicable(&s.c_admin, d2, na("no queues in this plan"))
        .await
        .unwrap();
    assert_eq!(
        (done.state, done.reason.as_deref()),
        (NotApplicable, Some("no queues in this plan"))
    );
}

pub async fn a_recurring_duty_reopens_with_its_history(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    let d = s.duty("Restore a backup");
    let quarterly = |due| ScheduleInput {
        recurrence: Some(Recurrence::Quarterly),
        due_at: due,
    };
    assert_eq!(
        code(app.schedule_duty(&s.p_admin, d, quarterly(None)).await),
        ErrorCode::Forbidden
    );
    let due = raci_store::now_ms() - 1000;
    let scheduled = app
        .schedule_duty(&s.c_member, d, quarterly(Some(due)))
        .await
        .unwrap();
    assert_eq!(
        (scheduled.recurrence, scheduled.due_at, scheduled.overdue),
        (Some(Recurrence::Quarterly), Some(due), true)
    );
    assert_eq!(
        app.subscription_summary(&s.c_member, s.subscription)
            .await
            .unwrap()
            .overdue,
        1
    );
    app.start_duty(&s.c_member, d).await.unwrap();
    app.add_evidence(&s.c_member, d, text("restored fine"))
        .await
        .unwrap();
    assert_eq!(
        app.submit_duty(&s.c_member, d).await.unwrap().state,
        AwaitingSignoff
    );
    let done = app
        .sign_off(&s.c_admin, d, SignOffInput::Approve { comment: None })
        .await
        .unwrap();
    assert_eq!((done.state, done.overdue), (Done, false));
    assert_eq!(s.inbox(&s.p_admin, "duty.done").await, 1);
    let next = done.next_due_at.unwrap();
    assert_eq!(next, done.updated_at + 91 * 24 * 3600 * 1000);

    let now = raci_store::now_ms();
    assert!(app.reopen_due(now).await.unwrap().is_empty());
    let later = now + 100 * 24 * 3600 * 1000;
    let reopened = app.reopen_due(later).await.unwrap();
    assert_eq!(reopened.len(), 1);
    assert_eq!(
        (reopened[0].id, reopened[0].state, reopened[0].cycle),
        (d, Open, 2)
    );
    assert_eq!(reopened[0].due_at, Some(next));
    assert!(app.reopen_due(later).await.unwrap().is_empty());
    assert_eq!(s.inbox(&s.c_admin, "duty.reopen").await, 1);

    // The new cycle needs its own evidence; the first cycle's is kept.
    app.start_duty(&s.c_member, d).await.unwrap();
    assert_eq!(
        code(app.submit_duty(&s.c_member, d).await),
        ErrorCode::Conflict
    );
    let detail = app.duty_detail(&s.c_admin, d).await.unwrap();
    assert_eq!((detail.evidence.len(), detail.evidence[0].cycle), (1, 1));
    assert_eq!(detail.signoffs[0].cycle, 1);
    assert!(detail.history.iter().any(|e| e.action == "duty.reopen"));
    s.chains_hold().await;
}

pub async fn evidence_is_checked_and_kept_with_its_hash(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    let d = s.duty("Restore a backup");
    assert_eq!(
        code(app.add_evidence(&s.c_member, d, text("early")).await),
        ErrorCode::Conflict
    );
    app.start_duty(&s.c_member, d).await.unwrap();
    let file = |name: &str, bytes: &[u8]| FileEvidence {
        name: name.into(),
        media_type: Some("text/plain".into()),
        bytes: bytes.to_vec(),
    };
    let e = app
        .add_file_evidence(&s.c_member, d, file("restore.txt", b"hello"))
        .await
        .unwrap();
    assert_eq!((e.kind, e.size), (EvidenceKind::File, Some(5)));
    assert_eq!(
        e.sha256.as_deref(),
        Some("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
    );
    let (meta, bytes) = app.evidence_content(&s.c_auditor, d, e.id).await.unwrap();
    assert_eq!((meta, bytes), (e.clone(), b"hello".to_vec()));
    assert_eq!(
        code(
            app.evidence_content(&s.c_admin, s.duty("Rotate the keys"), e.id)
                .await
        ),
        ErrorCode::NotFound
    );
    for (input, field) in [
        (
            EvidenceInput::Link {
                url: "javascript:alert(1)".into(),
            },
            "url",
        ),
        (
            EvidenceInput::Link {
                url: "https://exa mple.test/".into(),
            },
            "url",
        ),
        (
            text(&"x".repeat(raci_app::validate::TEXT_EVIDENCE_MAX + 1)),
            "text",
        ),
        (text(" \n "), "text"),
    ] {
        assert_eq!(
            refusal(app.add_evidence(&s.c_member, d, input).await),
            (ErrorCode::InvalidInput, Some(field.into()))
        );
    }
    assert_eq!(
        refusal(
            app.add_file_evidence(&s.c_member, d, file("../reports/x.txt", b"x"))
                .await
        ),
        (ErrorCode::InvalidInput, Some("name".into()))
    );
    assert_eq!(
        refusal(
            app.add_file_evidence(&s.c_member, d, file("empty.txt", b""))
                .await
        ),
        (ErrorCode::InvalidInput, Some("file".into()))
    );
    let limit = app.config().evidence_limit;
    assert_eq!(
        refusal(
            app.add_file_evidence(&s.c_member, d, file("big.bin", &vec![0; limit + 1]))
                .await
        ),
        (ErrorCode::TooLarge, Some("file".into()))
    );
    assert_eq!(
        code(app.add_evidence(&s.p_member, d, text("not mine")).await),
        ErrorCode::Forbidden
    );
    assert_eq!(app.evidence(&s.p_member, d).await.unwrap(), vec![e.clone()]);
}

pub async fn others_see_nothing_and_auditors_only_read(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    let d = s.duty("Restore a backup");
    let x = &s.stranger;
    assert_eq!(code(app.duty(x, d).await), ErrorCode::NotFound);
    assert_eq!(code(app.duty_detail(x, d).await), ErrorCode::NotFound);
    assert_eq!(code(app.start_duty(x, d).await), ErrorCode::NotFound);
    assert_eq!(
        code(app.subscription(x, s.subscription).await),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(app.duties(x, s.subscription, &Default::default()).await),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(app.owners(x, s.subscription).await),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(app.change_notices(x, s.subscription).await),
        ErrorCode::NotFound
    );
    // The auditor reads everything of its organization and changes nothing.
    assert_eq!(
        app.duty_detail(&s.c_auditor, d).await.unwrap().allowed,
        Default::default()
    );
    assert_eq!(
        code(app.start_duty(&s.c_auditor, d).await),
        ErrorCode::Forbidden
    );
    assert_eq!(
        code(
            app.schedule_duty(
                &s.c_auditor,
                d,
                ScheduleInput {
                    recurrence: None,
                    due_at: None
                }
            )
            .await
        ),
        ErrorCode::Forbidden
    );
    // A provider sees only its own services' subscriptions.
    let other = s.w.org("Stratus", raci_store::OrgKind::Provider).await;
    assert_eq!(
        code(app.subscription(&other, s.subscription).await),
        ErrorCode::NotFound
    );
    assert!(app.subscriptions(&other).await.unwrap().is_empty());
    assert_eq!(app.subscriptions(&s.p_member).await.unwrap().len(), 1);
}
