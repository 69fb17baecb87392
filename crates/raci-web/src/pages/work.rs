//! `/`: "my work", what waits on the signed-in person across every
//! subscription (to do, to sign off, to answer), overdue first; and the
//! subscriptions their organization sees, each a link to its board.

use askama::Template;
use axum::{
    extract::State,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use raci_app::views::{Waiting, WorkItem};
use raci_i18n::Words;

use super::page;
use crate::frame::Frame;
use crate::session::Viewer;
use crate::{PageError, WebState};

pub fn routes() -> Router<WebState> {
    Router::new().route("/", get(show))
}

/// One duty waiting, as the list shows it.
pub struct Item {
    pub href: String,
    pub text: String,
    pub section: String,
    pub service: String,
    pub counterparty: String,
    /// `do`, `sign_off`, `answer`: also its class.
    pub waiting: &'static str,
    pub waiting_label: String,
    pub state: &'static str,
    pub state_label: String,
    pub due: Option<Due>,
}

/// A due date as pages show it.
pub struct Due {
    pub iso: String,
    pub text: String,
    pub overdue: bool,
}

impl Due {
    pub fn of(w: Words<'_>, due_at: Option<i64>, overdue: bool) -> Option<Due> {
        due_at.map(|at| Due {
            iso: raci_i18n::iso(at),
            text: w.date(at),
            overdue,
        })
    }
}

/// A subscription, as a link to its board.
pub struct Board {
    pub href: String,
    pub service: String,
    pub other: String,
    pub duties: String,
    /// The change notice waiting for acceptance, as a link.
    pub pending_notice: Option<String>,
}

#[derive(Template)]
#[template(path = "work.html")]
struct WorkPage {
    f: Frame,
    items: Vec<Item>,
    summary: String,
    overdue: Option<String>,
    boards: Vec<Board>,
}

fn waiting_id(waiting: Waiting) -> &'static str {
    match waiting {
        Waiting::Do => "do",
        Waiting::SignOff => "sign_off",
        Waiting::Answer => "answer",
    }
}

fn item(w: Words<'_>, i: WorkItem) -> Item {
    let waiting = waiting_id(i.waiting);
    let state = i.duty.state.as_str();
    Item {
        href: format!("/duties/{}", i.duty.id),
        section: i.duty.section.join(" › "),
        text: i.duty.text,
        service: i.service.name,
        counterparty: i.counterparty.name,
        waiting,
        waiting_label: w.t(&format!("waiting-{waiting}")),
        state,
        state_label: w.t(&format!("state-{state}")),
        due: Due::of(w, i.duty.due_at, i.duty.overdue),
    }
}

async fn show(State(state): State<WebState>, viewer: Viewer) -> Response {
    let app = &state.app;
    let caller = &viewer.caller;
    let (work, subscriptions) = match (app.work(caller).await, app.subscriptions(caller).await) {
        (Ok(work), Ok(subscriptions)) => (work, subscriptions),
        (Err(e), _) | (_, Err(e)) => return PageError::new(e, viewer.locale).into_response(),
    };
    let f = Frame::signed_in(&viewer, "work-title", "/");
    let w = f.w;
    let customer = caller.org.kind == raci_store::OrgKind::Customer;
    let page_view = WorkPage {
        summary: w.count("work-summary", work.items.len()),
        overdue: (work.overdue > 0).then(|| w.count("work-overdue", work.overdue)),
        items: work.items.into_iter().map(|i| item(w, i)).collect(),
        boards: subscriptions
            .into_iter()
            .map(|s| Board {
                href: format!("/subscriptions/{}", s.id),
                service: s.service.name,
                other: if customer {
                    s.provider.name
                } else {
                    s.customer.name
                },
                duties: w.count("work-board-duties", s.duties),
                pending_notice: s.pending_notice.map(|n| format!("/change-notices/{n}")),
            })
            .collect(),
        f,
    };
    page(&page_view, &page_view.f)
}
