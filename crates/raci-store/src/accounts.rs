//! Organizations, users, API tokens, login sessions, failed logins and teams.
//!
//! Secrets (tokens, sessions) are random, shown once to the caller, and kept
//! only as their sha256. Passwords are hashed by the caller (argon2); the
//! store keeps the PHC string. Failed logins are rows, so that every server
//! sharing the database throttles alike.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::{ApiToken, IssuedToken, NewUser, OrgKind, Organization, Result, User, UserRole};

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

/// A named group of users of one organization, mappable as an owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Team {
    pub id: i64,
    pub org: i64,
    pub name: String,
    /// User ids of the members, ascending.
    pub members: Vec<i64>,
}

/// What failed logins are counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKey<'a> {
    /// An e-mail address (compared in lower case).
    Email(&'a str),
    /// A client's IP address.
    Ip(&'a str),
}

#[async_trait]
pub trait AccountReads: Send {
    async fn organization(&mut self, id: i64) -> Result<Organization>;
    async fn organizations(&mut self) -> Result<Vec<Organization>>;
    async fn user(&mut self, id: i64) -> Result<User>;
    async fn user_by_email(&mut self, email: &str) -> Result<User>;
    async fn users(&mut self, org: i64) -> Result<Vec<User>>;
    /// The live (unrevoked, unexpired at `now`) token a secret is, and its user.
    async fn user_by_token(&mut self, secret: &str, now: i64) -> Result<(User, ApiToken)>;
    async fn api_token(&mut self, id: i64) -> Result<ApiToken>;
    async fn api_tokens(&mut self, user: i64) -> Result<Vec<ApiToken>>;
    /// The live session a secret is, and its user.
    async fn user_by_session(&mut self, secret: &str, now: i64) -> Result<(User, Session)>;
    /// The time of the `n`-th most recent failed login (1-based) at or after
    /// `since`, when there are that many: the one whose leaving the window
    /// lifts a block.
    async fn nth_login_failure(
        &mut self,
        key: FailureKey<'_>,
        since: i64,
        n: i64,
    ) -> Result<Option<i64>>;
    async fn team(&mut self, id: i64) -> Result<Team>;
    async fn teams(&mut self, org: i64) -> Result<Vec<Team>>;
    /// The teams a user belongs to, ascending.
    async fn teams_of(&mut self, user: i64) -> Result<Vec<i64>>;
}

#[async_trait]
pub trait AccountWrites: Send {
    async fn create_organization(&mut self, name: &str, kind: OrgKind) -> Result<Organization>;
    async fn create_user(&mut self, user: &NewUser) -> Result<User>;
    async fn set_user_role(&mut self, user: i64, role: UserRole) -> Result<User>;
    /// Replaces a user's password hash and ends every session of theirs.
    async fn set_password_hash(&mut self, user: i64, hash: &str, now: i64) -> Result<()>;
    async fn create_api_token(&mut self, user: i64, expires_at: Option<i64>)
        -> Result<IssuedToken>;
    /// Revokes a live token; one already revoked is a conflict.
    async fn revoke_api_token(&mut self, id: i64, now: i64) -> Result<ApiToken>;
    async fn create_session(&mut self, user: i64, expires_at: i64) -> Result<IssuedSession>;
    /// Ends a live session; an ended one is not found.
    async fn revoke_session(&mut self, id: i64, now: i64) -> Result<Session>;
    /// Records a failed login, and forgets failures older than a day.
    async fn record_login_failure(&mut self, email: &str, ip: Option<&str>, now: i64)
        -> Result<()>;
    async fn clear_login_failures(&mut self, email: &str) -> Result<()>;
    async fn create_team(&mut self, org: i64, name: &str) -> Result<Team>;
    async fn add_team_member(&mut self, team: i64, user: i64) -> Result<Team>;
    /// Removes a member; one who was not a member is not found.
    async fn remove_team_member(&mut self, team: i64, user: i64) -> Result<Team>;
}
