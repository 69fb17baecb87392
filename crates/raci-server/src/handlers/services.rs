//! `/api/v1/services`: a provider's catalog.

use crate::openapi::{Conflict, Forbidden, JsonBodyErrors, Unauthorized, Unprocessable};
use axum::{
    extract::{rejection::JsonRejection, State},
    http::StatusCode,
    Json,
};
use raci_store::{OrgKind, Service};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::{error::ApiResult, ApiError, AppState, Caller};

/// A new service of the caller's provider organization.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewService {
    /// Lowercase letters, digits and `-`, unique per provider.
    pub slug: String,
    pub name: String,
}

#[utoipa::path(post, path = "/api/v1/services", request_body = NewService,
    responses((status = 201, description = "the service"),
        JsonBodyErrors,
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 409, response = Conflict),
        (status = 422, response = Unprocessable)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<Json<NewService>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Service>)> {
    caller.require_kind(OrgKind::Provider)?;
    caller.require_admin()?;
    let Json(body) = body?;
    let slug = body.slug.trim();
    if slug.is_empty()
        || slug.len() > 100
        || !slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(ApiError::invalid(
            "slug",
            "a slug is 1 to 100 lowercase letters, digits or '-'",
        ));
    }
    let name = body.name.trim();
    if name.is_empty() || name.len() > 200 {
        return Err(ApiError::invalid("name", "a name is 1 to 200 characters"));
    }
    let service = state
        .store
        .create_service(&caller.actor(), caller.org.id, slug, name)
        .await?;
    Ok((StatusCode::CREATED, Json(service)))
}

/// A provider sees its own services; a customer sees the whole catalog.
#[utoipa::path(get, path = "/api/v1/services",
    responses((status = 200, description = "the services"),
        (status = 401, response = Unauthorized)), security(("bearer" = [])))]
pub async fn list(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Vec<Service>>> {
    let provider = match caller.org.kind {
        OrgKind::Provider => Some(caller.org.id),
        OrgKind::Customer => None,
    };
    Ok(Json(state.store.list_services(provider).await?))
}
