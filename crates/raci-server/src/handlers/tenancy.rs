//! Routes for export and purge of an organization, and the instance key
//! that signs destruction records. Import is an operator action on the new
//! instance (`raci admin import`), where nobody can log in yet.

use crate::openapi::{ErrorBody, JsonBodyErrors, Unauthorized};
use axum::{
    extract::{rejection::JsonRejection, State},
    http::header,
    response::{IntoResponse, Response},
    routing::{delete, get},
    Json, Router,
};
use raci_store::DestructionRecord;
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use crate::{error::ApiResult, ApiError, AppState, Caller};

/// The OpenAPI paths of this module, merged into the served document.
#[derive(OpenApi)]
#[openapi(paths(export, purge, public_key))]
pub struct Doc;

/// The routes of this module, relative to `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/organization/export", get(export))
        .route("/organization", delete(purge))
        .route("/instance/public-key", get(public_key))
}

/// Everything the caller's organization owns, as one `.tar.gz` archive
/// (`manifest.json`, `tables/*.json`, `files/<sha256>`), for import into
/// another instance. Secrets (token, session and webhook secrets) stay.
#[utoipa::path(get, path = "/api/v1/organization/export",
    responses((status = 200, description = "the archive", content_type = "application/gzip"),
        (status = 401, response = Unauthorized),
        (status = 403, description = "not an organization admin", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn export(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    caller.require_admin()?;
    let archive = state
        .store
        .export_organization(&caller.actor(), caller.org.id)
        .await?;
    let disposition = format!(
        "attachment; filename=\"raci-organization-{}.tar.gz\"",
        caller.org.id
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/gzip".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        archive,
    )
        .into_response())
}

/// The organization's name, typed again: purge cannot be undone.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PurgeRequest {
    pub confirm: String,
}

/// Deletes everything the caller's organization owns and answers the
/// destruction record, signed with the instance key. A provider whose
/// services other customers still subscribe to is refused (409).
#[utoipa::path(delete, path = "/api/v1/organization", request_body = PurgeRequest,
    responses((status = 200, description = "the signed destruction record"),
        JsonBodyErrors,
        (status = 401, response = Unauthorized),
        (status = 403, description = "not an organization admin", body = ErrorBody),
        (status = 409, description = "a provider with other customers' subscriptions", body = ErrorBody),
        (status = 422, description = "`confirm` is not the organization's name", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn purge(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<Json<PurgeRequest>, JsonRejection>,
) -> ApiResult<Json<DestructionRecord>> {
    caller.require_admin()?;
    let Json(body) = body?;
    if body.confirm != caller.org.name {
        return Err(ApiError::invalid(
            "confirm",
            "type the organization's exact name to confirm its purge",
        ));
    }
    let record = state
        .store
        .purge_organization(&caller.actor(), caller.org.id)
        .await?;
    Ok(Json(record))
}

/// The key that verifies destruction records.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicKey {
    /// Always `ed25519`.
    pub algorithm: &'static str,
    /// The 32-byte public key, hex.
    pub public_key: String,
}

/// The instance's public key, shared by every server on the database.
#[utoipa::path(get, path = "/api/v1/instance/public-key",
    responses((status = 200, description = "the key", body = PublicKey)))]
pub async fn public_key(State(state): State<AppState>) -> ApiResult<Json<PublicKey>> {
    Ok(Json(PublicKey {
        algorithm: "ed25519",
        public_key: state.store.instance_public_key().await?,
    }))
}
