//! Routes for change notices between editions, and incidents and change requests.
//!
//! Publishing an edition after the first aligns it with the previous one
//! (raci-align), keeps the diff, and gives every subscription a change
//! notice computed from the edition that subscription is bound to (which
//! is older than the previous one when it skipped a notice). Accepting the
//! notice migrates the subscription's duties.

mod events;
mod plan;

use crate::openapi::{BadRequest, ErrorBody, NotFound, Unauthorized};
use std::collections::BTreeMap;

use axum::{
    extract::{rejection::PathRejection, Path, State},
    routing::{get, post},
    Json, Router,
};
use raci_model::Document;
use raci_store::{ChangeNotice, Duty, Edition, OrgKind, StoreError};
use serde::Serialize;
use serde_json::Value;
use utoipa::OpenApi;

use super::visible_subscription;
use crate::{error::ApiResult, ApiError, AppState, Caller};
pub use plan::DiffSummary;

/// The OpenAPI paths of this module, merged into the served document.
#[derive(OpenApi)]
#[openapi(paths(
    edition_diff,
    list_notices,
    get_notice,
    accept_notice,
    retired_duties,
    events::raise,
    events::list
))]
pub struct Doc;

/// The routes of this module, relative to `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/services/{id}/editions/{number}/diff", get(edition_diff))
        .route("/subscriptions/{id}/change-notices", get(list_notices))
        .route("/subscriptions/{id}/retired-duties", get(retired_duties))
        .route("/change-notices/{id}", get(get_notice))
        .route("/change-notices/{id}/accept", post(accept_notice))
        .route(
            "/subscriptions/{id}/events",
            post(events::raise).get(events::list),
        )
}

/// What publishing changed, beside the edition itself.
#[derive(Debug, Serialize)]
pub struct PublishChanges {
    /// The number of the edition the diff is against.
    pub previous: i64,
    pub summary: DiffSummary,
    /// How many change notices were sent (one per subscription).
    pub notices: usize,
}

fn parse(edition: &Edition) -> ApiResult<Document> {
    Document::from_json(&edition.document_json)
        .map_err(|e| ApiError::Internal(format!("edition {} is unreadable: {e}", edition.id)))
}

/// Publishes `document` as the next edition of `service` with its diff and
/// change notices, in one store transaction.
pub(crate) async fn publish(
    state: &AppState,
    actor: &str,
    service: i64,
    document: &Document,
) -> ApiResult<(Edition, Option<PublishChanges>)> {
    let previous = match state.store.latest_edition(service).await {
        Ok(e) => Some(e),
        Err(StoreError::NotFound { .. }) => None,
        Err(e) => return Err(e.into()),
    };
    let Some(previous) = previous else {
        let published = state
            .store
            .publish_edition_with_changes(actor, service, None, &document.to_json(), None, &[])
            .await?;
        return Ok((published.edition, None));
    };
    let previous_doc = parse(&previous)?;
    let diff_of = |old: &Document| {
        let alignment = raci_align::align(old, document);
        raci_align::diff(old, document, &alignment)
    };
    let diff = diff_of(&previous_doc);
    let diff_json = serde_json::to_string(&diff)
        .map_err(|e| ApiError::Internal(format!("diff of edition {}: {e}", previous.id)))?;
    let mut plans = BTreeMap::new();
    plans.insert(previous.id, plan::notice_plan(previous.id, document, &diff));
    for sub in state.store.list_service_subscriptions(service).await? {
        if plans.contains_key(&sub.edition) {
            continue;
        }
        let older = parse(&state.store.get_edition(sub.edition).await?)?;
        let plan = plan::notice_plan(sub.edition, document, &diff_of(&older));
        plans.insert(sub.edition, plan);
    }
    let plans: Vec<_> = plans.into_values().collect();
    let published = state
        .store
        .publish_edition_with_changes(
            actor,
            service,
            Some(previous.id),
            &document.to_json(),
            Some(&diff_json),
            &plans,
        )
        .await?;
    let changes = PublishChanges {
        previous: previous.number,
        summary: DiffSummary::of(&diff),
        notices: published.notices.len(),
    };
    Ok((published.edition, Some(changes)))
}

/// The stored diff of an edition against the one before it.
#[derive(Debug, Serialize)]
pub struct EditionDiffView {
    pub edition: i64,
    pub number: i64,
    pub previous_number: i64,
    pub summary: DiffSummary,
    /// raci-align's diff: one change per aligned activity.
    pub diff: Value,
}

/// Counts a stored diff without re-aligning: its changes carry their kind and roles.
fn summary_of(diff: &Value) -> DiffSummary {
    let changes = diff
        .get("changes")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    fn kind(c: &Value) -> &str {
        c.get("kind").and_then(Value::as_str).unwrap_or_default()
    }
    let count = |k: &str| changes.iter().filter(|c| kind(c) == k).count();
    DiffSummary {
        unchanged: count("unchanged"),
        changed: count("changed"),
        role_changes: changes
            .iter()
            .filter(|c| kind(c) == "changed")
            .filter(|c| {
                c.get("roles")
                    .and_then(Value::as_array)
                    .is_some_and(|r| !r.is_empty())
            })
            .count(),
        added: count("added"),
        removed: count("removed"),
    }
}

#[utoipa::path(get, path = "/api/v1/services/{id}/editions/{number}/diff",
    params(("id" = i64, Path), ("number" = i64, Path)),
    responses((status = 200, description = "the diff against the previous edition"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 404, description = "no such edition, or the first one", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn edition_diff(
    State(state): State<AppState>,
    caller: Caller,
    path: Result<Path<(i64, i64)>, PathRejection>,
) -> ApiResult<Json<EditionDiffView>> {
    let Path((id, number)) = path?;
    super::editions::own_service(&state, &caller, id).await?;
    let editions = state.store.list_editions(id).await?;
    let edition = editions
        .iter()
        .find(|e| e.number == number)
        .ok_or_else(|| ApiError::NotFound(format!("edition {number} of service {id} not found")))?;
    let stored = state
        .store
        .get_edition_diff(edition.id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("edition {number} has no previous edition")))?;
    let previous_number = editions
        .iter()
        .find(|e| e.id == stored.previous)
        .map_or(number - 1, |e| e.number);
    let diff: Value = serde_json::from_str(&stored.diff_json)
        .map_err(|e| ApiError::Internal(format!("stored diff of edition {}: {e}", edition.id)))?;
    Ok(Json(EditionDiffView {
        edition: edition.id,
        number,
        previous_number,
        summary: summary_of(&diff),
        diff,
    }))
}

/// A change notice as the API shows it.
#[derive(Debug, Serialize)]
pub struct NoticeView {
    pub id: i64,
    pub subscription: i64,
    pub from_edition: i64,
    pub to_edition: i64,
    pub from_number: i64,
    pub to_number: i64,
    /// `pending`, `accepted` or `superseded`.
    pub status: &'static str,
    /// The duties whose roles change: kind (changed, added, removed), old
    /// and new activity ids, text, old and new roles, and `direction`
    /// (`onto_customer`, `off_customer` or `changed`).
    pub entries: Value,
    pub created_at: i64,
    pub accepted_at: Option<i64>,
    pub accepted_by: Option<String>,
}

async fn view(state: &AppState, n: ChangeNotice) -> ApiResult<NoticeView> {
    let from_number = state.store.get_edition(n.from_edition).await?.number;
    let to_number = state.store.get_edition(n.to_edition).await?.number;
    let entries = serde_json::from_str(&n.entries_json)
        .map_err(|e| ApiError::Internal(format!("change notice {}: {e}", n.id)))?;
    Ok(NoticeView {
        id: n.id,
        subscription: n.subscription,
        from_edition: n.from_edition,
        to_edition: n.to_edition,
        from_number,
        to_number,
        status: n.status(),
        entries,
        created_at: n.created_at,
        accepted_at: n.accepted_at,
        accepted_by: n.accepted_by,
    })
}

#[utoipa::path(get, path = "/api/v1/subscriptions/{id}/change-notices",
    params(("id" = i64, Path)),
    responses((status = 200, description = "the change notices, oldest first"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 404, response = NotFound)),
    security(("bearer" = [])))]
pub async fn list_notices(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Json<Vec<NoticeView>>> {
    let Path(id) = id?;
    let sub = visible_subscription(&state, &caller, id).await?;
    let mut views = Vec::new();
    for n in state.store.list_change_notices(sub.id).await? {
        views.push(view(&state, n).await?);
    }
    Ok(Json(views))
}

/// A notice of a subscription the caller may see; others are not found.
async fn visible_notice(state: &AppState, caller: &Caller, id: i64) -> ApiResult<ChangeNotice> {
    let hidden = || ApiError::NotFound(format!("change notice {id} not found"));
    let notice = state
        .store
        .get_change_notice(id)
        .await
        .map_err(|e| match e {
            StoreError::NotFound { .. } => hidden(),
            e => e.into(),
        })?;
    visible_subscription(state, caller, notice.subscription)
        .await
        .map_err(|e| match e {
            ApiError::NotFound(_) => hidden(),
            e => e,
        })?;
    Ok(notice)
}

#[utoipa::path(get, path = "/api/v1/change-notices/{id}", params(("id" = i64, Path)),
    responses((status = 200, description = "the change notice"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 404, response = NotFound)),
    security(("bearer" = [])))]
pub async fn get_notice(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Json<NoticeView>> {
    let Path(id) = id?;
    let notice = visible_notice(&state, &caller, id).await?;
    Ok(Json(view(&state, notice).await?))
}

/// What accepting a notice did to the subscription's duties.
#[derive(Debug, Serialize)]
pub struct AcceptanceView {
    pub notice: NoticeView,
    pub moved: usize,
    pub retired: usize,
    pub added: usize,
}

#[utoipa::path(post, path = "/api/v1/change-notices/{id}/accept", params(("id" = i64, Path)),
    responses((status = 200, description = "the subscription moved to the new edition"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, description = "not an admin of the customer", body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 409, description = "already accepted, or superseded by a newer notice", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn accept_notice(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Json<AcceptanceView>> {
    let Path(id) = id?;
    visible_notice(&state, &caller, id).await?;
    caller.require_kind(OrgKind::Customer)?;
    caller.require_admin()?;
    let done = state
        .store
        .accept_change_notice(&caller.actor(), id)
        .await?;
    Ok(Json(AcceptanceView {
        notice: view(&state, done.notice).await?,
        moved: done.moved,
        retired: done.retired,
        added: done.added,
    }))
}

#[utoipa::path(get, path = "/api/v1/subscriptions/{id}/retired-duties",
    params(("id" = i64, Path)),
    responses((status = 200, description = "duties whose activity left the matrix, kept for history"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 404, response = NotFound)),
    security(("bearer" = [])))]
pub async fn retired_duties(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Json<Vec<Duty>>> {
    let Path(id) = id?;
    let sub = visible_subscription(&state, &caller, id).await?;
    Ok(Json(state.store.list_retired_duties(sub.id).await?))
}
