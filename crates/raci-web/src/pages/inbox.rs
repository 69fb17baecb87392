//! `/inbox`: what the service told the signed-in person (a sign-off or a
//! consultation requested, a duty done, a change notice…), newest first,
//! each a link to what it is about, and marked read one by one.

use askama::Template;
use axum::{
    extract::{Query, State},
    response::{IntoResponse, Response},
    routing::{get, post},
    Router,
};
use raci_app::views::InboxItemView;
use raci_i18n::Words;
use serde::Deserialize;

use super::page;
use crate::frame::Frame;
use crate::session::Viewer;
use crate::{PageError, WebState};

pub fn routes() -> Router<WebState> {
    Router::new()
        .route("/inbox", get(show))
        .route("/inbox/{id}/read", post(read))
}

/// One notification as the inbox lists it.
pub struct Item {
    pub id: i64,
    pub kind: String,
    pub text: String,
    pub href: Option<String>,
    pub at: String,
    pub unread: bool,
}

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage {
    f: Frame,
    items: Vec<Item>,
    unread_only: bool,
    summary: String,
}

fn item(w: Words<'_>, i: InboxItemView) -> Item {
    let id = format!("inbox-kind-{}", i.kind.replace(['.', '_'], "-"));
    let kind = crate::words::or_raw(w, &id, &i.kind);
    let href = match (i.payload.duty, i.payload.change_notice) {
        (Some(duty), _) => Some(format!("/duties/{duty}")),
        (None, Some(notice)) => Some(format!("/change-notices/{notice}")),
        (None, None) => None,
    };
    Item {
        id: i.id,
        kind,
        text: i.payload.text.unwrap_or_default(),
        href,
        at: w.date_time(i.created_at),
        unread: i.read_at.is_none(),
    }
}

#[derive(Deserialize)]
struct InboxQuery {
    unread: Option<String>,
}

async fn show(
    State(state): State<WebState>,
    viewer: Viewer,
    Query(q): Query<InboxQuery>,
) -> Response {
    let unread_only = q.unread.is_some_and(|u| !u.is_empty());
    let items = match state.app.inbox(&viewer.caller, unread_only).await {
        Ok(items) => items,
        Err(e) => return PageError::new(e, viewer.locale).into_response(),
    };
    let f = Frame::signed_in(&viewer, "inbox-title", "/inbox");
    let w = f.w;
    let unread = items.iter().filter(|i| i.read_at.is_none()).count();
    let inbox = InboxPage {
        summary: w.count("inbox-unread", unread),
        items: items.into_iter().rev().map(|i| item(w, i)).collect(),
        unread_only,
        f,
    };
    page(&inbox, &inbox.f)
}

super::form_steps! {
    /// Marks one of the caller's notifications read.
    read(id => i64, super::Empty {} => super::Empty) -> "flash-read", "/inbox" =>
        |app, caller| app.mark_read(caller, id);
}
