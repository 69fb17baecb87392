//! `raci audit verify` on a database tampered with behind the store's back,
//! and the operator's tenancy commands: import, purge-org, verify-destruction.

use std::process::{Command, Output};

use serde_json::Value;

fn raci(args: &[&str]) -> Output {
    Command::new(assert_cmd::cargo::cargo_bin("raci"))
        .args(args)
        .output()
        .unwrap()
}

fn ok(args: &[&str]) -> String {
    let out = raci(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// Two organizations, each with a few audit entries.
fn bootstrap(database: &str) -> (String, String) {
    let a = ok(&[
        "admin",
        "create-org",
        "Acme",
        "--kind",
        "customer",
        "--database",
        database,
    ]);
    let b = ok(&[
        "admin",
        "create-org",
        "Nimbus",
        "--kind",
        "provider",
        "--database",
        database,
    ]);
    for (org, email) in [
        (&a, "one@acme.test"),
        (&a, "two@acme.test"),
        (&b, "ops@nimbus.test"),
    ] {
        ok(&[
            "admin",
            "create-user",
            "--org",
            org,
            "--email",
            email,
            "--role",
            "admin",
            "--database",
            database,
        ]);
    }
    (a, b)
}

fn sqlite_url(dir: &tempfile::TempDir, name: &str) -> (String, std::path::PathBuf) {
    let path = dir.path().join(name);
    (format!("sqlite://{}", path.display()), path)
}

#[tokio::test(flavor = "multi_thread")]
async fn audit_verify_finds_the_tampered_entry() {
    let dir = tempfile::tempdir().unwrap();
    let (database, path) = sqlite_url(&dir, "raci.db");
    let (acme, nimbus) = bootstrap(&database);

    let clean = ok(&["audit", "verify", "--database", &database]);
    assert!(
        clean.contains(&format!("organization {acme} (Acme): ok, 3 entries")),
        "{clean}"
    );
    assert!(
        clean.contains(&format!("organization {nimbus} (Nimbus): ok, 2 entries")),
        "{clean}"
    );

    // Change one entry's subject with plain SQL, as an intruder would.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let changed =
        sqlx::query("UPDATE audit_log SET subject = 'user:999' WHERE org = $1 AND seq = 2")
            .bind(acme.parse::<i64>().unwrap())
            .execute(&pool)
            .await
            .unwrap()
            .rows_affected();
    assert_eq!(changed, 1);
    pool.close().await;

    let out = raci(&["audit", "verify", "--database", &database]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "organization {acme} (Acme): broken at seq 2: its content does not hash to its recorded hash"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("organization {nimbus} (Nimbus): ok")),
        "{stdout}"
    );

    let out = raci(&[
        "audit",
        "verify",
        "--database",
        &database,
        "--format",
        "json",
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let acme_report = report
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Acme")
        .unwrap();
    assert_eq!(acme_report["ok"], false);
    assert_eq!(acme_report["broken"]["seq"], 2);

    // One organization only: the intact one passes.
    let out = raci(&["audit", "verify", "--database", &database, "--org", &nimbus]);
    assert_eq!(out.status.code(), Some(0));
    let out = raci(&["audit", "verify", "--database", &database, "--org", "12345"]);
    assert_eq!(out.status.code(), Some(2));
}

#[tokio::test(flavor = "multi_thread")]
async fn import_purge_and_verify_the_destruction_record() {
    let dir = tempfile::tempdir().unwrap();
    let (first, _) = sqlite_url(&dir, "first.db");
    let (second, _) = sqlite_url(&dir, "second.db");
    let (acme, _) = bootstrap(&first);

    let store = raci_store::open(&first).await.unwrap();
    let mut w = store.write().await.unwrap();
    let archive = w
        .export_organization("test", acme.parse().unwrap())
        .await
        .unwrap();
    w.commit().await.unwrap();
    let archive_path = dir.path().join("acme.tar.gz");
    std::fs::write(&archive_path, &archive).unwrap();
    let imported = ok(&[
        "admin",
        "import",
        archive_path.to_str().unwrap(),
        "--database",
        &second,
    ]);
    let verified = ok(&["audit", "verify", "--database", &second, "--org", &imported]);
    assert!(verified.contains("(Acme): ok, 1 entries"), "{verified}");
    assert!(
        verified.contains(&format!(
            "imported history (organization {acme} elsewhere): ok, 4 entries"
        )),
        "{verified}"
    );

    let garbage = dir.path().join("garbage.tar.gz");
    std::fs::write(&garbage, b"nope").unwrap();
    let out = raci(&[
        "admin",
        "import",
        garbage.to_str().unwrap(),
        "--database",
        &second,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a usable export archive"));

    let record = ok(&["admin", "purge-org", &imported, "--database", &second]);
    let parsed: Value = serde_json::from_str(&record).unwrap();
    assert_eq!(parsed["org"].to_string(), imported);
    let record_path = dir.path().join("record.json");
    std::fs::write(&record_path, &record).unwrap();
    let checked = ok(&[
        "admin",
        "verify-destruction",
        record_path.to_str().unwrap(),
        "--database",
        &second,
    ]);
    assert!(checked.starts_with("ok: destruction record"), "{checked}");
    // Checked against another instance's key, it fails.
    let out = raci(&[
        "admin",
        "verify-destruction",
        record_path.to_str().unwrap(),
        "--database",
        &first,
    ]);
    assert_eq!(out.status.code(), Some(1));

    let listed: Value = serde_json::from_str(&ok(&[
        "admin",
        "destruction-records",
        "--database",
        &second,
    ]))
    .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);

    let forged = record.replace("\\\"Acme\\\"", "\\\"Acmf\\\"");
    assert_ne!(forged, record);
    std::fs::write(&record_path, forged).unwrap();
    let out = raci(&["admin", "verify-destruction", record_path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not match"));
}
