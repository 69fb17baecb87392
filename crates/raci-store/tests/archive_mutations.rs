//! An export archive is untrusted input on the instance that imports it:
//! thousands of damaged copies of a real one (bits flipped, bytes cut,
//! bytes inserted, members rewritten) must each be refused or imported
//! whole, never panic, and never leave half an organization behind.

use raci_store::{
    NewEvidence, NewUser, OrgKind, SqliteStore, Store, TenancyStore, UserRole, WorkflowStore,
};
use serde_json::json;

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

fn document() -> String {
    json!({
        "schema": "raci/v1",
        "title": "Queue service - Responsibility model",
        "language": "en",
        "parties": ["Customer", "Provider"],
        "activities": [
            {"id": "back-up", "section": ["1. Run"], "text": "Back up the queues",
             "roles": {"Customer": "RA", "Provider": "C"}, "notes": []},
            {"id": "patch", "section": ["1. Run"], "text": "Patch the brokers",
             "roles": {"Provider": "RA", "Customer": "I"}, "notes": []}
        ]
    })
    .to_string()
}

/// A customer with a subscription, a started duty and a file of evidence, exported.
async fn exported(store: &SqliteStore) -> Vec<u8> {
    let provider = store
        .create_organization("test", "Provider", OrgKind::Provider)
        .await
        .unwrap();
    let customer = store
        .create_organization("test", "Customer", OrgKind::Customer)
        .await
        .unwrap();
    let user = store
        .create_user(
            "test",
            &NewUser {
                org: customer.id,
                email: "it@customer.test".into(),
                name: "IT".into(),
                role: UserRole::Admin,
                password_hash: None,
            },
        )
        .await
        .unwrap();
    let service = store
        .create_service("test", provider.id, "queue", "Queue")
        .await
        .unwrap();
    store
        .publish_edition("test", service.id, &document())
        .await
        .unwrap();
    let sub = store
        .subscribe("test", customer.id, service.id)
        .await
        .unwrap();
    let duty = store.list_duties(sub.id).await.unwrap()[0].id;
    store.start_duty(user.id, duty).await.unwrap();
    store
        .add_evidence(
            user.id,
            duty,
            NewEvidence::File {
                name: "backup.log".into(),
                media_type: "text/plain".into(),
                content: b"backup of 3 queues: ok".to_vec(),
            },
        )
        .await
        .unwrap();
    store
        .export_organization("test", customer.id)
        .await
        .unwrap()
}

#[tokio::test]
async fn damaged_archives_are_refused_or_imported_whole() {
    let dir = tempfile::tempdir().unwrap();
    let source = SqliteStore::open(dir.path().join("source.db"))
        .await
        .unwrap();
    let archive = exported(&source).await;
    let target = SqliteStore::open(dir.path().join("target.db"))
        .await
        .unwrap();

    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut refused = 0;
    let mut imported = 0;
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
                // Past the gzip layer: damage the tar stream and compress it again.
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
        let organizations_before = target.list_organizations().await.unwrap().len();
        match target.import_organization("test", &damaged).await {
            Ok(report) => {
                imported += 1;
                target
                    .verify_audit_chain(report.organization.id)
                    .await
                    .unwrap();
            }
            Err(_) => {
                refused += 1;
                // A refused archive leaves nothing behind.
                let organizations_after = target.list_organizations().await.unwrap().len();
                assert_eq!(organizations_after, organizations_before, "round {round}");
            }
        }
    }
    assert!(refused > 1000, "{refused} refused, {imported} imported");
    // The undamaged archive imports into a fresh instance (into `target`
    // its users may already be there, from a damaged copy that still held).
    let fresh = SqliteStore::open(dir.path().join("fresh.db"))
        .await
        .unwrap();
    fresh.import_organization("test", &archive).await.unwrap();
}
