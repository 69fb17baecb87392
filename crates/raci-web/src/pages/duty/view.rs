//! A duty's page as the template shows it: every value in the reader's words.

use askama::Template;
use axum::response::Response;
use raci_app::views::{DutyPageView, EvidenceView};
use raci_i18n::Words;
use raci_store::{EvidenceKind, Recurrence};

use crate::frame::Frame;
use crate::pages::page;
use crate::pages::work::Due;
use crate::session::Viewer;

/// Who holds one letter of one column.
pub struct Holder {
    pub letter: char,
    pub letter_name: String,
    pub party: String,
    pub org: String,
    /// The organization beside the party, unless the party is named after it.
    pub org_note: Option<String>,
    /// The owners by name; empty: anyone of the organization acts.
    pub owners: Vec<String>,
}

pub struct EvidenceItem {
    pub kind: String,
    pub title: String,
    pub href: Option<String>,
    pub text: Option<String>,
    pub size: Option<String>,
    pub sha256: Option<String>,
    pub by: String,
    pub at: String,
    pub cycle: i64,
}

pub struct ConsultationItem {
    pub id: i64,
    /// The party beside who was asked, unless `asked` already names it ("anyone at …").
    pub party_note: Option<String>,
    pub asked: String,
    pub answer: Option<String>,
    pub answer_class: &'static str,
    pub comment: Option<String>,
    pub by: Option<String>,
    pub at: Option<String>,
    pub open: bool,
    pub may_answer: bool,
}

pub struct SignoffItem {
    pub decision: String,
    pub decision_class: &'static str,
    pub comment: Option<String>,
    pub by: String,
    pub at: String,
}

pub struct HistoryItem {
    pub at: String,
    pub by: String,
    pub what: String,
}

#[derive(Template)]
#[template(path = "duty.html")]
struct DutyPage {
    f: Frame,
    id: i64,
    text: String,
    section: String,
    service: String,
    board_href: String,
    state: &'static str,
    state_label: String,
    reason: Option<String>,
    due: Option<Due>,
    due_iso: String,
    recurrence: Option<String>,
    next_due: Option<String>,
    cycle: i64,
    holders: Vec<Holder>,
    evidence: Vec<EvidenceItem>,
    consultations: Vec<ConsultationItem>,
    signoffs: Vec<SignoffItem>,
    history: Vec<HistoryItem>,
    may_start: bool,
    may_add_evidence: bool,
    may_submit: bool,
    may_sign_off: bool,
    may_mark_not_applicable: bool,
    may_schedule: bool,
    recurrences: Vec<(String, String, bool)>,
    evidence_limit: String,
    has_actions: bool,
}

/// A person named by the page: a user of the history by name, else as the
/// audit log names them.
fn name_of(view: &DutyPageView, w: Words<'_>, actor: &str) -> String {
    if let Some(a) = view.actors.iter().find(|a| a.actor == actor) {
        return format!("{} ({})", a.name, a.org);
    }
    match actor {
        "system" => w.t("duty-actor-system"),
        a if a.starts_with("cli:") => w.t("duty-actor-operator"),
        a => a.to_owned(),
    }
}

fn user_name(view: &DutyPageView, w: Words<'_>, user: i64) -> String {
    name_of(view, w, &format!("user:{user}"))
}

fn size(w: Words<'_>, bytes: i64) -> String {
    let bytes = usize::try_from(bytes).unwrap_or(0);
    if bytes < 1024 {
        w.count("duty-bytes", bytes)
    } else {
        w.count("duty-kib", bytes.div_ceil(1024))
    }
}

fn evidence_item(view: &DutyPageView, w: Words<'_>, e: &EvidenceView) -> EvidenceItem {
    let duty = view.detail.duty.id;
    let (title, href, text) = match e.kind {
        EvidenceKind::File => (
            e.file_name.clone().unwrap_or_default(),
            Some(format!("/duties/{duty}/evidence/{}", e.id)),
            None,
        ),
        EvidenceKind::Link => (
            e.url.clone().unwrap_or_default(),
            e.url
                .clone()
                .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
            None,
        ),
        EvidenceKind::Text => (w.t("duty-evidence-text"), None, e.text.clone()),
    };
    EvidenceItem {
        kind: w.t(&format!("duty-evidence-kind-{}", e.kind.as_str())),
        title,
        href,
        text,
        size: e.size.map(|s| size(w, s)),
        sha256: e.sha256.clone(),
        by: user_name(view, w, e.created_by),
        at: w.date_time(e.created_at),
        cycle: e.cycle,
    }
}

pub fn render(viewer: &Viewer, view: DutyPageView, limit: usize) -> Response {
    let mut f = Frame::signed_in(viewer, "duty-title", "");
    let w = f.w;
    let d = &view.detail.duty;
    f.title = format!("{} · {}", d.text, f.title);
    let lang = w.locale.as_str();
    let allowed = &view.detail.allowed;
    let org_name = |org: i64| {
        [&view.subscription.customer, &view.subscription.provider]
            .into_iter()
            .find(|o| o.id == org)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    };
    let holders = view
        .detail
        .holders
        .iter()
        .map(|h| {
            let org = org_name(h.org);
            Holder {
                letter: h.letter.as_char(),
                letter_name: h.letter.role().meaning(lang).name.to_owned(),
                party: h.party.clone(),
                org_note: (org != h.party).then(|| org.clone()),
                org,
                owners: h.owners.iter().map(|o| o.name.clone()).collect(),
            }
        })
        .collect();
    let consultations = view
        .detail
        .consultations
        .iter()
        .map(|c| ConsultationItem {
            id: c.id,
            party_note: c.asked.as_ref().map(|_| c.party.clone()),
            asked: c
                .asked
                .as_ref()
                .map(|o| o.name.clone())
                .unwrap_or_else(|| w.with("duty-anyone-of", [("party", c.party.as_str())])),
            answer: c
                .answer
                .map(|a| w.t(&format!("duty-answer-{}", a.as_str()))),
            answer_class: c.answer.map(|a| a.as_str()).unwrap_or("waiting"),
            comment: c.comment.clone(),
            by: c.answered_by.map(|u| user_name(&view, w, u)),
            at: c.answered_at.map(|t| w.date_time(t)),
            open: c.open,
            may_answer: allowed.answer.contains(&c.id),
        })
        .collect();
    let signoffs = view
        .detail
        .signoffs
        .iter()
        .map(|s| SignoffItem {
            decision: w.t(&format!("duty-decision-{}", s.decision.as_str())),
            decision_class: s.decision.as_str(),
            comment: s.comment.clone(),
            by: user_name(&view, w, s.by_user),
            at: w.date_time(s.at),
        })
        .collect();
    let history = view
        .detail
        .history
        .iter()
        .rev()
        .map(|e| HistoryItem {
            at: w.date_time(e.at),
            by: name_of(&view, w, &e.actor),
            what: crate::words::action(w, &e.action, &e.details),
        })
        .collect();
    let evidence = view
        .detail
        .evidence
        .iter()
        .map(|e| evidence_item(&view, w, e))
        .collect();
    let current = d.recurrence.map(|r| r.as_str()).unwrap_or("");
    let page_view = DutyPage {
        id: d.id,
        text: d.text.clone(),
        section: d.section.join(" › "),
        service: view.subscription.service.name.clone(),
        board_href: format!("/subscriptions/{}", view.subscription.id),
        state: d.state.as_str(),
        state_label: w.t(&format!("state-{}", d.state.as_str())),
        reason: d.reason.clone(),
        due: Due::of(w, d.due_at, d.overdue),
        due_iso: d.due_at.map(raci_i18n::iso).unwrap_or_default(),
        recurrence: d
            .recurrence
            .map(|r| w.t(&format!("recurrence-{}", r.as_str()))),
        next_due: d.next_due_at.map(|t| w.date(t)),
        cycle: d.cycle,
        holders,
        evidence,
        consultations,
        signoffs,
        history,
        may_start: allowed.start,
        may_add_evidence: allowed.add_evidence,
        may_submit: allowed.submit,
        may_sign_off: allowed.sign_off,
        may_mark_not_applicable: allowed.mark_not_applicable,
        may_schedule: allowed.schedule,
        has_actions: allowed.start
            || allowed.add_evidence
            || allowed.submit
            || allowed.sign_off
            || allowed.mark_not_applicable
            || allowed.schedule
            || !allowed.answer.is_empty(),
        recurrences: Recurrence::ALL
            .iter()
            .map(|r| {
                (
                    r.as_str().to_owned(),
                    w.t(&format!("recurrence-{}", r.as_str())),
                    r.as_str() == current,
                )
            })
            .collect(),
        evidence_limit: size(w, i64::try_from(limit).unwrap_or(i64::MAX)),
        f,
    };
    page(&page_view, &page_view.f)
}
