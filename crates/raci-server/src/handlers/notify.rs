//! Routes for the inbox and webhooks.
//!
//! The inbox is each user's own: another user's item answers 404. Webhooks
//! are managed by the organization's admins; a webhook's secret is shown
//! once, when it is created, and signs every delivery (see
//! [`crate::webhooks`]).

use crate::openapi::{
    BadRequest, Forbidden, JsonBodyErrors, NotFound, Unauthorized, Unprocessable,
};
use axum::{
    extract::{
        rejection::{JsonRejection, PathRejection, QueryRejection},
        Path, Query, State,
    },
    http::StatusCode,
    routing::{delete, get, post},
    Json, Router,
};
use raci_store::{Delivery, InboxItem, StoreError, Webhook};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{OpenApi, ToSchema};

use crate::{error::ApiResult, ApiError, AppState, Caller};

/// The longest webhook URL accepted, in bytes.
const URL_MAX_BYTES: usize = 2048;

/// The OpenAPI paths of this module, merged into the served document.
#[derive(OpenApi)]
#[openapi(paths(
    inbox,
    mark_read,
    create_webhook,
    list_webhooks,
    delete_webhook,
    deliveries
))]
pub struct Doc;

/// The routes of this module, relative to `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/inbox", get(inbox))
        .route("/inbox/{id}/read", post(mark_read))
        .route("/webhooks", get(list_webhooks).post(create_webhook))
        .route("/webhooks/{id}", delete(delete_webhook))
        .route("/webhooks/{id}/deliveries", get(deliveries))
}

/// Stored JSON as JSON (or as the text it is, should it not parse).
fn json_of(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))
}

/// An inbox item as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct InboxView {
    pub id: i64,
    pub kind: String,
    pub subject: String,
    pub payload: Value,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

impl From<InboxItem> for InboxView {
    fn from(i: InboxItem) -> Self {
        InboxView {
            id: i.id,
            payload: json_of(&i.payload_json),
            kind: i.kind,
            subject: i.subject,
            created_at: i.created_at,
            read_at: i.read_at,
        }
    }
}

/// Which inbox items to list.
#[derive(Debug, Deserialize)]
pub struct InboxFilter {
    /// Only the items not yet read.
    #[serde(default)]
    pub unread: bool,
}

/// The caller's own inbox, newest first.
#[utoipa::path(get, path = "/api/v1/inbox", params(("unread" = Option<bool>, Query)),
    responses((status = 200, description = "the caller's inbox items"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized)),
    security(("bearer" = [])))]
pub async fn inbox(
    State(state): State<AppState>,
    caller: Caller,
    filter: Result<Query<InboxFilter>, QueryRejection>,
) -> ApiResult<Json<Vec<InboxView>>> {
    let Query(filter) = filter?;
    let items = state
        .store
        .list_inbox(caller.user.id, filter.unread)
        .await?;
    Ok(Json(items.into_iter().map(InboxView::from).collect()))
}

/// Marks one of the caller's inbox items read.
#[utoipa::path(post, path = "/api/v1/inbox/{id}/read", params(("id" = i64, Path)),
    responses((status = 200, description = "the item"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound)),
    security(("bearer" = [])))]
pub async fn mark_read(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Json<InboxView>> {
    let Path(id) = id?;
    let item = state.store.mark_inbox_read(caller.user.id, id).await?;
    Ok(Json(item.into()))
}

/// A webhook as listed: never its secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookView {
    pub id: i64,
    pub url: String,
    pub active: bool,
    pub created_at: i64,
}

impl From<&Webhook> for WebhookView {
    fn from(w: &Webhook) -> Self {
        WebhookView {
            id: w.id,
            url: w.url.clone(),
            active: w.active,
            created_at: w.created_at,
        }
    }
}

/// A webhook just created, with the secret that signs its deliveries, shown once.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewWebhookView {
    #[serde(flatten)]
    pub webhook: WebhookView,
    pub secret: String,
}

/// Where to send the organization's events.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewWebhook {
    /// An `http` or `https` URL.
    pub url: String,
}

fn check_url(url: &str) -> ApiResult<()> {
    let invalid = |m: &str| Err(ApiError::invalid("url", m));
    if url.len() > URL_MAX_BYTES {
        return invalid("a webhook URL is at most 2048 bytes");
    }
    match reqwest::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Ok(()),
        Ok(_) => invalid("a webhook URL is http or https, with a host"),
        Err(e) => Err(ApiError::invalid("url", format!("not a URL: {e}"))),
    }
}

#[utoipa::path(post, path = "/api/v1/webhooks", request_body = NewWebhook,
    responses((status = 201, description = "the webhook and its secret"),
        JsonBodyErrors,
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 422, response = Unprocessable)),
    security(("bearer" = [])))]
pub async fn create_webhook(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<Json<NewWebhook>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<NewWebhookView>)> {
    caller.require_admin()?;
    let Json(body) = body?;
    let url = body.url.trim();
    check_url(url)?;
    let hook = state
        .store
        .create_webhook(&caller.actor(), caller.org.id, url)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(NewWebhookView {
            webhook: (&hook).into(),
            secret: hook.secret,
        }),
    ))
}

#[utoipa::path(get, path = "/api/v1/webhooks",
    responses((status = 200, description = "the organization's webhooks"),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden)),
    security(("bearer" = [])))]
pub async fn list_webhooks(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<WebhookView>>> {
    caller.require_admin()?;
    let hooks = state.store.list_webhooks(caller.org.id).await?;
    Ok(Json(hooks.iter().map(WebhookView::from).collect()))
}

/// A webhook of the caller's organization, or 404 (others are not disclosed).
async fn own_webhook(state: &AppState, caller: &Caller, id: i64) -> ApiResult<Webhook> {
    caller.require_admin()?;
    match state.store.get_webhook(id).await {
        Ok(hook) if hook.org == caller.org.id => Ok(hook),
        Ok(_) | Err(StoreError::NotFound { .. }) => {
            Err(ApiError::NotFound(format!("webhook {id} not found")))
        }
        Err(e) => Err(e.into()),
    }
}

/// Deletes a webhook: no more deliveries; its log stays readable.
#[utoipa::path(delete, path = "/api/v1/webhooks/{id}", params(("id" = i64, Path)),
    responses((status = 204, description = "deleted"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound)),
    security(("bearer" = [])))]
pub async fn delete_webhook(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<StatusCode> {
    let Path(id) = id?;
    own_webhook(&state, &caller, id).await?;
    state.store.delete_webhook(&caller.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One entry of a webhook's delivery log.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryView {
    pub id: i64,
    pub kind: String,
    pub subject: String,
    pub payload: Value,
    /// `pending`, `delivered` or `failed`.
    pub status: String,
    /// Failed attempts so far.
    pub attempts: i64,
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
    /// When the next attempt is due, while pending.
    pub next_attempt_at: Option<i64>,
    pub delivered_at: Option<i64>,
    pub created_at: i64,
}

impl From<Delivery> for DeliveryView {
    fn from(d: Delivery) -> Self {
        DeliveryView {
            id: d.id,
            payload: json_of(&d.payload_json),
            next_attempt_at: (d.status == "pending").then_some(d.next_attempt_at),
            kind: d.kind,
            subject: d.subject,
            status: d.status,
            attempts: d.attempts,
            last_status: d.last_status,
            last_error: d.last_error,
            delivered_at: d.delivered_at,
            created_at: d.created_at,
        }
    }
}

/// A webhook's delivery log, newest first.
#[utoipa::path(get, path = "/api/v1/webhooks/{id}/deliveries", params(("id" = i64, Path)),
    responses((status = 200, description = "the delivery log"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound)),
    security(("bearer" = [])))]
pub async fn deliveries(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Json<Vec<DeliveryView>>> {
    let Path(id) = id?;
    own_webhook(&state, &caller, id).await?;
    let log = state.store.list_deliveries(id).await?;
    Ok(Json(log.into_iter().map(DeliveryView::from).collect()))
}
