//! Choosing and configuring the backend by URL (SQLite only: PostgreSQL's
//! side is exercised by the contract suite).

use raci_store::{open, OrgKind, SqliteStore, DEFAULT_DATABASE};

#[tokio::test]
async fn sqlite_urls_and_plain_paths_open_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let store = open(&format!("sqlite://{}", a.display())).await.unwrap();
    assert_eq!(store.backend(), "sqlite");
    let mut w = store.write().await.unwrap();
    w.create_organization("A", OrgKind::Provider).await.unwrap();
    w.commit().await.unwrap();
    drop(store);
    // Reopening keeps the data and does not migrate twice.
    let again = open(a.to_str().unwrap()).await.unwrap();
    let mut r = again.read().await.unwrap();
    assert_eq!(r.organizations().await.unwrap().len(), 1);
    assert!(a.exists());
    assert_eq!(DEFAULT_DATABASE, "sqlite://raci.db");
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path().join("raci.db")).await.unwrap();
    let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let (fk,): (i64,) = sqlx::query_as("PRAGMA foreign_keys")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(fk, 1);
    let (busy,): (i64,) = sqlx::query_as("PRAGMA busy_timeout")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert!(busy >= 1000, "busy timeout {busy}");
}
