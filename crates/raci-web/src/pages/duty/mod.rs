//! `/duties/{id}`: one duty. Both parties' letters with their owners by
//! name, the due date and recurrence, the evidence (a file, a text, a
//! link; each file's hash shown), the consultations and their answers, the
//! sign-offs, the history from the audit log; and the forms of the steps
//! the person may take now (as raci-app's `allowed` says), each a POST that
//! redirects back here.

mod steps;
mod view;

use axum::{
    extract::{DefaultBodyLimit, Path, State},
    response::{IntoResponse, Response},
    routing::{get, post},
    Router,
};

use crate::session::Viewer;
use crate::{PageError, WebState};

pub fn routes() -> Router<WebState> {
    Router::new()
        .route("/duties/{id}", get(show))
        .route("/duties/{id}/start", post(steps::start))
        // Files are bounded by the configured evidence limit, read as they come.
        .route(
            "/duties/{id}/evidence",
            post(steps::add_evidence).layer(DefaultBodyLimit::disable()),
        )
        .route("/duties/{id}/evidence/{eid}", get(steps::download))
        .route("/duties/{id}/submit", post(steps::submit))
        .route(
            "/duties/{id}/consultations/{cid}/answer",
            post(steps::answer),
        )
        .route("/duties/{id}/signoff", post(steps::sign_off))
        .route("/duties/{id}/not-applicable", post(steps::not_applicable))
        .route("/duties/{id}/schedule", post(steps::schedule))
}

async fn show(State(state): State<WebState>, Path(id): Path<i64>, viewer: Viewer) -> Response {
    match state.app.duty_page(&viewer.caller, id).await {
        Ok(view) => view::render(&viewer, view, state.app.config().evidence_limit),
        Err(e) => PageError::new(e, viewer.locale).into_response(),
    }
}
