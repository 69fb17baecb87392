//! The schema over time, on each backend: a database made by the
//! migrations of an earlier release (the fixture: the released migration
//! files up to version N, applied, then rows written with that version's
//! SQL) migrates to the current schema with its rows and audit chains
//! intact; a database from a newer raci is refused naming both versions; a
//! command that only reads refuses a database that is not there.

use std::path::{Path, PathBuf};

use raci_store::{
    audit_hash, open_with, sha256_hex, Access, OrgKind, SchemaError, StoreError, GENESIS_HASH,
};
use sha2::{Digest, Sha256};

/// The released migrations of `backend`, in order: `(version, file, SQL)`.
fn released(backend: &str) -> Vec<(i64, String, String)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let version = name.split('_').next().unwrap().parse().unwrap();
            (version, name, std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

/// A released migration is never edited (a database already carries it):
/// each file's hash is recorded in `migrations/released.sha256`, and every
/// file is listed there, so these fixtures are the schemas users have.
#[test]
fn released_migrations_are_unchanged() {
    let listed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/released.sha256"),
    )
    .unwrap();
    let listed: Vec<(&str, &str)> = listed
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split_once("  ").expect("`HASH  backend/file` lines"))
        .collect();
    let mut files = Vec::new();
    for backend in ["sqlite", "postgres"] {
        for (_, name, sql) in released(backend) {
            let path = format!("{backend}/{name}");
            let hash = hex::encode(Sha256::digest(sql.as_bytes()));
            let recorded = listed.iter().find(|(_, p)| *p == path).map(|(h, _)| *h);
            assert_eq!(
                recorded,
                Some(hash.as_str()),
                "{path}: a released migration was edited, or a new one is not listed \
                 (add a new migration instead; list it with `sha256sum`)"
            );
            files.push(path);
        }
    }
    assert_eq!(files.len(), listed.len(), "a listed migration is gone");
}

/// A database of one backend without the store in the way.
enum Raw {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

impl Raw {
    async fn exec(&self, sql: &str) {
        match self {
            Raw::Sqlite(p) => sqlx::raw_sql(sql).execute(p).await.map(drop),
            Raw::Postgres(p) => sqlx::raw_sql(sql).execute(p).await.map(drop),
        }
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    async fn id(&self, sql: &str) -> i64 {
        match self {
            Raw::Sqlite(p) => sqlx::query_as::<_, (i64,)>(sql).fetch_one(p).await,
            Raw::Postgres(p) => sqlx::query_as::<_, (i64,)>(sql).fetch_one(p).await,
        }
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .0
    }

    async fn close(self) {
        match self {
            Raw::Sqlite(p) => p.close().await,
            Raw::Postgres(p) => p.close().await,
        }
    }
}

/// A fresh, empty database: its URL, a raw pool on it, and the folder of a
/// SQLite file. None (said) when PostgreSQL is not configured.
async fn empty(backend: &str) -> Option<(String, Raw, Option<tempfile::TempDir>)> {
    let (url, dir) = raci_store::test_support::fresh_database(backend).await?;
    let raw = if backend == "sqlite" {
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(raci_store::sqlite_path(&url))
            .create_if_missing(true);
        Raw::Sqlite(sqlx::SqlitePool::connect_with(options).await.unwrap())
    } else {
        Raw::Postgres(sqlx::PgPool::connect(&url).await.unwrap())
    };
    Some((url, raw, dir))
}

/// Applies the released migrations up to `version` as that release did.
async fn schema_of_release(raw: &Raw, backend: &str, version: i64) {
    raw.exec(
        "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
    )
    .await;
    for (v, _, sql) in released(backend)
        .into_iter()
        .filter(|(v, _, _)| *v <= version)
    {
        raw.exec(&sql).await;
        raw.exec(&format!(
            "INSERT INTO schema_migrations (version, applied_at) VALUES ({v}, 1)"
        ))
        .await;
    }
}

/// What the fixture wrote, to find after the upgrade.
struct Written {
    org: i64,
    entries: i64,
    head: String,
    secret: &'static str,
}

/// Rows of the first schema (0001's columns), with a chain of three audit
/// entries hashed as the store hashes them.
async fn rows_of_version_1(raw: &Raw) -> Written {
    let org = raw
        .id("INSERT INTO organizations (name, kind, created_at) \
             VALUES ('Fixture Cloud', 'provider', 1000) RETURNING id")
        .await;
    let user = raw
        .id(&format!(
            "INSERT INTO users (org, email, name, role, created_at) \
             VALUES ({org}, 'ops@fixture.test', 'Ops', 'admin', 1000) RETURNING id"
        ))
        .await;
    let secret = "fixture-token-secret";
    raw.exec(&format!(
        "INSERT INTO api_tokens (user_id, hash, created_at) VALUES ({user}, '{}', 1000)",
        sha256_hex(secret.as_bytes())
    ))
    .await;
    raw.exec(&format!(
        "INSERT INTO services (provider, slug, name, created_at) \
         VALUES ({org}, 'queue', 'Queue service', 1000)"
    ))
    .await;
    let mut prev = GENESIS_HASH.to_owned();
    let entries = 3;
    for seq in 1..=entries {
        let (at, actor, action, subject, details) =
            (1000 + seq, "cli:admin", "service.create", "service:1", "{}");
        let hash = audit_hash(&prev, org, seq, at, actor, action, subject, details);
        raw.exec(&format!(
            "INSERT INTO audit_log (org, seq, at, actor, action, subject, details_json, \
             prev_hash, hash) VALUES ({org}, {seq}, {at}, '{actor}', '{action}', '{subject}', \
             '{details}', '{prev}', '{hash}')"
        ))
        .await;
        prev = hash;
    }
    raw.exec(&format!(
        "UPDATE organizations SET audit_seq = {entries}, audit_head = '{prev}' WHERE id = {org}"
    ))
    .await;
    Written {
        org,
        entries,
        head: prev,
        secret,
    }
}

#[tokio::test]
async fn sqlite_earlier_schemas_migrate_with_rows_and_chains() {
    earlier_schemas_migrate_with_rows_and_chains("sqlite").await;
}

#[tokio::test]
async fn postgres_earlier_schemas_migrate_with_rows_and_chains() {
    earlier_schemas_migrate_with_rows_and_chains("postgres").await;
}

#[tokio::test]
async fn sqlite_refuses_a_newer_schema() {
    a_newer_schema_is_refused("sqlite").await;
}

#[tokio::test]
async fn postgres_refuses_a_newer_schema() {
    a_newer_schema_is_refused("postgres").await;
}

/// Every earlier release's database migrates with its rows and chain.
async fn earlier_schemas_migrate_with_rows_and_chains(backend: &str) {
    let releases = released(backend);
    let current = releases.last().unwrap().0;
    for (version, name, _) in releases.iter().filter(|(v, _, _)| *v < current) {
        let Some((url, raw, _dir)) = empty(backend).await else {
            return;
        };
        schema_of_release(&raw, backend, *version).await;
        let written = rows_of_version_1(&raw).await;
        raw.close().await;

        // A command that only reads says the schema is behind, naming both.
        let Err(StoreError::Schema(SchemaError::Behind { found, known, .. })) =
            open_with(&url, Access::Existing).await
        else {
            panic!("{backend} at {name}: an older schema was not refused by a read-only open");
        };
        assert_eq!((found, known), (*version, current));

        let opened = open_with(&url, Access::Migrate).await.unwrap();
        assert_eq!(opened.schema.before, Some(*version), "{backend} {name}");
        assert_eq!(opened.schema.after, current);
        let store = opened.store;
        let mut r = store.read().await.unwrap();
        let org = r.organization(written.org).await.unwrap();
        assert_eq!(
            (org.name.as_str(), org.kind),
            ("Fixture Cloud", OrgKind::Provider)
        );
        let (user, _) = r.user_by_token(written.secret, 2000).await.unwrap();
        assert_eq!(user.email, "ops@fixture.test");
        let services = r.services(Some(written.org)).await.unwrap();
        assert_eq!(services.len(), 1, "{backend} {name}");
        let report = r.audit_chain_report(written.org).await.unwrap();
        assert!(report.is_ok(), "{backend} from {name}: {:?}", report.broken);
        assert_eq!(report.entries, written.entries as usize);
        assert_eq!(report.head_hash, written.head);
        drop(r);
        // The chain goes on from where the old release left it.
        let mut w = store.write().await.unwrap();
        w.append_audit(
            written.org,
            "system",
            "upgrade.check",
            "org",
            &serde_json::json!({}),
        )
        .await
        .unwrap();
        w.commit().await.unwrap();
        let mut r = store.read().await.unwrap();
        let report = r.audit_chain_report(written.org).await.unwrap();
        assert!(report.is_ok() && report.entries == written.entries as usize + 1);
    }
}

/// A database a newer raci migrated is refused, naming both versions,
/// however it is opened.
async fn a_newer_schema_is_refused(backend: &str) {
    let Some((url, raw, _dir)) = empty(backend).await else {
        return;
    };
    let current = released(backend).last().unwrap().0;
    schema_of_release(&raw, backend, current).await;
    let newer = current + 1;
    raw.exec(&format!(
        "INSERT INTO schema_migrations (version, applied_at) VALUES ({newer}, 2)"
    ))
    .await;
    raw.close().await;
    for access in [Access::Create, Access::Migrate, Access::Existing] {
        let refused = open_with(&url, access).await.err();
        let Some(StoreError::Schema(SchemaError::TooNew { found, known, .. })) = &refused else {
            panic!("{backend} {access:?}: a newer schema was opened ({refused:?})");
        };
        assert_eq!((*found, *known), (newer, current));
        let message = refused.unwrap().to_string();
        assert!(
            message.contains(&format!("version {newer}"))
                && message.contains(&format!("version {current}")),
            "{message}"
        );
    }
}

/// A read-only open of a database that is not there refuses it and leaves
/// no file behind; a file that holds no raci schema is not taken for one.
#[tokio::test]
async fn read_only_opens_refuse_a_missing_or_foreign_database() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    for access in [Access::Existing, Access::Migrate] {
        let refused = open_with(missing.to_str().unwrap(), access).await.err();
        assert!(
            matches!(
                refused,
                Some(StoreError::Schema(SchemaError::Missing { .. }))
            ),
            "{access:?}: {refused:?}"
        );
        assert!(!missing.exists(), "{access:?} created the database");
    }
    let foreign = dir.path().join("foreign.db");
    std::fs::write(&foreign, b"").unwrap();
    let refused = open_with(foreign.to_str().unwrap(), Access::Existing)
        .await
        .err();
    assert!(
        matches!(
            refused,
            Some(StoreError::Schema(SchemaError::NotRaci { .. }))
        ),
        "{refused:?}"
    );
    // Creating one says so.
    let new = dir.path().join("new.db");
    let opened = open_with(new.to_str().unwrap(), Access::Create)
        .await
        .unwrap();
    assert!(opened.schema.created());
    drop(opened);
    let again = open_with(new.to_str().unwrap(), Access::Existing)
        .await
        .unwrap();
    assert!(!again.schema.created() && !again.schema.upgraded());
}

/// The database file and its `-wal` and `-shm` are its owner's only.
#[cfg(unix)]
#[tokio::test]
async fn a_created_database_is_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("raci.db");
    let opened = open_with(path.to_str().unwrap(), Access::Create)
        .await
        .unwrap();
    let mut w = opened.store.write().await.unwrap();
    w.create_organization("A", OrgKind::Customer).await.unwrap();
    w.commit().await.unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let file = format!("{}{suffix}", path.display());
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{file} has mode {mode:o}");
    }
}

/// A PostgreSQL database that does not exist is named, without the
/// password of the URL.
#[tokio::test]
async fn a_missing_postgres_database_is_named_without_its_password() {
    let Ok(base) = std::env::var(raci_store::test_support::POSTGRES_URL_VAR) else {
        return;
    };
    let (server, _) = base.rsplit_once('/').unwrap();
    let url =
        format!("{server}/raci_no_such_database").replacen("postgres@", "postgres:hunter2@", 1);
    let refused = open_with(&url, Access::Existing).await.err();
    let Some(StoreError::Schema(SchemaError::Missing { database })) = &refused else {
        panic!("{refused:?}");
    };
    assert!(!database.contains("hunter2") && database.contains("raci_no_such_database"));
}
