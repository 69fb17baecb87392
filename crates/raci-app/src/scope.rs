//! What most use cases read first: the subscription, service or duty the
//! caller names, refused as not found when the caller may not see it, and
//! the steps that record and tell about a change of a duty.

use raci_store::{prelude::*, Letter, Notice, Service, Subscription, User, UserRole};
use serde_json::json;

use crate::policy::duty::{Actor, DutyScope};
use crate::policy::visibility::{sees_service, sees_subscription};
use crate::views::NotificationPayload;
use crate::{AppError, AppResult, Caller};

/// A missing row and a hidden one answer the same.
fn hidden(entity: &str, id: i64) -> impl Fn(raci_store::StoreError) -> AppError + '_ {
    move |e| match e {
        raci_store::StoreError::NotFound { .. } => {
            AppError::not_found(format!("{entity} {id} not found"))
        }
        e => e.into(),
    }
}

/// A subscription the caller may see, with its service.
pub(crate) async fn subscription(
    r: &mut dyn Reads,
    caller: &Caller,
    id: i64,
) -> AppResult<(Subscription, Service)> {
    let sub = r
        .subscription(id)
        .await
        .map_err(hidden("subscription", id))?;
    let service = r.service(sub.service).await?;
    if sees_subscription(&caller.org, &sub, service.provider) {
        Ok((sub, service))
    } else {
        Err(AppError::not_found(format!("subscription {id} not found")))
    }
}

/// A service the caller may see.
pub(crate) async fn service(r: &mut dyn Reads, caller: &Caller, id: i64) -> AppResult<Service> {
    let service = r.service(id).await.map_err(hidden("service", id))?;
    if sees_service(&caller.org, &service) {
        Ok(service)
    } else {
        Err(AppError::not_found(format!("service {id} not found")))
    }
}

/// A duty the caller may see, with what deciding about it needs.
pub(crate) async fn duty(r: &mut dyn Reads, caller: &Caller, id: i64) -> AppResult<DutyScope> {
    let duty = r.duty(id).await.map_err(hidden("duty", id))?;
    let (subscription, service) = subscription(r, caller, duty.subscription)
        .await
        .map_err(|_| AppError::not_found(format!("duty {id} not found")))?;
    let owners = r.owners(subscription.id).await?;
    Ok(DutyScope {
        duty,
        subscription,
        provider: service.provider,
        owners,
    })
}

/// A scope for the system's own steps (no caller to see through).
pub(crate) async fn duty_unchecked(r: &mut dyn Reads, id: i64) -> AppResult<DutyScope> {
    let duty = r.duty(id).await?;
    let subscription = r.subscription(duty.subscription).await?;
    let provider = r.service(subscription.service).await?.provider;
    let owners = r.owners(subscription.id).await?;
    Ok(DutyScope {
        duty,
        subscription,
        provider,
        owners,
    })
}

/// The caller's teams, for the rules that map teams as owners.
pub(crate) async fn teams_of(r: &mut dyn Reads, user: &User) -> AppResult<Vec<i64>> {
    Ok(r.teams_of(user.id).await?)
}

/// Runs `check` with the caller as an [`Actor`].
pub(crate) fn actor<'a>(caller: &'a Caller, teams: &'a [i64]) -> Actor<'a> {
    Actor {
        user: &caller.user,
        teams,
    }
}

/// Records a step of a duty in the logs of both organizations of its
/// subscription, so that each one's history of the duty is whole.
pub(crate) async fn record(
    w: &mut dyn Writes,
    scope: &DutyScope,
    actor: &str,
    action: &str,
    details: &serde_json::Value,
) -> AppResult<()> {
    let subject = format!("duty:{}", scope.duty.id);
    for org in [scope.subscription.customer, scope.provider] {
        w.append_audit(org, actor, action, &subject, details)
            .await?;
    }
    Ok(())
}

/// What a notification about a duty carries.
pub(crate) fn duty_payload(scope: &DutyScope) -> NotificationPayload {
    NotificationPayload {
        duty: Some(scope.duty.id),
        subscription: Some(scope.duty.subscription),
        activity: Some(scope.duty.activity_id.clone()),
        text: Some(scope.duty.text.clone()),
        state: Some(scope.duty.state),
        cycle: Some(scope.duty.cycle),
        ..NotificationPayload::default()
    }
}

/// The users who hear about `letter` of the duty (see
/// [`DutyScope::audience`]), per organization: mapped users, the members
/// of mapped teams, or the admins where the letter's column has no owner.
pub(crate) async fn recipients(
    r: &mut dyn Reads,
    scope: &DutyScope,
    letter: Letter,
) -> AppResult<Vec<(i64, Vec<i64>)>> {
    let mut out = Vec::new();
    for (org, audience) in scope.audience(letter) {
        let mut users = audience.users.clone();
        for team in &audience.teams {
            users.extend(r.team_members(*team).await?);
        }
        if audience.admins {
            users.extend(admins(&mut *r, org).await?);
        }
        out.push((org, users));
    }
    Ok(out)
}

/// Tells the holders of `letter` (see [`recipients`]) about the duty.
pub(crate) async fn tell(
    w: &mut dyn Writes,
    scope: &DutyScope,
    letter: Letter,
    kind: &str,
) -> AppResult<()> {
    let payload = serde_json::to_string(&duty_payload(scope)).map_err(AppError::internal)?;
    let subject = format!("duty:{}", scope.duty.id);
    for (org, users) in recipients(&mut *w, scope, letter).await? {
        let notice = Notice {
            org,
            recipients: &users,
            kind,
            subject: &subject,
            payload_json: &payload,
        };
        w.notify(notice, crate::now()).await?;
    }
    Ok(())
}

/// The admins of an organization, who hear of what concerns it as a whole.
pub(crate) async fn admins(r: &mut dyn Reads, org: i64) -> AppResult<Vec<i64>> {
    Ok(r.users(org)
        .await?
        .into_iter()
        .filter(|u| u.role == UserRole::Admin)
        .map(|u| u.id)
        .collect())
}

/// An audit entry's details for a move of a duty.
pub(crate) fn move_details(
    from: raci_store::DutyState,
    to: raci_store::DutyState,
    reason: Option<&str>,
) -> serde_json::Value {
    json!({"from": from, "to": to, "reason": reason})
}
