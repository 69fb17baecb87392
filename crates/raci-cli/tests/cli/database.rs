//! The operator's database: commands that only read refuse a database that
//! is not there (a verification that passes on nothing is a hole), the
//! bootstrap commands create it owner-only whatever the umask and say so,
//! a database from a newer raci is refused naming both versions, and
//! `raci admin backup` while serving / `raci admin restore` give back the
//! same data with every chain verified.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use serde_json::json;

use crate::live::{self, call, member, raci, Server};

fn run(args: &[&str]) -> Output {
    raci().args(args).output().unwrap()
}

/// `raci admin backup OUT --database URL`.
fn backup_to(out: &Path, url: &str) -> Output {
    run(&[
        "admin",
        "backup",
        &out.display().to_string(),
        "--database",
        url,
    ])
}

/// `raci admin restore BACKUP --database URL [--force]`.
fn restore(backup: &Path, url: &str, force: bool) -> Output {
    let backup = backup.display().to_string();
    let mut args = vec!["admin", "restore", &backup, "--database", url];
    if force {
        args.push("--force");
    }
    run(&args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn commands_that_only_read_refuse_a_missing_database() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    let url = format!("sqlite://{}", missing.display());
    let record = dir.path().join("record.json");
    let fields = json!({"id": 1, "org": 1, "record_json": "{}", "signature": "00",
        "public_key": "00", "purged_at": 0});
    std::fs::write(&record, fields.to_string()).unwrap();
    let out_file = dir.path().join("backup.db");
    let record = record.display().to_string();
    let out_file = out_file.display().to_string();
    let commands: Vec<Vec<&str>> = vec![
        vec!["audit", "verify"],
        vec!["audit", "verify", "--format", "json"],
        vec!["admin", "destruction-records"],
        vec!["admin", "verify-destruction", &record],
        vec!["admin", "token", "--user", "1"],
        vec!["admin", "purge-org", "1"],
        vec!["admin", "migrate"],
        vec!["admin", "backup", &out_file],
    ];
    for command in commands {
        let out = raci()
            .args(&command)
            .args(["--database", &url])
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command:?}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "the database {} does not exist",
                missing.display()
            )),
            "{command:?}: {stderr}"
        );
        assert!(
            out.stdout.is_empty(),
            "{command:?} printed {}",
            text(&out.stdout)
        );
        assert!(!missing.exists(), "{command:?} created the database");
        assert!(!Path::new(&out_file).exists(), "{command:?} wrote a backup");
    }
}

/// `raci admin create-org` under `umask 000`: the database and its `-wal`
/// and `-shm` are still owner-only, and the command says it created it.
#[cfg(unix)]
#[test]
fn bootstrap_creates_an_owner_only_database_and_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("raci.db");
    let url = format!("sqlite://{}", path.display());
    let bin = assert_cmd::cargo::cargo_bin("raci");
    let create = |name: &str| {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(r#"umask 000; exec "$0" admin create-org "$1" --kind customer --database "$2""#)
            .arg(&bin)
            .args([name, &url])
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let first = create("Acme");
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(
        text(&first.stderr).contains(&format!("note: created the database {url}")),
        "{}",
        text(&first.stderr)
    );
    let second = create("Nimbus");
    assert!(second.status.success(), "{}", text(&second.stderr));
    assert!(
        !text(&second.stderr).contains("created"),
        "{}",
        text(&second.stderr)
    );
    // A server writes through the -wal and -shm files.
    let server = Server::start(&url);
    let token_of = |org: &str| {
        let user = live::admin(
            &url,
            &[
                "create-user",
                "--org",
                org,
                "--email",
                "a@b.test",
                "--role",
                "admin",
            ],
        );
        live::admin(&url, &["token", "--user", &user])
    };
    let token = token_of("1");
    let (status, _) = call(
        &live::client(),
        Method::GET,
        &format!("{}/api/v1/services", server.base),
        &token,
        None,
    )
    .unwrap();
    assert_eq!(status, 200);
    for suffix in ["", "-wal", "-shm"] {
        let file = format!("{}{suffix}", path.display());
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{file} has mode {mode:o}");
    }
}

#[test]
fn a_database_of_a_newer_raci_is_refused_naming_both_versions() {
    let (_dir, url) = live::sqlite();
    live::admin(&url, &["create-org", "Acme", "--kind", "customer"]);
    let path = url.strip_prefix("sqlite://").unwrap().to_owned();
    let known: i64 = live::runtime().block_on(async {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{path}"))
            .await
            .unwrap();
        let (known,): (i64,) = sqlx::query_as("SELECT MAX(version) FROM schema_migrations")
            .fetch_one(&pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)")
            .bind(known + 1)
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
        known
    });
    for command in [
        vec!["audit", "verify", "--database", &url],
        vec![
            "admin",
            "create-org",
            "B",
            "--kind",
            "provider",
            "--database",
            &url,
        ],
        vec!["admin", "migrate", "--database", &url],
        vec!["serve", "--database", &url, "--listen", "127.0.0.1:0"],
    ] {
        let out = run(&command);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command:?}: {stderr}");
        assert!(
            stderr.contains(&format!("schema version {}", known + 1))
                && stderr.contains(&format!("(version {known})")),
            "{command:?}: {stderr}"
        );
    }
}

/// Every table of a SQLite file, each row as text, in id order.
fn dump(path: &Path) -> BTreeMap<String, Vec<String>> {
    live::runtime().block_on(async {
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(path)
            .read_only(true);
        let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
        let tables: Vec<(String,)> = sqlx::query_as(
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        let mut dump = BTreeMap::new();
        for (table,) in tables {
            let columns: Vec<(String,)> =
                sqlx::query_as("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                    .bind(&table)
                    .fetch_all(&pool)
                    .await
                    .unwrap();
            let row = columns
                .iter()
                .map(|(c,)| format!("quote(\"{c}\")"))
                .collect::<Vec<_>>()
                .join(" || '|' || ");
            let rows: Vec<(String,)> =
                sqlx::query_as(&format!("SELECT {row} FROM \"{table}\" ORDER BY rowid"))
                    .fetch_all(&pool)
                    .await
                    .unwrap();
            dump.insert(table, rows.into_iter().map(|(r,)| r).collect());
        }
        pool.close().await;
        dump
    })
}

/// Creates services and audit entries until told to stop; how many were acknowledged.
fn write_until(base: &str, token: &str, stop: &AtomicBool, client: usize) -> usize {
    let http = live::client();
    let mut acked = 0;
    while !stop.load(Ordering::Relaxed) {
        let slug = format!("svc-{client}-{acked}");
        let (status, body) = call(
            &http,
            Method::POST,
            &format!("{base}/api/v1/services"),
            token,
            Some(&json!({"slug": slug, "name": slug})),
        )
        .unwrap();
        assert_eq!(status, 201, "{body}");
        acked += 1;
    }
    acked
}

#[test]
fn a_backup_taken_while_serving_restores_with_every_chain() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("live.db");
    let url = format!("sqlite://{}", source.display());
    let provider = member(&url, "Nimbus", "provider");
    let _customer = member(&url, "Acme", "customer");
    let server = Server::start(&url);
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..2)
        .map(|c| {
            let (base, token, stop) = (server.base.clone(), provider.token.clone(), stop.clone());
            std::thread::spawn(move || write_until(&base, &token, &stop, c))
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let backup = dir.path().join("backup.db");
    let out = backup_to(&backup, &url);
    std::thread::sleep(Duration::from_millis(300));
    stop.store(true, Ordering::Relaxed);
    let acked: usize = writers.into_iter().map(|w| w.join().unwrap()).sum();
    assert!(out.status.success(), "backup: {}", text(&out.stderr));
    assert!(text(&out.stdout).contains(": ok,"), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("2 chain(s) checked, 0 broken"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the backup holds the instance's signing key");
    }

    // The backup is the source as of one commit: every row it holds is in
    // the source as it was, and each audit chain is a prefix of the source's.
    let taken = dump(&backup);
    let services = taken["services"].len();
    assert!(
        services > 5 && services < acked + 1,
        "{services} of {acked} services in the backup"
    );
    drop(server);
    let now = dump(&source);
    for (table, rows) in &taken {
        if ["organizations", "schema_migrations"].contains(&table.as_str()) {
            continue; // heads move on; versions are checked whole below
        }
        let later = &now[table];
        assert_eq!(
            &later[..rows.len().min(later.len())],
            &rows[..],
            "table {table}"
        );
    }
    assert_eq!(
        taken["schema_migrations"].len(),
        now["schema_migrations"].len()
    );

    // Restored into a new file: the same rows, every chain verified.
    let restored = dir.path().join("restored.db");
    let restored_url = format!("sqlite://{}", restored.display());
    let out = restore(&backup, &restored_url, false);
    assert!(out.status.success(), "restore: {}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("2 chain(s) checked, 0 broken"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(dump(&restored), taken);
    assert_eq!(live::verify_audit(&restored_url), 2);

    // Over a database holding data: refused without --force, and with it
    // a running server answers the restored data.
    let out = restore(&backup, &url, false);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("holds data: pass --force"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(dump(&source), now, "a refused restore changed the database");
    let server = Server::start(&url);
    let out = restore(&backup, &url, true);
    assert!(
        out.status.success(),
        "restore --force: {}",
        text(&out.stderr)
    );
    let (status, listed) = call(
        &live::client(),
        Method::GET,
        &format!("{}/api/v1/services", server.base),
        &provider.token,
        None,
    )
    .unwrap();
    assert_eq!(status, 200);
    assert_eq!(listed.as_array().unwrap().len(), services);
    drop(server);
    assert_eq!(dump(&source), taken);
    assert_eq!(live::verify_audit(&url), 2);
}

#[test]
fn a_backup_with_a_broken_chain_is_not_restored() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("a.db").display());
    member(&url, "Acme", "customer");
    let backup = dir.path().join("backup.db");
    let out = backup_to(&backup, &url);
    assert!(out.status.success(), "{}", text(&out.stderr));
    live::runtime().block_on(async {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", backup.display()))
            .await
            .unwrap();
        sqlx::query("UPDATE audit_log SET actor = 'someone else' WHERE seq = 1")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
    });
    let target = dir.path().join("target.db");
    let out = restore(&backup, &target.display().to_string(), false);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("broken audit chains"),
        "{}",
        text(&out.stderr)
    );
    assert!(!target.exists(), "a refused restore created the target");
}
