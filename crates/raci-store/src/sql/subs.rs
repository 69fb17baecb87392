// Subscriptions and their duties.
use crate::{Duty, DutyState, Result, StoreError, Subscription};

macro_rules! sub_cols {
    () => {
        "id, customer, service, edition, created_at"
    };
}
macro_rules! duty_cols {
    () => {
        "id, subscription, activity_id, text, section_json, roles_json, state, reason, \
         recurrence, updated_at, cycle, due_at, next_due_at, kind, retired_at"
    };
}

/// Subscribes a customer to the latest edition, one open duty per activity.
pub(crate) async fn subscribe(
    conn: &mut Conn,
    customer: i64,
    service: i64,
) -> Result<Subscription> {
    let org = super::orgs::get(conn, customer).await?;
    if org.kind != crate::OrgKind::Customer {
        return Err(StoreError::InvalidInput(format!(
            "organization {customer} is not a customer"
        )));
    }
    let edition = super::catalog::latest_edition(conn, service).await?;
    let now = crate::now_ms();
    let sub: Subscription = sqlx::query_as(concat!(
        "INSERT INTO subscriptions (customer, service, edition, created_at) \
         VALUES ($1, $2, $3, $4) RETURNING ",
        sub_cols!()
    ))
    .bind(customer)
    .bind(service)
    .bind(edition.id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    for a in super::catalog::activities(&edition.document_json)? {
        let field = |k: &str| a.get(k).cloned().unwrap_or(serde_json::Value::Null);
        sqlx::query(
            "INSERT INTO duties (subscription, activity_id, text, section_json, roles_json, \
             state, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(sub.id)
        .bind(a.get("id").and_then(|v| v.as_str()).unwrap_or_default())
        .bind(a.get("text").and_then(|v| v.as_str()).unwrap_or_default())
        .bind(field("section").to_string())
        .bind(field("roles").to_string())
        .bind(DutyState::Open.as_str())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(sub)
}

pub(crate) async fn get(conn: &mut Conn, id: i64) -> Result<Subscription> {
    sqlx::query_as(concat!(
        "SELECT ",
        sub_cols!(),
        " FROM subscriptions WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::not_found("subscription", id))
}

pub(crate) async fn list_for_customer(conn: &mut Conn, customer: i64) -> Result<Vec<Subscription>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        sub_cols!(),
        " FROM subscriptions WHERE customer = $1 ORDER BY id"
    ))
    .bind(customer)
    .fetch_all(&mut *conn)
    .await?)
}

pub(crate) async fn list_for_service(conn: &mut Conn, service: i64) -> Result<Vec<Subscription>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        sub_cols!(),
        " FROM subscriptions WHERE service = $1 ORDER BY id"
    ))
    .bind(service)
    .fetch_all(&mut *conn)
    .await?)
}

pub(crate) async fn get_duty(conn: &mut Conn, id: i64) -> Result<Duty> {
    sqlx::query_as(concat!(
        "SELECT ",
        duty_cols!(),
        " FROM duties WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::not_found("duty", id))
}

/// The live duties of a subscription: those an accepted change notice
/// retired are kept for history but left out.
pub(crate) async fn list_duties(conn: &mut Conn, subscription: i64) -> Result<Vec<Duty>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        duty_cols!(),
        " FROM duties WHERE subscription = $1 AND retired_at IS NULL ORDER BY id"
    ))
    .bind(subscription)
    .fetch_all(&mut *conn)
    .await?)
}

/// Moves a duty if the state machine allows it, guarding against a
/// concurrent move with the state read; returns the duty before and after.
pub(crate) async fn set_state(
    conn: &mut Conn,
    id: i64,
    to: DutyState,
    reason: Option<&str>,
) -> Result<(Duty, Duty)> {
    let before = get_duty(conn, id).await?;
    if !crate::transition_allowed(before.state, to) {
        return Err(StoreError::InvalidTransition {
            from: before.state.to_string(),
            to: to.to_string(),
        });
    }
    let reason = if to == DutyState::NotApplicable {
        match reason.map(str::trim) {
            Some(r) if !r.is_empty() => Some(r),
            _ => {
                return Err(StoreError::InvalidInput(
                    "a duty is not applicable only with a reason".into(),
                ))
            }
        }
    } else {
        None
    };
    let after: Option<Duty> = sqlx::query_as(concat!(
        "UPDATE duties SET state = $1, reason = $2, updated_at = $3 \
         WHERE id = $4 AND state = $5 RETURNING ",
        duty_cols!()
    ))
    .bind(to.as_str())
    .bind(reason)
    .bind(crate::now_ms())
    .bind(id)
    .bind(before.state.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    let after = after
        .ok_or_else(|| StoreError::Conflict(format!("duty {id} changed state concurrently")))?;
    Ok((before, after))
}

pub(crate) async fn set_recurrence(
    conn: &mut Conn,
    id: i64,
    recurrence: Option<&str>,
) -> Result<Duty> {
    sqlx::query_as(concat!(
        "UPDATE duties SET recurrence = $1, updated_at = $2 WHERE id = $3 RETURNING ",
        duty_cols!()
    ))
    .bind(recurrence)
    .bind(crate::now_ms())
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::not_found("duty", id))
}
