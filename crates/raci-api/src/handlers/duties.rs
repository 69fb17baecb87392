//! `/duties`: one duty and the steps of its R/C/A/I flow.

use axum::{
    extract::{DefaultBodyLimit, Request},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json as JsonBody,
};
use raci_app::views::{ConsultationView, DutyDetailView, DutyView, EvidenceView};
use raci_app::{
    AnswerInput, App, Caller, EvidenceInput, FileEvidence, NotApplicableInput, ScheduleInput,
    SignOffInput,
};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{
    router::{OpenApiRouter, UtoipaMethodRouterExt},
    routes,
};

use super::catalog::{BinaryBody, FileBody};
use super::{created, handlers, ok, operations, DutyId};
use crate::extract::{body_up_to, from_json, Json, Path, Query};
use crate::openapi::{ReadErrors, StepErrors, WriteErrors};
use crate::{ApiResult, ApiState};

/// The largest JSON evidence body: text evidence of 65,536 characters,
/// each up to 4 bytes, and the JSON around it.
const JSON_EVIDENCE_LIMIT: usize = 512 * 1024;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(get_duty))
        .routes(routes!(start_duty))
        // Files are bounded by the configured evidence limit, read by the
        // handler, not by the router's default limit.
        .routes(routes!(add_evidence).layer(DefaultBodyLimit::disable()))
        .routes(routes!(list_evidence))
        .routes(routes!(get_evidence_content))
        .routes(routes!(submit_duty))
        .routes(routes!(list_consultations))
        .routes(routes!(answer_consultation))
        .routes(routes!(sign_off_duty))
        .routes(routes!(mark_duty_not_applicable))
        .routes(routes!(schedule_duty))
}

fn content_type(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FileParams {
    /// For a file: its name (`evidence` when absent).
    pub name: Option<String>,
}

/// Text or a link as JSON, or a file as its bytes, under their limits.
async fn attach(
    app: &App,
    caller: &Caller,
    id: i64,
    name: Option<String>,
    request: Request,
) -> ApiResult<EvidenceView> {
    let media_type = content_type(request.headers());
    if media_type
        .as_deref()
        .is_some_and(|m| m == "application/json" || m.ends_with("+json"))
    {
        let bytes = body_up_to(request.into_body(), JSON_EVIDENCE_LIMIT).await?;
        let input: EvidenceInput = from_json(&bytes)?;
        return Ok(app.add_evidence(caller, id, input).await?);
    }
    let limit = app.config().evidence_limit;
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(app.file_too_large().into());
    }
    let bytes = body_up_to(request.into_body(), limit)
        .await
        .map_err(|_| app.file_too_large())?;
    let file = FileEvidence {
        name: name.unwrap_or_else(|| "evidence".to_owned()),
        media_type,
        bytes: bytes.to_vec(),
    };
    Ok(app.add_file_evidence(caller, id, file).await?)
}

/// An evidence item's content as a download: a file's bytes with its hash,
/// or a text or link as plain text (the web pages answer it alike).
pub fn download(item: EvidenceView, bytes: Vec<u8>) -> Response {
    let Some(name) = &item.file_name else {
        let text = item.text.or(item.url).unwrap_or_default();
        return ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response();
    };
    let disposition = format!(
        "attachment; filename=\"{}\"",
        name.replace(['"', '\\'], "_")
    );
    let mut response = (
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response();
    if let Some(hash) = item.sha256.as_deref().and_then(|h| h.parse().ok()) {
        response.headers_mut().insert("x-content-sha256", hash);
    }
    response
}

operations! { tag = "duties";
    /// A duty with its holders, evidence, consultations, sign-offs, history,
    /// and what the caller may do now.
    get "/duties/{id}" "getDuty" get_duty(path DutyId { id }) -> ok(DutyDetailView, "the duty") ReadErrors = |app, caller| app.duty_detail(&caller, id);

    /// The R owner starts the duty: `open → in_progress`.
    post "/duties/{id}/start" "startDuty" start_duty(path DutyId { id }) -> ok(DutyView, "the duty, in progress") StepErrors = |app, caller| app.start_duty(&caller, id);

    /// A duty's evidence, every cycle, oldest first.
    get "/duties/{id}/evidence" "listEvidence" list_evidence(path DutyId { id }) -> ok(Vec<EvidenceView>, "the evidence") ReadErrors = |app, caller| app.evidence(&caller, id);

    /// The R owner submits the duty, with evidence in this cycle: on to
    /// consultation of every C owner, to sign-off by the A owner, or done.
    post "/duties/{id}/submit" "submitDuty" submit_duty(path DutyId { id }) -> ok(DutyView, "the duty") StepErrors = |app, caller| app.submit_duty(&caller, id);

    /// A duty's consultations, every cycle and round.
    get "/duties/{id}/consultations" "listConsultations" list_consultations(path DutyId { id }) -> ok(Vec<ConsultationView>, "the consultations") ReadErrors = |app, caller| app.consultations(&caller, id);

    /// The A owner approves (done, the I owners told) or sends back.
    post "/duties/{id}/signoff" "signOffDuty" sign_off_duty(path DutyId { id } body input: SignOffInput) -> ok(DutyView, "the duty") WriteErrors = |app, caller| app.sign_off(&caller, id, input);

    /// An A owner, or an admin of the R column's organization, marks the
    /// duty not applicable, with a reason.
    post "/duties/{id}/not-applicable" "markDutyNotApplicable" mark_duty_not_applicable(path DutyId { id } body input: NotApplicableInput) -> ok(DutyView, "the duty") WriteErrors = |app, caller| app.mark_not_applicable(&caller, id, input);

    /// An A owner, or an admin of the R column's organization, sets how
    /// often the duty reopens once done, and its due date.
    put "/duties/{id}/recurrence" "scheduleDuty" schedule_duty(path DutyId { id } body input: ScheduleInput) -> ok(DutyView, "the duty") WriteErrors = |app, caller| app.schedule_duty(&caller, id, input);
}

handlers! {
    /// The R owner attaches evidence while the duty is in progress: text or
    /// a link as JSON, or a file as its bytes (any media type but JSON, up
    /// to the server's evidence limit), kept with its sha256.
    #[utoipa::path(post, path = "/duties/{id}/evidence", operation_id = "addEvidence",
        tag = "duties", params(DutyId, FileParams),
        request_body(content((EvidenceInput = "application/json"),
            (FileBody = "application/octet-stream"))),
        responses((status = 201, body = EvidenceView, description = "the evidence item"), WriteErrors))]
    add_evidence(Path(DutyId { id }) => Path<DutyId>, Query(params) => Query<FileParams>, request => Request) -> (StatusCode, JsonBody<EvidenceView>) =
        |app, caller| created(attach(app, &caller, id, params.name, request).await?);

    /// An evidence item's content: a file's bytes with its media type and
    /// its sha256 (`X-Content-SHA256`), or a text or link as plain text.
    #[utoipa::path(get, path = "/duties/{id}/evidence/{eid}/content",
        operation_id = "getEvidenceContent", tag = "duties",
        params(("id" = i64, Path, description = "the duty"),
            ("eid" = i64, Path, description = "the evidence item")),
        responses((status = 200, description = "the content", content(
                (BinaryBody = "application/octet-stream"), (String = "text/plain"))),
            ReadErrors))]
    get_evidence_content(Path((id, eid)) => Path<(i64, i64)>) -> Response = |app, caller| {
        let (item, bytes) = app.evidence_content(&caller, id, eid).await?;
        Ok(download(item, bytes))
    };

    /// The C owner a consultation asks agrees, or objects (the duty goes back).
    #[utoipa::path(post, path = "/duties/{id}/consultations/{cid}/answer",
        operation_id = "answerConsultation", tag = "duties",
        params(("id" = i64, Path, description = "the duty"),
            ("cid" = i64, Path, description = "the consultation")),
        request_body = AnswerInput,
        responses((status = 200, body = DutyView, description = "the duty"), WriteErrors))]
    answer_consultation(Path((id, cid)) => Path<(i64, i64)>, Json(input) => Json<AnswerInput>) -> JsonBody<DutyView> =
        |app, caller| ok(app.answer_consultation(&caller, id, cid, input).await?);
}
