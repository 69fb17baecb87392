// Change notices between editions, and events (incidents, change requests) raised against a subscription.
use async_trait::async_trait;
use serde_json::{json, Value};

use crate::changes::{
    Acceptance, ChangeNotice, EditionDiff, Event, MigrationStep, NewEvent, NoticePlan,
    PublishedEdition,
};
use crate::{Duty, DutyState, Edition, Result, StoreError, UserRole};

macro_rules! notice_cols {
    () => {
        "id, subscription, from_edition, to_edition, entries_json, migration_json, created_at, \
         accepted_at, accepted_by, superseded_at"
    };
}
macro_rules! event_cols {
    () => {
        "id, subscription, duty, kind, title, description, activity_id, raised_by, raised_at"
    };
}

/// The kinds of event a subscription accepts.
const EVENT_KINDS: &[&str] = &["incident", "change_request"];

/// Publishes an edition and records it in the provider's audit log; the
/// one way an edition is written, with or without change notices.
pub(crate) async fn publish_audited(
    conn: &mut Conn,
    actor: &str,
    service: i64,
    document_json: &str,
) -> Result<Edition> {
    let e = super::catalog::publish(conn, service, document_json).await?;
    let provider = super::catalog::get_service(conn, service).await?.provider;
    let details = json!({"service": service, "number": e.number, "content_hash": e.content_hash});
    let subject = format!("edition:{}", e.id);
    super::audit::append(conn, provider, actor, "edition.publish", &subject, &details).await?;
    Ok(e)
}

/// Locks a subscription's row for the rest of the transaction, so that
/// acceptances and events of one subscription are serialized.
async fn lock_subscription(conn: &mut Conn, id: i64) -> Result<crate::Subscription> {
    let sql = "UPDATE subscriptions SET edition = edition WHERE id = $1";
    super::query::touch(conn, sql, "subscription", id).await?;
    super::subs::get(conn, id).await
}

/// The admins of an organization, who hear of what concerns it as a whole.
async fn admins(conn: &mut Conn, org: i64) -> Result<Vec<i64>> {
    Ok(super::users::list(conn, org)
        .await?
        .into_iter()
        .filter(|u| u.role == UserRole::Admin)
        .map(|u| u.id)
        .collect())
}

/// Who hears of an event routed to `party`'s column of a subscription: the
/// users (or team members) the owning organization mapped to that column's
/// R letter, or, while nothing is mapped, that organization's admins. The
/// workflow's owner mapping is the extension point: nothing else decides.
pub(crate) async fn routed_recipients(
    conn: &mut Conn,
    subscription: i64,
    org: i64,
    party: &str,
) -> Result<Vec<i64>> {
    let mapped: Vec<(i64,)> = sqlx::query_as(
        "SELECT o.user_id FROM owners o WHERE o.subscription = $1 AND o.org = $2 \
         AND o.party = $3 AND o.letter = 'R' AND o.user_id IS NOT NULL \
         UNION SELECT m.user_id FROM owners o JOIN team_members m ON m.team = o.team_id \
         WHERE o.subscription = $1 AND o.org = $2 AND o.party = $3 AND o.letter = 'R'",
    )
    .bind(subscription)
    .bind(org)
    .bind(party)
    .fetch_all(&mut *conn)
    .await?;
    if mapped.is_empty() {
        admins(conn, org).await
    } else {
        Ok(mapped.into_iter().map(|(id,)| id).collect())
    }
}

async fn latest_edition_id(conn: &mut Conn, service: i64) -> Result<Option<i64>> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM editions WHERE service = $1 ORDER BY number DESC LIMIT 1")
            .bind(service)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.map(|(id,)| id))
}

async fn get_notice(conn: &mut Conn, id: i64) -> Result<ChangeNotice> {
    let sql = concat!(
        "SELECT ",
        notice_cols!(),
        " FROM change_notices WHERE id = $1"
    );
    super::query::row_by_id(conn, sql, "change notice", id).await
}

/// Writes the notice of one subscription, superseding its pending ones, and
/// tells the customer's admins.
async fn create_notice(
    conn: &mut Conn,
    actor: &str,
    sub: &crate::Subscription,
    provider: i64,
    to: &Edition,
    plan: &NoticePlan,
) -> Result<ChangeNotice> {
    let now = crate::now_ms();
    sqlx::query(
        "UPDATE change_notices SET superseded_at = $1 \
         WHERE subscription = $2 AND accepted_at IS NULL AND superseded_at IS NULL",
    )
    .bind(now)
    .bind(sub.id)
    .execute(&mut *conn)
    .await?;
    let migration_json = serde_json::to_string(&plan.steps)
        .map_err(|e| StoreError::InvalidInput(format!("migration plan: {e}")))?;
    let notice: ChangeNotice = sqlx::query_as(concat!(
        "INSERT INTO change_notices (subscription, from_edition, to_edition, entries_json, \
         migration_json, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ",
        notice_cols!()
    ))
    .bind(sub.id)
    .bind(plan.from_edition)
    .bind(to.id)
    .bind(&plan.entries_json)
    .bind(&migration_json)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    let entries = serde_json::from_str::<Value>(&plan.entries_json)
        .ok()
        .and_then(|v| v.as_array().map(Vec::len))
        .unwrap_or(0);
    let subject = format!("change_notice:{}", notice.id);
    let details = json!({
        "subscription": sub.id,
        "from_edition": plan.from_edition,
        "to_edition": to.id,
        "to_number": to.number,
        "entries": entries,
    });
    let recipients = admins(conn, sub.customer).await?;
    super::notify::notify(
        conn,
        sub.customer,
        &recipients,
        "change_notice",
        &subject,
        &details,
    )
    .await?;
    for org in [sub.customer, provider] {
        super::audit::append(conn, org, actor, "change_notice.create", &subject, &details).await?;
    }
    Ok(notice)
}

pub(crate) async fn publish_with_changes(
    conn: &mut Conn,
    actor: &str,
    service: i64,
    previous: Option<i64>,
    document_json: &str,
    diff_json: Option<&str>,
    plans: &[NoticePlan],
) -> Result<PublishedEdition> {
    // Lock the service first, so that the latest edition checked below is
    // still the latest when the new one is numbered.
    super::catalog::lock_service(conn, service).await?;
    if latest_edition_id(conn, service).await? != previous {
        return Err(StoreError::Conflict(
            "another edition of this service was published meanwhile; publish again".into(),
        ));
    }
    let edition = publish_audited(conn, actor, service, document_json).await?;
    if let (Some(previous), Some(diff_json)) = (previous, diff_json) {
        sqlx::query("INSERT INTO edition_diffs (edition, previous, diff_json) VALUES ($1, $2, $3)")
            .bind(edition.id)
            .bind(previous)
            .bind(diff_json)
            .execute(&mut *conn)
            .await?;
    }
    let provider = super::catalog::get_service(conn, service).await?.provider;
    let mut notices = Vec::new();
    for sub in super::subs::list_for_service(conn, service).await? {
        let plan = plans
            .iter()
            .find(|p| p.from_edition == sub.edition)
            .ok_or_else(|| {
                StoreError::Conflict(format!(
                    "subscription {} is bound to edition {}, for which no notice was prepared; \
                     publish again",
                    sub.id, sub.edition
                ))
            })?;
        notices.push(create_notice(conn, actor, &sub, provider, &edition, plan).await?);
    }
    Ok(PublishedEdition { edition, notices })
}

/// The live duty of a matrix activity, if the subscription has one.
async fn live_duty(conn: &mut Conn, subscription: i64, activity: &str) -> Result<Option<Duty>> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM duties WHERE subscription = $1 AND activity_id = $2 \
         AND kind = 'activity' AND retired_at IS NULL",
    )
    .bind(subscription)
    .bind(activity)
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some((id,)) => Ok(Some(super::subs::get_duty(conn, id).await?)),
        None => Ok(None),
    }
}

/// Makes `activity_id` free for a live duty: a retired duty holding it (its
/// activity left an earlier edition and came back) is renamed, keeping its
/// history apart.
async fn free_activity_id(conn: &mut Conn, subscription: i64, activity_id: &str) -> Result<()> {
    let holder: Option<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, retired_at FROM duties WHERE subscription = $1 AND activity_id = $2",
    )
    .bind(subscription)
    .bind(activity_id)
    .fetch_optional(&mut *conn)
    .await?;
    match holder {
        None => Ok(()),
        Some((id, Some(_))) => {
            sqlx::query("UPDATE duties SET activity_id = $1 WHERE id = $2")
                .bind(format!("{activity_id}~retired-{id}"))
                .bind(id)
                .execute(&mut *conn)
                .await?;
            Ok(())
        }
        Some((id, None)) => Err(StoreError::Conflict(format!(
            "duty {id} already holds activity {activity_id:?}"
        ))),
    }
}

fn json_or_text(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))
}

async fn insert_open_duty(
    conn: &mut Conn,
    subscription: i64,
    step: &MigrationStep,
    activity_id: &str,
    kind: &str,
) -> Result<Duty> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO duties (subscription, activity_id, text, section_json, roles_json, state, \
         updated_at, kind) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(subscription)
    .bind(activity_id)
    .bind(&step.text)
    .bind(&step.section_json)
    .bind(&step.roles_json)
    .bind(DutyState::Open.as_str())
    .bind(crate::now_ms())
    .bind(kind)
    .fetch_one(&mut *conn)
    .await?;
    super::subs::get_duty(conn, id).await
}

/// Applies a notice's plan to the subscription's duties, with a
/// `duty.migrate` audit entry in the customer's log for each.
async fn migrate_duties(
    conn: &mut Conn,
    actor: &str,
    sub: &crate::Subscription,
    steps: &[MigrationStep],
) -> Result<(usize, usize, usize)> {
    let now = crate::now_ms();
    let audit = |duty: i64, details: Value| (duty, details);
    let mut entries = Vec::new();
    // Moved duties first take a temporary id, so that ids may be exchanged
    // between activities without tripping the uniqueness of activity ids.
    let mut moves = Vec::new();
    let mut adds = Vec::new();
    let mut retired = 0;
    for step in steps {
        let old = match &step.old {
            Some(old) => live_duty(conn, sub.id, old).await?,
            None => None,
        };
        match (old, &step.new) {
            (Some(duty), Some(_)) => {
                sqlx::query("UPDATE duties SET activity_id = $1 WHERE id = $2")
                    .bind(format!("~migrating-{}", duty.id))
                    .bind(duty.id)
                    .execute(&mut *conn)
                    .await?;
                moves.push((duty, step));
            }
            (Some(duty), None) => {
                sqlx::query("UPDATE duties SET retired_at = $1, updated_at = $1 WHERE id = $2")
                    .bind(now)
                    .bind(duty.id)
                    .execute(&mut *conn)
                    .await?;
                retired += 1;
                entries.push(audit(
                    duty.id,
                    json!({"retired": true, "old_activity": duty.activity_id,
                           "old_roles": json_or_text(&duty.roles_json), "new_roles": null}),
                ));
            }
            (None, Some(_)) => adds.push(step),
            (None, None) => {}
        }
    }
    for (duty, step) in &moves {
        let new = step.new.as_deref().unwrap_or_default();
        free_activity_id(conn, sub.id, new).await?;
        sqlx::query(
            "UPDATE duties SET activity_id = $1, text = $2, section_json = $3, roles_json = $4, \
             updated_at = $5 WHERE id = $6",
        )
        .bind(new)
        .bind(&step.text)
        .bind(&step.section_json)
        .bind(&step.roles_json)
        .bind(now)
        .bind(duty.id)
        .execute(&mut *conn)
        .await?;
        entries.push(audit(
            duty.id,
            json!({"old_activity": duty.activity_id, "new_activity": new,
                   "old_roles": json_or_text(&duty.roles_json),
                   "new_roles": json_or_text(&step.roles_json), "state": duty.state}),
        ));
    }
    for step in &adds {
        let new = step.new.as_deref().unwrap_or_default();
        free_activity_id(conn, sub.id, new).await?;
        let duty = insert_open_duty(conn, sub.id, step, new, "activity").await?;
        entries.push(audit(
            duty.id,
            json!({"added": true, "new_activity": new, "old_roles": null,
                   "new_roles": json_or_text(&step.roles_json)}),
        ));
    }
    for (duty, details) in entries {
        let subject = format!("duty:{duty}");
        super::audit::append(
            conn,
            sub.customer,
            actor,
            "duty.migrate",
            &subject,
            &details,
        )
        .await?;
    }
    Ok((moves.len(), retired, adds.len()))
}

pub(crate) async fn accept(conn: &mut Conn, actor: &str, id: i64) -> Result<Acceptance> {
    let subscription = get_notice(conn, id).await?.subscription;
    let sub = lock_subscription(conn, subscription).await?;
    // Read again under the lock: a concurrent acceptance has committed by now.
    let notice = get_notice(conn, id).await?;
    if notice.accepted_at.is_some() {
        return Err(StoreError::Conflict(format!(
            "change notice {id} is already accepted"
        )));
    }
    if notice.superseded_at.is_some() || notice.from_edition != sub.edition {
        return Err(StoreError::Conflict(format!(
            "change notice {id} is superseded by a newer one; accept the latest"
        )));
    }
    let steps: Vec<MigrationStep> = serde_json::from_str(&notice.migration_json)
        .map_err(|e| StoreError::InvalidInput(format!("change notice {id} has no plan: {e}")))?;
    let (moved, retired, added) = migrate_duties(conn, actor, &sub, &steps).await?;
    sqlx::query("UPDATE subscriptions SET edition = $1 WHERE id = $2")
        .bind(notice.to_edition)
        .bind(sub.id)
        .execute(&mut *conn)
        .await?;
    let notice: ChangeNotice = sqlx::query_as(concat!(
        "UPDATE change_notices SET accepted_at = $1, accepted_by = $2 WHERE id = $3 RETURNING ",
        notice_cols!()
    ))
    .bind(crate::now_ms())
    .bind(actor)
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let provider = super::catalog::get_service(conn, sub.service)
        .await?
        .provider;
    let subject = format!("change_notice:{id}");
    let details = json!({
        "subscription": sub.id, "from_edition": notice.from_edition,
        "to_edition": notice.to_edition, "moved": moved, "retired": retired, "added": added,
    });
    for org in [sub.customer, provider] {
        super::audit::append(conn, org, actor, "change_notice.accept", &subject, &details).await?;
    }
    Ok(Acceptance {
        notice,
        moved,
        retired,
        added,
    })
}

pub(crate) async fn raise_event(
    conn: &mut Conn,
    actor: &str,
    event: &NewEvent,
) -> Result<(Event, Duty)> {
    if !EVENT_KINDS.contains(&event.kind.as_str()) {
        return Err(StoreError::InvalidInput(format!(
            "kind: an event is an incident or a change_request, not {:?}",
            event.kind
        )));
    }
    let sub = lock_subscription(conn, event.subscription).await?;
    let provider = super::catalog::get_service(conn, sub.service)
        .await?
        .provider;
    let matched = live_duty(conn, sub.id, &event.activity)
        .await?
        .ok_or_else(|| {
            StoreError::InvalidInput(format!(
                "activity: {:?} is no activity of this subscription",
                event.activity
            ))
        })?;
    if let Some((org, _)) = event
        .routed_to
        .iter()
        .find(|(org, _)| *org != sub.customer && *org != provider)
    {
        return Err(StoreError::InvalidInput(format!(
            "organization {org} is no party to subscription {}",
            sub.id
        )));
    }
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM events WHERE subscription = $1 AND kind = $2")
            .bind(sub.id)
            .bind(&event.kind)
            .fetch_one(&mut *conn)
            .await?;
    let activity_id = format!("{}#{}-{}", matched.activity_id, event.kind, count + 1);
    let step = MigrationStep {
        old: None,
        new: None,
        text: event.title.clone(),
        section_json: matched.section_json.clone(),
        roles_json: matched.roles_json.clone(),
    };
    let duty = insert_open_duty(conn, sub.id, &step, &activity_id, &event.kind).await?;
    let row: Event = sqlx::query_as(concat!(
        "INSERT INTO events (subscription, duty, kind, title, description, activity_id, \
         raised_by, raised_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ",
        event_cols!()
    ))
    .bind(sub.id)
    .bind(duty.id)
    .bind(&event.kind)
    .bind(&event.title)
    .bind(&event.description)
    .bind(&activity_id)
    .bind(actor)
    .bind(crate::now_ms())
    .fetch_one(&mut *conn)
    .await?;
    let subject = format!("event:{}", row.id);
    let details = json!({
        "subscription": sub.id, "duty": duty.id, "kind": row.kind, "title": row.title,
        "matched_activity": matched.activity_id,
        "routed_to": event.routed_to.iter().map(|(org, party)| json!({"org": org, "party": party})).collect::<Vec<_>>(),
    });
    for org in [sub.customer, provider] {
        super::audit::append(conn, org, actor, "event.raise", &subject, &details).await?;
    }
    for (org, party) in &event.routed_to {
        let recipients = routed_recipients(conn, sub.id, *org, party).await?;
        super::notify::notify(conn, *org, &recipients, "event.routed", &subject, &details).await?;
    }
    Ok((row, duty))
}

#[async_trait]
impl crate::ChangeStore for Backend {
    async fn publish_edition_with_changes(
        &self,
        actor: &str,
        service: i64,
        previous: Option<i64>,
        document_json: &str,
        diff_json: Option<&str>,
        plans: &[NoticePlan],
    ) -> Result<PublishedEdition> {
        let mut tx = self.begin().await?;
        let published = publish_with_changes(
            &mut tx,
            actor,
            service,
            previous,
            document_json,
            diff_json,
            plans,
        )
        .await?;
        tx.commit().await?;
        Ok(published)
    }

    async fn get_edition_diff(&self, edition: i64) -> Result<Option<EditionDiff>> {
        Ok(sqlx::query_as(
            "SELECT edition, previous, diff_json FROM edition_diffs WHERE edition = $1",
        )
        .bind(edition)
        .fetch_optional(&mut *self.pool.acquire().await?)
        .await?)
    }

    async fn get_change_notice(&self, id: i64) -> Result<ChangeNotice> {
        get_notice(&mut *self.pool.acquire().await?, id).await
    }

    async fn list_change_notices(&self, subscription: i64) -> Result<Vec<ChangeNotice>> {
        let sql = concat!(
            "SELECT ",
            notice_cols!(),
            " FROM change_notices WHERE subscription = $1 ORDER BY id"
        );
        super::query::rows_by(&mut *self.pool.acquire().await?, sql, subscription).await
    }

    async fn accept_change_notice(&self, actor: &str, id: i64) -> Result<Acceptance> {
        let mut tx = self.begin().await?;
        let acceptance = accept(&mut tx, actor, id).await?;
        tx.commit().await?;
        Ok(acceptance)
    }

    async fn raise_event(&self, actor: &str, event: &NewEvent) -> Result<(Event, Duty)> {
        let mut tx = self.begin().await?;
        let raised = raise_event(&mut tx, actor, event).await?;
        tx.commit().await?;
        Ok(raised)
    }

    async fn list_events(&self, subscription: i64) -> Result<Vec<Event>> {
        let sql = concat!(
            "SELECT ",
            event_cols!(),
            " FROM events WHERE subscription = $1 ORDER BY id"
        );
        super::query::rows_by(&mut *self.pool.acquire().await?, sql, subscription).await
    }

    async fn list_retired_duties(&self, subscription: i64) -> Result<Vec<Duty>> {
        let mut conn = self.pool.acquire().await?;
        let ids: Vec<(i64,)> = sqlx::query_as(
            "SELECT id FROM duties WHERE subscription = $1 AND retired_at IS NOT NULL ORDER BY id",
        )
        .bind(subscription)
        .fetch_all(&mut *conn)
        .await?;
        let mut duties = Vec::with_capacity(ids.len());
        for (id,) in ids {
            duties.push(super::subs::get_duty(&mut conn, id).await?);
        }
        Ok(duties)
    }
}
