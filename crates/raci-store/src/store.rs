//! The store interface and the choice of backend by URL.

use std::sync::Arc;

use async_trait::async_trait;

use crate::{
    AuditEntry, Duty, DutyState, Edition, IssuedToken, NewUser, OrgKind, Organization,
    PostgresStore, Result, Service, SqliteStore, Subscription, User,
};

/// The database `raci serve` uses when given none.
pub const DEFAULT_DATABASE: &str = "sqlite://raci.db";

/// Opens the store a URL names, creating and migrating it as needed:
/// `postgres://…` or `postgresql://…` for PostgreSQL; `sqlite://PATH`,
/// `sqlite:PATH` or a plain path for SQLite.
pub async fn open(url: &str) -> Result<Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PostgresStore::connect(url).await?))
    } else {
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        Ok(Arc::new(SqliteStore::open(path).await?))
    }
}

/// Everything the service keeps. Every method that writes runs in one
/// transaction, together with the audit entry (or entries) recording it;
/// `actor` names who acted (`user:ID`, `token:ID`, `system`…).
///
/// The areas beyond the core are supertraits, one per file: bring the one
/// you call into scope (`use raci_store::WorkflowStore`).
#[async_trait]
pub trait Store:
    crate::WorkflowStore
    + crate::ChangeStore
    + crate::NotifyStore
    + crate::AccountStore
    + crate::TenancyStore
    + Send
    + Sync
{
    /// `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;

    // Organizations.
    async fn create_organization(
        &self,
        actor: &str,
        name: &str,
        kind: OrgKind,
    ) -> Result<Organization>;
    async fn get_organization(&self, id: i64) -> Result<Organization>;
    async fn list_organizations(&self) -> Result<Vec<Organization>>;

    // Users and API tokens.
    async fn create_user(&self, actor: &str, user: &NewUser) -> Result<User>;
    async fn get_user(&self, id: i64) -> Result<User>;
    async fn get_user_by_email(&self, email: &str) -> Result<User>;
    async fn list_users(&self, org: i64) -> Result<Vec<User>>;
    /// Issues a token for a user; its secret is in the result and nowhere else.
    async fn create_api_token(
        &self,
        actor: &str,
        user: i64,
        expires_at: Option<i64>,
    ) -> Result<IssuedToken>;
    /// The user a live (unrevoked, unexpired) token secret belongs to.
    async fn authenticate_token(&self, secret: &str) -> Result<User>;
    async fn revoke_api_token(&self, actor: &str, token: i64) -> Result<()>;
    async fn list_api_tokens(&self, user: i64) -> Result<Vec<crate::ApiToken>>;

    // Catalog.
    async fn create_service(
        &self,
        actor: &str,
        provider: i64,
        slug: &str,
        name: &str,
    ) -> Result<Service>;
    async fn get_service(&self, id: i64) -> Result<Service>;
    async fn list_services(&self, provider: Option<i64>) -> Result<Vec<Service>>;
    /// Publishes a canonical `raci/v1` JSON document as the service's next
    /// edition (number = previous + 1). Editions are never changed.
    async fn publish_edition(
        &self,
        actor: &str,
        service: i64,
        document_json: &str,
    ) -> Result<Edition>;
    async fn get_edition(&self, id: i64) -> Result<Edition>;
    async fn latest_edition(&self, service: i64) -> Result<Edition>;
    async fn list_editions(&self, service: i64) -> Result<Vec<Edition>>;

    // Subscriptions and duties.
    /// Subscribes a customer to the latest edition of a service, with one
    /// open duty per activity of that edition.
    async fn subscribe(&self, actor: &str, customer: i64, service: i64) -> Result<Subscription>;
    async fn get_subscription(&self, id: i64) -> Result<Subscription>;
    async fn list_subscriptions(&self, customer: i64) -> Result<Vec<Subscription>>;
    async fn list_service_subscriptions(&self, service: i64) -> Result<Vec<Subscription>>;
    async fn get_duty(&self, id: i64) -> Result<Duty>;
    async fn list_duties(&self, subscription: i64) -> Result<Vec<Duty>>;
    /// Moves a duty to a new state, refusing transitions the state machine
    /// does not allow; `reason` is kept for `not_applicable`.
    async fn set_duty_state(
        &self,
        actor: &str,
        duty: i64,
        to: DutyState,
        reason: Option<&str>,
    ) -> Result<Duty>;
    async fn set_duty_recurrence(
        &self,
        actor: &str,
        duty: i64,
        recurrence: Option<&str>,
    ) -> Result<Duty>;

    // Audit.
    /// Appends an entry on its own, for events that change no other row.
    async fn append_audit(
        &self,
        org: i64,
        actor: &str,
        action: &str,
        subject: &str,
        details: &serde_json::Value,
    ) -> Result<AuditEntry>;
    async fn list_audit(&self, org: i64) -> Result<Vec<AuditEntry>>;
    /// Recomputes an organization's chain; [`crate::StoreError::BrokenLink`]
    /// names the first entry whose hash, link or sequence does not hold.
    async fn verify_audit_chain(&self, org: i64) -> Result<()>;
}
