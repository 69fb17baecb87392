//! Who is calling: the user and organization behind a bearer token.

use axum::{extract::FromRequestParts, http::request::Parts};
use raci_store::{OrgKind, Organization, StoreError, User, UserRole};

use crate::{ApiError, AppState};

/// The authenticated caller of a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: User,
    pub org: Organization,
}

impl Caller {
    /// How the audit log names this caller.
    pub fn actor(&self) -> String {
        format!("user:{}", self.user.id)
    }

    pub fn require_kind(&self, kind: OrgKind) -> Result<(), ApiError> {
        if self.org.kind == kind {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!(
                "only a {kind} organization may do this"
            )))
        }
    }

    pub fn require_admin(&self) -> Result<(), ApiError> {
        if self.user.role == UserRole::Admin {
            Ok(())
        } else {
            Err(ApiError::forbidden("an organization admin is required"))
        }
    }

    /// Admins and members may change data; auditors only read.
    pub fn require_writer(&self) -> Result<(), ApiError> {
        if self.user.role == UserRole::Auditor {
            Err(ApiError::forbidden("auditors have read-only access"))
        } else {
            Ok(())
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or(ApiError::Unauthorized)?;
        let secret = header
            .strip_prefix("Bearer ")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or(ApiError::Unauthorized)?;
        let user = match state.store.authenticate_token(secret).await {
            Ok(user) => user,
            Err(StoreError::Database(e)) => return Err(StoreError::Database(e).into()),
            Err(_) => return Err(ApiError::Unauthorized),
        };
        let org = state.store.get_organization(user.org).await?;
        Ok(Caller { user, org })
    }
}
