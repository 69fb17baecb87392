//! The caller's inbox, the organization's webhooks and its mail outbox.

use raci_app::views::{DeliveryView, InboxItemView, MailView, NewWebhookView, WebhookView};
use raci_app::{MailFilter, NewWebhookInput};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{operations, InboxItemId, WebhookId};
use crate::openapi::{ReadErrors, StepErrors, WriteErrors};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_inbox))
        .routes(routes!(mark_inbox_item_read))
        .routes(routes!(create_webhook, list_webhooks))
        .routes(routes!(delete_webhook))
        .routes(routes!(list_deliveries))
        .routes(routes!(list_mails))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxFilter {
    /// Only the items not yet read.
    #[serde(default)]
    pub unread: bool,
}

operations! { tag = "notifications";
    /// The caller's own inbox, newest first.
    get "/inbox" "listInbox" list_inbox(query filter: InboxFilter) -> ok(Vec<InboxItemView>, "the items") ReadErrors = |app, caller| app.inbox(&caller, filter.unread);

    /// Marks one of the caller's inbox items read.
    post "/inbox/{id}/read" "markInboxItemRead" mark_inbox_item_read(path InboxItemId { id }) -> ok(InboxItemView, "the item") StepErrors = |app, caller| app.mark_read(&caller, id);

    /// An admin adds a webhook; its signing secret is in this answer only.
    post "/webhooks" "createWebhook" create_webhook(body input: NewWebhookInput) -> created(NewWebhookView, "the webhook and its secret") WriteErrors = |app, caller| app.create_webhook(&caller, input);

    /// The organization's active webhooks (admins).
    get "/webhooks" "listWebhooks" list_webhooks() -> ok(Vec<WebhookView>, "the webhooks") ReadErrors = |app, caller| app.webhooks(&caller);

    /// Deletes a webhook: no more deliveries; its log stays readable.
    delete "/webhooks/{id}" "deleteWebhook" delete_webhook(path WebhookId { id }) -> no_content("deleted") StepErrors = |app, caller| app.delete_webhook(&caller, id);

    /// A webhook's delivery log, newest first.
    get "/webhooks/{id}/deliveries" "listDeliveries" list_deliveries(path WebhookId { id }) -> ok(Vec<DeliveryView>, "the deliveries") ReadErrors = |app, caller| app.deliveries(&caller, id);

    /// The organization's mail outbox, newest first (admins): sent,
    /// pending, and given up (`status=failed`, with the SMTP server's answer).
    get "/mails" "listMails" list_mails(query filter: MailFilter) -> ok(Vec<MailView>, "the mails") ReadErrors = |app, caller| app.mails(&caller, &filter);
}
