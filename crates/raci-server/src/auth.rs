//! Who is calling: the user and organization behind a bearer token or a
//! login session cookie, and the password hashing that login relies on.

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use axum::{
    extract::FromRequestParts,
    http::{header, request::Parts, Method},
};
use raci_store::{OrgKind, Organization, StoreError, User, UserRole};

use crate::{ApiError, AppState};

/// The cookie that carries a login session's secret.
pub const SESSION_COOKIE: &str = "raci_session";

/// The authenticated caller of a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: User,
    pub org: Organization,
    /// The login session, when the request came with the session cookie
    /// rather than a bearer token.
    pub session: Option<i64>,
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
        if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
            let secret = value
                .to_str()
                .ok()
                .and_then(|h| h.strip_prefix("Bearer "))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .ok_or(ApiError::Unauthorized)?;
            let user = state
                .store
                .authenticate_token(secret)
                .await
                .map_err(unauthorized)?;
            let org = state.store.get_organization(user.org).await?;
            return Ok(Caller {
                user,
                org,
                session: None,
            });
        }
        let secret = session_cookie(parts).ok_or(ApiError::Unauthorized)?;
        let (user, session) = state
            .store
            .authenticate_session(&secret)
            .await
            .map_err(unauthorized)?;
        if !safe_method(&parts.method) && !same_origin_request(parts) {
            return Err(ApiError::forbidden(
                "a request authenticated by cookie that changes data needs the \
                 X-Requested-With header or an Origin matching the Host",
            ));
        }
        let org = state.store.get_organization(user.org).await?;
        Ok(Caller {
            user,
            org,
            session: Some(session.id),
        })
    }
}

/// An unknown, revoked or expired credential is a 401; a database fault stays a 500.
fn unauthorized(e: StoreError) -> ApiError {
    match e {
        StoreError::Database(_) => e.into(),
        _ => ApiError::Unauthorized,
    }
}

fn safe_method(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The session secret of the request's `Cookie` headers, if any.
pub(crate) fn session_cookie(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// CSRF defence for cookie-authenticated writes: a cross-site form cannot
/// set `X-Requested-With`, and a browser's `Origin` names the page's site.
fn same_origin_request(parts: &Parts) -> bool {
    let has = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| !v.trim().is_empty())
    };
    if has("x-requested-with") {
        return true;
    }
    let origin = parts
        .headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok());
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok());
    match (origin, host) {
        (Some(origin), Some(host)) => origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"))
            .is_some_and(|authority| authority.eq_ignore_ascii_case(host.trim())),
        _ => false,
    }
}

/// An argon2id PHC string (default parameters, random salt) for a password.
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Whether a password matches a PHC string; a malformed string matches nothing.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}
