//! Change notices between editions, and incidents and change requests.

use axum::{
    http::StatusCode,
    routing::{get, post},
    Json as JsonBody, Router,
};
use raci_app::views::{AcceptanceView, DutyView, EventView, NoticeView, RaisedEventView};
use raci_app::NewEventInput;
use utoipa::OpenApi;

use super::{created, handlers, ok};
use crate::extract::{Json, Path};
use crate::openapi::{ReadErrors, StepErrors, WriteErrors};
use crate::ApiState;

#[derive(OpenApi)]
#[openapi(paths(
    list_change_notices,
    get_change_notice,
    accept_change_notice,
    list_retired_duties,
    raise_event,
    list_events
))]
pub struct Doc;

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route(
            "/subscriptions/{id}/change-notices",
            get(list_change_notices),
        )
        .route(
            "/subscriptions/{id}/retired-duties",
            get(list_retired_duties),
        )
        .route(
            "/subscriptions/{id}/events",
            get(list_events).post(raise_event),
        )
        .route("/change-notices/{id}", get(get_change_notice))
        .route("/change-notices/{id}/accept", post(accept_change_notice))
}

handlers! {
    /// A subscription's change notices, oldest first.
    #[utoipa::path(get, path = "/api/v1/subscriptions/{id}/change-notices",
        operation_id = "listChangeNotices", tag = "changes",
        params(("id" = i64, Path, description = "the subscription")),
        responses((status = 200, body = Vec<NoticeView>, description = "the notices"), ReadErrors))]
    list_change_notices(Path(id) => Path<i64>) -> JsonBody<Vec<NoticeView>> =
        |app, caller| ok(app.change_notices(&caller, id).await?);

    /// What a new edition changes for a subscription: each duty whose
    /// letters change, old and new, and which way it moves work for the customer.
    #[utoipa::path(get, path = "/api/v1/change-notices/{id}", operation_id = "getChangeNotice",
        tag = "changes", params(("id" = i64, Path, description = "the notice")),
        responses((status = 200, body = NoticeView, description = "the notice"), ReadErrors))]
    get_change_notice(Path(id) => Path<i64>) -> JsonBody<NoticeView> =
        |app, caller| ok(app.change_notice(&caller, id).await?);

    /// The customer's admin accepts the latest pending notice: the duties
    /// move to the new edition (state and evidence kept), once.
    #[utoipa::path(post, path = "/api/v1/change-notices/{id}/accept",
        operation_id = "acceptChangeNotice", tag = "changes",
        params(("id" = i64, Path, description = "the notice")),
        responses((status = 200, body = AcceptanceView, description = "what the duties became"),
            StepErrors))]
    accept_change_notice(Path(id) => Path<i64>) -> JsonBody<AcceptanceView> =
        |app, caller| ok(app.accept_change_notice(&caller, id).await?);

    /// Duties whose activity left the matrix, kept for history.
    #[utoipa::path(get, path = "/api/v1/subscriptions/{id}/retired-duties",
        operation_id = "listRetiredDuties", tag = "changes",
        params(("id" = i64, Path, description = "the subscription")),
        responses((status = 200, body = Vec<DutyView>, description = "the retired duties"), ReadErrors))]
    list_retired_duties(Path(id) => Path<i64>) -> JsonBody<Vec<DutyView>> =
        |app, caller| ok(app.retired_duties(&caller, id).await?);

    /// Raises an incident or a change request: a duty of its own, with the
    /// letters of the activity it falls under, its R side told.
    #[utoipa::path(post, path = "/api/v1/subscriptions/{id}/events", operation_id = "raiseEvent",
        tag = "changes", params(("id" = i64, Path, description = "the subscription")),
        request_body = NewEventInput,
        responses((status = 201, body = RaisedEventView, description = "the event and its duty"),
            WriteErrors))]
    raise_event(Path(id) => Path<i64>, Json(input) => Json<NewEventInput>) -> (StatusCode, JsonBody<RaisedEventView>) =
        |app, caller| created(app.raise_event(&caller, id, input).await?);

    /// A subscription's events, oldest first.
    #[utoipa::path(get, path = "/api/v1/subscriptions/{id}/events", operation_id = "listEvents",
        tag = "changes", params(("id" = i64, Path, description = "the subscription")),
        responses((status = 200, body = Vec<EventView>, description = "the events"), ReadErrors))]
    list_events(Path(id) => Path<i64>) -> JsonBody<Vec<EventView>> =
        |app, caller| ok(app.events(&caller, id).await?);
}
