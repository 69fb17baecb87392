//! Export, import into a second instance, purge with a signed destruction
//! record. Rows of other areas are written with raw SQL so that these
//! checks depend on the schema only.

use std::collections::BTreeMap;
use std::io::Read;

use raci_store::{DutyState, OrgKind, Organization, Service, StoreError, User, UserRole};
use serde_json::Value;

use crate::catalog::document;
use crate::harness::{Harness, Raw};

/// One integer a query with one integer parameter answers.
async fn scalar(h: &Harness, sql: &str, param: i64) -> i64 {
    let column = h.raw_column(sql, param).await;
    *column.first().unwrap_or_else(|| panic!("no row: {sql}"))
}

async fn blobs(h: &Harness, sql: &str, param: i64) -> Vec<Vec<u8>> {
    h.raw_column(sql, param).await
}

async fn texts(h: &Harness, sql: &str, param: i64) -> Vec<String> {
    h.raw_column(sql, param).await
}

/// Attaches a file to a duty behind the store's back.
async fn evidence(h: &Harness, duty: i64, user: i64, content: &[u8]) {
    let sql = "INSERT INTO evidence (duty, cycle, kind, file_name, media_type, size, sha256, \
               content, created_by, created_at) VALUES ($1, 1, 'file', 'proof.bin', \
               'application/octet-stream', $2, 'x', $3, $4, 1)";
    let size = content.len() as i64;
    match &h.raw {
        Raw::Sqlite(p) => sqlx::query(sql)
            .bind(duty)
            .bind(size)
            .bind(content)
            .bind(user)
            .execute(p)
            .await
            .map(drop),
        Raw::Postgres(p) => sqlx::query(sql)
            .bind(duty)
            .bind(size)
            .bind(content)
            .bind(user)
            .execute(p)
            .await
            .map(drop),
    }
    .unwrap();
}

/// A webhook with a secret, for an organization.
async fn webhook(h: &Harness, org: i64) {
    h.raw_exec(
        "INSERT INTO webhooks (org, url, secret, active, created_at) \
         VALUES ($1, 'https://hooks.example.test/x', 'very-secret', TRUE, 1)",
        org,
    )
    .await;
}

struct Scene {
    provider: i64,
    provider_user: i64,
    customer: i64,
    other: i64,
    customer_user: i64,
}

/// The provider Nimbus with its admin `ops@nimbus.test` and its service
/// `queue` at edition 1.
async fn nimbus(h: &Harness) -> (Organization, User, Service) {
    let p = h.org("Nimbus", OrgKind::Provider).await;
    let (svc, _) = h.service(p.id, "queue", "Queue", &document("one", 4)).await;
    let ops = h
        .user(p.id, "ops@nimbus.test", "Ops", UserRole::Admin)
        .await;
    (p, ops, svc)
}

/// A provider with one service, two customers subscribed, each with an
/// admin, a moved duty, a file of evidence and a webhook.
async fn scene(h: &Harness) -> Scene {
    let s = &h.store;
    let (p, ops, svc) = nimbus(h).await;
    let mut ids = Vec::new();
    for name in ["Acme", "Globex"] {
        let c = h.org(name, OrgKind::Customer).await;
        let u = h
            .user_with_password(
                c.id,
                &format!("admin@{}.test", name.to_lowercase()),
                &format!("{name} admin"),
                UserRole::Admin,
                Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"),
            )
            .await;
        s.create_api_token("test", u.id, None).await.unwrap();
        let sub = s.subscribe("test", c.id, svc.id).await.unwrap();
        let duties = s.list_duties(sub.id).await.unwrap();
        s.set_duty_state("test", duties[0].id, DutyState::InProgress, None)
            .await
            .unwrap();
        evidence(
            h,
            duties[0].id,
            u.id,
            format!("{name} \0\u{ff} proof").as_bytes(),
        )
        .await;
        webhook(h, c.id).await;
        h.raw_exec_all(
            "INSERT INTO deliveries (webhook, org, kind, subject, payload_json, \
             next_attempt_at, status, created_at) \
             SELECT id, org, 'duty.done', 'duty:1', '{}', 1, 'pending', 1 FROM webhooks \
             WHERE org = $1",
            &[c.id],
        )
        .await;
        // Rows of every kind of ownership: a team, owners on both sides
        // (the provider's names its own user), a sign-off by the provider,
        // an inbox item, a failed login.
        h.raw_exec_all(
            "INSERT INTO teams (org, name, created_at) VALUES ($1, 'Ops', 1)",
            &[c.id],
        )
        .await;
        h.raw_exec_all(
            "INSERT INTO team_members (team, user_id) \
             SELECT id, $1 FROM teams WHERE org = $2",
            &[u.id, c.id],
        )
        .await;
        h.raw_exec_all(
            "INSERT INTO owners (subscription, org, party, letter, team_id) \
             SELECT $1, $2, 'Customer', 'R', id FROM teams WHERE org = $2",
            &[sub.id, c.id],
        )
        .await;
        h.raw_exec_all(
            "INSERT INTO owners (subscription, org, party, letter, user_id) \
             VALUES ($1, $2, 'Provider', 'A', $3)",
            &[sub.id, p.id, ops.id],
        )
        .await;
        h.raw_exec_all(
            "INSERT INTO signoffs (duty, cycle, decision, by_user, at) \
             VALUES ($1, 1, 'approve', $2, 1)",
            &[duties[1].id, ops.id],
        )
        .await;
        h.raw_exec_all(
            "INSERT INTO inbox (org, user_id, kind, subject, payload_json, created_at) \
             VALUES ($1, $2, 'duty.done', 'duty:1', '{}', 1)",
            &[c.id, u.id],
        )
        .await;
        h.raw_exec_all(
            "INSERT INTO login_failures (email, at, ip) SELECT email, $1, '192.0.2.1' \
             FROM users WHERE id = $2",
            &[1, u.id],
        )
        .await;
        ids.push((c.id, u.id));
    }
    Scene {
        provider: p.id,
        provider_user: ops.id,
        customer: ids[0].0,
        customer_user: ids[0].1,
        other: ids[1].0,
    }
}

/// The archive's files by path.
fn unpack(archive: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(archive));
    let mut out = BTreeMap::new();
    for e in tar.entries().unwrap() {
        let mut e = e.unwrap();
        let path = e.path().unwrap().to_str().unwrap().to_owned();
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap();
        out.insert(path, data);
    }
    out
}

fn pack(files: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    for (path, data) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        tar.append_data(&mut header, path, data.as_slice()).unwrap();
    }
    tar.into_inner().unwrap().finish().unwrap()
}

pub async fn export_then_import_into_another_instance(h: &Harness) {
    let sc = scene(h).await;
    let archive = h
        .store
        .export_organization("user:1", sc.customer)
        .await
        .unwrap();
    let files = unpack(&archive);
    let manifest: Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    assert_eq!(manifest["organization"]["name"], "Acme");
    assert_eq!(manifest["tables"]["users"], 1);
    assert_eq!(manifest["tables"]["duties"], 4);
    assert_eq!(manifest["tables"]["evidence"], 1);
    assert_eq!(manifest["tables"]["team_members"], 1);
    assert_eq!(
        manifest["tables"]["owners"], 1,
        "the provider's owner row stays"
    );
    assert_eq!(manifest["tables"]["signoffs"], 1);
    assert_eq!(manifest["tables"]["inbox"], 1);
    assert!(!files.contains_key("tables/login_failures.json"));
    assert!(files.contains_key("catalog.json"));
    assert!(!files.contains_key("tables/api_tokens.json"));
    assert!(!files.contains_key("tables/sessions.json"));
    for (path, hash) in manifest["files"].as_object().unwrap() {
        assert!(files.contains_key(path), "{path}");
        assert_eq!(hash.as_str().unwrap().len(), 64);
    }
    let webhooks = String::from_utf8(files["tables/webhooks.json"].clone()).unwrap();
    assert!(!webhooks.contains("very-secret"), "{webhooks}");
    let users = String::from_utf8(files["tables/users.json"].clone()).unwrap();
    assert!(users.contains("$argon2id$"), "password hashes travel");
    let acme_audit = h.store.list_audit(sc.customer).await.unwrap();
    assert_eq!(acme_audit.last().unwrap().action, "organization.export");

    // Without the provider's user, its sign-off cannot come along.
    let h3 = h.another().await;
    let report = h3
        .store
        .import_organization("test", &archive)
        .await
        .unwrap();
    assert_eq!(report.skipped, BTreeMap::from([("signoffs".to_owned(), 1)]));
    assert_eq!(report.tables["owners"], 1);
    assert_eq!(h3.store.list_organizations().await.unwrap().len(), 2);
    h3.store
        .verify_audit_chain(report.organization.id)
        .await
        .unwrap();

    // The second instance already knows the provider, its user and service.
    let h2 = h.another().await;
    let (_, ops2, svc2) = nimbus(&h2).await;

    let report = h2
        .store
        .import_organization("cli:admin", &archive)
        .await
        .unwrap();
    let new = report.organization.id;
    assert_eq!(report.original_id, sc.customer);
    assert_eq!(report.organization.name, "Acme");
    assert_eq!(report.tables["imported_audit"], acme_audit.len() as u64);
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(
        h2.store.list_organizations().await.unwrap().len(),
        2,
        "the catalog is reattached to the existing provider"
    );

    let old_users = h.store.list_users(sc.customer).await.unwrap();
    let new_users = h2.store.list_users(new).await.unwrap();
    let key = |u: &raci_store::User| {
        (
            u.email.clone(),
            u.name.clone(),
            u.role,
            u.password_hash.clone(),
        )
    };
    assert_eq!(
        old_users.iter().map(key).collect::<Vec<_>>(),
        new_users.iter().map(key).collect::<Vec<_>>()
    );
    assert!(h2
        .store
        .list_api_tokens(new_users[0].id)
        .await
        .unwrap()
        .is_empty());
    let old_sub = &h.store.list_subscriptions(sc.customer).await.unwrap()[0];
    let new_sub = &h2.store.list_subscriptions(new).await.unwrap()[0];
    assert_eq!(new_sub.service, svc2.id);
    let duty_key = |d: &raci_store::Duty| (d.activity_id.clone(), d.text.clone(), d.state);
    assert_eq!(
        h.store
            .list_duties(old_sub.id)
            .await
            .unwrap()
            .iter()
            .map(duty_key)
            .collect::<Vec<_>>(),
        h2.store
            .list_duties(new_sub.id)
            .await
            .unwrap()
            .iter()
            .map(duty_key)
            .collect::<Vec<_>>()
    );
    let evidence_of = "SELECT content FROM evidence WHERE duty IN (SELECT id FROM duties \
                       WHERE subscription IN (SELECT id FROM subscriptions WHERE customer = $1))";
    let before = blobs(h, evidence_of, sc.customer).await;
    assert_eq!(before, vec![b"Acme \0\xc3\xbf proof".to_vec()]);
    assert_eq!(blobs(&h2, evidence_of, new).await, before);
    let signed_by = "SELECT by_user FROM signoffs WHERE duty IN (SELECT id FROM duties \
                     WHERE subscription IN (SELECT id FROM subscriptions WHERE customer = $1))";
    assert_eq!(scalar(&h2, signed_by, new).await, ops2.id);
    let team_owner = "SELECT COUNT(*) FROM owners o JOIN teams t ON t.id = o.team_id \
                      WHERE o.org = $1 AND t.org = $1";
    assert_eq!(scalar(&h2, team_owner, new).await, 1);
    assert_eq!(
        texts(&h2, "SELECT secret FROM webhooks WHERE org = $1", new).await,
        vec![String::new()]
    );
    assert_eq!(
        scalar(
            &h2,
            "SELECT COUNT(*) FROM webhooks WHERE org = $1 AND active",
            new
        )
        .await,
        0,
        "webhooks come back inactive"
    );
    assert_eq!(
        texts(&h2, "SELECT status FROM deliveries WHERE org = $1", new).await,
        vec!["failed".to_owned()],
        "and deliver nothing"
    );

    // Both chains verify; the new one starts with the import.
    h.store.verify_audit_chain(sc.customer).await.unwrap();
    h2.store.verify_audit_chain(new).await.unwrap();
    let chain = h2.store.list_audit(new).await.unwrap();
    assert_eq!(chain[0].action, "organization.import");
    let details: Value = serde_json::from_str(&chain[0].details_json).unwrap();
    assert_eq!(
        details["original_audit_head"],
        acme_audit.last().unwrap().hash
    );
    assert_eq!(
        texts(
            &h2,
            "SELECT hash FROM imported_audit WHERE org = $1 ORDER BY seq",
            new
        )
        .await,
        acme_audit
            .iter()
            .map(|e| e.hash.clone())
            .collect::<Vec<_>>(),
        "the old log is kept verbatim"
    );
    let report = h2.store.audit_chain_report(new).await.unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert_eq!(report.imported.len(), 1);
    assert_eq!(report.imported[0].original_org, sc.customer);
    assert_eq!(report.imported[0].entries, acme_audit.len());
    h2.raw_exec(
        "UPDATE imported_audit SET actor = 'someone else' WHERE org = $1 AND seq = 2",
        new,
    )
    .await;
    let report = h2.store.audit_chain_report(new).await.unwrap();
    assert!(report.broken.is_none());
    assert_eq!(report.imported[0].broken.as_ref().map(|b| b.seq), Some(2));
}

pub async fn import_refuses_a_tampered_or_unknown_archive(h: &Harness) {
    let sc = scene(h).await;
    let archive = h
        .store
        .export_organization("test", sc.customer)
        .await
        .unwrap();
    let h2 = h.another().await;

    let mut files = unpack(&archive);
    let evidence = files
        .keys()
        .find(|p| p.starts_with("files/"))
        .unwrap()
        .clone();
    files.get_mut(&evidence).unwrap()[0] ^= 1;
    let err = h2
        .store
        .import_organization("test", &pack(&files))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::InvalidInput(m) if m.contains(&evidence) && m.contains("does not match")),
        "{err}"
    );

    let mut files = unpack(&archive);
    let mut manifest: Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    manifest["version"] = 2.into();
    files.insert(
        "manifest.json".into(),
        serde_json::to_vec(&manifest).unwrap(),
    );
    let err = h2
        .store
        .import_organization("test", &pack(&files))
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("unknown export format version 2"),
        "{err}"
    );

    let err = h2
        .store
        .import_organization("test", b"not an archive")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::InvalidInput(_)), "{err}");
    assert!(h2.store.list_organizations().await.unwrap().is_empty());
}

/// Rows per table of the whole database.
async fn census(h: &Harness) -> BTreeMap<&'static str, i64> {
    let mut out = BTreeMap::new();
    for t in raci_store::declared_tables() {
        if t == "schema_migrations" {
            continue;
        }
        let sql = format!("SELECT COUNT(*) FROM {t} WHERE $1 = $1");
        out.insert(t, scalar(h, &sql, 0).await);
    }
    out
}

pub async fn purge_destroys_the_organization_and_nothing_else(h: &Harness) {
    let sc = scene(h).await;
    let public_key = h.store.instance_public_key().await.unwrap();
    let other_audit = h.store.list_audit(sc.other).await.unwrap();
    let before = census(h).await;

    let refused = h.store.purge_organization("test", sc.provider).await;
    assert!(
        matches!(&refused, Err(StoreError::Conflict(m)) if m.contains("subscription")),
        "{refused:?}"
    );

    let record = h
        .store
        .purge_organization("user:9", sc.customer)
        .await
        .unwrap();
    let after = census(h).await;
    let body: Value = serde_json::from_str(&record.record_json).unwrap();
    assert_eq!(body["organization"]["name"], "Acme");
    assert_eq!(body["organization"]["kind"], "customer");
    // Every row that went is in the record, and nothing else went.
    for (table, n) in &before {
        let gone = n - after[table];
        match *table {
            "destruction_records" => assert_eq!(gone, -1),
            _ => assert_eq!(
                gone,
                body["tables"][*table].as_i64().unwrap_or(0),
                "table {table}"
            ),
        }
    }
    assert_eq!(body["tables"]["duties"], 4);
    assert_eq!(body["tables"]["users"], 1);
    assert_eq!(body["tables"]["api_tokens"], 1);
    assert_eq!(body["tables"]["login_failures"], 1);
    assert_eq!(
        body["tables"]["owners"], 2,
        "the provider's owner row on the subscription too"
    );
    assert_eq!(body["tables"]["signoffs"], 1);
    let shas = body["files_sha256"].as_array().unwrap();
    assert_eq!(shas.len(), 1);
    assert_eq!(
        shas[0].as_str().unwrap(),
        hex::encode(<sha2::Sha256 as sha2::Digest>::digest(
            b"Acme \0\xc3\xbf proof"
        ))
    );
    assert!(matches!(
        h.store.get_organization(sc.customer).await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        h.store.get_user(sc.customer_user).await,
        Err(StoreError::NotFound { .. })
    ));
    h.store.get_user(sc.provider_user).await.unwrap();

    // The other customer and the provider are untouched.
    assert_eq!(h.store.list_audit(sc.other).await.unwrap(), other_audit);
    h.store.verify_audit_chain(sc.other).await.unwrap();
    h.store.verify_audit_chain(sc.provider).await.unwrap();
    assert_eq!(h.store.list_subscriptions(sc.other).await.unwrap().len(), 1);

    // The record verifies with the instance key, and a changed byte fails.
    assert_eq!(record.public_key, public_key);
    raci_store::verify_destruction_record(&record.record_json, &record.signature, &public_key)
        .unwrap();
    let forged = record.record_json.replace("\"Acme\"", "\"Acmf\"");
    assert!(
        raci_store::verify_destruction_record(&forged, &record.signature, &public_key).is_err()
    );
    assert_eq!(
        h.store.list_destruction_records().await.unwrap(),
        vec![record]
    );

    // Once its last customer is gone, the provider may go too.
    h.store.purge_organization("test", sc.other).await.unwrap();
    let record = h
        .store
        .purge_organization("test", sc.provider)
        .await
        .unwrap();
    let body: Value = serde_json::from_str(&record.record_json).unwrap();
    assert_eq!(body["tables"]["services"], 1);
    assert_eq!(body["tables"]["editions"], 1);
    assert!(h.store.list_organizations().await.unwrap().is_empty());
}

pub async fn every_table_is_declared_for_tenancy(h: &Harness) {
    let undeclared = h.store.undeclared_tables().await.unwrap();
    assert!(
        undeclared.is_empty(),
        "add these tables to raci-store/src/tenancy/tables.rs: {undeclared:?}"
    );
}

pub async fn a_provider_travels_with_its_catalog(h: &Harness) {
    let sc = scene(h).await;
    let archive = h
        .store
        .export_organization("test", sc.provider)
        .await
        .unwrap();
    let h2 = h.another().await;
    let report = h2
        .store
        .import_organization("test", &archive)
        .await
        .unwrap();
    let new = report.organization.id;
    assert_eq!(report.organization.kind, OrgKind::Provider);
    // Its owner rows sit on customers' subscriptions, which stay behind.
    assert_eq!(report.skipped, BTreeMap::from([("owners".to_owned(), 2)]));
    let old_services = h.store.list_services(Some(sc.provider)).await.unwrap();
    let services = h2.store.list_services(Some(new)).await.unwrap();
    assert_eq!(services.len(), 1);
    assert_eq!(services[0].slug, old_services[0].slug);
    let old_edition = h.store.latest_edition(old_services[0].id).await.unwrap();
    let edition = h2.store.latest_edition(services[0].id).await.unwrap();
    assert_eq!(edition.document_json, old_edition.document_json);
    assert_eq!(edition.content_hash, old_edition.content_hash);
    h2.store.verify_audit_chain(new).await.unwrap();
}
