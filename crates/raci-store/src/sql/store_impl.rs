// The `Store` implementation over one backend: each write opens a
// transaction, makes the change, appends its audit entries and commits.
use async_trait::async_trait;
use serde_json::json;

use super::{audit, catalog, orgs, subs, users};
use crate::{
    ApiToken, AuditEntry, Duty, DutyState, Edition, IssuedToken, NewUser, OrgKind, Organization,
    Result, Service, Store, Subscription, User,
};

#[async_trait]
impl Store for Backend {
    fn backend(&self) -> &'static str {
        BACKEND
    }

    async fn create_organization(
        &self,
        actor: &str,
        name: &str,
        kind: OrgKind,
    ) -> Result<Organization> {
        let mut tx = self.begin().await?;
        let org = orgs::create(&mut tx, name, kind).await?;
        let details = json!({"name": org.name, "kind": kind});
        let subject = format!("organization:{}", org.id);
        audit::append(
            &mut tx,
            org.id,
            actor,
            "organization.create",
            &subject,
            &details,
        )
        .await?;
        tx.commit().await?;
        Ok(org)
    }

    async fn get_organization(&self, id: i64) -> Result<Organization> {
        orgs::get(&mut *self.pool.acquire().await?, id).await
    }

    async fn list_organizations(&self) -> Result<Vec<Organization>> {
        orgs::list(&mut *self.pool.acquire().await?).await
    }

    async fn create_user(&self, actor: &str, user: &NewUser) -> Result<User> {
        let mut tx = self.begin().await?;
        let u = users::create(&mut tx, user).await?;
        let details = json!({"email": u.email, "name": u.name, "role": u.role});
        users::record(&mut tx, &u, actor, "user.create", &details).await?;
        tx.commit().await?;
        Ok(u)
    }

    async fn get_user(&self, id: i64) -> Result<User> {
        users::get(&mut *self.pool.acquire().await?, id).await
    }

    async fn get_user_by_email(&self, email: &str) -> Result<User> {
        users::get_by_email(&mut *self.pool.acquire().await?, email).await
    }

    async fn list_users(&self, org: i64) -> Result<Vec<User>> {
        users::list(&mut *self.pool.acquire().await?, org).await
    }

    async fn create_api_token(
        &self,
        actor: &str,
        user: i64,
        expires_at: Option<i64>,
    ) -> Result<IssuedToken> {
        let mut tx = self.begin().await?;
        let (token, secret) = users::create_token(&mut tx, user, expires_at).await?;
        let org = users::get(&mut tx, user).await?.org;
        let details = json!({"user": user, "expires_at": expires_at});
        let subject = format!("api_token:{}", token.id);
        audit::append(&mut tx, org, actor, "api_token.create", &subject, &details).await?;
        tx.commit().await?;
        Ok(IssuedToken { token, secret })
    }

    async fn authenticate_token(&self, secret: &str) -> Result<User> {
        users::authenticate(&mut *self.pool.acquire().await?, secret).await
    }

    async fn revoke_api_token(&self, actor: &str, token: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        let org = users::revoke_token(&mut tx, token).await?;
        let subject = format!("api_token:{token}");
        audit::append(
            &mut tx,
            org,
            actor,
            "api_token.revoke",
            &subject,
            &json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn list_api_tokens(&self, user: i64) -> Result<Vec<ApiToken>> {
        users::list_tokens(&mut *self.pool.acquire().await?, user).await
    }

    async fn create_service(
        &self,
        actor: &str,
        provider: i64,
        slug: &str,
        name: &str,
    ) -> Result<Service> {
        let mut tx = self.begin().await?;
        let s = catalog::create_service(&mut tx, provider, slug, name).await?;
        let details = json!({"slug": s.slug, "name": s.name});
        let subject = format!("service:{}", s.id);
        audit::append(
            &mut tx,
            provider,
            actor,
            "service.create",
            &subject,
            &details,
        )
        .await?;
        tx.commit().await?;
        Ok(s)
    }

    async fn get_service(&self, id: i64) -> Result<Service> {
        catalog::get_service(&mut *self.pool.acquire().await?, id).await
    }

    async fn list_services(&self, provider: Option<i64>) -> Result<Vec<Service>> {
        catalog::list_services(&mut *self.pool.acquire().await?, provider).await
    }

    async fn publish_edition(
        &self,
        actor: &str,
        service: i64,
        document_json: &str,
    ) -> Result<Edition> {
        let mut tx = self.begin().await?;
        let e = super::changes::publish_audited(&mut tx, actor, service, document_json).await?;
        tx.commit().await?;
        Ok(e)
    }

    async fn get_edition(&self, id: i64) -> Result<Edition> {
        catalog::get_edition(&mut *self.pool.acquire().await?, id).await
    }

    async fn latest_edition(&self, service: i64) -> Result<Edition> {
        catalog::latest_edition(&mut *self.pool.acquire().await?, service).await
    }

    async fn list_editions(&self, service: i64) -> Result<Vec<Edition>> {
        catalog::list_editions(&mut *self.pool.acquire().await?, service).await
    }

    async fn subscribe(&self, actor: &str, customer: i64, service: i64) -> Result<Subscription> {
        let mut tx = self.begin().await?;
        let s = subs::subscribe(&mut tx, customer, service).await?;
        let provider = catalog::get_service(&mut tx, service).await?.provider;
        let details = json!({"customer": customer, "service": service, "edition": s.edition});
        let subject = format!("subscription:{}", s.id);
        audit::append(
            &mut tx,
            customer,
            actor,
            "subscription.create",
            &subject,
            &details,
        )
        .await?;
        audit::append(
            &mut tx,
            provider,
            actor,
            "subscription.create",
            &subject,
            &details,
        )
        .await?;
        tx.commit().await?;
        Ok(s)
    }

    async fn get_subscription(&self, id: i64) -> Result<Subscription> {
        subs::get(&mut *self.pool.acquire().await?, id).await
    }

    async fn list_subscriptions(&self, customer: i64) -> Result<Vec<Subscription>> {
        subs::list_for_customer(&mut *self.pool.acquire().await?, customer).await
    }

    async fn list_service_subscriptions(&self, service: i64) -> Result<Vec<Subscription>> {
        subs::list_for_service(&mut *self.pool.acquire().await?, service).await
    }

    async fn get_duty(&self, id: i64) -> Result<Duty> {
        subs::get_duty(&mut *self.pool.acquire().await?, id).await
    }

    async fn list_duties(&self, subscription: i64) -> Result<Vec<Duty>> {
        subs::list_duties(&mut *self.pool.acquire().await?, subscription).await
    }

    async fn set_duty_state(
        &self,
        actor: &str,
        duty: i64,
        to: DutyState,
        reason: Option<&str>,
    ) -> Result<Duty> {
        let mut tx = self.begin().await?;
        let (before, after) = subs::set_state(&mut tx, duty, to, reason).await?;
        let customer = subs::get(&mut tx, after.subscription).await?.customer;
        let details = json!({"from": before.state, "to": after.state, "reason": after.reason});
        let subject = format!("duty:{duty}");
        audit::append(&mut tx, customer, actor, "duty.state", &subject, &details).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn set_duty_recurrence(
        &self,
        actor: &str,
        duty: i64,
        recurrence: Option<&str>,
    ) -> Result<Duty> {
        let mut tx = self.begin().await?;
        let d = subs::set_recurrence(&mut tx, duty, recurrence).await?;
        let customer = subs::get(&mut tx, d.subscription).await?.customer;
        let subject = format!("duty:{duty}");
        let details = json!({"recurrence": d.recurrence});
        audit::append(
            &mut tx,
            customer,
            actor,
            "duty.recurrence",
            &subject,
            &details,
        )
        .await?;
        tx.commit().await?;
        Ok(d)
    }

    async fn append_audit(
        &self,
        org: i64,
        actor: &str,
        action: &str,
        subject: &str,
        details: &serde_json::Value,
    ) -> Result<AuditEntry> {
        let mut tx = self.begin().await?;
        let e = audit::append(&mut tx, org, actor, action, subject, details).await?;
        tx.commit().await?;
        Ok(e)
    }

    async fn list_audit(&self, org: i64) -> Result<Vec<AuditEntry>> {
        audit::list(&mut *self.pool.acquire().await?, org).await
    }

    async fn verify_audit_chain(&self, org: i64) -> Result<()> {
        audit::verify(&mut *self.pool.acquire().await?, org).await
    }
}
