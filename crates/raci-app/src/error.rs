//! The one error of every use case: a code a program can branch on, a
//! message a person can read, and the input field at fault when there is one.

use raci_store::StoreError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What went wrong, as a client branches on it. Each code has one HTTP
/// status (see the JSON API).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request could not be read: malformed JSON, path or query (400).
    BadRequest,
    /// No valid token or session (401).
    Unauthorized,
    /// The caller is known but may not do this (403).
    Forbidden,
    /// No such resource, or one the caller may not see (404).
    NotFound,
    /// The resource's state, or another one, conflicts with the request (409).
    Conflict,
    /// The request body is over a size limit (413).
    TooLarge,
    /// The request body is not of a media type the operation reads (415).
    UnsupportedMediaType,
    /// A value the caller gave cannot be accepted; `field` names it (422).
    InvalidInput,
    /// A matrix refused for its error-level lint findings, listed in `findings` (422).
    LintErrors,
    /// Too many attempts; retry after the `Retry-After` seconds (429).
    TooManyRequests,
    /// A fault of the service, logged on its side (500).
    Internal,
    /// The database is busy or restarting; nothing was done: retry after
    /// the `Retry-After` seconds (503).
    Unavailable,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::LintErrors => "lint_errors",
            ErrorCode::TooManyRequests => "too_many_requests",
            ErrorCode::Internal => "internal",
            ErrorCode::Unavailable => "unavailable",
        }
    }
}

/// One error-level lint finding that refused a publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LintFinding {
    /// The rule's code, e.g. `RACI001`.
    pub code: String,
    /// The rule's name, e.g. `missing-accountable`.
    pub name: String,
    pub message: String,
    pub line: u32,
    /// The id of the activity the finding is about, when it is about one.
    pub activity: Option<String>,
}

/// A use case's refusal or failure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    /// The input field at fault, when known.
    pub field: Option<String>,
    /// For `lint_errors`: what refused the matrix.
    pub findings: Vec<LintFinding>,
    /// For `too_many_requests`: seconds to wait.
    pub retry_after: Option<u64>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError {
            code,
            message: message.into(),
            field: None,
            findings: Vec::new(),
            retry_after: None,
        }
    }

    /// An input value refused, naming its field.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        AppError {
            field: Some(field.to_owned()),
            ..AppError::new(ErrorCode::InvalidInput, message)
        }
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        AppError::new(ErrorCode::Forbidden, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        AppError::new(ErrorCode::NotFound, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        AppError::new(ErrorCode::Conflict, message)
    }

    pub fn unauthorized() -> Self {
        AppError::new(
            ErrorCode::Unauthorized,
            "a valid API token or session is required",
        )
    }

    pub fn too_large(field: &str, message: impl Into<String>) -> Self {
        AppError {
            field: Some(field.to_owned()),
            ..AppError::new(ErrorCode::TooLarge, message)
        }
    }

    /// A fault of ours: the detail is logged, never shown.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(%detail, "internal error");
        AppError::new(ErrorCode::Internal, "internal error")
    }

    pub fn with_field(mut self, field: &str) -> Self {
        self.field = Some(field.to_owned());
        self
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { .. } => AppError::not_found(e.to_string()),
            StoreError::Taken { field, .. } => AppError::conflict(e.to_string()).with_field(field),
            StoreError::Conflict(m) => AppError::conflict(m),
            StoreError::Unusable(m) => AppError::invalid("archive", m),
            StoreError::Corrupt { .. }
            | StoreError::BrokenLink { .. }
            | StoreError::Randomness(_)
            | StoreError::Schema(_)
            | StoreError::Database(_) => AppError::internal(e),
            StoreError::DiskFull(_) => {
                tracing::error!(error = %e, "the database's disk is full; answered 503");
                AppError::unavailable(
                    "the server's disk is full; nothing was done: retry once space has been freed",
                    30,
                )
            }
            StoreError::Unreachable => AppError::unavailable(
                "the database cannot be reached; nothing was done: retry in a moment",
                1,
            ),
            StoreError::Transient(_) => {
                tracing::warn!(error = %e, "the database is busy; answered 503");
                AppError::unavailable(
                    "the database is busy; nothing was done: retry in a moment",
                    1,
                )
            }
        }
    }
}

impl AppError {
    /// A 503: nothing was done, try again after `retry_after` seconds.
    fn unavailable(message: &str, retry_after: u64) -> Self {
        let mut e = AppError::new(ErrorCode::Unavailable, message);
        e.retry_after = Some(retry_after);
        e
    }
}

/// What every use case returns.
pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialize_as_their_text() {
        for code in [
            ErrorCode::BadRequest,
            ErrorCode::TooLarge,
            ErrorCode::LintErrors,
            ErrorCode::UnsupportedMediaType,
        ] {
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::json!(code.as_str())
            );
        }
    }

    #[test]
    fn a_busy_database_is_unavailable_with_retry_after() {
        let e = AppError::from(StoreError::Transient(sqlx::Error::PoolTimedOut));
        assert_eq!((e.code, e.retry_after), (ErrorCode::Unavailable, Some(1)));
        assert_eq!(e.code.as_str(), "unavailable");
    }

    #[test]
    fn a_taken_field_is_a_conflict_naming_it() {
        let e = AppError::from(StoreError::Taken {
            entity: "user",
            field: "email",
        });
        assert_eq!(e.code, ErrorCode::Conflict);
        assert_eq!(e.field.as_deref(), Some("email"));
    }
}
