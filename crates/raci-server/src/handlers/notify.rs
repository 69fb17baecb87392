//! Routes for the inbox and webhooks.

use axum::Router;
use utoipa::OpenApi;

use crate::AppState;

/// The OpenAPI paths of this module, merged into the served document.
#[derive(OpenApi)]
#[openapi()]
pub struct Doc;

/// The routes of this module, relative to `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new()
}
