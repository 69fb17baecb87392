//! The whole story over HTTP: a provider publishes a matrix (refused for
//! its lint errors until fixed), a customer subscribes and both map owners,
//! duties go through their R/C/A/I steps across the two organizations with
//! a file of evidence, an incident is routed, a second edition brings a
//! change notice the customer accepts, the trail is read and verified, the
//! customer exports itself into a second instance and is purged from the
//! first with a signed destruction record, and a tampered row is found.

use raci_app::views::*;
use raci_store::{DutyState, OrgKind, UserRole};
use reqwest::Method;
use serde_json::json;

use crate::instance::{refused, Instance};

const MATRIX: &str =
    "---\ntitle: Managed Queue - Responsibility model\nupdated: 2024-03-18\nlang: en\n---\n\n\
### 1. Before ordering\n\n| Activity | Customer | Nimbus |\n| --- | --- | --- |\n\
| Pick the region that hosts the brokers | RA | I |\n\n\
### 2. Running the service\n\n| Activity | Customer | Nimbus |\n| --- | --- | --- |\n\
| Rotate the access keys of the applications | RA | C |\n\
| Keep the broker hosts patched | I | RA |\n\
| Restore the queue definitions every quarter | A | R |\n\
| Notify an incident to the support | R | A |\n";

fn edition_2() -> String {
    MATRIX
        .replace("updated: 2024-03-18", "updated: 2024-09-02")
        .replace(
            "| Pick the region that hosts the brokers | RA | I |\n",
            "| Archive the dead letters every month | RA | I |\n",
        )
        .replace(
            "| Keep the broker hosts patched | I | RA |",
            "| Keep the broker hosts patched | RA | I |",
        )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_whole_story_on_sqlite() {
    story("sqlite").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_whole_story_on_postgres() {
    story("postgres").await;
}

fn duty<'a>(duties: &'a [DutyView], start: &str) -> &'a DutyView {
    duties
        .iter()
        .find(|d| d.text.starts_with(start))
        .unwrap_or_else(|| panic!("no duty {start:?}"))
}

async fn token(i: &Instance, org: i64, email: &str, role: UserRole) -> (i64, String) {
    let user = i
        .app
        .bootstrap_user(
            org,
            raci_app::NewUserInput {
                email: email.into(),
                name: email.split('@').next().unwrap().into(),
                role,
                password: None,
            },
        )
        .await
        .unwrap();
    (
        user.id,
        i.app.bootstrap_token(user.id, None).await.unwrap().secret,
    )
}

async fn story(backend: &str) {
    let Some(one) = Instance::start(backend).await else {
        return;
    };
    // Organizations and people, set up by the operator.
    let nimbus = one
        .app
        .bootstrap_organization("Nimbus", OrgKind::Provider)
        .await
        .unwrap()
        .id;
    let acme = one
        .app
        .bootstrap_organization("Acme", OrgKind::Customer)
        .await
        .unwrap()
        .id;
    let globex = one
        .app
        .bootstrap_organization("Globex", OrgKind::Customer)
        .await
        .unwrap()
        .id;
    let (_, p_admin) = token(&one, nimbus, "admin@nimbus.example", UserRole::Admin).await;
    let (p_member_id, p_member) = token(&one, nimbus, "sre@nimbus.example", UserRole::Member).await;
    let (_, c_admin) = token(&one, acme, "admin@acme.example", UserRole::Admin).await;
    let (c_member_id, c_member) = token(&one, acme, "ops@acme.example", UserRole::Member).await;
    let (_, c_auditor) = token(&one, acme, "audit@acme.example", UserRole::Auditor).await;
    let (_, stranger) = token(&one, globex, "admin@globex.example", UserRole::Admin).await;
    let (p_admin, p_member) = (one.client(&p_admin), one.client(&p_member));
    let (c_admin, c_member, c_auditor, stranger) = (
        one.client(&c_admin),
        one.client(&c_member),
        one.client(&c_auditor),
        one.client(&stranger),
    );

    // The provider publishes: lint errors refuse the matrix, with findings.
    let svc: ServiceView = p_admin
        .ok(
            Method::POST,
            "/services",
            json!({"slug": "managed-queue", "name": "Managed Queue"}),
        )
        .await;
    let editions = format!("/services/{}/editions", svc.id);
    let two_a = MATRIX.replace(
        "| Pick the region that hosts the brokers | RA | I |",
        "| Pick the region that hosts the brokers | RA | A |",
    );
    let (status, refusal) = p_admin
        .upload::<PublishedView>(&editions, "text/markdown", two_a.into_bytes())
        .await;
    let refusal = refusal.unwrap_err();
    assert_eq!(
        (status.as_u16(), refusal.error.code.as_str()),
        (422, "lint_errors")
    );
    assert_eq!(refusal.error.findings[0].name, "multiple-accountable");
    let (status, published) = p_admin
        .upload::<PublishedView>(&editions, "text/markdown", MATRIX.as_bytes().to_vec())
        .await;
    let published = published.unwrap();
    assert_eq!(
        (
            status.as_u16(),
            published.edition.number,
            published.edition.activities
        ),
        (201, 1, 5)
    );
    assert_eq!(
        refused(
            c_admin
                .upload::<PublishedView>(&editions, "text/markdown", MATRIX.into())
                .await
        ),
        (403, "forbidden".into())
    );

    // The customer subscribes: one duty per activity; the columns are named.
    let sub: SubscriptionView = c_member
        .ok(Method::POST, "/subscriptions", json!({"service": svc.id}))
        .await;
    assert_eq!((sub.duties, sub.provider.id), (5, nimbus));
    let sides: Vec<_> = sub
        .parties
        .iter()
        .map(|p| (p.party.as_str(), p.side))
        .collect();
    assert_eq!(
        sides,
        vec![
            ("Customer", OrgKind::Customer),
            ("Nimbus", OrgKind::Provider)
        ]
    );
    let duties: Vec<DutyView> = c_member
        .got(&format!("/subscriptions/{}/duties", sub.id))
        .await;

    // Each side maps its own column.
    let owners = format!("/subscriptions/{}/owners", sub.id);
    let mapped: Vec<OwnerView> = c_admin
        .ok(Method::PUT, &owners, json!({"party": "Customer", "owners": {"R": {"user": c_member_id}, "I": [{"user": c_member_id}]}}))
        .await;
    assert_eq!(mapped.len(), 2);
    let (status, e) = c_admin
        .send::<Vec<OwnerView>>(
            Method::PUT,
            &owners,
            json!({"party": "Nimbus", "owners": {"A": {"user": c_member_id}}}),
        )
        .await;
    assert_eq!(
        (status.as_u16(), e.unwrap_err().error.field.as_deref()),
        (403, Some("party"))
    );
    p_admin
        .ok::<Vec<OwnerView>>(Method::PUT, &owners, json!({"party": "Nimbus", "owners": {"C": [{"user": p_member_id}], "R": {"user": p_member_id}}}))
        .await;

    // A customer duty consulted by the provider and signed off by the customer, with a file.
    let keys = duty(&duties, "Rotate the access keys").id;
    let d = format!("/duties/{keys}");
    assert_eq!(
        refused(
            c_admin
                .post::<DutyView>(&format!("{d}/start"), json!({}))
                .await
        ),
        (403, "forbidden".into()),
        "R is the member's"
    );
    assert_eq!(
        c_member
            .ok::<DutyView>(Method::POST, &format!("{d}/start"), json!({}))
            .await
            .state,
        DutyState::InProgress
    );
    let proof = b"\x00rotated 12 keys on 2024-03-01\xff".to_vec();
    let (status, evidence) = c_member
        .upload::<EvidenceView>(
            &format!("{d}/evidence?name=rotation.log"),
            "application/octet-stream",
            proof.clone(),
        )
        .await;
    let evidence = evidence.unwrap();
    assert_eq!(
        (status.as_u16(), evidence.size),
        (201, Some(proof.len() as i64))
    );
    assert_eq!(
        c_member
            .ok::<DutyView>(Method::POST, &format!("{d}/submit"), json!({}))
            .await
            .state,
        DutyState::AwaitingConsultation
    );
    let detail: DutyDetailView = p_member.got(&d).await;
    let asked = detail.consultations.iter().find(|c| c.open).unwrap().id;
    assert_eq!(detail.allowed.answer, vec![asked]);
    let answer = format!("{d}/consultations/{asked}/answer");
    assert_eq!(
        refused(
            c_member
                .post::<DutyView>(&answer, json!({"answer": "agree"}))
                .await
        ),
        (403, "forbidden".into())
    );
    assert_eq!(
        refused(
            p_member
                .post::<DutyView>(&answer, json!({"answer": "object"}))
                .await
        )
        .0,
        422,
        "an objection says why"
    );
    let after: DutyView = p_member
        .ok(
            Method::POST,
            &answer,
            json!({"answer": "agree", "comment": "looks right"}),
        )
        .await;
    assert_eq!(after.state, DutyState::AwaitingSignoff);
    let done: DutyView = c_admin
        .ok(
            Method::POST,
            &format!("{d}/signoff"),
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(done.state, DutyState::Done);
    let inbox: Vec<InboxItemView> = p_member.got("/inbox").await;
    assert!(
        inbox
            .iter()
            .any(|i| i.kind == "duty.consultation" && i.payload.duty == Some(keys)),
        "the C owner was asked"
    );

    // The evidence comes back byte for byte, with its hash.
    let content = c_auditor
        .raw(
            Method::GET,
            &format!("{d}/evidence/{}/content", evidence.id),
            None,
            Vec::new(),
        )
        .await;
    assert_eq!(
        content.headers()["x-content-sha256"].to_str().unwrap(),
        evidence.sha256.as_deref().unwrap()
    );
    assert_eq!(content.bytes().await.unwrap().to_vec(), proof);

    // A provider duty the customer answers for waits for the customer, who sends it back once.
    let restore = duty(&duties, "Restore the queue definitions").id;
    let r = format!("/duties/{restore}");
    p_member
        .ok::<DutyView>(Method::POST, &format!("{r}/start"), json!({}))
        .await;
    p_member
        .ok::<EvidenceView>(
            Method::POST,
            &format!("{r}/evidence"),
            json!({"kind": "link", "url": "https://status.nimbus.example/restore/2024-q1"}),
        )
        .await;
    assert_eq!(
        p_member
            .ok::<DutyView>(Method::POST, &format!("{r}/submit"), json!({}))
            .await
            .state,
        DutyState::AwaitingSignoff
    );
    assert_eq!(
        refused(
            p_admin
                .post::<DutyView>(&format!("{r}/signoff"), json!({"decision": "approve"}))
                .await
        )
        .0,
        403
    );
    let back: DutyView = c_admin
        .ok(
            Method::POST,
            &format!("{r}/signoff"),
            json!({"decision": "send_back", "comment": "restore the test queue too"}),
        )
        .await;
    assert_eq!(back.state, DutyState::InProgress);
    p_member
        .ok::<DutyView>(Method::POST, &format!("{r}/submit"), json!({}))
        .await;
    assert_eq!(
        c_admin
            .ok::<DutyView>(
                Method::POST,
                &format!("{r}/signoff"),
                json!({"decision": "approve"})
            )
            .await
            .state,
        DutyState::Done
    );

    // Who sees what.
    assert_eq!(
        refused(stranger.get::<DutyDetailView>(&d).await),
        (404, "not_found".into())
    );
    assert_eq!(
        refused(
            stranger
                .get::<SubscriptionView>(&format!("/subscriptions/{}", sub.id))
                .await
        )
        .0,
        404
    );
    assert_eq!(
        refused(
            c_auditor
                .post::<DutyView>(
                    &format!("/duties/{}/start", duty(&duties, "Pick").id),
                    json!({})
                )
                .await
        )
        .0,
        403
    );
    assert_eq!(
        refused(c_member.get::<AuditPage>("/organization/audit").await).0,
        403
    );

    // An incident, routed by the activity it falls under.
    let raised: RaisedEventView = c_member
        .ok(
            Method::POST,
            &format!("/subscriptions/{}/events", sub.id),
            json!({"kind": "incident", "title": "The brokers refuse connections"}),
        )
        .await;
    assert!(
        raised.matched_activity.starts_with("notify-an-incident"),
        "{}",
        raised.matched_activity
    );
    assert_eq!(raised.routed_to[0].org, acme);

    // A second edition: one duty moves onto the customer, one leaves, one comes.
    let (_, second) = p_admin
        .upload::<PublishedView>(&editions, "text/markdown", edition_2().into_bytes())
        .await;
    let changes = second.unwrap().changes.unwrap();
    assert_eq!(
        (
            changes.notices,
            changes.summary.role_changes,
            changes.summary.added,
            changes.summary.removed
        ),
        (1, 1, 1, 1)
    );
    let diff: EditionDiffView = c_auditor.got(&format!("{editions}/2/diff")).await;
    assert_eq!(diff.summary, changes.summary);
    let sub_now: SubscriptionView = c_member.got(&format!("/subscriptions/{}", sub.id)).await;
    let notice: NoticeView = c_member
        .got(&format!(
            "/change-notices/{}",
            sub_now.pending_notice.unwrap()
        ))
        .await;
    let patched = duty(&duties, "Keep the broker hosts patched").id;
    let onto = notice
        .entries
        .iter()
        .find(|e| e.kind == EntryKind::Changed)
        .unwrap();
    assert_eq!(
        (onto.duty, onto.direction),
        (Some(patched), Direction::OntoCustomer)
    );
    assert_eq!(
        refused(
            c_member
                .post::<AcceptanceView>(&format!("/change-notices/{}/accept", notice.id), json!({}))
                .await
        )
        .0,
        403
    );
    let accepted: AcceptanceView = c_admin
        .ok(
            Method::POST,
            &format!("/change-notices/{}/accept", notice.id),
            json!({}),
        )
        .await;
    assert_eq!((accepted.retired, accepted.added), (1, 1));
    let after: Vec<DutyView> = c_member
        .got(&format!("/subscriptions/{}/duties", sub.id))
        .await;
    assert_eq!(
        duty(&after, "Keep the broker hosts patched").roles["Customer"],
        "RA"
    );
    assert_eq!(
        duty(&after, "Rotate the access keys").state,
        DutyState::Done,
        "kept"
    );

    // The trail, read and verified over the API.
    let page: AuditPage = c_auditor
        .got(&format!("/organization/audit?duty={keys}"))
        .await;
    assert!(page
        .entries
        .iter()
        .any(|e| e.action == "duty.signoff" && e.details["decision"] == "approve"));
    let report: ChainReportView = c_auditor.got("/organization/audit/verify").await;
    assert!(report.ok, "{report:?}");

    // The customer exports everything; a second instance imports it.
    let archive = c_admin
        .raw(Method::GET, "/organization/export", None, Vec::new())
        .await;
    assert_eq!(archive.headers()["content-type"], "application/gzip");
    let archive = archive.bytes().await.unwrap().to_vec();
    let two = Instance::start(backend).await.unwrap();
    let imported = two.app.import_organization(&archive).await.unwrap();
    let (_, admin2) = token(
        &two,
        imported.organization.id,
        "new-admin@acme.example",
        UserRole::Admin,
    )
    .await;
    let admin2 = two.client(&admin2);
    let subs2: Vec<SubscriptionView> = admin2.got("/subscriptions").await;
    let duties2: Vec<DutyView> = admin2
        .got(&format!("/subscriptions/{}/duties", subs2[0].id))
        .await;
    let keys2 = duty(&duties2, "Rotate the access keys");
    assert_eq!(keys2.state, DutyState::Done);
    let evidence2: Vec<EvidenceView> = admin2.got(&format!("/duties/{}/evidence", keys2.id)).await;
    let bytes2 = admin2
        .raw(
            Method::GET,
            &format!("/duties/{}/evidence/{}/content", keys2.id, evidence2[0].id),
            None,
            Vec::new(),
        )
        .await;
    assert_eq!(
        bytes2.bytes().await.unwrap().to_vec(),
        proof,
        "evidence travels byte for byte"
    );
    let report2: ChainReportView = admin2.got("/organization/audit/verify").await;
    assert!(report2.ok && report2.imported.len() == 1);
    two.shutdown().await;

    // The customer leaves the first instance: purged, with a signed record.
    assert_eq!(
        refused(
            c_admin
                .send::<DestructionRecordView>(
                    Method::DELETE,
                    "/organization",
                    json!({"confirm": "acme"})
                )
                .await
        )
        .0,
        422
    );
    let record: DestructionRecordView = c_admin
        .ok(Method::DELETE, "/organization", json!({"confirm": "Acme"}))
        .await;
    let key: PublicKeyView = stranger.got("/instance/public-key").await;
    raci_store::verify_destruction_record(&record.record_json, &record.signature, &key.public_key)
        .unwrap();
    assert_eq!(
        refused(c_member.get::<MeView>("/me").await),
        (401, "unauthorized".into()),
        "its tokens are gone"
    );

    // The chains verify, and a tampered row is found where it was changed.
    for org in one.app.organizations().await.unwrap() {
        assert!(
            one.app.chain_report(org.id).await.unwrap().ok,
            "{}",
            org.name
        );
    }
    tamper(&one.url, nimbus).await;
    let broken = one.app.chain_report(nimbus).await.unwrap();
    assert_eq!(broken.broken.map(|b| b.seq), Some(3));
    one.shutdown().await;
}

/// Changes one audit entry behind the service's back.
async fn tamper(url: &str, org: i64) {
    let sql = "UPDATE audit_log SET actor = 'someone else' WHERE org = $1 AND seq = 3";
    if url.starts_with("sqlite") {
        let pool = sqlx::SqlitePool::connect(url).await.unwrap();
        sqlx::query(sql).bind(org).execute(&pool).await.unwrap();
    } else {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        sqlx::query(sql).bind(org).execute(&pool).await.unwrap();
    }
}
