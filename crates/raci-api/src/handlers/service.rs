//! The service itself: health and this document.

use axum::{extract::State, routing::get, Json, Router};
use raci_app::views::HealthView;
use utoipa::OpenApi;

use crate::ApiState;

#[derive(OpenApi)]
#[openapi(paths(health, openapi_json))]
pub struct Doc;

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/health", get(health))
        .route("/openapi.json", get(openapi_json))
}

/// Whether the service answers, and on which store.
#[utoipa::path(get, path = "/api/v1/health", operation_id = "getHealth", tag = "service",
    responses((status = 200, body = HealthView, description = "the service is up")))]
pub async fn health(State(state): State<ApiState>) -> Json<HealthView> {
    Json(HealthView {
        status: "ok".to_owned(),
        store: state.app.backend().to_owned(),
    })
}

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", operation_id = "getOpenApi", tag = "service",
    responses((status = 200, body = Object, description = "the OpenAPI 3.1 document of this API")))]
pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(crate::openapi_document())
}
