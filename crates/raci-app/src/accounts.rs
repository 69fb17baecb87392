//! Who uses the service: password login with sessions (throttled), API
//! tokens, users and their roles, and the operator's bootstrap of an
//! instance (the first organizations, users and tokens, before anyone can
//! log in).
//!
//! Login answers the same for an unknown e-mail and a wrong password (and
//! checks a dummy hash for unknown ones, so timing tells nothing either).
//! Failed logins are counted per e-mail and per IP address in the store, so
//! every server of a cluster throttles alike.

use std::sync::OnceLock;

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use raci_store::{prelude::*, FailureKey, NewUser, OrgKind, StoreError, UserRole};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::policy::roles;
use crate::validate::{self, Described, Rule, TOKEN_DAYS_MAX};
use crate::views::{IssuedTokenView, LoginView, MeView, OrganizationView, TokenView, UserView};
use crate::{now, App, AppError, AppResult, Caller, ErrorCode};

/// How long a login session lives (12 hours).
pub const SESSION_TTL_MS: i64 = 12 * 3600 * 1000;

/// How the audit log names the operator's commands.
pub const OPERATOR: &str = "cli:admin";

/// How many failed logins are tolerated, and over which window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginThrottle {
    pub window_ms: i64,
    /// Failures for one e-mail address within the window.
    pub per_email: i64,
    /// Failures from one IP address within the window.
    pub per_ip: i64,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        LoginThrottle {
            window_ms: 15 * 60 * 1000,
            per_email: 5,
            per_ip: 20,
        }
    }
}

/// An argon2id PHC string (default parameters, random salt) for a password.
pub fn hash_password(password: &str) -> AppResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::internal(format!("cannot hash a password: {e}")))
}

/// Whether a password matches a PHC string; a malformed string matches nothing.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

/// Runs CPU-heavy password hashing off the async workers.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::internal(format!("password hashing task failed: {e}")))
}

/// The hash an unknown e-mail's password is checked against, so that a
/// login for it costs as much as one for a real user.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not the password of anyone").unwrap_or_default())
}

/// E-mail and password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

impl Described for Credentials {
    const RULES: &'static [(&'static str, Rule)] = &[
        ("email", validate::EMAIL),
        ("password", validate::PASSWORD_GIVEN),
    ];
}

/// A new user of the caller's organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserInput {
    pub email: String,
    pub name: String,
    pub role: UserRole,
    /// A user without one logs in by token only.
    #[serde(default)]
    pub password: Option<String>,
}

impl Described for NewUserInput {
    const RULES: &'static [(&'static str, Rule)] = &[
        ("email", validate::EMAIL),
        ("name", validate::NAME),
        ("password", validate::PASSWORD),
    ];
}

/// A user's new role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleChange {
    pub role: UserRole,
}

/// The current password (when one is set) and the new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    #[serde(default)]
    pub current: Option<String>,
    pub new: String,
}

impl Described for PasswordChange {
    const RULES: &'static [(&'static str, Rule)] = &[
        ("current", validate::PASSWORD_GIVEN),
        ("new", validate::PASSWORD),
    ];
}

/// What a new token needs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    /// Days until it expires; never when absent.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 3650)]
    pub expires_in_days: Option<i64>,
}

/// A session just opened: its view, and the secret for the cookie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Login {
    pub view: LoginView,
    pub secret: String,
    pub max_age_s: i64,
}

impl App {
    async fn caller_of(&self, r: &mut dyn Reads, user: raci_store::User) -> AppResult<Caller> {
        let org = r.organization(user.org).await?;
        Ok(Caller {
            user,
            org,
            session: None,
            token: None,
        })
    }

    /// The caller behind a bearer token; an unknown, revoked or expired one
    /// is unauthorized.
    pub async fn authenticate_token(&self, secret: &str) -> AppResult<Caller> {
        let mut r = self.store.read().await?;
        let (user, token) = r.user_by_token(secret, now()).await.map_err(unauthorized)?;
        let mut caller = self.caller_of(&mut *r, user).await?;
        caller.token = Some(token.id);
        Ok(caller)
    }

    /// The caller behind a session cookie's secret.
    pub async fn authenticate_session(&self, secret: &str) -> AppResult<Caller> {
        let mut r = self.store.read().await?;
        let (user, session) = r
            .user_by_session(secret, now())
            .await
            .map_err(unauthorized)?;
        let mut caller = self.caller_of(&mut *r, user).await?;
        caller.session = Some(session.id);
        Ok(caller)
    }

    /// Opens a session for an e-mail and password, from `ip` when known.
    pub async fn login(&self, input: Credentials, ip: Option<&str>) -> AppResult<Login> {
        let email = validate::EMAIL.check("email", &input.email)?;
        validate::PASSWORD_GIVEN.check("password", &input.password)?;
        let now = now();
        let t = self.config.login_throttle;
        let mut r = self.store.read().await?;
        let since = now.saturating_sub(t.window_ms);
        let mut until: Option<i64> = None;
        let mut keys = vec![(FailureKey::Email(&email), t.per_email)];
        if let Some(ip) = ip {
            keys.push((FailureKey::Ip(ip), t.per_ip));
        }
        for (key, limit) in keys {
            if let Some(at) = r.nth_login_failure(key, since, limit).await? {
                let lifted = at.saturating_add(t.window_ms);
                until = Some(until.map_or(lifted, |u| u.max(lifted)));
            }
        }
        if let Some(until) = until {
            let seconds = u64::try_from((until.saturating_sub(now) + 999) / 1000).unwrap_or(1);
            return Err(AppError {
                retry_after: Some(seconds.max(1)),
                ..AppError::new(
                    ErrorCode::TooManyRequests,
                    "too many failed logins; try again later",
                )
            });
        }
        let user = match r.user_by_email(&email).await {
            Ok(user) => Some(user),
            Err(StoreError::NotFound { .. }) => None,
            Err(e) => return Err(e.into()),
        };
        drop(r);
        let phc = user
            .as_ref()
            .and_then(|u| u.password_hash.clone())
            .unwrap_or_else(|| dummy_hash().to_owned());
        let password = input.password;
        let matches = blocking(move || verify_password(&password, &phc)).await?;
        let mut w = self.store.write().await?;
        let user = match user {
            Some(user) if matches && user.password_hash.is_some() => user,
            _ => {
                w.record_login_failure(&email, ip, now).await?;
                w.commit().await?;
                return Err(AppError::new(
                    ErrorCode::Unauthorized,
                    "wrong e-mail or password",
                ));
            }
        };
        w.clear_login_failures(&email).await?;
        let expires_at = now.saturating_add(self.config.session_ttl_ms);
        let issued = w.create_session(user.id, expires_at).await?;
        let subject = format!("session:{}", issued.session.id);
        let actor = format!("user:{}", user.id);
        let details = json!({"user": user.id, "expires_at": expires_at});
        w.append_audit(user.org, &actor, "session.create", &subject, &details)
            .await?;
        w.commit().await?;
        Ok(Login {
            view: LoginView {
                user: user.into(),
                expires_at,
            },
            secret: issued.secret,
            max_age_s: self.config.session_ttl_ms / 1000,
        })
    }

    /// Ends the caller's session (with a bearer token there is none).
    pub async fn logout(&self, caller: &Caller) -> AppResult<()> {
        let Some(session) = caller.session else {
            return Ok(());
        };
        let mut w = self.store.write().await?;
        w.revoke_session(session, now()).await?;
        let subject = format!("session:{session}");
        w.append_audit(
            caller.org.id,
            &caller.actor(),
            "session.revoke",
            &subject,
            &json!({}),
        )
        .await?;
        w.commit().await.map_err(Into::into)
    }

    pub async fn me(&self, caller: &Caller) -> AppResult<MeView> {
        let mut r = self.store.read().await?;
        Ok(MeView {
            teams: r.teams_of(caller.user.id).await?,
            user: caller.user.clone().into(),
            organization: OrganizationView::from(caller.org.clone()),
        })
    }

    /// The users of the caller's organization.
    pub async fn users(&self, caller: &Caller) -> AppResult<Vec<UserView>> {
        let mut r = self.store.read().await?;
        Ok(r.users(caller.org.id)
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// An admin adds a user to the organization.
    pub async fn create_user(&self, caller: &Caller, input: NewUserInput) -> AppResult<UserView> {
        roles::require_admin(caller)?;
        let user = self.new_user(caller.org.id, input, &caller.actor()).await?;
        Ok(user)
    }

    async fn new_user(&self, org: i64, input: NewUserInput, actor: &str) -> AppResult<UserView> {
        let email = validate::EMAIL.check("email", &input.email)?;
        let name = validate::NAME.check("name", &input.name)?;
        let password_hash = match input.password {
            Some(p) => {
                validate::PASSWORD.check("password", &p)?;
                Some(blocking(move || hash_password(&p)).await??)
            }
            None => None,
        };
        let mut w = self.store.write().await?;
        let u = w
            .create_user(&NewUser {
                org,
                email,
                name,
                role: input.role,
                password_hash,
            })
            .await?;
        let details = json!({"email": u.email, "name": u.name, "role": u.role});
        let subject = format!("user:{}", u.id);
        w.append_audit(org, actor, "user.create", &subject, &details)
            .await?;
        w.commit().await?;
        Ok(u.into())
    }

    /// An admin changes a user's role; the last admin stays one.
    pub async fn set_user_role(
        &self,
        caller: &Caller,
        user: i64,
        input: RoleChange,
    ) -> AppResult<UserView> {
        let mut w = self.store.write().await?;
        let before = same_org_user(&mut *w, caller, user).await?;
        roles::require_admin(caller)?;
        if before.role == UserRole::Admin && input.role != UserRole::Admin {
            let admins = w
                .users(caller.org.id)
                .await?
                .iter()
                .filter(|u| u.role == UserRole::Admin)
                .count();
            if admins <= 1 {
                return Err(
                    AppError::conflict("an organization keeps at least one admin")
                        .with_field("role"),
                );
            }
        }
        let after = w.set_user_role(user, input.role).await?;
        let details = json!({"from": before.role, "to": input.role});
        w.append_audit(
            caller.org.id,
            &caller.actor(),
            "user.role",
            &format!("user:{user}"),
            &details,
        )
        .await?;
        w.commit().await?;
        Ok(after.into())
    }

    /// The caller changes their password; every session of theirs ends.
    pub async fn change_password(&self, caller: &Caller, input: PasswordChange) -> AppResult<()> {
        validate::PASSWORD.check("new", &input.new)?;
        if let Some(current) = input.current.as_deref() {
            validate::PASSWORD_GIVEN.check("current", current)?;
        }
        if let Some(phc) = caller.user.password_hash.clone() {
            let current = input.current.unwrap_or_default();
            if !blocking(move || verify_password(&current, &phc)).await? {
                return Err(
                    AppError::forbidden("the current password is wrong").with_field("current")
                );
            }
        }
        let new = input.new;
        let phc = blocking(move || hash_password(&new)).await??;
        let mut w = self.store.write().await?;
        w.set_password_hash(caller.user.id, &phc, now()).await?;
        let subject = format!("user:{}", caller.user.id);
        w.append_audit(
            caller.org.id,
            &caller.actor(),
            "user.password",
            &subject,
            &json!({}),
        )
        .await?;
        w.commit().await?;
        Ok(())
    }

    /// Issues a token for the caller; the secret is in this answer only.
    pub async fn create_token(
        &self,
        caller: &Caller,
        input: NewToken,
    ) -> AppResult<IssuedTokenView> {
        let expires_at = match input.expires_in_days {
            None => None,
            Some(days) if (1..=TOKEN_DAYS_MAX).contains(&days) => Some(now() + days * 86_400_000),
            Some(_) => {
                return Err(AppError::invalid(
                    "expires_in_days",
                    format!("a token lives 1 to {TOKEN_DAYS_MAX} days"),
                ))
            }
        };
        self.issue_token(caller.user.id, caller.org.id, expires_at, &caller.actor())
            .await
    }

    async fn issue_token(
        &self,
        user: i64,
        org: i64,
        expires_at: Option<i64>,
        actor: &str,
    ) -> AppResult<IssuedTokenView> {
        let mut w = self.store.write().await?;
        let issued = w.create_api_token(user, expires_at).await?;
        let subject = format!("api_token:{}", issued.token.id);
        let details = json!({"user": user, "expires_at": expires_at});
        w.append_audit(org, actor, "api_token.create", &subject, &details)
            .await?;
        w.commit().await?;
        Ok(IssuedTokenView {
            token: issued.token,
            secret: issued.secret,
        })
    }

    /// The caller's tokens, or (admins) those of a user of the organization.
    pub async fn tokens(&self, caller: &Caller, user: Option<i64>) -> AppResult<Vec<TokenView>> {
        let mut r = self.store.read().await?;
        let user = match user {
            Some(id) if id != caller.user.id => {
                let u = same_org_user(&mut *r, caller, id).await?;
                roles::require_admin(caller)?;
                u.id
            }
            _ => caller.user.id,
        };
        Ok(r.api_tokens(user).await?.into_iter().collect())
    }

    /// Revokes a token: one's own, or for admins any of the organization.
    pub async fn revoke_token(&self, caller: &Caller, id: i64) -> AppResult<()> {
        let hidden = || AppError::not_found(format!("api token {id} not found"));
        let mut w = self.store.write().await?;
        let token = w.api_token(id).await.map_err(|_| hidden())?;
        if token.user_id != caller.user.id {
            let owner = w.user(token.user_id).await.map_err(|_| hidden())?;
            if owner.org != caller.org.id || !caller.is_admin() {
                return Err(hidden());
            }
        }
        w.revoke_api_token(id, now()).await?;
        let subject = format!("api_token:{id}");
        w.append_audit(
            caller.org.id,
            &caller.actor(),
            "api_token.revoke",
            &subject,
            &json!({}),
        )
        .await?;
        w.commit().await?;
        Ok(())
    }

    // The operator's bootstrap, before anyone can log in.

    /// Creates an organization (operator).
    pub async fn bootstrap_organization(
        &self,
        name: &str,
        kind: OrgKind,
    ) -> AppResult<OrganizationView> {
        let name = validate::NAME.check("name", name)?;
        let mut w = self.store.write().await?;
        let org = w.create_organization(&name, kind).await?;
        let details = json!({"name": org.name, "kind": kind});
        let subject = format!("organization:{}", org.id);
        w.append_audit(org.id, OPERATOR, "organization.create", &subject, &details)
            .await?;
        w.commit().await?;
        Ok(org)
    }

    /// Creates a user of an organization (operator).
    pub async fn bootstrap_user(&self, org: i64, input: NewUserInput) -> AppResult<UserView> {
        self.store.read().await?.organization(org).await?;
        self.new_user(org, input, OPERATOR).await
    }

    /// Issues a token for a user (operator).
    pub async fn bootstrap_token(
        &self,
        user: i64,
        days: Option<i64>,
    ) -> AppResult<IssuedTokenView> {
        let u = self.store.read().await?.user(user).await?;
        let expires_at = days.map(|d| now() + d.clamp(1, TOKEN_DAYS_MAX) * 86_400_000);
        self.issue_token(u.id, u.org, expires_at, OPERATOR).await
    }
}

/// An unknown, revoked or expired credential is unauthorized; a database
/// fault stays a fault.
fn unauthorized(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound { .. } => AppError::unauthorized(),
        e => e.into(),
    }
}

/// A user of the caller's organization, or not found.
async fn same_org_user(r: &mut dyn Reads, caller: &Caller, id: i64) -> AppResult<raci_store::User> {
    match r.user(id).await {
        Ok(user) if user.org == caller.org.id => Ok(user),
        Ok(_) | Err(StoreError::NotFound { .. }) => {
            Err(AppError::not_found(format!("user {id} not found")))
        }
        Err(e) => Err(e.into()),
    }
}
