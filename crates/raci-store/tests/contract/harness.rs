//! A store to test and a raw handle on its database, to tamper with it.

use std::sync::Arc;

use raci_store::{
    Edition, NewUser, OrgKind, Organization, PostgresStore, Service, SqliteStore, Store, User,
    UserRole,
};

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

    /// A second, empty store on the same backend.
    pub async fn another(&self) -> Harness {
        match self.raw {
            Raw::Sqlite(_) => Harness::sqlite().await,
            Raw::Postgres(_) => Harness::postgres().await.expect("postgres is configured"),
        }
    }

    /// Runs one statement with one integer parameter behind the store's back.
    pub async fn raw_exec(&self, sql: &str, param: i64) -> u64 {
        self.raw_exec_all(sql, &[param]).await
    }

    /// Runs one statement with integer parameters behind the store's back:
    /// the number of rows it touched.
    pub async fn raw_exec_all(&self, sql: &str, params: &[i64]) -> u64 {
        match &self.raw {
            Raw::Sqlite(p) => {
                let mut q = sqlx::query(sql);
                for v in params {
                    q = q.bind(*v);
                }
                q.execute(p).await.map(|r| r.rows_affected())
            }
            Raw::Postgres(p) => {
                let mut q = sqlx::query(sql);
                for v in params {
                    q = q.bind(*v);
                }
                q.execute(p).await.map(|r| r.rows_affected())
            }
        }
        .unwrap()
    }

    /// The one-column rows a query with one integer parameter answers,
    /// read behind the store's back.
    pub async fn raw_column<T>(&self, sql: &str, param: i64) -> Vec<T>
    where
        T: Send
            + Unpin
            + for<'r> sqlx::Decode<'r, sqlx::Sqlite>
            + sqlx::Type<sqlx::Sqlite>
            + for<'r> sqlx::Decode<'r, sqlx::Postgres>
            + sqlx::Type<sqlx::Postgres>,
    {
        match &self.raw {
            Raw::Sqlite(p) => sqlx::query_scalar(sql).bind(param).fetch_all(p).await,
            Raw::Postgres(p) => sqlx::query_scalar(sql).bind(param).fetch_all(p).await,
        }
        .unwrap()
    }

    pub async fn org(&self, name: &str, kind: OrgKind) -> Organization {
        self.store
            .create_organization("test", name, kind)
            .await
            .unwrap()
    }

    /// A user of `org` without a password.
    pub async fn user(&self, org: i64, email: &str, name: &str, role: UserRole) -> User {
        self.user_with_password(org, email, name, role, None).await
    }

    pub async fn user_with_password(
        &self,
        org: i64,
        email: &str,
        name: &str,
        role: UserRole,
        password_hash: Option<&str>,
    ) -> User {
        self.store
            .create_user(
                "test",
                &NewUser {
                    org,
                    email: email.into(),
                    name: name.into(),
                    role,
                    password_hash: password_hash.map(Into::into),
                },
            )
            .await
            .unwrap()
    }

    /// A service of `provider` with `document` published as its edition 1.
    pub async fn service(
        &self,
        provider: i64,
        slug: &str,
        name: &str,
        document: &str,
    ) -> (Service, Edition) {
        let svc = self
            .store
            .create_service("test", provider, slug, name)
            .await
            .unwrap();
        let edition = self
            .store
            .publish_edition("test", svc.id, document)
            .await
            .unwrap();
        (svc, edition)
    }
}
