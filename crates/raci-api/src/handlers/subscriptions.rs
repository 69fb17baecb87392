//! `/subscriptions`: a customer's subscriptions, their duties, counts and owners.

use raci_app::views::{DutyView, OwnerView, SubscriptionView, SummaryView};
use raci_app::{DutyFilter, NewSubscription, OwnersInput};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{operations, SubscriptionId};
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

operations! { tag = "subscriptions";
    /// A customer's writer subscribes to a service: one open duty per
    /// activity of its latest edition (list them at `/subscriptions/{id}/duties`).
    post "/subscriptions" "subscribe" subscribe(body input: NewSubscription) -> created(SubscriptionView, "the subscription") WriteErrors = |app, caller| app.subscribe(&caller, input);

    /// A customer's own subscriptions; for a provider, those to its services.
    get "/subscriptions" "listSubscriptions" list_subscriptions() -> ok(Vec<SubscriptionView>, "the subscriptions") ReadErrors = |app, caller| app.subscriptions(&caller);

    /// A subscription, with which organization holds which party column.
    get "/subscriptions/{id}" "getSubscription" get_subscription(path SubscriptionId { id }) -> ok(SubscriptionView, "the subscription") ReadErrors = |app, caller| app.subscription(&caller, id);

    /// A subscription's live duties, by id, filtered.
    get "/subscriptions/{id}/duties" "listDuties" list_duties(path SubscriptionId { id } query filter: DutyFilter) -> ok(Vec<DutyView>, "the duties") ReadErrors = |app, caller| app.duties(&caller, id, &filter);

    /// A subscription's duties counted by state, party, letter and phase.
    get "/subscriptions/{id}/summary" "getSubscriptionSummary" get_subscription_summary(path SubscriptionId { id }) -> ok(SummaryView, "the counts") ReadErrors = |app, caller| app.subscription_summary(&caller, id);

    /// Both organizations' owner mappings.
    get "/subscriptions/{id}/owners" "listOwners" list_owners(path SubscriptionId { id }) -> ok(Vec<OwnerView>, "the mappings") ReadErrors = |app, caller| app.owners(&caller, id);

    /// Replaces the caller organization's mapping of one of its party
    /// columns: R and A one user or team each, C and I any number. Auditors
    /// are only told (I).
    put "/subscriptions/{id}/owners" "setOwners" set_owners(path SubscriptionId { id } body input: OwnersInput) -> ok(Vec<OwnerView>, "both organizations' mappings") WriteErrors = |app, caller| app.set_owners(&caller, id, input);
}
