//! Who is calling: the authenticated user and their organization. The HTTP
//! layers find it (from a bearer token or a session cookie) with
//! [`crate::App::authenticate_token`] and [`crate::App::authenticate_session`].

use raci_store::{Organization, User, UserRole};

/// The authenticated caller of a use case.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: User,
    pub org: Organization,
    /// The login session, when the caller came with a session cookie.
    pub session: Option<i64>,
    /// The API token, when the caller came with a bearer token.
    pub token: Option<i64>,
}

impl Caller {
    /// How the audit log names this caller.
    pub fn actor(&self) -> String {
        format!("user:{}", self.user.id)
    }

    pub fn is_admin(&self) -> bool {
        self.user.role == UserRole::Admin
    }

    pub fn is_auditor(&self) -> bool {
        self.user.role == UserRole::Auditor
    }
}
