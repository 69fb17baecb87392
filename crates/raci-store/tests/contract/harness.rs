//! A store to test and a raw handle on its database, to tamper with it.

use std::sync::Arc;

use raci_store::{OrgKind, Organization, PostgresStore, SqliteStore, Store};

pub enum Raw {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

pub struct Harness {
    pub store: Arc<dyn Store>,
    pub raw: Raw,
    _dir: Option<tempfile::TempDir>,
}

impl Harness {
    pub async fn sqlite() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path().join("raci.db")).await.unwrap();
        Harness {
            raw: Raw::Sqlite(store.pool().clone()),
            store: Arc::new(store),
            _dir: Some(dir),
        }
    }

    /// A store on a fresh database of the server `RACI_TEST_POSTGRES_URL`
    /// names, or none (said on stderr) when it is not set.
    #[allow(clippy::print_stderr)]
    pub async fn postgres() -> Option<Harness> {
        let Ok(url) = std::env::var("RACI_TEST_POSTGRES_URL") else {
            eprintln!("skipped: RACI_TEST_POSTGRES_URL is not set (see scripts/with-postgres.sh)");
            return None;
        };
        use sqlx::Connection;
        let mut admin = sqlx::PgConnection::connect(&url).await.unwrap();
        let mut rnd = [0u8; 8];
        getrandom::fill(&mut rnd).unwrap();
        let name = format!("raci_test_{}", hex::encode(rnd));
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .unwrap();
        let (base, _) = url.rsplit_once('/').expect("a URL ending in /DATABASE");
        let store = PostgresStore::connect(&format!("{base}/{name}"))
            .await
            .unwrap();
        Some(Harness {
            raw: Raw::Postgres(store.pool().clone()),
            store: Arc::new(store),
            _dir: None,
        })
    }

    /// Runs one statement with one integer parameter behind the store's back.
    pub async fn raw_exec(&self, sql: &str, param: i64) -> u64 {
        match &self.raw {
            Raw::Sqlite(p) => sqlx::query(sql)
                .bind(param)
                .execute(p)
                .await
                .unwrap()
                .rows_affected(),
            Raw::Postgres(p) => sqlx::query(sql)
                .bind(param)
                .execute(p)
                .await
                .unwrap()
                .rows_affected(),
        }
    }

    pub async fn org(&self, name: &str, kind: OrgKind) -> Organization {
        self.store
            .create_organization("test", name, kind)
            .await
            .unwrap()
    }
}
