//! The caller's inbox, and the organization's webhooks.

use axum::{http::StatusCode, Json as JsonBody};
use raci_app::views::{DeliveryView, InboxItemView, NewWebhookView, WebhookView};
use raci_app::NewWebhookInput;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{created, handlers, no_content, ok, InboxItemId, WebhookId};
use crate::extract::{Json, Path, Query};
use crate::openapi::{ReadErrors, StepErrors, WriteErrors};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_inbox))
        .routes(routes!(mark_inbox_item_read))
        .routes(routes!(create_webhook, list_webhooks))
        .routes(routes!(delete_webhook))
        .routes(routes!(list_deliveries))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxFilter {
    /// Only the items not yet read.
    #[serde(default)]
    pub unread: bool,
}

handlers! {
    /// The caller's own inbox, newest first.
    #[utoipa::path(get, path = "/inbox", operation_id = "listInbox", tag = "notifications",
        params(InboxFilter),
        responses((status = 200, body = Vec<InboxItemView>, description = "the items"), ReadErrors))]
    list_inbox(Query(filter) => Query<InboxFilter>) -> JsonBody<Vec<InboxItemView>> =
        |app, caller| ok(app.inbox(&caller, filter.unread).await?);

    /// Marks one of the caller's inbox items read.
    #[utoipa::path(post, path = "/inbox/{id}/read", operation_id = "markInboxItemRead",
        tag = "notifications", params(InboxItemId),
        responses((status = 200, body = InboxItemView, description = "the item"), StepErrors))]
    mark_inbox_item_read(Path(InboxItemId { id }) => Path<InboxItemId>) -> JsonBody<InboxItemView> =
        |app, caller| ok(app.mark_read(&caller, id).await?);

    /// An admin adds a webhook; its signing secret is in this answer only.
    #[utoipa::path(post, path = "/webhooks", operation_id = "createWebhook",
        tag = "notifications", request_body = NewWebhookInput,
        responses((status = 201, body = NewWebhookView, description = "the webhook and its secret"),
            WriteErrors))]
    create_webhook(Json(input) => Json<NewWebhookInput>) -> (StatusCode, JsonBody<NewWebhookView>) =
        |app, caller| created(app.create_webhook(&caller, input).await?);

    /// The organization's active webhooks (admins).
    #[utoipa::path(get, path = "/webhooks", operation_id = "listWebhooks",
        tag = "notifications",
        responses((status = 200, body = Vec<WebhookView>, description = "the webhooks"), ReadErrors))]
    list_webhooks() -> JsonBody<Vec<WebhookView>> = |app, caller| ok(app.webhooks(&caller).await?);

    /// Deletes a webhook: no more deliveries; its log stays readable.
    #[utoipa::path(delete, path = "/webhooks/{id}", operation_id = "deleteWebhook",
        tag = "notifications", params(WebhookId),
        responses((status = 204, description = "deleted"), StepErrors))]
    delete_webhook(Path(WebhookId { id }) => Path<WebhookId>) -> StatusCode =
        |app, caller| no_content(app.delete_webhook(&caller, id).await?);

    /// A webhook's delivery log, newest first.
    #[utoipa::path(get, path = "/webhooks/{id}/deliveries", operation_id = "listDeliveries",
        tag = "notifications", params(WebhookId),
        responses((status = 200, body = Vec<DeliveryView>, description = "the deliveries"), ReadErrors))]
    list_deliveries(Path(WebhookId { id }) => Path<WebhookId>) -> JsonBody<Vec<DeliveryView>> =
        |app, caller| ok(app.deliveries(&caller, id).await?);
}
