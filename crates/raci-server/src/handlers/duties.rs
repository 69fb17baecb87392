//! `/api/v1/duties/{id}/transition`: the generic move of a duty, kept for
//! the two moves that need no other input (starting, not applicable); every
//! other move goes through the R/C/A flow of `handlers::workflow`.

use crate::openapi::{ErrorBody, Forbidden, JsonBodyErrors, NotFound, Unauthorized};
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
    /// `in_progress` (from `open`) or `not_applicable`; the other states are
    /// reached through `/submit`, `/consultations/{cid}/answer` and `/signoff`.
    pub to: String,
    /// Why, required for `not_applicable`.
    pub reason: Option<String>,
}

/// A duty of a subscription the caller may see; others' are not found.
pub(crate) async fn visible_duty(state: &AppState, caller: &Caller, id: i64) -> ApiResult<Duty> {
    let hidden = || ApiError::NotFound(format!("duty {id} not found"));
    let duty = state.store.get_duty(id).await.map_err(|e| match e {
        StoreError::NotFound { .. } => hidden(),
        e => e.into(),
    })?;
    visible_subscription(state, caller, duty.subscription)
        .await
        .map_err(|e| match e {
            ApiError::NotFound(_) => hidden(),
            e => e,
        })?;
    Ok(duty)
}

#[utoipa::path(post, path = "/api/v1/duties/{id}/transition", params(("id" = i64, Path)),
    request_body = Transition,
    responses((status = 200, description = "the duty"),
        JsonBodyErrors,
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, description = "the duty is not in a state that allows the move", body = ErrorBody),
        (status = 422, description = "a move that goes through the flow's own route", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn transition(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<Transition>, JsonRejection>,
) -> ApiResult<Json<Duty>> {
    let Path(id) = id?;
    let Json(body) = body?;
    visible_duty(&state, &caller, id).await?;
    caller.require_writer()?;
    let to: DutyState = body
        .to
        .parse()
        .map_err(|_| ApiError::invalid("to", format!("unknown duty state {:?}", body.to)))?;
    let route = match to {
        DutyState::InProgress => {
            return Ok(Json(
                state
                    .store
                    .start_duty(caller.user.id, id)
                    .await
                    .map_err(super::workflow::store_error)?,
            ));
        }
        DutyState::NotApplicable => {
            let reason = body
                .reason
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .ok_or_else(|| {
                    ApiError::invalid(
                        "reason",
                        "a reason is required to mark a duty not applicable",
                    )
                })?;
            if reason.len() > 2000 {
                return Err(ApiError::invalid(
                    "reason",
                    "a reason is at most 2000 bytes",
                ));
            }
            return Ok(Json(
                state
                    .store
                    .mark_not_applicable(caller.user.id, id, reason)
                    .await
                    .map_err(super::workflow::store_error)?,
            ));
        }
        DutyState::Open => "nothing: a duty reopens only on its recurrence",
        DutyState::AwaitingConsultation => "POST /api/v1/duties/{id}/submit",
        DutyState::AwaitingSignoff => {
            "POST /api/v1/duties/{id}/submit or /consultations/{cid}/answer"
        }
        DutyState::Done => "POST /api/v1/duties/{id}/signoff",
    };
    Err(ApiError::invalid(
        "to",
        format!("a duty reaches {to} through the flow: use {route}"),
    ))
}
