//! A store to test, and a raw handle on its database to look behind it.

use std::sync::Arc;

use raci_store::{
    Edition, NewDuty, NewUser, OrgKind, Organization, PostgresStore, Service, SqliteStore, Store,
    Subscription, User, UserRole,
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

    /// A store on a fresh PostgreSQL database, or none (said on stderr)
    /// when `RACI_TEST_POSTGRES_URL` is not set.
    pub async fn postgres() -> Option<Harness> {
        let (url, _) = raci_store::test_support::fresh_database("postgres").await?;
        let store = PostgresStore::connect(&url).await.unwrap();
        Some(Harness {
            raw: Raw::Postgres(store.pool().clone()),
            store: Arc::new(store),
            _dir: None,
        })
    }

    /// Runs one statement with integer parameters behind the store's back:
    /// the number of rows it touched.
    pub async fn raw_exec(&self, sql: &str, params: &[i64]) -> u64 {
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

    /// One integer a query with one integer parameter answers.
    pub async fn raw_count(&self, sql: &str, param: i64) -> i64 {
        match &self.raw {
            Raw::Sqlite(p) => sqlx::query_scalar(sql).bind(param).fetch_one(p).await,
            Raw::Postgres(p) => sqlx::query_scalar(sql).bind(param).fetch_one(p).await,
        }
        .unwrap()
    }

    pub async fn org(&self, name: &str, kind: OrgKind) -> Organization {
        let mut w = self.store.write().await.unwrap();
        let org = w.create_organization(name, kind).await.unwrap();
        w.commit().await.unwrap();
        org
    }

    pub async fn user(&self, org: i64, email: &str, role: UserRole) -> User {
        let mut w = self.store.write().await.unwrap();
        let u = w
            .create_user(&NewUser {
                org,
                email: email.into(),
                name: email.split('@').next().unwrap_or_default().into(),
                role,
                password_hash: None,
            })
            .await
            .unwrap();
        w.commit().await.unwrap();
        u
    }

    /// A service of `provider` with one edition of `n` activities.
    pub async fn service(&self, provider: i64, slug: &str, n: usize) -> (Service, Edition) {
        let mut w = self.store.write().await.unwrap();
        let s = w.create_service(provider, slug, slug).await.unwrap();
        let e = w.insert_edition(s.id, &document(n)).await.unwrap();
        w.commit().await.unwrap();
        (s, e)
    }

    /// A customer subscribed to a fresh service with `n` duties.
    pub async fn subscribed(&self, n: usize) -> (Subscription, Vec<raci_store::Duty>) {
        let p = self.org("Nimbus", OrgKind::Provider).await;
        let c = self.org("Acme", OrgKind::Customer).await;
        let (s, e) = self.service(p.id, "queue", n).await;
        let mut w = self.store.write().await.unwrap();
        let sub = w.create_subscription(c.id, s.id, e.id).await.unwrap();
        let mut duties = Vec::new();
        for i in 1..=n {
            duties.push(w.insert_duty(&duty(sub.id, i)).await.unwrap());
        }
        w.commit().await.unwrap();
        (sub, duties)
    }
}

/// The duty of activity `act-i`: customer RA on even rows, I on odd ones.
pub fn duty(subscription: i64, i: usize) -> NewDuty {
    let customer = if i.is_multiple_of(2) { "RA" } else { "I" };
    NewDuty {
        subscription,
        activity_id: format!("act-{i}"),
        text: format!("Do thing {i}"),
        section: vec!["1. Run".into(), format!("1.{i}. Step")],
        roles: [
            ("Customer".to_owned(), customer.parse().unwrap()),
            ("Provider".to_owned(), "RA".parse().unwrap()),
        ]
        .into_iter()
        .collect(),
        kind: raci_store::DutyKind::Activity,
    }
}

/// A canonical document of `n` activities.
pub fn document(n: usize) -> String {
    let activities: Vec<_> = (1..=n)
        .map(|i| {
            serde_json::json!({
                "id": format!("act-{i}"), "section": ["1. Run"], "text": format!("Do thing {i}"),
                "roles": {"Customer": "RA", "Provider": "I"}, "notes": [], "source": {"line": i}
            })
        })
        .collect();
    serde_json::json!({"schema": "raci/v1", "title": "Test", "language": "en",
        "parties": ["Customer", "Provider"], "activities": activities})
    .to_string()
}
