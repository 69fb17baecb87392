//! Reversibility: export, import into another instance, purge with a
//! signed destruction record; and damaged archives refused whole.

use raci_app::test_support::World;
use raci_app::{AuditQuery, DutyFilter, ErrorCode, EvidenceInput, FileEvidence, PurgeInput};
use raci_store::OrgKind;

use crate::scene::{code, refusal, Scene, MATRIX};

pub async fn export_import_and_purge(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    let d = s.duty("Restore a backup");
    app.start_duty(&s.c_member, d).await.unwrap();
    let file = FileEvidence {
        name: "restore.log".into(),
        media_type: Some("text/plain".into()),
        bytes: b"\x00restored 3 queues\xff".to_vec(),
    };
    app.add_file_evidence(&s.c_member, d, file).await.unwrap();
    assert_eq!(
        code(app.export_organization(&s.c_member).await),
        ErrorCode::Forbidden
    );
    let archive = app.export_organization(&s.c_admin).await.unwrap();
    let trail = app
        .audit_log(
            &s.c_admin,
            &AuditQuery {
                limit: Some(1000),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(trail.entries.last().unwrap().action, "organization.export");

    // Another instance that knows the provider by name takes the customer in.
    let Some(w2) = World::on(s.w.app.backend()).await else {
        return;
    };
    let p2 = w2.org("Nimbus", OrgKind::Provider).await;
    w2.service(&p2, "queue", MATRIX).await;
    let report = w2.app.import_organization(&archive).await.unwrap();
    assert_eq!(
        (report.organization.name.as_str(), report.original_id),
        ("Acme", s.c_admin.org.id)
    );
    let imported_admin = w2
        .user(
            report.organization.id,
            "second@acme.example",
            raci_store::UserRole::Admin,
        )
        .await;
    let subs = w2.app.subscriptions(&imported_admin).await.unwrap();
    assert_eq!(subs.len(), 1);
    let duties = w2
        .app
        .duties(&imported_admin, subs[0].id, &DutyFilter::default())
        .await
        .unwrap();
    assert_eq!(duties.len(), 3);
    let moved = duties
        .iter()
        .find(|x| x.text == "Restore a backup")
        .unwrap();
    let evidence = w2.app.evidence(&imported_admin, moved.id).await.unwrap();
    let (_, bytes) = w2
        .app
        .evidence_content(&imported_admin, moved.id, evidence[0].id)
        .await
        .unwrap();
    assert_eq!(bytes, b"\x00restored 3 queues\xff");
    let report2 = w2.app.verify_audit(&imported_admin).await.unwrap();
    assert!(report2.ok && report2.imported.len() == 1, "{report2:?}");
    assert_eq!(
        code(w2.app.import_organization(b"not an archive").await),
        ErrorCode::InvalidInput
    );

    // Purge: the typed confirmation, a signed record, the provider kept.
    let wrong = PurgeInput {
        confirm: "acme".into(),
    };
    assert_eq!(
        refusal(app.purge_organization(&s.c_admin, wrong).await),
        (ErrorCode::InvalidInput, Some("confirm".into()))
    );
    let provider_refused = app
        .purge_organization(
            &s.p_admin,
            PurgeInput {
                confirm: "Nimbus".into(),
            },
        )
        .await;
    assert_eq!(
        code(provider_refused),
        ErrorCode::Conflict,
        "a provider with subscribers stays"
    );
    let record = app
        .purge_organization(
            &s.c_admin,
            PurgeInput {
                confirm: "Acme".into(),
            },
        )
        .await
        .unwrap();
    let key = app.instance_public_key().await.unwrap();
    assert_eq!(record.public_key, key.public_key);
    raci_store::verify_destruction_record(&record.record_json, &record.signature, &key.public_key)
        .unwrap();
    assert!(raci_store::verify_destruction_record(
        &record.record_json.replace("Acme", "Acmf"),
        &record.signature,
        &key.public_key
    )
    .is_err());
    assert_eq!(
        code(app.chain_report(s.c_admin.org.id).await),
        ErrorCode::NotFound
    );
    assert!(
        app.users(&s.c_admin).await.unwrap().is_empty(),
        "its users are gone"
    );
    assert!(app.chain_report(s.p_admin.org.id).await.unwrap().ok);
}

/// A tiny deterministic generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// An export archive is untrusted input on the instance that imports it:
/// damaged copies of a real one (bits flipped, bytes cut, bytes inserted,
/// the tar stream rewritten) are each refused or imported whole, never
/// panic, and never leave half an organization behind.
#[tokio::test(flavor = "multi_thread")]
async fn damaged_archives_are_refused_or_imported_whole() {
    let s = Scene::new(World::on("sqlite").await.unwrap()).await;
    let d = s.duty("Restore a backup");
    s.w.app.start_duty(&s.c_member, d).await.unwrap();
    s.w.app
        .add_evidence(
            &s.c_member,
            d,
            EvidenceInput::Text {
                text: "backup of 3 queues: ok".into(),
            },
        )
        .await
        .unwrap();
    let archive = s.w.app.export_organization(&s.c_admin).await.unwrap();
    let target = World::on("sqlite").await.unwrap();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let (mut refused, mut imported) = (0, 0);
    for round in 0..1500 {
        let mut damaged = archive.clone();
        match round % 4 {
            0 => {
                for _ in 0..=rng.below(4) {
                    let at = rng.below(damaged.len());
                    damaged[at] ^= 1 << rng.below(8);
                }
            }
            1 => damaged.truncate(rng.below(archive.len())),
            2 => {
                let at = rng.below(damaged.len());
                let junk: Vec<u8> = (0..=rng.below(64)).map(|_| rng.next() as u8).collect();
                damaged.splice(at..at, junk);
            }
            _ => {
                let mut tar = Vec::new();
                std::io::Read::read_to_end(
                    &mut flate2::read::GzDecoder::new(&archive[..]),
                    &mut tar,
                )
                .unwrap();
                for _ in 0..=rng.below(8) {
                    let at = rng.below(tar.len());
                    tar[at] = rng.next() as u8;
                }
                let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                std::io::Write::write_all(&mut gz, &tar).unwrap();
                damaged = gz.finish().unwrap();
            }
        }
        let before = target.app.organizations().await.unwrap().len();
        match target.app.import_organization(&damaged).await {
            Ok(report) => {
                imported += 1;
                assert!(
                    target
                        .app
                        .chain_report(report.organization.id)
                        .await
                        .unwrap()
                        .ok
                );
            }
            Err(e) => {
                refused += 1;
                assert_ne!(e.code, ErrorCode::Internal, "round {round}: {e}");
                assert_eq!(
                    target.app.organizations().await.unwrap().len(),
                    before,
                    "round {round}"
                );
            }
        }
    }
    assert!(refused > 1000, "{refused} refused, {imported} imported");
    let fresh = World::on("sqlite").await.unwrap();
    fresh.app.import_organization(&archive).await.unwrap();
}
