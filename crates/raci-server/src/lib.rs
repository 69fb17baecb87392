//! The raci service: a JSON API under `/api/v1` over a [`raci_store::Store`].
//!
//! A provider publishes responsibility matrices as editions of its services;
//! a customer subscribes to a service, which turns the latest edition into
//! one duty per activity, and moves those duties through their states.
//! Every route but `/api/v1/health`, `/api/v1/openapi.json` and
//! `/api/v1/login` needs an API token (`Authorization: Bearer …`) or the
//! session cookie `POST /api/v1/login` sets (writes by cookie must also prove
//! they are same-origin: see [`Caller`]), and every handler checks that the
//! caller's organization owns (or may see) the data it asks for. A worker
//! ([`webhooks`]) sends the organizations' webhook deliveries.
//! TLS is left to a reverse proxy in front of the server.

mod auth;
mod error;
mod handlers;
mod openapi;
pub mod webhooks;

use std::{future::Future, sync::Arc};

use axum::{
    extract::DefaultBodyLimit,
    routing::{get, post},
    Router,
};
use raci_store::Store;

pub use auth::{hash_password, verify_password, Caller};
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
    /// How often done recurring duties that are due again are reopened.
    pub reopen_interval: std::time::Duration,
    /// Marks the session cookie `Secure`: set it when a TLS proxy fronts the server.
    pub secure_cookies: bool,
    /// How many failed logins are tolerated per e-mail and per IP address.
    pub login_throttle: raci_store::LoginThrottle,
    /// How often the webhook worker looks for due deliveries.
    pub webhook_interval: std::time::Duration,
    /// The back-off and the maximum attempts of webhook deliveries.
    pub webhook_retry: raci_store::RetryPolicy,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            evidence_limit: 1024 * 1024,
            reopen_interval: std::time::Duration::from_secs(60),
            secure_cookies: false,
            login_throttle: raci_store::LoginThrottle::default(),
            webhook_interval: std::time::Duration::from_secs(1),
            webhook_retry: raci_store::RetryPolicy::default(),
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
        // One line per request (method, path, status, latency) at INFO: the
        // operator's access log; bodies and headers (tokens) stay out of it.
        .layer(
            tower_http::trace::TraceLayer::new_for_http()
                .make_span_with(
                    tower_http::trace::DefaultMakeSpan::new().level(tracing::Level::INFO),
                )
                .on_response(
                    tower_http::trace::DefaultOnResponse::new().level(tracing::Level::INFO),
                ),
        )
        .with_state(state)
}

/// Serves the API on a bound listener until `shutdown` completes, then lets
/// the requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The webhook worker lives as long as the server; the socket's peer
    // address reaches the handlers for per-IP login throttling.
    let worker = tokio::spawn(webhooks::Worker::new(state.clone()).run());
    let reopener = tokio::spawn(handlers::workflow::reopen_loop(state.clone()));
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await;
    worker.abort();
    reopener.abort();
    served
}
