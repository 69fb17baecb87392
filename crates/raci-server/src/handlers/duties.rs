//! `/api/v1/duties/{id}/transition`: moving a duty through its states.

use axum::{
    extract::{
        rejection::{JsonRejection, PathRejection},
        Path, State,
    },
    Json,
};
use raci_store::{Duty, DutyState, StoreError};
use serde::Deserialize;
use utoipa::ToSchema;

use super::visible_subscription;
use crate::{error::ApiResult, ApiError, AppState, Caller};

/// The state to move a duty to.
#[derive(Debug, Deserialize, ToSchema)]
pub struct Transition {
    /// `in_progress`, `awaiting_consultation`, `awaiting_signoff`, `done` or `not_applicable`.
    pub to: String,
    /// Why, required for `not_applicable`.
    pub reason: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/duties/{id}/transition", params(("id" = i64, Path)),
    request_body = Transition,
    responses((status = 200, description = "the duty"), (status = 404),
        (status = 422, description = "a transition the state machine refuses")),
    security(("bearer" = [])))]
pub async fn transition(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<Transition>, JsonRejection>,
) -> ApiResult<Json<Duty>> {
    let Path(id) = id?;
    let Json(body) = body?;
    let hidden = || ApiError::NotFound(format!("duty {id} not found"));
    let duty = state.store.get_duty(id).await.map_err(|e| match e {
        StoreError::NotFound { .. } => hidden(),
        e => e.into(),
    })?;
    visible_subscription(&state, &caller, duty.subscription)
        .await
        .map_err(|e| match e {
            ApiError::NotFound(_) => hidden(),
            e => e,
        })?;
    caller.require_writer()?;
    let to: DutyState = body
        .to
        .parse()
        .map_err(|_| ApiError::invalid("to", format!("unknown duty state {:?}", body.to)))?;
    let reason = body
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if to == DutyState::NotApplicable && reason.is_none() {
        return Err(ApiError::invalid(
            "reason",
            "a reason is required to mark a duty not applicable",
        ));
    }
    if reason.is_some_and(|r| r.len() > 2000) {
        return Err(ApiError::invalid(
            "reason",
            "a reason is at most 2000 bytes",
        ));
    }
    let duty = state
        .store
        .set_duty_state(&caller.actor(), id, to, reason)
        .await?;
    Ok(Json(duty))
}
