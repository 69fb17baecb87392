//! `/audit` and `/audit/verify`: the organization's hash-chained audit
//! log, filtered by actor, action and duty and paged, and the verification
//! of its chain — for its admins and auditors (raci-app says who).

use askama::Template;
use axum::{
    extract::{Query, State},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use raci_app::views::AuditEntryView;
use raci_app::AuditQuery;
use raci_i18n::Words;
use serde::Deserialize;

use super::{given, page};
use crate::frame::Frame;
use crate::session::Viewer;
use crate::{PageError, WebState};

pub fn routes() -> Router<WebState> {
    Router::new()
        .route("/audit", get(log))
        .route("/audit/verify", get(verify))
}

/// The log's query: every field optional text, a number only when it is one.
#[derive(Debug, Default, Deserialize)]
struct LogQuery {
    actor: Option<String>,
    action: Option<String>,
    duty: Option<String>,
    after: Option<String>,
}

/// One entry as the log shows it.
pub struct Row {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub what: String,
    pub subject: String,
    pub href: Option<String>,
    pub hash: String,
}

fn row(w: Words<'_>, names: &[(String, String)], e: &AuditEntryView) -> Row {
    let href = e.subject.split_once(':').and_then(|(kind, id)| {
        let id: i64 = id.parse().ok()?;
        match kind {
            "duty" => Some(format!("/duties/{id}")),
            "subscription" => Some(format!("/subscriptions/{id}")),
            "change_notice" => Some(format!("/change-notices/{id}")),
            _ => None,
        }
    });
    Row {
        seq: e.seq,
        at: w.date_time(e.at),
        actor: names
            .iter()
            .find(|(actor, _)| *actor == e.actor)
            .map(|(_, name)| name.clone())
            .unwrap_or_else(|| e.actor.clone()),
        what: crate::words::action(w, &e.action, &e.details),
        subject: e.subject.clone(),
        href,
        hash: e.hash.chars().take(10).collect(),
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
struct LogPage {
    f: Frame,
    rows: Vec<Row>,
    actor: String,
    action: String,
    duty: String,
    next: Option<String>,
}

async fn log(State(state): State<WebState>, viewer: Viewer, Query(q): Query<LogQuery>) -> Response {
    let app = &state.app;
    let caller = &viewer.caller;
    let query = AuditQuery {
        after: given(&q.after).and_then(|a| a.parse().ok()),
        actor: given(&q.actor).map(str::to_owned),
        action: given(&q.action).map(str::to_owned),
        duty: given(&q.duty).and_then(|d| d.parse().ok()),
        ..AuditQuery::default()
    };
    let log = match app.audit_log(caller, &query).await {
        Ok(log) => log,
        Err(e) => return PageError::new(e, viewer.locale).into_response(),
    };
    // The organization's own users, by name (others stay as the log names them).
    let names: Vec<(String, String)> = app
        .users(caller)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|u| (format!("user:{}", u.id), u.name))
        .collect();
    let f = Frame::signed_in(&viewer, "audit-title", "/audit");
    let w = f.w;
    let next = log.next_after.map(|after| {
        let mut pairs = vec![("after", after.to_string())];
        for (name, value) in [("actor", &query.actor), ("action", &query.action)] {
            if let Some(v) = value {
                pairs.push((name, v.clone()));
            }
        }
        if let Some(d) = query.duty {
            pairs.push(("duty", d.to_string()));
        }
        format!(
            "/audit?{}",
            serde_urlencoded::to_string(&pairs).unwrap_or_default()
        )
    });
    let log_page = LogPage {
        rows: log.entries.iter().map(|e| row(w, &names, e)).collect(),
        actor: query.actor.unwrap_or_default(),
        action: query.action.unwrap_or_default(),
        duty: query.duty.map(|d| d.to_string()).unwrap_or_default(),
        next,
        f,
    };
    page(&log_page, &log_page.f)
}

#[derive(Template)]
#[template(path = "audit_verify.html")]
struct VerifyPage {
    f: Frame,
    ok: bool,
    entries: String,
    head_seq: i64,
    head_hash: String,
    broken: Option<(i64, String)>,
    imported: Vec<(i64, String, bool)>,
}

async fn verify(State(state): State<WebState>, viewer: Viewer) -> Response {
    let report = match state.app.verify_audit(&viewer.caller).await {
        Ok(report) => report,
        Err(e) => return PageError::new(e, viewer.locale).into_response(),
    };
    let f = Frame::signed_in(&viewer, "audit-verify-title", "/audit");
    let w = f.w;
    let verify_page = VerifyPage {
        ok: report.ok,
        entries: w.count("audit-entries", report.entries),
        head_seq: report.head_seq,
        head_hash: report.head_hash,
        broken: report.broken.map(|b| (b.seq, b.reason)),
        imported: report
            .imported
            .iter()
            .map(|c| {
                (
                    c.original_org,
                    w.count("audit-entries", c.entries),
                    c.broken.is_none(),
                )
            })
            .collect(),
        f,
    };
    page(&verify_page, &verify_page.f)
}
