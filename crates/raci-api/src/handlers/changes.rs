//! Change notices between editions, and incidents and change requests.

use axum::{http::StatusCode, Json as JsonBody};
use raci_app::views::{AcceptanceView, DutyView, EventView, NoticeView, RaisedEventView};
use raci_app::NewEventInput;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{created, handlers, ok, NoticeId, SubscriptionId};
use crate::extract::{Json, Path};
use crate::openapi::{ReadErrors, StepErrors, WriteErrors};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_change_notices))
        .routes(routes!(get_change_notice))
        .routes(routes!(accept_change_notice))
        .routes(routes!(list_retired_duties))
        .routes(routes!(raise_event, list_events))
}

handlers! {
    /// A subscription's change notices, oldest first.
    #[utoipa::path(get, path = "/subscriptions/{id}/change-notices",
        operation_id = "listChangeNotices", tag = "changes",
        params(SubscriptionId),
        responses((status = 200, body = Vec<NoticeView>, description = "the notices"), ReadErrors))]
    list_change_notices(Path(SubscriptionId { id }) => Path<SubscriptionId>) -> JsonBody<Vec<NoticeView>> =
        |app, caller| ok(app.change_notices(&caller, id).await?);

    /// What a new edition changes for a subscription: each duty whose
    /// letters change, old and new, and which way it moves work for the customer.
    #[utoipa::path(get, path = "/change-notices/{id}", operation_id = "getChangeNotice",
        tag = "changes", params(NoticeId),
        responses((status = 200, body = NoticeView, description = "the notice"), ReadErrors))]
    get_change_notice(Path(NoticeId { id }) => Path<NoticeId>) -> JsonBody<NoticeView> =
        |app, caller| ok(app.change_notice(&caller, id).await?);

    /// The customer's admin accepts the latest pending notice: the duties
    /// move to the new edition (state and evidence kept), once.
    #[utoipa::path(post, path = "/change-notices/{id}/accept",
        operation_id = "acceptChangeNotice", tag = "changes",
        params(NoticeId),
        responses((status = 200, body = AcceptanceView, description = "what the duties became"),
            StepErrors))]
    accept_change_notice(Path(NoticeId { id }) => Path<NoticeId>) -> JsonBody<AcceptanceView> =
        |app, caller| ok(app.accept_change_notice(&caller, id).await?);

    /// Duties whose activity left the matrix, kept for history.
    #[utoipa::path(get, path = "/subscriptions/{id}/retired-duties",
        operation_id = "listRetiredDuties", tag = "changes",
        params(SubscriptionId),
        responses((status = 200, body = Vec<DutyView>, description = "the retired duties"), ReadErrors))]
    list_retired_duties(Path(SubscriptionId { id }) => Path<SubscriptionId>) -> JsonBody<Vec<DutyView>> =
        |app, caller| ok(app.retired_duties(&caller, id).await?);

    /// Raises an incident or a change request: a duty of its own, with the
    /// letters of the activity it falls under, its R side told.
    #[utoipa::path(post, path = "/subscriptions/{id}/events", operation_id = "raiseEvent",
        tag = "changes", params(SubscriptionId),
        request_body = NewEventInput,
        responses((status = 201, body = RaisedEventView, description = "the event and its duty"),
            WriteErrors))]
    raise_event(Path(SubscriptionId { id }) => Path<SubscriptionId>, Json(input) => Json<NewEventInput>) -> (StatusCode, JsonBody<RaisedEventView>) =
        |app, caller| created(app.raise_event(&caller, id, input).await?);

    /// A subscription's events, oldest first.
    #[utoipa::path(get, path = "/subscriptions/{id}/events", operation_id = "listEvents",
        tag = "changes", params(SubscriptionId),
        responses((status = 200, body = Vec<EventView>, description = "the events"), ReadErrors))]
    list_events(Path(SubscriptionId { id }) => Path<SubscriptionId>) -> JsonBody<Vec<EventView>> =
        |app, caller| ok(app.events(&caller, id).await?);
}
