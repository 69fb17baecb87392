//! `/subscriptions/{id}`: a subscription's board. Its duties by lifecycle
//! phase (a list) or by state (a kanban), filtered by mine, my team, party,
//! letter, state, phase and words, with the counts of each state. The
//! filter is a GET form: every view of the board is a URL to share.

use askama::Template;
use axum::{
    extract::{Path, Query, State},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use raci_app::views::BoardDuty;
use raci_app::{BoardFilter, DutyFilter};
use raci_i18n::Words;
use raci_store::{DutyState, Letter};
use serde::Deserialize;

use super::work::Due;
use super::{given, page};
use crate::frame::Frame;
use crate::session::Viewer;
use crate::{PageError, WebState};

pub fn routes() -> Router<WebState> {
    Router::new().route("/subscriptions/{id}", get(show))
}

/// The board's query: every field optional text, read leniently (a value
/// that is none of the choices is no filter).
#[derive(Debug, Default, Deserialize)]
pub struct BoardQuery {
    view: Option<String>,
    mine: Option<String>,
    team: Option<String>,
    party: Option<String>,
    letter: Option<String>,
    state: Option<String>,
    phase: Option<String>,
    q: Option<String>,
}

impl BoardQuery {
    fn filter(&self) -> BoardFilter {
        BoardFilter {
            duties: DutyFilter {
                state: given(&self.state).and_then(|s| s.parse().ok()),
                party: given(&self.party).map(str::to_owned),
                letter: given(&self.letter).and_then(|l| l.parse().ok()),
                overdue: false,
                mine: given(&self.mine).is_some(),
                q: given(&self.q).map(str::to_owned),
            },
            phase: given(&self.phase).map(str::to_owned),
            team: given(&self.team).is_some(),
        }
    }

    fn kanban(&self) -> bool {
        given(&self.view) == Some("kanban")
    }

    /// This query with another view, as a link.
    fn link(&self, id: i64, kanban: bool) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if kanban {
            pairs.push(("view", "kanban"));
        }
        for (name, value) in [
            ("mine", &self.mine),
            ("team", &self.team),
            ("party", &self.party),
            ("letter", &self.letter),
            ("state", &self.state),
            ("phase", &self.phase),
            ("q", &self.q),
        ] {
            if let Some(v) = given(value) {
                pairs.push((name, v));
            }
        }
        let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        if query.is_empty() {
            format!("/subscriptions/{id}")
        } else {
            format!("/subscriptions/{id}?{query}")
        }
    }
}

/// One option of a filter's list.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// One party's letters of a duty.
pub struct Letters {
    pub party: String,
    pub letters: Vec<(char, String)>,
}

/// A duty as a row or a card.
pub struct Card {
    pub href: String,
    pub text: String,
    pub subsection: String,
    pub state: &'static str,
    pub state_label: String,
    pub letters: Vec<Letters>,
    pub due: Option<Due>,
    pub mine: bool,
    pub not_applicable_reason: Option<String>,
}

/// The duties of one phase (the list) or one state (the kanban).
pub struct Group {
    pub id: String,
    pub title: String,
    pub count: String,
    pub cards: Vec<Card>,
}

/// A state with its count, for the board's header.
pub struct StateCount {
    pub state: &'static str,
    pub label: String,
    pub count: String,
}

#[derive(Template)]
#[template(path = "board.html")]
struct BoardPage {
    f: Frame,
    service: String,
    provider: String,
    customer: String,
    edition: i64,
    pending_notice: Option<String>,
    total: String,
    overdue: Option<String>,
    states: Vec<StateCount>,
    shown: String,
    kanban: bool,
    list_href: String,
    kanban_href: String,
    mine: bool,
    team: bool,
    in_a_team: bool,
    q: String,
    parties: Vec<Choice>,
    letters: Vec<Choice>,
    state_choices: Vec<Choice>,
    phases: Vec<Choice>,
    groups: Vec<Group>,
    filtered: bool,
    reset_href: String,
    action: String,
}

fn choices(
    values: impl IntoIterator<Item = (String, String)>,
    current: Option<&str>,
) -> Vec<Choice> {
    values
        .into_iter()
        .map(|(value, label)| Choice {
            selected: current == Some(value.as_str()),
            value,
            label,
        })
        .collect()
}

fn card(w: Words<'_>, d: BoardDuty, parties: &[String]) -> Card {
    let state = d.duty.state.as_str();
    let lang = w.locale.as_str();
    Card {
        href: format!("/duties/{}", d.duty.id),
        subsection: d
            .duty
            .section
            .iter()
            .skip_while(|s| **s != d.phase)
            .skip(1)
            .cloned()
            .collect::<Vec<_>>()
            .join(" › "),
        state,
        state_label: w.t(&format!("state-{state}")),
        letters: parties
            .iter()
            .filter_map(|party| {
                let roles: raci_model::Roles = d.duty.roles.get(party)?.parse().ok()?;
                Some(Letters {
                    party: party.clone(),
                    letters: roles
                        .iter()
                        .map(|r| (r.letter(), r.meaning(lang).name.to_owned()))
                        .collect(),
                })
            })
            .collect(),
        due: Due::of(w, d.duty.due_at, d.duty.overdue),
        mine: d.mine,
        not_applicable_reason: d.duty.reason.clone(),
        text: d.duty.text,
    }
}

async fn show(
    State(state): State<WebState>,
    Path(id): Path<i64>,
    viewer: Viewer,
    Query(query): Query<BoardQuery>,
) -> Response {
    let filter = query.filter();
    let view = match state.app.board(&viewer.caller, id, &filter).await {
        Ok(view) => view,
        Err(e) => return PageError::new(e, viewer.locale).into_response(),
    };
    let mut f = Frame::signed_in(&viewer, "board-title", "");
    let w = f.w;
    f.title = format!("{} · {}", view.subscription.service.name, f.title);
    let parties: Vec<String> = view
        .subscription
        .parties
        .iter()
        .map(|p| p.party.clone())
        .collect();
    let kanban = query.kanban();
    let shown = view.duties.len();
    let mut groups: Vec<Group> = Vec::new();
    if kanban {
        for s in DutyState::ALL {
            let key = s.as_str();
            groups.push(Group {
                id: format!("state-{key}"),
                title: w.t(&format!("state-{key}")),
                count: String::new(),
                cards: Vec::new(),
            });
        }
        for d in view.duties.clone() {
            let at = DutyState::ALL
                .iter()
                .position(|s| *s == d.duty.state)
                .unwrap_or(0);
            groups[at].cards.push(card(w, d, &parties));
        }
    } else {
        for (n, phase) in view.phases.iter().enumerate() {
            groups.push(Group {
                id: format!("phase-{}", n + 1),
                title: phase.clone(),
                count: String::new(),
                cards: Vec::new(),
            });
        }
        for d in view.duties.clone() {
            match view.phases.iter().position(|p| *p == d.phase) {
                Some(at) => groups[at].cards.push(card(w, d, &parties)),
                None => continue,
            }
        }
        groups.retain(|g| !g.cards.is_empty());
    }
    for g in &mut groups {
        g.count = w.count("board-duties", g.cards.len());
    }
    let states = &view.summary.states;
    let counts = [
        (DutyState::Open, states.open),
        (DutyState::InProgress, states.in_progress),
        (
            DutyState::AwaitingConsultation,
            states.awaiting_consultation,
        ),
        (DutyState::AwaitingSignoff, states.awaiting_signoff),
        (DutyState::Done, states.done),
        (DutyState::NotApplicable, states.not_applicable),
    ];
    let board = BoardPage {
        service: view.subscription.service.name.clone(),
        provider: view.subscription.provider.name.clone(),
        customer: view.subscription.customer.name.clone(),
        edition: view.subscription.edition.number,
        pending_notice: view
            .subscription
            .pending_notice
            .map(|n| format!("/change-notices/{n}")),
        total: w.count("board-duties", view.summary.total),
        overdue: (view.summary.overdue > 0).then(|| w.count("board-overdue", view.summary.overdue)),
        states: counts
            .iter()
            .map(|(s, n)| StateCount {
                state: s.as_str(),
                label: w.t(&format!("state-{}", s.as_str())),
                count: w.number(*n),
            })
            .collect(),
        shown: w.with(
            "board-shown",
            [
                ("shown", w.number(shown).as_str()),
                ("total", &w.number(view.summary.total)),
            ],
        ),
        kanban,
        list_href: query.link(id, false),
        kanban_href: query.link(id, true),
        mine: filter.duties.mine,
        team: filter.team,
        in_a_team: view.in_a_team,
        q: filter.duties.q.clone().unwrap_or_default(),
        parties: choices(
            parties.iter().map(|p| (p.clone(), p.clone())),
            filter.duties.party.as_deref(),
        ),
        letters: choices(
            Letter::ALL.iter().map(|l| {
                let name = l.role().meaning(w.locale.as_str()).name;
                (l.as_str().to_owned(), format!("{l} · {name}"))
            }),
            given(&query.letter),
        ),
        state_choices: choices(
            DutyState::ALL
                .iter()
                .map(|s| (s.as_str().to_owned(), w.t(&format!("state-{}", s.as_str())))),
            given(&query.state),
        ),
        phases: choices(
            view.phases.iter().map(|p| (p.clone(), p.clone())),
            filter.phase.as_deref(),
        ),
        groups,
        action: format!("/subscriptions/{id}"),
        filtered: filter != BoardFilter::default(),
        reset_href: query_reset(id, kanban),
        f,
    };
    page(&board, &board.f)
}

fn query_reset(id: i64, kanban: bool) -> String {
    BoardQuery::default().link(id, kanban)
}
