//! What one client may ask of the server: requests per second per token
//! (or session) and per client address, answered 429 with `Retry-After`
//! past them (tower_governor's keyed GCRA limiters); the longest a request
//! may take to arrive and to be answered. The health check is exempt, so
//! that a load balancer's probes never count against anyone.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::http::{header, Response};
use axum::response::IntoResponse;
use axum::routing::Route;
use governor::middleware::NoOpMiddleware;
use std::convert::Infallible;
use std::task::{Context, Poll};

use tower::util::{BoxCloneSyncService, Oneshot};
use tower::{Layer, ServiceExt};
use tower_governor::governor::{GovernorConfig, GovernorConfigBuilder};
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::{GovernorError, GovernorLayer};

/// A sustained rate and the burst allowed above it; 0 per second is no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub per_second: u32,
    pub burst: u32,
}

/// The limits a running server applies to its clients.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Requests one API token or session may make (those without either
    /// count per address under this rate too).
    pub per_token: Rate,
    /// Requests one client address may make, whatever its credentials.
    pub per_address: Rate,
    /// The longest wait for a request's headers (and for the next request
    /// on an idle kept-alive connection).
    pub header_timeout: Duration,
    /// The longest wait for each piece of a request's body.
    pub body_timeout: Duration,
    /// The longest a request may take from its headers to its answer (408).
    pub request_timeout: Duration,
    /// The most connections served at once; more wait to be accepted.
    pub max_connections: usize,
}

impl Default for Limits {
    /// Generous: scripts, generated clients and the load benchmark (one
    /// address, thousands of requests per second) stay under them.
    fn default() -> Self {
        Limits {
            per_token: Rate {
                per_second: 500,
                burst: 1000,
            },
            per_address: Rate {
                per_second: 5000,
                burst: 10000,
            },
            header_timeout: Duration::from_secs(30),
            body_timeout: Duration::from_secs(30),
            request_timeout: Duration::from_secs(120),
            max_connections: 512,
        }
    }
}

/// Who a request counts against under the per-token limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Caller {
    /// A hash of its bearer token or session cookie (the secret itself is
    /// not kept).
    Credential(u64),
    /// No credentials: its address.
    Anonymous(IpAddr),
}

/// Keys requests by their credential, hashed.
#[derive(Clone)]
struct CredentialKey {
    hasher: RandomState,
}

impl KeyExtractor for CredentialKey {
    type Key = Caller;

    fn extract<T>(&self, req: &axum::http::Request<T>) -> Result<Caller, GovernorError> {
        let headers = req.headers();
        let bearer = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        let session = || {
            headers
                .get_all(header::COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(';'))
                .filter_map(|pair| pair.trim().split_once('='))
                .find(|(name, _)| *name == raci_api::SESSION_COOKIE)
                .map(|(_, value)| value)
        };
        match bearer.or_else(session) {
            Some(secret) => Ok(Caller::Credential(self.hasher.hash_one(secret))),
            None => Ok(Caller::Anonymous(peer(req))),
        }
    }
}

/// Keys requests by the client's address.
#[derive(Clone)]
struct AddressKey;

impl KeyExtractor for AddressKey {
    type Key = IpAddr;

    fn extract<T>(&self, req: &axum::http::Request<T>) -> Result<IpAddr, GovernorError> {
        Ok(peer(req))
    }
}

/// The peer's address, which the server puts on every request; a request
/// handed to the router in-process (tests) has none and counts as `0.0.0.0`.
fn peer<T>(req: &axum::http::Request<T>) -> IpAddr {
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |ConnectInfo(peer)| peer.ip())
}

/// 429 in the API's error format, `Retry-After` rounded up to a whole second.
fn too_many(error: GovernorError) -> Response<Body> {
    let retry_after = match &error {
        GovernorError::TooManyRequests { wait_time, .. } => wait_time.saturating_add(1),
        _ => 1,
    };
    let mut e = raci_app::AppError::new(
        raci_app::ErrorCode::TooManyRequests,
        "too many requests: slow down and retry after the Retry-After seconds",
    );
    e.retry_after = Some(retry_after);
    raci_api::ApiError(e).into_response()
}

fn config<K: KeyExtractor>(key: K, rate: Rate) -> Option<Arc<GovernorConfig<K, NoOpMiddleware>>> {
    if rate.per_second == 0 {
        return None;
    }
    let period = Duration::from_nanos(1_000_000_000 / u64::from(rate.per_second))
        .max(Duration::from_nanos(1));
    GovernorConfigBuilder::default()
        .key_extractor(key)
        .period(period)
        .burst_size(rate.burst.max(1))
        .finish()
        .map(Arc::new)
}

/// A route, boxed so the limited and the plain one have one type.
pub type Service = BoxCloneSyncService<Request, Response<Body>, Infallible>;

/// The rate limiters, for the router to wrap every route in but health;
/// [`RateLimits::forget_idle`] keeps their memory to the recent callers.
#[derive(Clone)]
pub struct RateLimits {
    per_token: Option<Arc<GovernorConfig<CredentialKey, NoOpMiddleware>>>,
    per_address: Option<Arc<GovernorConfig<AddressKey, NoOpMiddleware>>>,
}

impl RateLimits {
    pub fn new(limits: &Limits) -> Self {
        RateLimits {
            per_token: config(
                CredentialKey {
                    hasher: RandomState::new(),
                },
                limits.per_token,
            ),
            per_address: config(AddressKey, limits.per_address),
        }
    }

    /// Drops the state of callers whose quota is whole again.
    pub fn forget_idle(&self) {
        if let Some(c) = &self.per_token {
            c.limiter().retain_recent();
        }
        if let Some(c) = &self.per_address {
            c.limiter().retain_recent();
        }
    }

    /// The layer that puts every route but [`EXEMPT`] behind the limiters.
    pub fn layer(&self) -> impl Layer<Route, Service = Limited> + Clone {
        let limits = self.clone();
        tower::layer::layer_fn(move |inner: Route| {
            let plain: Service = BoxCloneSyncService::new(inner);
            let mut limited = plain.clone();
            if let Some(c) = &limits.per_token {
                let layer = GovernorLayer::new(c.clone()).error_handler(too_many);
                limited = BoxCloneSyncService::new(layer.layer(limited));
            }
            // Outermost: a flood from one address is turned away before
            // its tokens are even looked at.
            if let Some(c) = &limits.per_address {
                let layer = GovernorLayer::new(c.clone()).error_handler(too_many);
                limited = BoxCloneSyncService::new(layer.layer(limited));
            }
            Limited { plain, limited }
        })
    }
}

/// A route behind the limiters, but for [`EXEMPT`].
#[derive(Clone)]
pub struct Limited {
    plain: Service,
    limited: Service,
}

impl tower::Service<Request> for Limited {
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = Oneshot<Service, Request>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        // Each call readies the clone it uses.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let route = if request.uri().path() == EXEMPT {
            self.plain.clone()
        } else {
            self.limited.clone()
        };
        route.oneshot(request)
    }
}

/// The path no limit applies to: the health check.
pub const EXEMPT: &str = "/api/v1/health";
