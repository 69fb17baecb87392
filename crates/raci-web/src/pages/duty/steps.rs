//! The steps of a duty as forms: each reads its fields, calls one use case
//! and goes back to the duty's page saying what was done, or what refused
//! it (see [`crate::pages::after`]).

use axum::{
    extract::{Path, Request, State},
    response::{IntoResponse, Response},
};
use raci_app::{
    AnswerInput, AppError, AppResult, EvidenceInput, FileEvidence, NotApplicableInput,
    ScheduleInput, SignOffInput,
};
use raci_store::Recurrence;
use serde::Deserialize;

use crate::form::MultipartForm;
use crate::pages::after;
use crate::session::{is_htmx, Viewer};
use crate::{PageError, WebState};

fn back(id: i64) -> String {
    format!("/duties/{id}")
}

#[derive(Deserialize)]
pub struct AnswerForm {
    answer: String,
    #[serde(default)]
    comment: String,
}

#[derive(Deserialize)]
pub struct SignOffForm {
    decision: String,
    #[serde(default)]
    comment: String,
}

#[derive(Deserialize)]
pub struct ReasonForm {
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
pub struct ScheduleForm {
    #[serde(default)]
    recurrence: String,
    #[serde(default)]
    due: String,
}

/// An optional comment: none when blank.
fn comment(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|c| !c.is_empty())
}

impl AnswerForm {
    fn input(self) -> AppResult<AnswerInput> {
        match self.answer.as_str() {
            "agree" => Ok(AnswerInput::Agree {
                comment: comment(&self.comment),
            }),
            "object" => Ok(AnswerInput::Object {
                comment: self.comment,
            }),
            _ => Err(AppError::invalid("answer", "agree or object")),
        }
    }
}

impl SignOffForm {
    fn input(self) -> AppResult<SignOffInput> {
        match self.decision.as_str() {
            "approve" => Ok(SignOffInput::Approve {
                comment: comment(&self.comment),
            }),
            "send_back" => Ok(SignOffInput::SendBack {
                comment: self.comment,
            }),
            _ => Err(AppError::invalid("decision", "approve or send_back")),
        }
    }
}

impl ScheduleForm {
    fn input(self) -> AppResult<ScheduleInput> {
        let recurrence = match self.recurrence.trim() {
            "" => None,
            r => Some(r.parse::<Recurrence>().map_err(|_| {
                AppError::invalid("recurrence", "monthly, quarterly, semiannual or yearly")
            })?),
        };
        let due_at = match self.due.trim() {
            "" => None,
            day => Some(
                raci_i18n::parse_iso_date(day)
                    .ok_or_else(|| AppError::invalid("due_at", "a day, YYYY-MM-DD"))?,
            ),
        };
        Ok(ScheduleInput { recurrence, due_at })
    }
}

crate::pages::form_steps! {
    /// The R owner starts the duty.
    start(id => i64, crate::pages::Empty {} => crate::pages::Empty) -> "flash-started", back(id) =>
        |app, caller| app.start_duty(caller, id);

    /// The R owner submits it.
    submit(id => i64, crate::pages::Empty {} => crate::pages::Empty) -> "flash-submitted", back(id) =>
        |app, caller| app.submit_duty(caller, id);

    /// A C owner agrees or objects.
    answer((id, cid) => (i64, i64), form => AnswerForm) -> "flash-answered", back(id) =>
        |app, caller| async { app.answer_consultation(caller, id, cid, form.input()?).await };

    /// The A owner approves or sends back.
    sign_off(id => i64, form => SignOffForm) -> "flash-signed-off", back(id) =>
        |app, caller| async { app.sign_off(caller, id, form.input()?).await };

    /// An A owner or an admin of the R organization: not applicable, with a reason.
    not_applicable(id => i64, form => ReasonForm) -> "flash-not-applicable", back(id) =>
        |app, caller| app.mark_not_applicable(caller, id, NotApplicableInput { reason: form.reason });

    /// An A owner or an admin of the R organization: the due date and recurrence.
    schedule(id => i64, form => ScheduleForm) -> "flash-scheduled", back(id) =>
        |app, caller| async { app.schedule_duty(caller, id, form.input()?).await };
}

/// Evidence: a file (multipart, dropped or chosen), a text or a link.
pub async fn add_evidence(
    State(state): State<WebState>,
    Path(id): Path<i64>,
    viewer: Viewer,
    request: Request,
) -> Response {
    let htmx = is_htmx(request.headers());
    let app = &state.app;
    let form = match MultipartForm::read(request, app.config().evidence_limit).await {
        Ok(form) => form,
        Err(response) => return response,
    };
    let caller = &viewer.caller;
    let kind = form.field("kind").map(str::to_owned);
    let url = form.field("url").unwrap_or_default().to_owned();
    let text = form.field("text").unwrap_or_default().to_owned();
    let result = match (kind.as_deref(), form.file) {
        (Some("file"), Some(file)) => {
            let file = FileEvidence {
                name: file.name,
                media_type: file.media_type,
                bytes: file.bytes,
            };
            app.add_file_evidence(caller, id, file).await
        }
        (Some("file"), None) => Err(AppError::invalid("file", "choose a file")),
        (Some("link"), _) => {
            app.add_evidence(caller, id, EvidenceInput::Link { url })
                .await
        }
        _ => {
            app.add_evidence(caller, id, EvidenceInput::Text { text })
                .await
        }
    };
    let secure = state.secure_cookies;
    after(
        &viewer,
        htmx,
        secure,
        result,
        &back(id),
        "flash-evidence-added",
    )
}

/// An evidence item's content: a file's bytes with its hash, as the API answers it.
pub async fn download(
    State(state): State<WebState>,
    Path((id, eid)): Path<(i64, i64)>,
    viewer: Viewer,
) -> Response {
    match state.app.evidence_content(&viewer.caller, id, eid).await {
        Ok((item, bytes)) => raci_api::evidence_download(item, bytes),
        Err(e) => PageError::new(e, viewer.locale).into_response(),
    }
}
