//! The raci service: a JSON API under `/api/v1` over a [`raci_store::Store`].
//!
//! A provider publishes responsibility matrices as editions of its services;
//! a customer subscribes to a service, which turns the latest edition into
//! one duty per activity, and moves those duties through their states.
//! Every route but `/api/v1/health` and `/api/v1/openapi.json` needs an API
//! token (`Authorization: Bearer …`), and every handler checks that the
//! caller's organization owns (or may see) the data it asks for.
//! TLS is left to a reverse proxy in front of the server.

mod auth;
mod error;
mod handlers;
mod openapi;

use std::{future::Future, sync::Arc};

use axum::{
    extract::DefaultBodyLimit,
    routing::{get, post},
    Router,
};
use raci_store::Store;

pub use auth::Caller;
pub use error::ApiError;
pub use openapi::{document as openapi_document, ApiDoc};

/// The largest request body accepted, in bytes (2 MiB).
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub config: Arc<ServerConfig>,
}

impl AppState {
    /// A state over a store with the default configuration.
    pub fn new(store: Arc<dyn Store>) -> Self {
        AppState {
            store,
            config: Arc::new(ServerConfig::default()),
        }
    }

    pub fn with_config(store: Arc<dyn Store>, config: ServerConfig) -> Self {
        AppState {
            store,
            config: Arc::new(config),
        }
    }
}

/// Settings of a running server; each area adds its own.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The largest evidence file accepted, in bytes.
    pub evidence_limit: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            evidence_limit: 1024 * 1024,
        }
    }
}

/// The whole API, nested under `/api/v1`.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/health", get(handlers::health::health))
        .route("/openapi.json", get(openapi::openapi_json))
        .route(
            "/services",
            post(handlers::services::create).get(handlers::services::list),
        )
        .route(
            "/services/{id}/editions",
            post(handlers::editions::publish).get(handlers::editions::list),
        )
        .route(
            "/subscriptions",
            post(handlers::subscriptions::create).get(handlers::subscriptions::list),
        )
        .route(
            "/subscriptions/{id}/duties",
            get(handlers::subscriptions::duties),
        )
        .route(
            "/duties/{id}/transition",
            post(handlers::duties::transition),
        )
        .merge(handlers::workflow::routes())
        .merge(handlers::changes::routes())
        .merge(handlers::notify::routes())
        .merge(handlers::accounts::routes())
        .merge(handlers::tenancy::routes())
        .fallback(handlers::not_found);
    Router::new()
        .nest("/api/v1", api)
        .fallback(handlers::not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}

/// Serves the API on a bound listener until `shutdown` completes, then lets
/// the requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
