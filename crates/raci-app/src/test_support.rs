//! A world to test the use cases in (and the layers above them): a fresh
//! store on SQLite (a temporary file) or PostgreSQL (`RACI_TEST_POSTGRES_URL`,
//! a fresh database each time), and builders for organizations, users and
//! published, subscribed matrices.

use std::sync::Arc;

use raci_store::{OrgKind, Store, UserRole};

use crate::{App, AppConfig, Caller, NewSubscription, NewUserInput, PublishInput};

pub use raci_store::test_support::{fresh_database, fresh_postgres_database, POSTGRES_URL_VAR};

/// A store for one test on `backend` (`sqlite` or `postgres`, see
/// [`fresh_database`]), with the folder a SQLite file lives in; none,
/// saying so, when PostgreSQL is not configured.
pub async fn fresh_store(backend: &str) -> Option<(Arc<dyn Store>, Option<tempfile::TempDir>)> {
    let (url, dir) = fresh_database(backend).await?;
    let store = raci_store::open(&url).await.expect("a store to test on");
    Some((store, dir))
}

/// The matrix the builders publish: two parties, every letter in use.
pub const MATRIX: &str =
    "---\ntitle: Managed Queue - Responsibility model\nupdated: 2024-03-18\nlang: en\n---\n\n\
### 1. Running the service\n\n\
| Activity | Customer | Nimbus |\n| --- | --- | --- |\n\
| Back up the queue definitions | RA | C |\n\
| Patch the brokers | I | RA |\n\
| Rotate the access keys | R | A |\n\
| Size the cluster | RA | I |\n";

/// A world of organizations and users over one store.
pub struct World {
    pub app: App,
    _dir: Option<tempfile::TempDir>,
}

impl World {
    /// A world on `backend`, or none (said) when it cannot be had here.
    pub async fn on(backend: &str) -> Option<World> {
        World::on_with(backend, AppConfig::default()).await
    }

    /// The same with the service's settings given.
    pub async fn on_with(backend: &str, config: AppConfig) -> Option<World> {
        let (store, dir) = fresh_store(backend).await?;
        Some(World {
            app: App::new(store, config),
            _dir: dir,
        })
    }

    /// A world, and a second application on the same database with a
    /// store of its own: another server of the same instance.
    pub async fn with_second_server(backend: &str, config: AppConfig) -> Option<(World, App)> {
        let (url, dir) = fresh_database(backend).await?;
        let first = raci_store::open(&url).await.expect("a store to test on");
        let second = raci_store::open(&url).await.expect("a second store on it");
        Some((
            World {
                app: App::new(first, config.clone()),
                _dir: dir,
            },
            App::new(second, config),
        ))
    }

    /// An organization with one admin; the admin as a caller.
    pub async fn org(&self, name: &str, kind: OrgKind) -> Caller {
        self.org_with_token(name, kind).await.0
    }

    /// An organization with one admin: the admin as a caller, and its token.
    pub async fn org_with_token(&self, name: &str, kind: OrgKind) -> (Caller, String) {
        let org = self
            .app
            .bootstrap_organization(name, kind)
            .await
            .expect("an organization");
        let slug: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        let email = format!("admin@{}.example", slug.to_lowercase());
        self.user_with_token(org.id, &email, UserRole::Admin).await
    }

    /// A user of organization `org` with a role, as a caller.
    pub async fn user(&self, org: i64, email: &str, role: UserRole) -> Caller {
        self.user_with_token(org, email, role).await.0
    }

    /// A user of organization `org` with a role: as a caller, and its token.
    pub async fn user_with_token(&self, org: i64, email: &str, role: UserRole) -> (Caller, String) {
        let user = self
            .app
            .bootstrap_user(
                org,
                NewUserInput {
                    email: email.to_owned(),
                    name: email.split('@').next().unwrap_or(email).to_owned(),
                    role,
                    password: None,
                },
            )
            .await
            .expect("a user");
        let token = self
            .app
            .bootstrap_token(user.id, None)
            .await
            .expect("a token");
        let caller = self
            .app
            .authenticate_token(&token.secret)
            .await
            .expect("the token authenticates");
        (caller, token.secret)
    }

    /// A service of `provider` with `matrix` published (forced).
    pub async fn service(&self, provider: &Caller, slug: &str, matrix: &str) -> i64 {
        let service = self
            .app
            .create_service(
                provider,
                crate::NewService {
                    slug: slug.to_owned(),
                    name: slug.to_owned(),
                },
            )
            .await
            .expect("a service");
        self.app
            .publish(
                provider,
                service.id,
                PublishInput {
                    bytes: matrix.as_bytes().to_vec(),
                    format: None,
                    force: true,
                },
            )
            .await
            .expect("a published edition");
        service.id
    }

    /// `customer` subscribed to `service`; the subscription's id.
    pub async fn subscribe(&self, customer: &Caller, service: i64) -> i64 {
        self.app
            .subscribe(customer, NewSubscription { service })
            .await
            .expect("a subscription")
            .id
    }
}

/// The people around one subscription: a provider (Nimbus) and a customer
/// (Acme) with an admin and a member each, the customer's auditor, and a
/// customer of another organization (Globex) who sees none of it.
pub struct Cast {
    pub c_admin: Caller,
    pub c_member: Caller,
    pub c_auditor: Caller,
    pub p_admin: Caller,
    pub p_member: Caller,
    pub stranger: Caller,
    pub service: i64,
    pub subscription: i64,
}

impl World {
    /// The cast of a subscription of Acme to Nimbus's service `queue`,
    /// published from `matrix`.
    pub async fn cast(&self, matrix: &str) -> Cast {
        let p_admin = self.org("Nimbus", OrgKind::Provider).await;
        let c_admin = self.org("Acme", OrgKind::Customer).await;
        let stranger = self.org("Globex", OrgKind::Customer).await;
        let c_member = self
            .user(c_admin.org.id, "member@acme.example", UserRole::Member)
            .await;
        let c_auditor = self
            .user(c_admin.org.id, "auditor@acme.example", UserRole::Auditor)
            .await;
        let p_member = self
            .user(p_admin.org.id, "member@nimbus.example", UserRole::Member)
            .await;
        let service = self.service(&p_admin, "queue", matrix).await;
        let subscription = self.subscribe(&c_admin, service).await;
        Cast {
            c_admin,
            c_member,
            c_auditor,
            p_admin,
            p_member,
            stranger,
            service,
            subscription,
        }
    }
}
