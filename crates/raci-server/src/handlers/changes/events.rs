//! `/api/v1/subscriptions/{id}/events`: incidents and change requests,
//! routed to the activity of the subscription's edition they fall under and
//! carried by a duty of their own through the same R/C/A/I flow.

use crate::openapi::{BadRequest, ErrorBody, Forbidden, JsonBodyErrors, NotFound, Unauthorized};
use std::collections::HashSet;

use axum::{
    extract::{
        rejection::{JsonRejection, PathRejection},
        Path, State,
    },
    http::StatusCode,
    Json,
};
use raci_align::{classify, is_customer};
use raci_model::{text::fold, Activity, Document, Role};
use raci_store::{Duty, Event, NewEvent, Subscription};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::super::visible_subscription;
use crate::{error::ApiResult, ApiError, AppState, Caller};

/// The longest title, in bytes.
const TITLE_LIMIT: usize = 200;
/// The longest description, in bytes.
const DESCRIPTION_LIMIT: usize = 10_000;

/// An incident or a change request.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewEventBody {
    /// `incident` or `change_request`.
    pub kind: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// The activity of the subscription's edition the event falls under;
    /// found from the kind and the title when absent.
    pub activity: Option<String>,
}

/// One organization an event was routed to, and the column it holds.
#[derive(Debug, Serialize, ToSchema)]
pub struct Route {
    pub org: i64,
    pub party: String,
}

/// A raised event, its duty and where it was routed.
#[derive(Debug, Serialize)]
pub struct RaisedEvent {
    pub event: Event,
    pub duty: Duty,
    pub routed_to: Vec<Route>,
}

/// The taxonomy entry whose activities an event of `kind` falls under:
/// notifying an incident, requesting a change of resources.
fn taxonomy_of(kind: &str) -> &'static str {
    if kind == "incident" {
        "incident.notify"
    } else {
        "change.request"
    }
}

/// The best activity for an event: the most confident one classified under
/// the kind's taxonomy entry; else one classified like the title itself;
/// else the one sharing the most words with the title.
fn route<'a>(kind: &str, title: &str, activities: &[&'a Activity]) -> Option<&'a Activity> {
    let classified: Vec<_> = activities.iter().map(|a| (*a, classify(a))).collect();
    let best_in = |entry: &str| {
        classified
            .iter()
            .filter(|(_, c)| c.entry.is_some_and(|e| e.id == entry))
            .max_by(|x, y| x.1.confidence.total_cmp(&y.1.confidence))
            .map(|(a, _)| *a)
    };
    if let Some(found) = best_in(taxonomy_of(kind)) {
        return Some(found);
    }
    let title_activity = Activity {
        text: title.to_owned(),
        ..Activity::default()
    };
    if let Some(entry) = classify(&title_activity).entry {
        if let Some(found) = best_in(entry.id) {
            return Some(found);
        }
    }
    let words = |text: &str| -> HashSet<String> {
        fold(text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_owned)
            .collect()
    };
    let wanted = words(title);
    activities
        .iter()
        .map(|a| (*a, words(&a.text).intersection(&wanted).count()))
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n)
        .map(|(a, _)| a)
}

/// The parties holding R in the activity (or A when none does, or every
/// party when no letter says), each with the organization owning its column.
fn routes(activity: &Activity, sub: &Subscription, provider: i64) -> Vec<Route> {
    let holding = |role: Role| -> Vec<&String> {
        activity
            .roles
            .iter()
            .filter(|(_, roles)| roles.contains(role))
            .map(|(party, _)| party)
            .collect()
    };
    let mut parties = holding(Role::Responsible);
    if parties.is_empty() {
        parties = holding(Role::Accountable);
    }
    if parties.is_empty() {
        parties = activity.roles.keys().collect();
    }
    parties
        .into_iter()
        .map(|party| Route {
            org: if is_customer(party) {
                sub.customer
            } else {
                provider
            },
            party: party.clone(),
        })
        .collect()
}

struct Checked {
    kind: String,
    title: String,
    description: String,
}

fn check(body: &NewEventBody) -> ApiResult<Checked> {
    let kind = body.kind.trim();
    if kind != "incident" && kind != "change_request" {
        return Err(ApiError::invalid(
            "kind",
            "an event is an \"incident\" or a \"change_request\"",
        ));
    }
    let title = body.title.trim();
    if title.is_empty() || title.len() > TITLE_LIMIT {
        return Err(ApiError::invalid(
            "title",
            format!("a title is 1 to {TITLE_LIMIT} bytes"),
        ));
    }
    if body.description.len() > DESCRIPTION_LIMIT {
        return Err(ApiError::invalid(
            "description",
            format!("a description is at most {DESCRIPTION_LIMIT} bytes"),
        ));
    }
    Ok(Checked {
        kind: kind.to_owned(),
        title: title.to_owned(),
        description: body.description.trim().to_owned(),
    })
}

#[utoipa::path(post, path = "/api/v1/subscriptions/{id}/events", params(("id" = i64, Path)),
    request_body = NewEventBody,
    responses((status = 201, description = "the event, its duty and where it was routed"),
        JsonBodyErrors,
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 422, description = "bad input, or no activity matches", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn raise(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<NewEventBody>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<RaisedEvent>)> {
    let Path(id) = id?;
    let sub = visible_subscription(&state, &caller, id).await?;
    caller.require_writer()?;
    let Json(body) = body?;
    let checked = check(&body)?;
    let edition = state.store.get_edition(sub.edition).await?;
    let document = Document::from_json(&edition.document_json)
        .map_err(|e| ApiError::Internal(format!("edition {}: {e}", edition.id)))?;
    let live: HashSet<String> = state
        .store
        .list_duties(sub.id)
        .await?
        .into_iter()
        .filter(|d| d.kind == "activity")
        .map(|d| d.activity_id)
        .collect();
    let candidates: Vec<&Activity> = document
        .activities
        .iter()
        .filter(|a| live.contains(&a.id))
        .collect();
    let matched = match body.activity.as_deref().map(str::trim) {
        Some(wanted) => candidates
            .iter()
            .find(|a| a.id == wanted)
            .copied()
            .ok_or_else(|| {
                ApiError::invalid(
                    "activity",
                    format!("{wanted:?} is no activity of this subscription"),
                )
            })?,
        None => route(&checked.kind, &checked.title, &candidates).ok_or_else(|| {
            ApiError::invalid(
                "activity",
                format!(
                    "no activity of this subscription matches this {}; name one",
                    checked.kind
                ),
            )
        })?,
    };
    let provider = state.store.get_service(sub.service).await?.provider;
    let routed_to = routes(matched, &sub, provider);
    let new = NewEvent {
        subscription: sub.id,
        kind: checked.kind,
        title: checked.title,
        description: checked.description,
        activity: matched.id.clone(),
        routed_to: routed_to.iter().map(|r| (r.org, r.party.clone())).collect(),
    };
    let (event, duty) = state.store.raise_event(&caller.actor(), &new).await?;
    Ok((
        StatusCode::CREATED,
        Json(RaisedEvent {
            event,
            duty,
            routed_to,
        }),
    ))
}

#[utoipa::path(get, path = "/api/v1/subscriptions/{id}/events", params(("id" = i64, Path)),
    responses((status = 200, description = "the events, oldest first"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 404, response = NotFound)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Json<Vec<Event>>> {
    let Path(id) = id?;
    let sub = visible_subscription(&state, &caller, id).await?;
    Ok(Json(state.store.list_events(sub.id).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn activity(id: &str, text: &str) -> Activity {
        Activity {
            id: id.to_owned(),
            text: text.to_owned(),
            ..Activity::default()
        }
    }

    #[test]
    fn events_find_their_activity_by_kind() {
        let list = [
            activity("backup", "Back up the service configuration"),
            activity("notify", "Notify an incident to the provider's support"),
            activity("request", "Request modifications of allocated resources"),
        ];
        let refs: Vec<&Activity> = list.iter().collect();
        let id = |a: Option<&Activity>| a.map(|a| a.id.clone());
        assert_eq!(
            id(route("incident", "The cluster is down", &refs)),
            Some("notify".to_owned())
        );
        assert_eq!(
            id(route("change_request", "Two more nodes", &refs)),
            Some("request".to_owned())
        );
        let only_backup = [&list[0]];
        assert_eq!(
            id(route("incident", "configuration lost", &only_backup)),
            Some("backup".to_owned())
        );
        assert_eq!(id(route("incident", "zzz", &only_backup)), None);
    }
}
