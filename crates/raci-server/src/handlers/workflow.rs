//! Routes for owners, teams, evidence, consultations, sign-offs and recurrence of duties.
//!
//! Handlers check that the caller may see the duty or subscription (others'
//! are answered 404) and leave to the store the question of which letter the
//! caller holds, so that a step and the ownership it depends on are decided
//! in one transaction; the store answers 403 naming the letter needed.

use crate::openapi::{
    BadRequest, Conflict, ErrorBody, Forbidden, JsonBodyErrors, NotFound, Unauthorized,
    Unprocessable,
};
use axum::{
    body::Body,
    extract::{
        rejection::{JsonRejection, PathRejection, QueryRejection},
        DefaultBodyLimit, Path, Query, State,
    },
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post, put},
    Json, Router,
};
use raci_store::{
    Answer, Assignee, Decision, Duty, DutyDetail, Evidence, NewEvidence, Owner, Recurrence,
    StoreError, Team,
};
use serde::Deserialize;
use serde_json::json;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{duties::visible_duty, visible_subscription};
use crate::{error::ApiResult, ApiError, AppState, Caller};

/// The largest JSON evidence body (text evidence is at most 64 KiB).
const JSON_EVIDENCE_LIMIT: usize = 256 * 1024;

/// The OpenAPI paths of this module, merged into the served document.
#[derive(OpenApi)]
#[openapi(paths(
    create_team,
    list_teams,
    add_member,
    remove_member,
    set_owners,
    list_owners,
    detail,
    start,
    submit,
    answer,
    signoff,
    not_applicable,
    add_evidence,
    list_evidence,
    evidence_content,
    recurrence
))]
pub struct Doc;

/// The routes of this module, relative to `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/teams", post(create_team).get(list_teams))
        .route(
            "/teams/{id}/members/{user}",
            put(add_member).delete(remove_member),
        )
        .route(
            "/subscriptions/{id}/owners",
            put(set_owners).get(list_owners),
        )
        .route("/duties/{id}", get(detail))
        .route("/duties/{id}/start", post(start))
        .route("/duties/{id}/submit", post(submit))
        .route("/duties/{id}/consultations/{cid}/answer", post(answer))
        .route("/duties/{id}/signoff", post(signoff))
        .route("/duties/{id}/not-applicable", post(not_applicable))
        .route(
            "/duties/{id}/evidence",
            // Uploads are bounded by `ServerConfig::evidence_limit`, read by
            // the handler, not by the router's default limit.
            post(add_evidence)
                .layer(DefaultBodyLimit::disable())
                .get(list_evidence),
        )
        .route("/duties/{id}/evidence/{eid}/content", get(evidence_content))
        .route("/duties/{id}/recurrence", put(recurrence))
}

/// A store error as an API error: input errors whose message starts with
/// `field: ` (the store's convention for this area) name that field.
pub(crate) fn store_error(e: StoreError) -> ApiError {
    if let StoreError::InvalidInput(message) = &e {
        if let Some((field, why)) = message.split_once(": ") {
            if !field.is_empty() && field.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                return ApiError::invalid(field, why);
            }
        }
    }
    e.into()
}

/// A step's answer from the store: its value as JSON, or [`store_error`].
fn stepped<T>(result: Result<T, StoreError>) -> ApiResult<Json<T>> {
    result.map(Json).map_err(store_error)
}

/// Path parameters that start with a duty's id.
trait DutyPath {
    fn duty(&self) -> i64;
}

impl DutyPath for i64 {
    fn duty(&self) -> i64 {
        *self
    }
}

impl DutyPath for (i64, i64) {
    fn duty(&self) -> i64 {
        self.0
    }
}

/// The path's parameters, once the duty they name is one the caller may see
/// (others' are answered 404).
async fn visible_path<T: DutyPath>(
    state: &AppState,
    caller: &Caller,
    path: Result<Path<T>, PathRejection>,
) -> ApiResult<T> {
    let Path(ids) = path?;
    visible_duty(state, caller, ids.duty()).await?;
    Ok(ids)
}

// Teams.

/// A new team of the caller's organization.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewTeam {
    pub name: String,
}

#[utoipa::path(post, path = "/api/v1/teams", request_body = NewTeam,
    responses((status = 201, description = "the team"),
        JsonBodyErrors,
        (status = 401, response = Unauthorized),
        (status = 403, description = "not an admin", body = ErrorBody),
        (status = 409, response = Conflict)),
    security(("bearer" = [])))]
pub async fn create_team(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<Json<NewTeam>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Team>)> {
    caller.require_admin()?;
    let Json(body) = body?;
    let team = stepped(state.store.create_team(caller.user.id, &body.name).await)?;
    Ok((StatusCode::CREATED, team))
}

#[utoipa::path(get, path = "/api/v1/teams",
    responses((status = 200, description = "the teams of the caller's organization"),
        (status = 401, response = Unauthorized)),
    security(("bearer" = [])))]
pub async fn list_teams(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<Team>>> {
    Ok(Json(state.store.list_teams(caller.org.id).await?))
}

#[utoipa::path(put, path = "/api/v1/teams/{id}/members/{user}",
    params(("id" = i64, Path), ("user" = i64, Path)),
    responses((status = 200, description = "the team"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 422, response = Unprocessable)),
    security(("bearer" = [])))]
pub async fn add_member(
    State(state): State<AppState>,
    caller: Caller,
    ids: Result<Path<(i64, i64)>, PathRejection>,
) -> ApiResult<Json<Team>> {
    let Path((team, user)) = ids?;
    stepped(
        state
            .store
            .add_team_member(caller.user.id, team, user)
            .await,
    )
}

#[utoipa::path(delete, path = "/api/v1/teams/{id}/members/{user}",
    params(("id" = i64, Path), ("user" = i64, Path)),
    responses((status = 200, description = "the team"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound)),
    security(("bearer" = [])))]
pub async fn remove_member(
    State(state): State<AppState>,
    caller: Caller,
    ids: Result<Path<(i64, i64)>, PathRejection>,
) -> ApiResult<Json<Team>> {
    let Path((team, user)) = ids?;
    stepped(
        state
            .store
            .remove_team_member(caller.user.id, team, user)
            .await,
    )
}

// Owners.

/// One owner, or (for C and I) one or several.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(Assignee),
    Many(Vec<Assignee>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<Assignee> {
        match self {
            OneOrMany::One(a) => vec![a],
            OneOrMany::Many(list) => list,
        }
    }
}

/// The owners of each letter: `{"user": ID}` or `{"team": ID}`; C and I may
/// list several.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LetterMap {
    #[serde(rename = "R")]
    #[schema(value_type = Option<Object>)]
    r: Option<OneOrMany>,
    #[serde(rename = "A")]
    #[schema(value_type = Option<Object>)]
    a: Option<OneOrMany>,
    #[serde(rename = "C")]
    #[schema(value_type = Option<Object>)]
    c: Option<OneOrMany>,
    #[serde(rename = "I")]
    #[schema(value_type = Option<Object>)]
    i: Option<OneOrMany>,
}

/// Replaces the caller organization's mapping of one party column.
#[derive(Debug, Deserialize, ToSchema)]
pub struct OwnersBody {
    /// A column header of the subscription's edition that is the caller's organization's.
    pub party: String,
    #[serde(default)]
    pub owners: LetterMap,
}

#[utoipa::path(put, path = "/api/v1/subscriptions/{id}/owners", params(("id" = i64, Path)),
    request_body = OwnersBody,
    responses((status = 200, description = "both organizations' owners"),
        JsonBodyErrors,
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 422, description = "a party not of the caller's organization, or a bad owner", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn set_owners(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<OwnersBody>, JsonRejection>,
) -> ApiResult<Json<Vec<Owner>>> {
    let Path(id) = id?;
    let subscription = visible_subscription(&state, &caller, id).await?;
    caller.require_writer()?;
    let Json(body) = body?;
    let mut owners = Vec::new();
    for (letter, set) in [
        ('R', body.owners.r),
        ('A', body.owners.a),
        ('C', body.owners.c),
        ('I', body.owners.i),
    ] {
        let set = set.map(OneOrMany::into_vec).unwrap_or_default();
        if matches!(letter, 'R' | 'A') && set.len() > 1 {
            return Err(ApiError::invalid(
                "owners",
                format!("{letter} has one owner at most"),
            ));
        }
        owners.extend(set.into_iter().map(|a| (letter, a)));
    }
    stepped(
        state
            .store
            .set_owners(caller.user.id, subscription.id, &body.party, &owners)
            .await,
    )
}

#[utoipa::path(get, path = "/api/v1/subscriptions/{id}/owners", params(("id" = i64, Path)),
    responses((status = 200, description = "both organizations' owners"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 404, response = NotFound)),
    security(("bearer" = [])))]
pub async fn list_owners(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Json<Vec<Owner>>> {
    let Path(id) = id?;
    let subscription = visible_subscription(&state, &caller, id).await?;
    Ok(Json(state.store.list_owners(subscription.id).await?))
}

// The flow.

#[utoipa::path(get, path = "/api/v1/duties/{id}", params(("id" = i64, Path)),
    responses((status = 200,
        description = "the duty with its evidence, consultations, sign-offs, owners and history"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 404, response = NotFound)),
    security(("bearer" = [])))]
pub async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Json<DutyDetail>> {
    let id = visible_path(&state, &caller, id).await?;
    Ok(Json(state.store.duty_detail(id, caller.org.id).await?))
}

#[utoipa::path(post, path = "/api/v1/duties/{id}/start", params(("id" = i64, Path)),
    responses((status = 200, description = "the duty, in progress"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, description = "not an R owner", body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 409, description = "the duty is not open", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn start(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Json<Duty>> {
    let id = visible_path(&state, &caller, id).await?;
    stepped(state.store.start_duty(caller.user.id, id).await)
}

#[utoipa::path(post, path = "/api/v1/duties/{id}/submit", params(("id" = i64, Path)),
    responses((status = 200, description = "the duty, awaiting consultation or sign-off, or done"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, description = "not an R owner", body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 409, description = "the duty is not in progress", body = ErrorBody),
        (status = 422, description = "no evidence in this cycle", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn submit(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Json<Duty>> {
    let id = visible_path(&state, &caller, id).await?;
    stepped(state.store.submit_duty(caller.user.id, id).await)
}

/// A C owner's answer.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AnswerBody {
    /// `agree` or `object`.
    pub answer: String,
    /// Required to object.
    pub comment: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/duties/{id}/consultations/{cid}/answer",
    params(("id" = i64, Path), ("cid" = i64, Path)), request_body = AnswerBody,
    responses((status = 200, description = "the duty"),
        JsonBodyErrors,
        (status = 401, response = Unauthorized),
        (status = 403, description = "not the C owner asked", body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 409, description = "already answered, or not awaiting consultation", body = ErrorBody),
        (status = 422, description = "bad answer or missing comment", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn answer(
    State(state): State<AppState>,
    caller: Caller,
    ids: Result<Path<(i64, i64)>, PathRejection>,
    body: Result<Json<AnswerBody>, JsonRejection>,
) -> ApiResult<Json<Duty>> {
    let (id, cid) = visible_path(&state, &caller, ids).await?;
    let Json(body) = body?;
    let answer: Answer = body.answer.parse().map_err(|_| {
        ApiError::invalid(
            "answer",
            format!("{:?} is not agree or object", body.answer),
        )
    })?;
    stepped(
        state
            .store
            .answer_consultation(caller.user.id, id, cid, answer, body.comment.as_deref())
            .await,
    )
}

/// An A owner's decision.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SignoffBody {
    /// `approve` or `send_back`.
    pub decision: String,
    /// Required to send back.
    pub comment: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/duties/{id}/signoff", params(("id" = i64, Path)),
    request_body = SignoffBody,
    responses((status = 200, description = "the duty, done or back in progress"),
        JsonBodyErrors,
        (status = 401, response = Unauthorized),
        (status = 403, description = "not an A owner", body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 409, description = "not awaiting sign-off", body = ErrorBody),
        (status = 422, description = "bad decision or missing comment", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn signoff(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<SignoffBody>, JsonRejection>,
) -> ApiResult<Json<Duty>> {
    let id = visible_path(&state, &caller, id).await?;
    let Json(body) = body?;
    let decision: Decision = body.decision.parse().map_err(|_| {
        ApiError::invalid(
            "decision",
            format!("{:?} is not approve or send_back", body.decision),
        )
    })?;
    stepped(
        state
            .store
            .sign_off(caller.user.id, id, decision, body.comment.as_deref())
            .await,
    )
}

/// Why a duty does not apply.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NotApplicableBody {
    pub reason: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/duties/{id}/not-applicable", params(("id" = i64, Path)),
    request_body = NotApplicableBody,
    responses((status = 200, description = "the duty, not applicable"),
        JsonBodyErrors,
        (status = 401, response = Unauthorized),
        (status = 403, description = "neither an A owner nor an admin of the R organization", body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 409, description = "the duty is final", body = ErrorBody),
        (status = 422, description = "no reason", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn not_applicable(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<NotApplicableBody>, JsonRejection>,
) -> ApiResult<Json<Duty>> {
    let id = visible_path(&state, &caller, id).await?;
    let Json(body) = body?;
    stepped(
        state
            .store
            .mark_not_applicable(caller.user.id, id, body.reason.as_deref().unwrap_or(""))
            .await,
    )
}

// Evidence.

/// Evidence given as JSON.
#[derive(Debug, Deserialize, ToSchema)]
pub struct EvidenceBody {
    /// `text` or `link` (files are sent as raw bytes).
    pub kind: String,
    pub text: Option<String>,
    pub url: Option<String>,
}

/// The name of an uploaded file.
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct UploadParams {
    /// The file's name, e.g. `report.pdf`.
    pub name: Option<String>,
}

/// Why an upload is refused: too large (413 naming `file`), or any API error.
enum Refused {
    TooLarge(usize),
    Api(ApiError),
}

impl From<ApiError> for Refused {
    fn from(e: ApiError) -> Self {
        Refused::Api(e)
    }
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        match self {
            Refused::TooLarge(limit) => {
                let error = json!({"error": {
                    "code": "too_large",
                    "message": format!("an evidence file is at most {limit} bytes"),
                    "field": "file",
                }});
                (StatusCode::PAYLOAD_TOO_LARGE, Json(error)).into_response()
            }
            Refused::Api(e) => e.into_response(),
        }
    }
}

/// What an upload request carries, read within its limit.
async fn read_evidence(
    state: &AppState,
    headers: &HeaderMap,
    name: Option<String>,
    body: Body,
) -> Result<NewEvidence, Refused> {
    let media_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/octet-stream")
        .to_owned();
    let is_json = media_type
        .split(';')
        .next()
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"));
    let limit = if is_json {
        JSON_EVIDENCE_LIMIT
    } else {
        state.config.evidence_limit
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(Refused::TooLarge(limit));
    }
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| Refused::TooLarge(limit))?;
    if is_json {
        return Ok(evidence_from_json(&bytes)?);
    }
    let name = name.ok_or_else(|| ApiError::invalid("name", "give the file's name as ?name=…"))?;
    Ok(NewEvidence::File {
        name,
        media_type,
        content: bytes.to_vec(),
    })
}

/// Text or link evidence from its JSON form.
fn evidence_from_json(bytes: &[u8]) -> ApiResult<NewEvidence> {
    let body: EvidenceBody = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::invalid("body", format!("not an evidence object: {e}")))?;
    let need = |field: &str, value: Option<String>| {
        value.ok_or_else(|| ApiError::invalid(field, "is required"))
    };
    match body.kind.as_str() {
        "text" => Ok(NewEvidence::Text(need("text", body.text)?)),
        "link" => Ok(NewEvidence::Link(need("url", body.url)?)),
        other => Err(ApiError::invalid(
            "kind",
            format!("{other:?} is not text or link (send files as raw bytes)"),
        )),
    }
}

#[utoipa::path(post, path = "/api/v1/duties/{id}/evidence",
    params(("id" = i64, Path), UploadParams),
    request_body(content(
            (EvidenceBody = "application/json"),
            (Vec<u8> = "application/octet-stream")),
        description = "JSON {kind: text|link, text|url}, or a file's raw bytes with its Content-Type and ?name="),
    responses((status = 201, description = "the evidence's metadata"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, description = "not an R owner", body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 409, description = "the duty is not in progress", body = ErrorBody),
        (status = 413, description = "a file over the evidence limit", body = ErrorBody),
        (status = 422, description = "bad evidence", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn add_evidence(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    params: Result<Query<UploadParams>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let run = async {
        let Path(id) = id.map_err(ApiError::from)?;
        let Query(params) = params.map_err(ApiError::from)?;
        visible_duty(&state, &caller, id).await?;
        let evidence = read_evidence(&state, &headers, params.name, body).await?;
        let stored = stepped(state.store.add_evidence(caller.user.id, id, evidence).await)?;
        Ok::<_, Refused>((StatusCode::CREATED, stored))
    };
    match run.await {
        Ok(created) => created.into_response(),
        Err(refused) => refused.into_response(),
    }
}

#[utoipa::path(get, path = "/api/v1/duties/{id}/evidence", params(("id" = i64, Path)),
    responses((status = 200, description = "the evidence's metadata, every cycle"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 404, response = NotFound)),
    security(("bearer" = [])))]
pub async fn list_evidence(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Json<Vec<Evidence>>> {
    let id = visible_path(&state, &caller, id).await?;
    Ok(Json(state.store.list_evidence(id).await?))
}

#[utoipa::path(get, path = "/api/v1/duties/{id}/evidence/{eid}/content",
    params(("id" = i64, Path), ("eid" = i64, Path)),
    responses((status = 200, description = "the file's bytes, with its media type"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 404, response = NotFound)),
    security(("bearer" = [])))]
pub async fn evidence_content(
    State(state): State<AppState>,
    caller: Caller,
    ids: Result<Path<(i64, i64)>, PathRejection>,
) -> ApiResult<Response> {
    let (id, eid) = visible_path(&state, &caller, ids).await?;
    let (meta, content) = state.store.evidence_content(id, eid).await?;
    if meta.kind != "file" {
        return Err(ApiError::NotFound(format!(
            "evidence {eid} is a {}, with no file",
            meta.kind
        )));
    }
    let media_type = meta
        .media_type
        .unwrap_or_else(|| "application/octet-stream".to_owned());
    // Quotes and backslashes would end the quoted name early.
    let name: String = meta
        .file_name
        .unwrap_or_default()
        .chars()
        .filter(|c| !matches!(c, '"' | '\\') && c.is_ascii() && !c.is_ascii_control())
        .collect();
    let mut response = content.into_response();
    let headers = response.headers_mut();
    let pairs = [
        (header::CONTENT_TYPE, media_type),
        (
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
    ];
    for (key, value) in pairs {
        if let Ok(value) = value.parse() {
            headers.insert(key, value);
        }
    }
    if let Some(sha) = meta.sha256.and_then(|s| s.parse().ok()) {
        headers.insert(header::ETAG, sha);
    }
    Ok(response)
}

// Recurrence.

/// How a duty recurs, and when its current cycle is due.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RecurrenceBody {
    /// `monthly`, `quarterly`, `semiannual`, `yearly`, or null for none.
    pub recurrence: Option<String>,
    /// When the current cycle is due, in milliseconds since the epoch.
    pub due_at: Option<i64>,
}

#[utoipa::path(put, path = "/api/v1/duties/{id}/recurrence", params(("id" = i64, Path)),
    request_body = RecurrenceBody,
    responses((status = 200, description = "the duty"),
        JsonBodyErrors,
        (status = 401, response = Unauthorized),
        (status = 403, description = "neither an A owner nor an admin of the R organization", body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 422, description = "unknown recurrence", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn recurrence(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<RecurrenceBody>, JsonRejection>,
) -> ApiResult<Json<Duty>> {
    let id = visible_path(&state, &caller, id).await?;
    let Json(body) = body?;
    let recurrence = match body.recurrence.as_deref() {
        None => None,
        Some(text) => Some(Recurrence::parse(text).ok_or_else(|| {
            ApiError::invalid(
                "recurrence",
                format!("{text:?} is not monthly, quarterly, semiannual or yearly"),
            )
        })?),
    };
    stepped(
        state
            .store
            .schedule_duty(caller.user.id, id, recurrence, body.due_at)
            .await,
    )
}

/// Reopens due recurring duties every `ServerConfig::reopen_interval`, for
/// as long as the server runs. Several servers may run it on one database:
/// the store's guarded update reopens each duty once.
pub async fn reopen_loop(state: AppState) {
    let mut ticks = tokio::time::interval(state.config.reopen_interval);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        if let Err(e) = state.store.reopen_due(raci_store::now_ms()).await {
            tracing::warn!(error = %e, "reopening recurring duties failed");
        }
    }
}
