//! Password login, sessions and throttling of failed logins.
//!
//! Passwords are hashed by the caller (the server, with argon2); the store
//! keeps the PHC string. A session is identified by a random secret of which
//! only the sha256 is stored, like API tokens. Failed logins are rows, so
//! that every server sharing the database throttles alike.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::{ApiToken, Result, User, UserRole};

/// A login session as stored: only the sha256 of its secret is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Session {
    pub id: i64,
    pub user_id: i64,
    #[serde(skip_serializing)]
    pub hash: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
}

/// A session just opened: the secret goes into the cookie and nowhere else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedSession {
    pub session: Session,
    pub secret: String,
}

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

/// Password login, sessions and throttling of failed logins.
#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Opens a session for a user, living `ttl_ms`, audited as a login.
    async fn create_session(&self, actor: &str, user: i64, ttl_ms: i64) -> Result<IssuedSession>;
    /// The user and session of a live (unrevoked, unexpired) session secret.
    async fn authenticate_session(&self, secret: &str) -> Result<(User, Session)>;
    /// Ends a session (logout), audited; an ended one is not found.
    async fn revoke_session(&self, actor: &str, session: i64) -> Result<()>;

    /// Records a failed login for an e-mail address (normalized to lower
    /// case) from an IP address, and forgets failures older than a day.
    async fn record_login_failure(&self, email: &str, ip: Option<&str>, now: i64) -> Result<()>;
    /// Until when logins for this e-mail address or from this IP address are
    /// refused, if the failures within the window reach a limit.
    async fn login_blocked_until(
        &self,
        email: &str,
        ip: Option<&str>,
        now: i64,
        throttle: &LoginThrottle,
    ) -> Result<Option<i64>>;
    /// Forgets the failures of an e-mail address, after a successful login.
    async fn clear_login_failures(&self, email: &str) -> Result<()>;

    /// An API token by id, revoked or not (to check whose it is).
    async fn get_api_token(&self, id: i64) -> Result<ApiToken>;

    /// Changes a user's role, audited as `user.role`; refuses to leave an
    /// organization without an admin.
    async fn set_user_role(&self, actor: &str, user: i64, role: UserRole) -> Result<User>;
    /// Replaces a user's password hash and ends their sessions, audited.
    async fn set_password_hash(&self, actor: &str, user: i64, hash: &str) -> Result<()>;
}
