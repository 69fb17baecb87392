use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{ErrorCode, LintFinding};

/// The body of every error answer of the JSON API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// What went wrong: a code to branch on, a message to read, the field at fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ErrorDetail {
    pub code: ErrorCode,
    pub message: String,
    /// The input field at fault (a dotted path into the body, a query or
    /// path parameter), when there is one.
    pub field: Option<String>,
    /// For `lint_errors`: the findings that refused the matrix.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<LintFinding>,
}
