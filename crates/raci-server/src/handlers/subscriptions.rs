//! `/api/v1/subscriptions`: a customer's subscriptions and their duties.

use crate::openapi::{BadRequest, Conflict, Forbidden, JsonBodyErrors, NotFound, Unauthorized};
use axum::{
    extract::{
        rejection::{JsonRejection, PathRejection},
        Path, State,
    },
    http::StatusCode,
    Json,
};
use raci_store::{Duty, OrgKind, Subscription};
use serde::Deserialize;
use utoipa::ToSchema;

use super::visible_subscription;
use crate::{error::ApiResult, AppState, Caller};

/// A subscription of the caller's customer organization.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewSubscription {
    /// The id of the service to subscribe to (its latest edition).
    pub service: i64,
}

#[utoipa::path(post, path = "/api/v1/subscriptions", request_body = NewSubscription,
    responses((status = 201, description = "the subscription, with one duty per activity"),
        JsonBodyErrors,
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<Json<NewSubscription>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Subscription>)> {
    caller.require_kind(OrgKind::Customer)?;
    caller.require_writer()?;
    let Json(body) = body?;
    let subscription = state
        .store
        .subscribe(&caller.actor(), caller.org.id, body.service)
        .await?;
    Ok((StatusCode::CREATED, Json(subscription)))
}

/// A customer's own subscriptions; for a provider, the subscriptions to its services.
#[utoipa::path(get, path = "/api/v1/subscriptions",
    responses((status = 200, description = "the subscriptions"),
        (status = 401, response = Unauthorized)), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<Subscription>>> {
    let subscriptions = match caller.org.kind {
        OrgKind::Customer => state.store.list_subscriptions(caller.org.id).await?,
        OrgKind::Provider => {
            let mut all = Vec::new();
            for service in state.store.list_services(Some(caller.org.id)).await? {
                all.extend(state.store.list_service_subscriptions(service.id).await?);
            }
            all
        }
    };
    Ok(Json(subscriptions))
}

#[utoipa::path(get, path = "/api/v1/subscriptions/{id}/duties", params(("id" = i64, Path)),
    responses((status = 200, description = "the duties"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 404, response = NotFound)),
    security(("bearer" = [])))]
pub async fn duties(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Json<Vec<Duty>>> {
    let Path(id) = id?;
    let subscription = visible_subscription(&state, &caller, id).await?;
    Ok(Json(state.store.list_duties(subscription.id).await?))
}
