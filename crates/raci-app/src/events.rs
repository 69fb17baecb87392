//! Incidents and change requests: an event becomes a duty of its own,
//! routed by the activity of the subscription's edition it falls under and
//! carried through the same R/C/A/I flow with that activity's letters.

use std::collections::HashSet;

use raci_align::classify;
use raci_model::is_customer;
use raci_model::{text::fold, Activity, Role};
use raci_store::{DutyKind, NewDuty, NewEvent, Notice};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::catalog::document_of;
use crate::policy::roles;
use crate::scope;
use crate::validate::{self, Described, Rule};
use crate::views::{DutyView, EventView, NotificationPayload, RaisedEventView, RouteView};
use crate::{now, App, AppError, AppResult, Caller};

/// What an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Incident,
    ChangeRequest,
}

/// An incident or a change request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewEventInput {
    pub kind: EventKind,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// The id of the activity the event falls under; found from the kind
    /// and the title when absent.
    #[serde(default)]
    pub activity: Option<String>,
}

impl Described for NewEventInput {
    const RULES: &'static [(&'static str, Rule)] = &[
        ("title", validate::TITLE),
        ("description", validate::DESCRIPTION),
        ("activity", validate::PARTY),
    ];
}

/// The taxonomy entry whose activities an event of `kind` falls under:
/// notifying an incident, requesting a change of resources.
fn taxonomy_of(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Incident => "incident.notify",
        EventKind::ChangeRequest => "change.request",
    }
}

/// The best activity for an event: the most confident one classified under
/// the kind's taxonomy entry; else one classified like the title itself;
/// else the one sharing the most words with the title.
pub(crate) fn route<'a>(
    kind: EventKind,
    title: &str,
    activities: &[&'a Activity],
) -> Option<&'a Activity> {
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
fn routes(activity: &Activity, customer: i64, provider: i64) -> Vec<RouteView> {
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
        .map(|party| RouteView {
            org: if is_customer(party) {
                customer
            } else {
                provider
            },
            party: party.clone(),
        })
        .collect()
}

impl App {
    /// Raises an event against a subscription the caller sees.
    pub async fn raise_event(
        &self,
        caller: &Caller,
        subscription: i64,
        input: NewEventInput,
    ) -> AppResult<RaisedEventView> {
        let title = validate::TITLE.check("title", &input.title)?;
        let description = validate::DESCRIPTION
            .check_optional("description", input.description.as_deref())?
            .unwrap_or_default();
        let wanted = validate::PARTY.check_optional("activity", input.activity.as_deref())?;
        let mut w = self.store.write().await?;
        let (_, service) = scope::subscription(&mut *w, caller, subscription).await?;
        roles::require_writer(caller)?;
        let sub = w.lock_subscription(subscription).await?;
        let document = document_of(&w.edition(sub.edition).await?)?;
        let live: HashSet<String> = w
            .duties(sub.id)
            .await?
            .into_iter()
            .filter(|d| d.kind == DutyKind::Activity)
            .map(|d| d.activity_id)
            .collect();
        let candidates: Vec<&Activity> = document
            .activities
            .iter()
            .filter(|a| live.contains(&a.id))
            .collect();
        let matched = match wanted.as_deref() {
            Some(wanted) => candidates
                .iter()
                .find(|a| a.id == wanted)
                .copied()
                .ok_or_else(|| {
                    AppError::not_found(format!("{wanted:?} is no activity of this subscription"))
                        .with_field("activity")
                })?,
            None => route(input.kind, &title, &candidates).ok_or_else(|| {
                AppError::not_found("no activity of this subscription matches; name one")
                    .with_field("activity")
            })?,
        };
        let matched_duty = w
            .live_duty(sub.id, &matched.id)
            .await?
            .ok_or_else(|| AppError::internal(format!("no live duty for {}", matched.id)))?;
        let kind = match input.kind {
            EventKind::Incident => DutyKind::Incident,
            EventKind::ChangeRequest => DutyKind::ChangeRequest,
        };
        let routed_to = routes(matched, sub.customer, service.provider);
        let count = w.event_count(sub.id, kind).await?;
        let activity_id = format!("{}#{}-{}", matched.id, kind, count + 1);
        let duty = w
            .insert_duty(&NewDuty {
                subscription: sub.id,
                activity_id: activity_id.clone(),
                text: title.clone(),
                section: matched_duty.section.0.clone(),
                roles: matched_duty.roles.0.clone(),
                kind,
            })
            .await?;
        let now = now();
        let actor = caller.actor();
        let event = w
            .insert_event(
                &NewEvent {
                    subscription: sub.id,
                    duty: duty.id,
                    kind,
                    title: title.clone(),
                    description,
                    activity_id,
                    raised_by: actor.clone(),
                },
                now,
            )
            .await?;
        let subject = format!("event:{}", event.id);
        let details = json!({
            "subscription": sub.id, "duty": duty.id, "kind": kind, "title": title,
            "matched_activity": matched.id,
            "routed_to": routed_to.iter().map(|r| json!({"org": r.org, "party": r.party})).collect::<Vec<_>>(),
        });
        for org in [sub.customer, service.provider] {
            w.append_audit(org, &actor, "event.raise", &subject, &details)
                .await?;
        }
        let payload = NotificationPayload {
            duty: Some(duty.id),
            subscription: Some(sub.id),
            event: Some(event.id),
            activity: Some(matched.id.clone()),
            text: Some(title),
            ..NotificationPayload::default()
        };
        let payload_json = serde_json::to_string(&payload).map_err(AppError::internal)?;
        let owners = w.owners(sub.id).await?;
        for route in &routed_to {
            // The R owners the organization mapped to the column, or its admins.
            let mut recipients = Vec::new();
            for o in owners.iter().filter(|o| {
                o.org == route.org && o.party == route.party && o.letter == raci_store::Letter::R
            }) {
                match o.owner {
                    raci_store::Assignee::User(u) => recipients.push(u),
                    raci_store::Assignee::Team(t) => recipients.extend(w.team_members(t).await?),
                }
            }
            if recipients.is_empty() {
                recipients = scope::admins(&mut *w, route.org).await?;
            }
            w.notify(
                Notice {
                    org: route.org,
                    recipients: &recipients,
                    kind: "event.routed",
                    subject: &subject,
                    payload_json: &payload_json,
                },
                now,
            )
            .await?;
        }
        w.commit().await?;
        Ok(RaisedEventView {
            event,
            duty: DutyView::of(&duty, now),
            matched_activity: matched.id.clone(),
            routed_to,
        })
    }

    /// A subscription's events, oldest first.
    pub async fn events(&self, caller: &Caller, subscription: i64) -> AppResult<Vec<EventView>> {
        let mut r = self.store.read().await?;
        scope::subscription(&mut *r, caller, subscription).await?;
        Ok(r.events(subscription).await?.into_iter().collect())
    }
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
            id(route(EventKind::Incident, "The cluster is down", &refs)),
            Some("notify".to_owned())
        );
        assert_eq!(
            id(route(EventKind::ChangeRequest, "Two more nodes", &refs)),
            Some("request".to_owned())
        );
        let only_backup = [&list[0]];
        assert_eq!(
            id(route(
                EventKind::Incident,
                "configuration lost",
                &only_backup
            )),
            Some("backup".to_owned())
        );
        assert_eq!(id(route(EventKind::Incident, "zzz", &only_backup)), None);
    }
}
