//! `/change-notices/{id}`: what a new edition changes for one
//! subscription — each duty moving onto or off the customer, its old and
//! new letters side by side — and, for the customer's admin, the form that
//! accepts it (the duties then migrate to the new edition).

use askama::Template;
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Response},
    routing::{get, post},
    Router,
};
use raci_app::views::{Direction, EntryKind, NoticeEntry, RolesView};
use raci_i18n::Words;

use super::page;
use crate::frame::Frame;
use crate::session::Viewer;
use crate::{PageError, WebState};

pub fn routes() -> Router<WebState> {
    Router::new()
        .route("/change-notices/{id}", get(show))
        .route("/change-notices/{id}/accept", post(accept))
}

/// One party's letters before and after.
pub struct LettersPair {
    pub party: String,
    pub old: Vec<(char, String)>,
    pub new: Vec<(char, String)>,
    pub changed: bool,
}

/// One duty the notice tells about.
pub struct Entry {
    pub text: String,
    pub href: Option<String>,
    pub kind: String,
    /// `onto_customer`, `off_customer`, `changed`: also its class.
    pub direction: &'static str,
    pub direction_label: String,
    pub parties: Vec<LettersPair>,
}

#[derive(Template)]
#[template(path = "notice.html")]
struct NoticePage {
    f: Frame,
    id: i64,
    service: String,
    board_href: String,
    from: i64,
    to: i64,
    status: &'static str,
    status_label: String,
    summary: String,
    accepted: Option<String>,
    entries: Vec<Entry>,
    may_accept: bool,
}

fn letters(w: Words<'_>, roles: Option<&RolesView>, party: &str) -> Vec<(char, String)> {
    let lang = w.locale.as_str();
    roles
        .and_then(|r| r.get(party))
        .and_then(|l| l.parse::<raci_model::Roles>().ok())
        .map(|roles| {
            roles
                .iter()
                .map(|r| (r.letter(), r.meaning(lang).name.to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

fn entry(w: Words<'_>, e: &NoticeEntry, parties: &[String]) -> Entry {
    let direction = match e.direction {
        Direction::OntoCustomer => "onto_customer",
        Direction::OffCustomer => "off_customer",
        Direction::Changed => "changed",
    };
    let kind = match e.kind {
        EntryKind::Changed => "changed",
        EntryKind::Added => "added",
        EntryKind::Removed => "removed",
    };
    Entry {
        text: e.text.clone().unwrap_or_default(),
        href: e.duty.map(|d| format!("/duties/{d}")),
        kind: w.t(&format!("notice-kind-{kind}")),
        direction,
        direction_label: w.t(&format!("notice-direction-{direction}")),
        parties: parties
            .iter()
            .map(|p| {
                let old = letters(w, e.old_roles.as_ref(), p);
                let new = letters(w, e.new_roles.as_ref(), p);
                LettersPair {
                    party: p.clone(),
                    changed: old != new,
                    old,
                    new,
                }
            })
            .collect(),
    }
}

async fn show(State(state): State<WebState>, Path(id): Path<i64>, viewer: Viewer) -> Response {
    let view = match state.app.notice_page(&viewer.caller, id).await {
        Ok(view) => view,
        Err(e) => return PageError::new(e, viewer.locale).into_response(),
    };
    let mut f = Frame::signed_in(&viewer, "notice-title", "");
    let w = f.w;
    let sub = &view.subscription;
    f.title = format!("{} · {}", sub.service.name, f.title);
    let parties: Vec<String> = sub.parties.iter().map(|p| p.party.clone()).collect();
    let n = &view.notice;
    let status = match n.status {
        raci_app::views::NoticeStatus::Pending => "pending",
        raci_app::views::NoticeStatus::Accepted => "accepted",
        raci_app::views::NoticeStatus::Superseded => "superseded",
    };
    let notice = NoticePage {
        id: n.id,
        service: sub.service.name.clone(),
        board_href: format!("/subscriptions/{}", sub.id),
        from: n.from_number,
        to: n.to_number,
        status,
        status_label: w.t(&format!("notice-status-{status}")),
        summary: if n.entries.is_empty() {
            w.count("notice-summary", 0)
        } else {
            let entries = w.count("notice-summary", n.entries.len());
            let onto = w.count("notice-summary-onto", n.onto_customer);
            w.with(
                "notice-summary-both",
                [("entries", entries.as_str()), ("onto", &onto)],
            )
        },
        accepted: n.accepted_at.map(|at| w.date_time(at)),
        entries: n.entries.iter().map(|e| entry(w, e, &parties)).collect(),
        may_accept: view.may_accept,
        f,
    };
    page(&notice, &notice.f)
}

super::form_steps! {
    /// The customer's admin accepts the notice: the duties follow the new edition.
    accept(id => i64, super::Empty {} => super::Empty) -> "flash-notice-accepted",
        format!("/change-notices/{id}") =>
        |app, caller| app.accept_change_notice(caller, id);
}
