//! The JSON API of the raci service, under `/api/v1`: thin handlers over
//! the application layer ([`raci_app::App`]) — each extracts its input,
//! calls one use case and serializes its typed answer — and the OpenAPI
//! document that describes them, served at `/api/v1/openapi.json`.
//!
//! Every route but `health`, `openapi.json`, `login` and the instance's
//! public key needs an API token (`Authorization: Bearer …`) or the session
//! cookie `login` sets; writes by cookie must also prove they are
//! same-origin (see [`extract::Authed`]).

mod error;
pub mod extract;
mod handlers;
mod openapi;

use axum::{extract::DefaultBodyLimit, extract::FromRef, Router};
use raci_app::App;

pub use error::{status_of, ApiError, ApiResult};
pub use extract::SESSION_COOKIE;
pub use handlers::duties::download as evidence_download;
pub use openapi::{document as openapi_document, ApiDoc};
pub use raci_app::views::{ErrorBody, ErrorDetail};

/// The largest request body accepted, in bytes (2 MiB), but for evidence
/// files, bounded by the configured evidence limit.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// What every handler shares.
#[derive(Clone)]
pub struct ApiState {
    pub app: App,
    /// Marks the session cookie `Secure`: set it when a TLS proxy fronts the server.
    pub secure_cookies: bool,
}

impl FromRef<ApiState> for App {
    fn from_ref(state: &ApiState) -> App {
        state.app.clone()
    }
}

/// Where the API is served: [`router`]'s routes are relative to it, and the
/// OpenAPI document names its paths in full.
pub const BASE_PATH: &str = "/api/v1";

/// The API's routes, to nest under [`BASE_PATH`].
pub fn router(state: ApiState) -> Router {
    let (routes, _) = handlers::api().split_for_parts();
    routes
        .fallback(handlers::not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}
