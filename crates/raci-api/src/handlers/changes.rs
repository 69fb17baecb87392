//! Change notices between editions, and incidents and change requests.

use raci_app::views::{AcceptanceView, DutyView, EventView, NoticeView, RaisedEventView};
use raci_app::NewEventInput;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{operations, NoticeId, SubscriptionId};
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

operations! { tag = "changes";
    /// A subscription's change notices, oldest first.
    get "/subscriptions/{id}/change-notices" "listChangeNotices" list_change_notices(path SubscriptionId { id }) -> ok(Vec<NoticeView>, "the notices") ReadErrors = |app, caller| app.change_notices(&caller, id);

    /// What a new edition changes for a subscription: each duty whose
    /// letters change, old and new, and which way it moves work for the customer.
    get "/change-notices/{id}" "getChangeNotice" get_change_notice(path NoticeId { id }) -> ok(NoticeView, "the notice") ReadErrors = |app, caller| app.change_notice(&caller, id);

    /// The customer's admin accepts the latest pending notice: the duties
    /// move to the new edition (state and evidence kept), once.
    post "/change-notices/{id}/accept" "acceptChangeNotice" accept_change_notice(path NoticeId { id }) -> ok(AcceptanceView, "what the duties became") StepErrors = |app, caller| app.accept_change_notice(&caller, id);

    /// Duties whose activity left the matrix, kept for history.
    get "/subscriptions/{id}/retired-duties" "listRetiredDuties" list_retired_duties(path SubscriptionId { id }) -> ok(Vec<DutyView>, "the retired duties") ReadErrors = |app, caller| app.retired_duties(&caller, id);

    /// Raises an incident or a change request: a duty of its own, with the
    /// letters of the activity it falls under, its R side told.
    post "/subscriptions/{id}/events" "raiseEvent" raise_event(path SubscriptionId { id } body input: NewEventInput) -> created(RaisedEventView, "the event and its duty") WriteErrors = |app, caller| app.raise_event(&caller, id, input);

    /// A subscription's events, oldest first.
    get "/subscriptions/{id}/events" "listEvents" list_events(path SubscriptionId { id }) -> ok(Vec<EventView>, "the events") ReadErrors = |app, caller| app.events(&caller, id);
}
