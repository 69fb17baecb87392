//! `GET /api/v1/health`: liveness, without authentication.

use axum::{extract::State, Json};
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// Always `ok`.
    pub status: &'static str,
    /// `sqlite` or `postgres`.
    pub backend: &'static str,
}

#[utoipa::path(get, path = "/api/v1/health", responses((status = 200, body = Health)))]
pub async fn health(State(state): State<AppState>) -> Json<Health> {
    Json(Health {
        status: "ok",
        backend: state.store.backend(),
    })
}
