use raci_store::{ApiToken, Organization, Team, User, UserRole};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An organization named where another resource points at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct OrgRef {
    pub id: i64,
    pub name: String,
}

impl From<&Organization> for OrgRef {
    fn from(o: &Organization) -> Self {
        OrgRef {
            id: o.id,
            name: o.name.clone(),
        }
    }
}

/// A user of an organization (never their password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UserView {
    pub id: i64,
    pub org: i64,
    pub email: String,
    pub name: String,
    pub role: UserRole,
    /// Whether the user can log in with a password (else by token only).
    pub has_password: bool,
    pub created_at: i64,
}

impl From<User> for UserView {
    fn from(u: User) -> Self {
        UserView {
            has_password: u.password_hash.is_some(),
            id: u.id,
            org: u.org,
            email: u.email,
            name: u.name,
            role: u.role,
            created_at: u.created_at,
        }
    }
}

/// The caller: who they are, in which organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MeView {
    pub user: UserView,
    pub organization: OrganizationView,
    /// The teams the user belongs to.
    pub teams: Vec<i64>,
}

/// A login: the user, and when the session ends (its cookie is set apart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LoginView {
    pub user: UserView,
    pub expires_at: i64,
}

/// A token just issued, with its secret shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct IssuedTokenView {
    pub token: TokenView,
    /// Send it as `Authorization: Bearer <secret>`; it is not shown again.
    pub secret: String,
}

/// An organization, provider or customer.
pub type OrganizationView = Organization;

/// An API token as listed: never its secret nor its hash.
pub type TokenView = ApiToken;

/// A team of an organization: its members' user ids, ascending.
pub type TeamView = Team;
