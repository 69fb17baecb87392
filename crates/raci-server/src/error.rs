//! The one error type of the API and its JSON form:
//! `{"error": {"code", "message", "field"}}`.

use axum::{
    extract::rejection::{BytesRejection, JsonRejection, PathRejection, QueryRejection},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use raci_store::StoreError;
use serde_json::{json, Value};

/// Everything a handler can answer with instead of its result.
#[derive(Debug)]
pub enum ApiError {
    /// No token, or one that is unknown, revoked or expired.
    Unauthorized,
    /// The caller is known but may not do this.
    Forbidden(String),
    NotFound(String),
    Conflict(String),
    /// The input cannot be accepted; `field` names the culprit when known.
    Invalid {
        field: Option<String>,
        message: String,
        details: Option<Value>,
    },
    /// A request the HTTP layer refused (malformed JSON, too large…).
    Rejected {
        status: StatusCode,
        message: String,
    },
    /// A fault of ours: logged, answered without detail.
    Internal(String),
}

impl ApiError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        ApiError::Invalid {
            field: Some(field.to_owned()),
            message: message.into(),
            details: None,
        }
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        ApiError::Forbidden(message.into())
    }

    /// The status this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Rejected { status, .. } => *status,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ApiError::Unauthorized => "unauthorized",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::NotFound(_) => "not_found",
            ApiError::Conflict(_) => "conflict",
            ApiError::Invalid { .. } => "invalid_input",
            ApiError::Rejected { .. } => "bad_request",
            ApiError::Internal(_) => "internal",
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { .. } => ApiError::NotFound(e.to_string()),
            StoreError::Conflict(_) => ApiError::Conflict(e.to_string()),
            StoreError::Forbidden(m) => ApiError::Forbidden(m),
            StoreError::InvalidTransition { .. } => ApiError::invalid("to", e.to_string()),
            StoreError::InvalidInput(m) => ApiError::Invalid {
                field: None,
                message: m,
                details: None,
            },
            StoreError::BrokenLink { .. } | StoreError::Database(_) => {
                ApiError::Internal(e.to_string())
            }
        }
    }
}

macro_rules! from_rejection {
    ($($t:ty),+) => {$(
        impl From<$t> for ApiError {
            fn from(r: $t) -> Self {
                let status = r.status();
                let message = r.body_text();
                if status == StatusCode::UNPROCESSABLE_ENTITY {
                    ApiError::Invalid { field: None, message, details: None }
                } else {
                    ApiError::Rejected { status, message }
                }
            }
        }
    )+};
}
from_rejection!(JsonRejection, QueryRejection, PathRejection, BytesRejection);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let code = self.code();
        let (message, field, details) = match self {
            ApiError::Unauthorized => ("a valid API token is required".to_owned(), None, None),
            ApiError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                ("internal error".to_owned(), None, None)
            }
            ApiError::Invalid {
                field,
                message,
                details,
            } => (message, field, details),
            ApiError::Forbidden(m)
            | ApiError::NotFound(m)
            | ApiError::Conflict(m)
            | ApiError::Rejected { message: m, .. } => (m, None, None),
        };
        let mut error = json!({"code": code, "message": message, "field": field});
        if let Some(details) = details {
            error["details"] = details;
        }
        let mut response = (status, Json(json!({ "error": error }))).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

/// What handlers return.
pub type ApiResult<T> = Result<T, ApiError>;
