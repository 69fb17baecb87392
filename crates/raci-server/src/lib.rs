//! `raci serve`: the raci service over HTTP. One router holds the JSON API
//! under `/api/v1` (raci-api) and the web pages at `/` (raci-web), both over
//! the application layer (raci-app); the server adds the access log and the background work every instance runs:
//! webhook delivery ([`webhooks`]), mail over SMTP ([`mail`]) when a
//! sender is given, and the reopening of recurring duties.
//! TLS is left to a reverse proxy in front of the server.

pub mod limits;
mod listen;
pub mod mail;
pub mod webhooks;

use std::{future::Future, sync::Arc, time::Duration};

use axum::http::StatusCode;
use axum::Router;
use raci_app::App;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};

pub use limits::{Limits, Rate};

/// Settings of a running server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Marks the session cookie `Secure`: set it when a TLS proxy fronts the server.
    pub secure_cookies: bool,
    /// How often done recurring duties that are due again are reopened.
    pub reopen_interval: Duration,
    /// How often the webhook worker looks for due deliveries.
    pub webhook_interval: Duration,
    /// Rates, timeouts and the connection cap.
    pub limits: Limits,
    /// Who sends the mails, and how often a round looks for due ones; none:
    /// this server sends no mail (the outbox keeps them for one that does).
    pub mail: Option<Mailer>,
}

/// The mail worker of a server: its sender and its rhythm.
#[derive(Clone)]
pub struct Mailer {
    pub sender: Arc<dyn raci_app::MailSender>,
    pub every: Duration,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("every", &self.every)
            .finish()
    }
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            secure_cookies: false,
            reopen_interval: Duration::from_secs(60),
            webhook_interval: Duration::from_secs(1),
            limits: Limits::default(),
            mail: None,
        }
    }
}

/// The whole service's routes: the API under `/api/v1`, the web pages
/// (and their 404 page) everywhere else.
pub fn router(app: App, config: &ServerConfig) -> Router {
    router_limited(app, config, &limits::RateLimits::new(&config.limits))
}

/// The whole service's routes behind the rate limiters `rates`.
fn router_limited(app: App, config: &ServerConfig, rates: &limits::RateLimits) -> Router {
    let api = raci_api::router(raci_api::ApiState {
        app: app.clone(),
        secure_cookies: config.secure_cookies,
    });
    let web = raci_web::router(raci_web::WebState {
        app,
        secure_cookies: config.secure_cookies,
    });
    Router::new()
        .nest("/api/v1", api)
        .merge(web)
        .layer(rates.layer())
        .layer(RequestBodyTimeoutLayer::new(config.limits.body_timeout))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.limits.request_timeout,
        ))
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
}

/// Serves on a bound listener until `shutdown` completes, then lets the
/// requests in flight finish; the background work runs as long.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: App,
    config: ServerConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let sender: Arc<dyn raci_app::WebhookSender> = Arc::new(webhooks::HttpSender::new());
    let worker = tokio::spawn(webhooks::run(app.clone(), sender, config.webhook_interval));
    let reopener = tokio::spawn(reopen_loop(app.clone(), config.reopen_interval));
    let mailer = config
        .mail
        .clone()
        .map(|m| tokio::spawn(mail::run(app.clone(), m.sender, m.every)));
    let rates = limits::RateLimits::new(&config.limits);
    let forgetter = tokio::spawn(forget_loop(rates.clone()));
    let router = router_limited(app, &config, &rates);
    let served = listen::serve(listener, router, &config.limits, shutdown).await;
    worker.abort();
    reopener.abort();
    forgetter.abort();
    if let Some(mailer) = mailer {
        mailer.abort();
    }
    served
}

/// Keeps the rate limiters' memory to the callers seen lately.
async fn forget_loop(rates: limits::RateLimits) {
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    loop {
        tick.tick().await;
        rates.forget_idle();
    }
}

/// Reopens due recurring duties, round after round.
async fn reopen_loop(app: App, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match app.reopen_due(raci_store::now_ms()).await {
            Ok(reopened) if !reopened.is_empty() => {
                tracing::info!(count = reopened.len(), "recurring duties reopened");
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "reopening recurring duties failed"),
        }
    }
}
