//! The service itself: health and this document.

use axum::{extract::State, Json};
use raci_app::views::HealthView;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(health))
        .routes(routes!(openapi_json))
}

/// Whether the service answers, and on which store.
#[utoipa::path(get, path = "/health", operation_id = "getHealth", tag = "service",
    responses((status = 200, body = HealthView, description = "the service is up")))]
pub async fn health(State(state): State<ApiState>) -> Json<HealthView> {
    Json(HealthView {
        status: "ok".to_owned(),
        store: state.app.backend().to_owned(),
    })
}

/// This document.
#[utoipa::path(get, path = "/openapi.json", operation_id = "getOpenApi", tag = "service",
    responses((status = 200, body = Object, description = "the OpenAPI 3.1 document of this API")))]
pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(crate::openapi_document())
}
