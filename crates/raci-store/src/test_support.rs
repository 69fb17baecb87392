//! Databases for tests, shared by every crate that tests on both backends
//! (feature `test-support`): a SQLite file in a temporary folder, or a
//! database of its own on the PostgreSQL server `RACI_TEST_POSTGRES_URL`
//! names (`scripts/with-postgres.sh` starts one and sets it).

// Tests say on stderr why they skip a backend.
#![allow(clippy::print_stderr)]

/// The variable naming a PostgreSQL server for the tests.
pub const POSTGRES_URL_VAR: &str = "RACI_TEST_POSTGRES_URL";

/// A fresh, empty database for one test on `backend` (`sqlite` or
/// `postgres`): its URL, and for SQLite the folder that holds it (removed
/// when dropped). None, said on stderr, when PostgreSQL is not configured.
pub async fn fresh_database(backend: &str) -> Option<(String, Option<tempfile::TempDir>)> {
    if backend == "sqlite" {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = format!("sqlite://{}", dir.path().join("raci.db").display());
        return Some((url, Some(dir)));
    }
    let Ok(base) = std::env::var(POSTGRES_URL_VAR) else {
        eprintln!(
            "skipped on postgres: {POSTGRES_URL_VAR} is not set (scripts/with-postgres.sh sets it)"
        );
        return None;
    };
    Some((fresh_postgres_database(&base).await, None))
}

/// Creates a database of its own on the server `base` names; its URL.
pub async fn fresh_postgres_database(base: &str) -> String {
    let name = format!("raci_test_{}", unique());
    let admin = sqlx::PgPool::connect(base)
        .await
        .expect("the PostgreSQL server of the tests");
    // The name is ours (digits), not input: nothing to inject.
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .expect("CREATE DATABASE");
    admin.close().await;
    match base.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => format!("{base}/{name}"),
    }
}

/// Unique across the processes and threads of a test run.
fn unique() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000,
        N.fetch_add(1, Ordering::Relaxed)
    )
}
