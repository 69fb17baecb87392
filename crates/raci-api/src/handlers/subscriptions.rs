//! `/subscriptions`: a customer's subscriptions, their duties, counts and owners.

use axum::{http::StatusCode, Json as JsonBody};
use raci_app::views::{DutyView, OwnerView, SubscriptionView, SummaryView};
use raci_app::{DutyFilter, NewSubscription, OwnersInput};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{created, handlers, ok, SubscriptionId};
use crate::extract::{Json, Path, Query};
use crate::openapi::{ReadErrors, WriteErrors};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(subscribe, list_subscriptions))
        .routes(routes!(get_subscription))
        .routes(routes!(list_duties))
        .routes(routes!(get_subscription_summary))
        .routes(routes!(list_owners, set_owners))
}

handlers! {
    /// A customer's writer subscribes to a service: one open duty per
    /// activity of its latest edition (list them at `/subscriptions/{id}/duties`).
    #[utoipa::path(post, path = "/subscriptions", operation_id = "subscribe",
        tag = "subscriptions", request_body = NewSubscription,
        responses((status = 201, body = SubscriptionView, description = "the subscription"), WriteErrors))]
    subscribe(Json(input) => Json<NewSubscription>) -> (StatusCode, JsonBody<SubscriptionView>) =
        |app, caller| created(app.subscribe(&caller, input).await?);

    /// A customer's own subscriptions; for a provider, those to its services.
    #[utoipa::path(get, path = "/subscriptions", operation_id = "listSubscriptions",
        tag = "subscriptions",
        responses((status = 200, body = Vec<SubscriptionView>, description = "the subscriptions"),
            ReadErrors))]
    list_subscriptions() -> JsonBody<Vec<SubscriptionView>> =
        |app, caller| ok(app.subscriptions(&caller).await?);

    /// A subscription, with which organization holds which party column.
    #[utoipa::path(get, path = "/subscriptions/{id}", operation_id = "getSubscription",
        tag = "subscriptions", params(SubscriptionId),
        responses((status = 200, body = SubscriptionView, description = "the subscription"), ReadErrors))]
    get_subscription(Path(SubscriptionId { id }) => Path<SubscriptionId>) -> JsonBody<SubscriptionView> =
        |app, caller| ok(app.subscription(&caller, id).await?);

    /// A subscription's live duties, by id, filtered.
    #[utoipa::path(get, path = "/subscriptions/{id}/duties", operation_id = "listDuties",
        tag = "subscriptions",
        params(SubscriptionId, DutyFilter),
        responses((status = 200, body = Vec<DutyView>, description = "the duties"), ReadErrors))]
    list_duties(Path(SubscriptionId { id }) => Path<SubscriptionId>, Query(filter) => Query<DutyFilter>) -> JsonBody<Vec<DutyView>> =
        |app, caller| ok(app.duties(&caller, id, &filter).await?);

    /// A subscription's duties counted by state, party, letter and phase.
    #[utoipa::path(get, path = "/subscriptions/{id}/summary",
        operation_id = "getSubscriptionSummary", tag = "subscriptions",
        params(SubscriptionId),
        responses((status = 200, body = SummaryView, description = "the counts"), ReadErrors))]
    get_subscription_summary(Path(SubscriptionId { id }) => Path<SubscriptionId>) -> JsonBody<SummaryView> =
        |app, caller| ok(app.subscription_summary(&caller, id).await?);

    /// Both organizations' owner mappings.
    #[utoipa::path(get, path = "/subscriptions/{id}/owners", operation_id = "listOwners",
        tag = "subscriptions", params(SubscriptionId),
        responses((status = 200, body = Vec<OwnerView>, description = "the mappings"), ReadErrors))]
    list_owners(Path(SubscriptionId { id }) => Path<SubscriptionId>) -> JsonBody<Vec<OwnerView>> =
        |app, caller| ok(app.owners(&caller, id).await?);

    /// Replaces the caller organization's mapping of one of its party
    /// columns: R and A one user or team each, C and I any number. Auditors
    /// are only told (I).
    #[utoipa::path(put, path = "/subscriptions/{id}/owners", operation_id = "setOwners",
        tag = "subscriptions", params(SubscriptionId),
        request_body = OwnersInput,
        responses((status = 200, body = Vec<OwnerView>, description = "both organizations' mappings"),
            WriteErrors))]
    set_owners(Path(SubscriptionId { id }) => Path<SubscriptionId>, Json(input) => Json<OwnersInput>) -> JsonBody<Vec<OwnerView>> =
        |app, caller| ok(app.set_owners(&caller, id, input).await?);
}
