//! The R/C/A/I flow of duties: owners, evidence, consultations, sign-offs,
//! recurrence.

use raci_store::{
    Answer, Assignee, Decision, Duty, DutyState::*, NewEvidence, OrgKind, Recurrence, StoreError,
    User, UserRole,
};
use serde_json::json;

use crate::Harness;

/// A subscription with users of both sides and one duty per letter pattern.
struct World {
    customer: i64,
    provider: i64,
    /// Customer admin, member and auditor.
    c_admin: User,
    c_member: User,
    c_auditor: User,
    /// Provider admin and member.
    p_admin: User,
    p_member: User,
    subscription: i64,
    duties: Vec<Duty>,
}

impl World {
    /// The duty of activity `act-N`.
    fn duty(&self, n: usize) -> i64 {
        let id = format!("act-{n}");
        self.duties
            .iter()
            .find(|d| d.activity_id == id)
            .map(|d| d.id)
            .unwrap()
    }
}

/// Letters per activity: `act-1` customer R, provider C and A (consulted
/// and signed off by the other organization); `act-2` customer RA, provider
/// I; `act-3` customer R, provider I (no A, no C).
fn document() -> String {
    let roles = [
        json!({"Customer": "R", "Nimbus": "AC"}),
        json!({"Customer": "RA", "Nimbus": "I"}),
        json!({"Customer": "R", "Nimbus": "I"}),
    ];
    let activities: Vec<_> = roles
        .iter()
        .enumerate()
        .map(|(i, roles)| {
            json!({"id": format!("act-{}", i + 1), "section": ["1. Run"],
                "text": format!("Step {}", i + 1), "roles": roles, "notes": []})
        })
        .collect();
    json!({"schema": "raci/v1", "title": "Queue", "language": "en", "edition": "1",
        "parties": ["Customer", "Nimbus"], "activities": activities})
    .to_string()
}

async fn user(h: &Harness, org: i64, name: &str, role: UserRole) -> User {
    h.user(org, &format!("{name}@example.test"), name, role)
        .await
}

async fn world(h: &Harness) -> World {
    let s = &h.store;
    let p = h.org("Nimbus", OrgKind::Provider).await;
    let c = h.org("Acme", OrgKind::Customer).await;
    let (svc, _) = h.service(p.id, "queue", "Queue", &document()).await;
    let sub = s.subscribe("test", c.id, svc.id).await.unwrap();
    World {
        customer: c.id,
        provider: p.id,
        c_admin: user(h, c.id, "c-admin", UserRole::Admin).await,
        c_member: user(h, c.id, "c-member", UserRole::Member).await,
        c_auditor: user(h, c.id, "c-auditor", UserRole::Auditor).await,
        p_admin: user(h, p.id, "p-admin", UserRole::Admin).await,
        p_member: user(h, p.id, "p-member", UserRole::Member).await,
        subscription: sub.id,
        duties: s.list_duties(sub.id).await.unwrap(),
    }
}

/// How many inbox items of `kind` a user has (a no-op update counts them).
async fn inbox(h: &Harness, user: i64, kind: &str) -> u64 {
    let sql = format!("UPDATE inbox SET kind = kind WHERE user_id = $1 AND kind = '{kind}'");
    h.raw_exec(&sql, user).await
}

fn field_of<T: std::fmt::Debug>(r: Result<T, StoreError>) -> String {
    match r {
        Err(StoreError::InvalidInput(m)) => m.split(':').next().unwrap_or_default().to_owned(),
        other => panic!("expected an input error, got {other:?}"),
    }
}

fn is_forbidden<T: std::fmt::Debug>(r: Result<T, StoreError>) -> bool {
    matches!(r, Err(StoreError::Forbidden(_)))
}

fn text(t: &str) -> NewEvidence {
    NewEvidence::Text(t.into())
}

pub async fn owners_and_teams(h: &Harness) {
    let s = &h.store;
    let w = world(h).await;
    // Teams: admins only, members of the same organization only.
    assert!(is_forbidden(s.create_team(w.c_member.id, "ops").await));
    let team = s.create_team(w.c_admin.id, "ops").await.unwrap();
    assert_eq!(team.org, w.customer);
    let team = s
        .add_team_member(w.c_admin.id, team.id, w.c_member.id)
        .await
        .unwrap();
    assert_eq!(team.members, vec![w.c_member.id]);
    let r = s
        .add_team_member(w.c_admin.id, team.id, w.p_member.id)
        .await;
    assert_eq!(field_of(r), "user");
    let r = s
        .add_team_member(w.p_admin.id, team.id, w.p_member.id)
        .await;
    assert!(matches!(r, Err(StoreError::NotFound { .. })), "{r:?}");
    assert_eq!(s.list_teams(w.customer).await.unwrap(), vec![team.clone()]);
    let other = s.create_team(w.c_admin.id, "audit").await.unwrap();
    let t = s
        .remove_team_member(w.c_admin.id, other.id, w.c_member.id)
        .await;
    assert!(matches!(t, Err(StoreError::NotFound { .. })), "{t:?}");

    // Owners: the caller's own column, users and teams of its own organization.
    let mapping = [
        ('R', Assignee::User(w.c_member.id)),
        ('A', Assignee::Team(team.id)),
        ('I', Assignee::User(w.c_admin.id)),
        ('I', Assignee::Team(team.id)),
    ];
    let all = s
        .set_owners(w.c_admin.id, w.subscription, "Customer", &mapping)
        .await
        .unwrap();
    assert_eq!(all.len(), 4);
    assert!(all
        .iter()
        .all(|o| o.org == w.customer && o.party == "Customer"));
    let r = s
        .set_owners(w.c_admin.id, w.subscription, "Nimbus", &mapping)
        .await;
    assert_eq!(field_of(r), "party");
    let r = s
        .set_owners(w.c_admin.id, w.subscription, "Nope", &mapping)
        .await;
    assert_eq!(field_of(r), "party");
    let r = s
        .set_owners(
            w.c_admin.id,
            w.subscription,
            "Customer",
            &[('R', Assignee::User(w.p_member.id))],
        )
        .await;
    assert_eq!(field_of(r), "owners");
    let two_r = [
        ('R', Assignee::User(w.c_member.id)),
        ('R', Assignee::User(w.c_admin.id)),
    ];
    let r = s
        .set_owners(w.c_admin.id, w.subscription, "Customer", &two_r)
        .await;
    assert_eq!(field_of(r), "owners");
    let r = s
        .set_owners(w.c_auditor.id, w.subscription, "Customer", &mapping)
        .await;
    assert!(is_forbidden(r));
    // A provider member maps the provider's column; both see both mappings.
    s.set_owners(
        w.p_member.id,
        w.subscription,
        "Nimbus",
        &[('A', Assignee::User(w.p_admin.id))],
    )
    .await
    .unwrap();
    let all = s.list_owners(w.subscription).await.unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(
        all.iter().filter(|o| o.org == w.provider).count(),
        1,
        "{all:?}"
    );
    // Setting again replaces that party's mapping only.
    s.set_owners(w.c_admin.id, w.subscription, "Customer", &[])
        .await
        .unwrap();
    assert_eq!(s.list_owners(w.subscription).await.unwrap().len(), 1);
    let log = s.list_audit(w.customer).await.unwrap();
    assert_eq!(log.iter().filter(|e| e.action == "owners.set").count(), 2);
    s.verify_audit_chain(w.customer).await.unwrap();
    s.verify_audit_chain(w.provider).await.unwrap();
}

pub async fn flow_signed_off_by_the_other_org(h: &Harness) {
    let s = &h.store;
    let w = world(h).await;
    let d = w.duty(1);
    let team = s.create_team(w.p_admin.id, "sre").await.unwrap();
    s.add_team_member(w.p_admin.id, team.id, w.p_member.id)
        .await
        .unwrap();
    s.set_owners(
        w.c_admin.id,
        w.subscription,
        "Customer",
        &[('R', Assignee::User(w.c_member.id))],
    )
    .await
    .unwrap();
    s.set_owners(
        w.p_admin.id,
        w.subscription,
        "Nimbus",
        &[
            ('C', Assignee::Team(team.id)),
            ('A', Assignee::User(w.p_admin.id)),
        ],
    )
    .await
    .unwrap();

    // R is mapped to the member: the admin, the auditor, the provider may not start.
    for who in [w.c_admin.id, w.c_auditor.id, w.p_admin.id] {
        assert!(is_forbidden(s.start_duty(who, d).await), "user {who}");
    }
    assert_eq!(
        s.start_duty(w.c_member.id, d).await.unwrap().state,
        InProgress
    );
    let again = s.start_duty(w.c_member.id, d).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    assert_eq!(field_of(s.submit_duty(w.c_member.id, d).await), "evidence");
    s.add_evidence(w.c_member.id, d, text("rotated on 2024-03-01"))
        .await
        .unwrap();
    let duty = s.submit_duty(w.c_member.id, d).await.unwrap();
    assert_eq!(duty.state, AwaitingConsultation);
    assert_eq!(inbox(h, w.p_member.id, "duty.consultation").await, 1);

    let detail = s.duty_detail(d, w.customer).await.unwrap();
    assert_eq!(detail.consultations.len(), 1);
    let c = &detail.consultations[0];
    assert_eq!((c.team_id, c.user_id, c.round), (Some(team.id), None, 1));
    let r = s
        .answer_consultation(w.c_member.id, d, c.id, Answer::Agree, None)
        .await;
    assert!(is_forbidden(r));
    let duty = s
        .answer_consultation(w.p_member.id, d, c.id, Answer::Agree, None)
        .await
        .unwrap();
    assert_eq!(duty.state, AwaitingSignoff);
    assert_eq!(inbox(h, w.p_admin.id, "duty.signoff").await, 1);

    // A is the provider's: the customer may not sign its own duty off.
    let r = s.sign_off(w.c_member.id, d, Decision::Approve, None).await;
    assert!(is_forbidden(r));
    let r = s.sign_off(w.p_admin.id, d, Decision::SendBack, None).await;
    assert_eq!(field_of(r), "comment");
    let duty = s
        .sign_off(w.p_admin.id, d, Decision::SendBack, Some("attach the log"))
        .await
        .unwrap();
    assert_eq!(duty.state, InProgress);
    assert_eq!(inbox(h, w.c_member.id, "duty.sent_back").await, 1);
    s.submit_duty(w.c_member.id, d).await.unwrap();
    let detail = s.duty_detail(d, w.customer).await.unwrap();
    let open: Vec<_> = detail
        .consultations
        .iter()
        .filter(|c| c.answer.is_none())
        .collect();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].round, 2);
    s.answer_consultation(w.p_member.id, d, open[0].id, Answer::Agree, Some("fine"))
        .await
        .unwrap();
    let duty = s
        .sign_off(w.p_admin.id, d, Decision::Approve, Some("ok"))
        .await
        .unwrap();
    assert_eq!(duty.state, Done);

    let detail = s.duty_detail(d, w.customer).await.unwrap();
    assert_eq!(detail.signoffs.len(), 2);
    assert_eq!(detail.signoffs[1].decision, "approve");
    assert_eq!(detail.signoffs[1].by_user, w.p_admin.id);
    let a = detail.owners.iter().find(|o| o.letter == "A").unwrap();
    assert_eq!((a.party.as_str(), a.org), ("Nimbus", w.provider));
    assert_eq!(a.owners, vec![Assignee::User(w.p_admin.id)]);
    let actions: Vec<_> = detail.history.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"duty.signoff"), "{actions:?}");
    assert!(actions.contains(&"evidence.add"), "{actions:?}");
    assert!(detail.history.iter().all(|e| e.org == w.customer));
    let provider_history = s.duty_detail(d, w.provider).await.unwrap().history;
    assert_eq!(provider_history.len(), detail.history.len());
    s.verify_audit_chain(w.customer).await.unwrap();
    s.verify_audit_chain(w.provider).await.unwrap();
}

pub async fn an_objection_sends_the_duty_back(h: &Harness) {
    let s = &h.store;
    let w = world(h).await;
    let d = w.duty(1);
    // Nothing mapped: the organizations' admins and members act.
    s.start_duty(w.c_member.id, d).await.unwrap();
    s.add_evidence(w.c_member.id, d, text("done"))
        .await
        .unwrap();
    s.submit_duty(w.c_admin.id, d).await.unwrap();
    assert_eq!(inbox(h, w.p_admin.id, "duty.consultation").await, 1);
    assert_eq!(inbox(h, w.p_member.id, "duty.consultation").await, 0);
    let c = s.duty_detail(d, w.customer).await.unwrap().consultations[0].clone();
    assert_eq!(
        (c.party.as_str(), c.user_id, c.team_id),
        ("Nimbus", None, None)
    );
    let r = s
        .answer_consultation(w.c_admin.id, d, c.id, Answer::Agree, None)
        .await;
    assert!(is_forbidden(r));
    let r = s
        .answer_consultation(w.p_member.id, d, c.id, Answer::Object, Some("  "))
        .await;
    assert_eq!(field_of(r), "comment");
    let duty = s
        .answer_consultation(w.p_member.id, d, c.id, Answer::Object, Some("wrong region"))
        .await
        .unwrap();
    assert_eq!(duty.state, InProgress);
    assert_eq!(inbox(h, w.c_admin.id, "duty.objection").await, 1);
    let r = s
        .answer_consultation(w.p_member.id, d, c.id, Answer::Agree, None)
        .await;
    assert!(matches!(r, Err(StoreError::Conflict(_))), "{r:?}");
    s.submit_duty(w.c_member.id, d).await.unwrap();
    let detail = s.duty_detail(d, w.provider).await.unwrap();
    assert_eq!(detail.consultations.len(), 2);
    assert_eq!(detail.consultations[0].answer.as_deref(), Some("object"));
    assert_eq!(
        detail.consultations[0].comment.as_deref(),
        Some("wrong region")
    );
    let next = detail.consultations[1].id;
    let duty = s
        .answer_consultation(w.p_admin.id, d, next, Answer::Agree, None)
        .await
        .unwrap();
    assert_eq!(duty.state, AwaitingSignoff);
}

pub async fn without_a_submit_ends_done_and_i_hears(h: &Harness) {
    let s = &h.store;
    let w = world(h).await;
    let d = w.duty(3);
    s.start_duty(w.c_member.id, d).await.unwrap();
    s.add_evidence(
        w.c_member.id,
        d,
        NewEvidence::Link("https://wiki.example.test/runbook".into()),
    )
    .await
    .unwrap();
    let duty = s.submit_duty(w.c_member.id, d).await.unwrap();
    assert_eq!(duty.state, Done);
    assert_eq!(inbox(h, w.p_admin.id, "duty.done").await, 1);
    assert_eq!(inbox(h, w.c_admin.id, "duty.done").await, 0);
    // Done is final for not-applicable too.
    let r = s.mark_not_applicable(w.c_admin.id, d, "late").await;
    assert!(matches!(r, Err(StoreError::Conflict(_))), "{r:?}");
    // Not applicable: an A owner or an admin of the R organization, with a reason.
    let d2 = w.duty(2);
    assert!(is_forbidden(
        s.mark_not_applicable(w.p_admin.id, d2, "no").await
    ));
    assert_eq!(
        field_of(s.mark_not_applicable(w.c_admin.id, d2, " ").await),
        "reason"
    );
    let na = s
        .mark_not_applicable(w.c_admin.id, d2, "no queues in this plan")
        .await
        .unwrap();
    assert_eq!(na.state, NotApplicable);
    assert_eq!(na.reason.as_deref(), Some("no queues in this plan"));
}

pub async fn a_recurring_duty_reopens_with_its_history(h: &Harness) {
    let s = &h.store;
    let w = world(h).await;
    let d = w.duty(2);
    assert!(is_forbidden(
        s.schedule_duty(w.p_admin.id, d, Some(Recurrence::Quarterly), None)
            .await
    ));
    let due = 1_700_000_000_000;
    let duty = s
        .schedule_duty(w.c_member.id, d, Some(Recurrence::Quarterly), Some(due))
        .await
        .unwrap();
    assert_eq!(duty.recurrence.as_deref(), Some("quarterly"));
    assert_eq!(duty.due_at, Some(due));
    s.start_duty(w.c_member.id, d).await.unwrap();
    s.add_evidence(w.c_member.id, d, text("restored fine"))
        .await
        .unwrap();
    assert_eq!(
        s.submit_duty(w.c_member.id, d).await.unwrap().state,
        AwaitingSignoff
    );
    let done = s
        .sign_off(w.c_admin.id, d, Decision::Approve, None)
        .await
        .unwrap();
    assert_eq!(done.state, Done);
    assert_eq!(inbox(h, w.p_admin.id, "duty.done").await, 1);
    let next = done.next_due_at.unwrap();
    assert_eq!(next, done.updated_at + 91 * 24 * 3600 * 1000);

    let now = raci_store::now_ms();
    assert!(s.reopen_due(now).await.unwrap().is_empty());
    let later = now + 100 * 24 * 3600 * 1000;
    let reopened = s.reopen_due(later).await.unwrap();
    assert_eq!(reopened.len(), 1);
    let r = &reopened[0];
    assert_eq!((r.id, r.state, r.cycle), (d, Open, 2));
    assert_eq!(r.due_at, Some(next));
    assert_eq!(r.next_due_at, None);
    assert!(s.reopen_due(later).await.unwrap().is_empty());
    assert_eq!(inbox(h, w.c_admin.id, "duty.reopen").await, 1);

    // The new cycle needs its own evidence; the first cycle's is kept.
    s.start_duty(w.c_member.id, d).await.unwrap();
    assert_eq!(field_of(s.submit_duty(w.c_member.id, d).await), "evidence");
    let detail = s.duty_detail(d, w.customer).await.unwrap();
    assert_eq!(detail.evidence.len(), 1);
    assert_eq!(detail.evidence[0].cycle, 1);
    assert_eq!(detail.signoffs[0].cycle, 1);
    assert!(detail.history.iter().any(|e| e.action == "duty.reopen"));
    s.verify_audit_chain(w.customer).await.unwrap();
}

pub async fn evidence_keeps_hash_and_size(h: &Harness) {
    let s = &h.store;
    let w = world(h).await;
    let d = w.duty(2);
    let r = s.add_evidence(w.c_member.id, d, text("early")).await;
    assert!(matches!(r, Err(StoreError::Conflict(_))), "{r:?}");
    s.start_duty(w.c_member.id, d).await.unwrap();
    let file = NewEvidence::File {
        name: "../reports/restore.txt".into(),
        media_type: "text/plain".into(),
        content: b"hello".to_vec(),
    };
    let e = s.add_evidence(w.c_member.id, d, file).await.unwrap();
    assert_eq!(e.kind, "file");
    assert_eq!(e.size, Some(5));
    assert_eq!(
        e.sha256.as_deref(),
        Some("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
    );
    assert_eq!(e.file_name.as_deref(), Some("restore.txt"));
    let (meta, bytes) = s.evidence_content(d, e.id).await.unwrap();
    assert_eq!(meta, e);
    assert_eq!(bytes, b"hello");
    let r = s.evidence_content(w.duty(1), e.id).await;
    assert!(matches!(r, Err(StoreError::NotFound { .. })), "{r:?}");

    let bad_link = NewEvidence::Link("javascript:alert(1)".into());
    assert_eq!(
        field_of(s.add_evidence(w.c_member.id, d, bad_link).await),
        "url"
    );
    let spaced = NewEvidence::Link("https://exa mple.test/".into());
    assert_eq!(
        field_of(s.add_evidence(w.c_member.id, d, spaced).await),
        "url"
    );
    let big = text(&"x".repeat(raci_store::TEXT_EVIDENCE_LIMIT + 1));
    assert_eq!(
        field_of(s.add_evidence(w.c_member.id, d, big).await),
        "text"
    );
    assert!(is_forbidden(
        s.add_evidence(w.p_member.id, d, text("not mine")).await
    ));
    let list = s.list_evidence(d).await.unwrap();
    assert_eq!(list, vec![e.clone()]);
    let log = s.list_audit(w.customer).await.unwrap();
    let upload = log.iter().find(|l| l.action == "evidence.add").unwrap();
    let details: serde_json::Value = serde_json::from_str(&upload.details_json).unwrap();
    assert_eq!(details["sha256"], json!(e.sha256));
    assert_eq!(details["size"], 5);
}
