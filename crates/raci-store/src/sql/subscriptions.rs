// Subscriptions, their duties and their owners.
use async_trait::async_trait;

use super::handle::Handle;
use super::query::{row_by_id, rows_by, touch};
use crate::{
    Assignee, Duty, DutyKind, DutyState, Letter, Migrated, MigrationStep, NewDuty, Owner,
    Recurrence, Result, StoreError, Stored, Subscription,
};

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

pub(crate) async fn subscription(conn: &mut Conn, id: i64) -> Result<Subscription> {
    let sql = concat!("SELECT ", sub_cols!(), " FROM subscriptions WHERE id = $1");
    row_by_id(conn, sql, "subscription", id).await
}

pub(crate) async fn duty(conn: &mut Conn, id: i64) -> Result<Duty> {
    let sql = concat!("SELECT ", duty_cols!(), " FROM duties WHERE id = $1");
    row_by_id(conn, sql, "duty", id).await
}

async fn live_duty(conn: &mut Conn, subscription: i64, activity: &str) -> Result<Option<Duty>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        duty_cols!(),
        " FROM duties WHERE subscription = $1 AND activity_id = $2 \
         AND kind = 'activity' AND retired_at IS NULL"
    ))
    .bind(subscription)
    .bind(activity)
    .fetch_optional(&mut *conn)
    .await?)
}

async fn insert_duty(conn: &mut Conn, d: &NewDuty) -> Result<Duty> {
    Ok(sqlx::query_as(concat!(
        "INSERT INTO duties (subscription, activity_id, text, section_json, roles_json, state, \
         updated_at, kind) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ",
        duty_cols!()
    ))
    .bind(d.subscription)
    .bind(&d.activity_id)
    .bind(&d.text)
    .bind(Stored(&d.section).to_text())
    .bind(Stored(&d.roles).to_text())
    .bind(DutyState::Open.as_str())
    .bind(crate::now_ms())
    .bind(d.kind.as_str())
    .fetch_one(&mut *conn)
    .await?)
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

#[async_trait]
impl crate::SubscriptionReads for Handle {
    async fn subscription(&mut self, id: i64) -> Result<Subscription> {
        subscription(self.conn(), id).await
    }

    async fn customer_subscriptions(&mut self, customer: i64) -> Result<Vec<Subscription>> {
        let sql = concat!(
            "SELECT ",
            sub_cols!(),
            " FROM subscriptions WHERE customer = $1 ORDER BY id"
        );
        rows_by(self.conn(), sql, customer).await
    }

    async fn service_subscriptions(&mut self, service: i64) -> Result<Vec<Subscription>> {
        let sql = concat!(
            "SELECT ",
            sub_cols!(),
            " FROM subscriptions WHERE service = $1 ORDER BY id"
        );
        rows_by(self.conn(), sql, service).await
    }

    async fn provider_subscriptions(&mut self, provider: i64) -> Result<Vec<Subscription>> {
        let sql = "SELECT s.id, s.customer, s.service, s.edition, s.created_at \
                   FROM subscriptions s JOIN services v ON v.id = s.service \
                   WHERE v.provider = $1 ORDER BY s.id";
        rows_by(self.conn(), sql, provider).await
    }

    async fn duty(&mut self, id: i64) -> Result<Duty> {
        duty(self.conn(), id).await
    }

    async fn duties(&mut self, subscription: i64) -> Result<Vec<Duty>> {
        let sql = concat!(
            "SELECT ",
            duty_cols!(),
            " FROM duties WHERE subscription = $1 AND retired_at IS NULL ORDER BY id"
        );
        rows_by(self.conn(), sql, subscription).await
    }

    async fn retired_duties(&mut self, subscription: i64) -> Result<Vec<Duty>> {
        let sql = concat!(
            "SELECT ",
            duty_cols!(),
            " FROM duties WHERE subscription = $1 AND retired_at IS NOT NULL ORDER BY id"
        );
        rows_by(self.conn(), sql, subscription).await
    }

    async fn live_duty(&mut self, subscription: i64, activity: &str) -> Result<Option<Duty>> {
        live_duty(self.conn(), subscription, activity).await
    }

    async fn owners(&mut self, subscription: i64) -> Result<Vec<Owner>> {
        let rows: Vec<(i64, i64, String, Letter, Option<i64>, Option<i64>)> = rows_by(
            self.conn(),
            "SELECT subscription, org, party, letter, user_id, team_id FROM owners \
             WHERE subscription = $1 ORDER BY org, party, letter, id",
            subscription,
        )
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(subscription, org, party, letter, user, team)| {
                let owner = match (user, team) {
                    (Some(u), _) => Assignee::User(u),
                    (None, Some(t)) => Assignee::Team(t),
                    (None, None) => return None,
                };
                Some(Owner {
                    subscription,
                    org,
                    party,
                    letter,
                    owner,
                })
            })
            .collect())
    }

    async fn team_members(&mut self, team: i64) -> Result<Vec<i64>> {
        let sql = "SELECT user_id FROM team_members WHERE team = $1 ORDER BY user_id";
        let rows: Vec<(i64,)> = rows_by(self.conn(), sql, team).await?;
        Ok(rows.into_iter().map(|(u,)| u).collect())
    }

    async fn duties_to_reopen(&mut self, now: i64) -> Result<Vec<i64>> {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT id FROM duties WHERE state = 'done' AND recurrence IS NOT NULL \
             AND next_due_at IS NOT NULL AND next_due_at <= $1 ORDER BY id",
        )
        .bind(now)
        .fetch_all(self.conn())
        .await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }
}

#[async_trait]
impl crate::SubscriptionWrites for Handle {
    async fn create_subscription(
        &mut self,
        customer: i64,
        service: i64,
        edition: i64,
    ) -> Result<Subscription> {
        Ok(sqlx::query_as(concat!(
            "INSERT INTO subscriptions (customer, service, edition, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING ",
            sub_cols!()
        ))
        .bind(customer)
        .bind(service)
        .bind(edition)
        .bind(crate::now_ms())
        .fetch_one(self.conn())
        .await?)
    }

    async fn insert_duty(&mut self, duty: &NewDuty) -> Result<Duty> {
        insert_duty(self.conn(), duty).await
    }

    async fn lock_subscription(&mut self, id: i64) -> Result<Subscription> {
        let sql = "UPDATE subscriptions SET edition = edition WHERE id = $1";
        touch(self.conn(), sql, "subscription", id).await?;
        subscription(self.conn(), id).await
    }

    async fn set_subscription_edition(&mut self, id: i64, edition: i64) -> Result<()> {
        sqlx::query("UPDATE subscriptions SET edition = $1 WHERE id = $2")
            .bind(edition)
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn replace_owners(
        &mut self,
        subscription: i64,
        org: i64,
        party: &str,
        owners: &[(Letter, Assignee)],
    ) -> Result<()> {
        sqlx::query("DELETE FROM owners WHERE subscription = $1 AND org = $2 AND party = $3")
            .bind(subscription)
            .bind(org)
            .bind(party)
            .execute(self.conn())
            .await?;
        for &(letter, owner) in owners {
            let (u, t) = match owner {
                Assignee::User(u) => (Some(u), None),
                Assignee::Team(t) => (None, Some(t)),
            };
            sqlx::query(
                "INSERT INTO owners (subscription, org, party, letter, user_id, team_id) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(subscription)
            .bind(org)
            .bind(party)
            .bind(letter.as_str())
            .bind(u)
            .bind(t)
            .execute(self.conn())
            .await?;
        }
        Ok(())
    }

    async fn move_duty(
        &mut self,
        id: i64,
        from: DutyState,
        to: DutyState,
        reason: Option<&str>,
        now: i64,
    ) -> Result<Duty> {
        let moved: Option<Duty> = sqlx::query_as(concat!(
            "UPDATE duties SET state = $1, reason = $2, updated_at = $3 \
             WHERE id = $4 AND state = $5 RETURNING ",
            duty_cols!()
        ))
        .bind(to.as_str())
        .bind(reason)
        .bind(now)
        .bind(id)
        .bind(from.as_str())
        .fetch_optional(self.conn())
        .await?;
        match moved {
            Some(duty) => Ok(duty),
            None => {
                let now = duty(self.conn(), id).await?;
                Err(StoreError::Conflict(format!(
                    "duty {id} is {} now, no longer {from}",
                    now.state
                )))
            }
        }
    }

    async fn schedule_duty(
        &mut self,
        id: i64,
        recurrence: Option<Recurrence>,
        due_at: Option<i64>,
        next_due_at: Option<i64>,
        now: i64,
    ) -> Result<Duty> {
        sqlx::query_as(concat!(
            "UPDATE duties SET recurrence = $1, due_at = COALESCE($2, due_at), \
             next_due_at = $3, updated_at = $4 WHERE id = $5 RETURNING ",
            duty_cols!()
        ))
        .bind(recurrence.map(Recurrence::as_str))
        .bind(due_at)
        .bind(next_due_at)
        .bind(now)
        .bind(id)
        .fetch_optional(self.conn())
        .await?
        .ok_or_else(|| StoreError::not_found("duty", id))
    }

    async fn set_next_due(&mut self, id: i64, next_due_at: i64) -> Result<Duty> {
        sqlx::query_as(concat!(
            "UPDATE duties SET next_due_at = $1 WHERE id = $2 RETURNING ",
            duty_cols!()
        ))
        .bind(next_due_at)
        .bind(id)
        .fetch_optional(self.conn())
        .await?
        .ok_or_else(|| StoreError::not_found("duty", id))
    }

    async fn reopen_duty(&mut self, id: i64, now: i64) -> Result<Option<Duty>> {
        // The state and date in the WHERE clause make a concurrent run a no-op.
        Ok(sqlx::query_as(concat!(
            "UPDATE duties SET state = 'open', cycle = cycle + 1, due_at = next_due_at, \
             next_due_at = NULL, reason = NULL, updated_at = $1 \
             WHERE id = $2 AND state = 'done' AND next_due_at <= $1 RETURNING ",
            duty_cols!()
        ))
        .bind(now)
        .bind(id)
        .fetch_optional(self.conn())
        .await?)
    }

    async fn migrate_duties(
        &mut self,
        subscription: i64,
        steps: &[MigrationStep],
        now: i64,
    ) -> Result<Vec<Migrated>> {
        let conn = self.conn();
        let mut done = Vec::new();
        // Moved duties first take a temporary id, so that ids may be
        // exchanged between activities without tripping their uniqueness.
        let mut moves = Vec::new();
        let mut adds = Vec::new();
        for step in steps {
            let old = match &step.old {
                Some(old) => live_duty(conn, subscription, old).await?,
                None => None,
            };
            match (old, &step.new) {
                (Some(before), Some(_)) => {
                    sqlx::query("UPDATE duties SET activity_id = $1 WHERE id = $2")
                        .bind(format!("~migrating-{}", before.id))
                        .bind(before.id)
                        .execute(&mut *conn)
                        .await?;
                    moves.push((before, step));
                }
                (Some(before), None) => {
                    sqlx::query("UPDATE duties SET retired_at = $1, updated_at = $1 WHERE id = $2")
                        .bind(now)
                        .bind(before.id)
                        .execute(&mut *conn)
                        .await?;
                    done.push(Migrated::Retired(duty(conn, before.id).await?));
                }
                (None, Some(_)) => adds.push(step),
                (None, None) => {}
            }
        }
        for (before, step) in moves {
            let new = step.new.as_deref().unwrap_or_default();
            free_activity_id(conn, subscription, new).await?;
            sqlx::query(
                "UPDATE duties SET activity_id = $1, text = $2, section_json = $3, \
                 roles_json = $4, updated_at = $5 WHERE id = $6",
            )
            .bind(new)
            .bind(&step.text)
            .bind(Stored(&step.section).to_text())
            .bind(Stored(&step.roles).to_text())
            .bind(now)
            .bind(before.id)
            .execute(&mut *conn)
            .await?;
            let after = duty(conn, before.id).await?;
            done.push(Migrated::Moved {
                before: Box::new(before),
                after: Box::new(after),
            });
        }
        for step in adds {
            let new = step.new.as_deref().unwrap_or_default();
            free_activity_id(conn, subscription, new).await?;
            let added = insert_duty(
                conn,
                &NewDuty {
                    subscription,
                    activity_id: new.to_owned(),
                    text: step.text.clone(),
                    section: step.section.clone(),
                    roles: step.roles.clone(),
                    kind: DutyKind::Activity,
                },
            )
            .await?;
            done.push(Migrated::Added(added));
        }
        Ok(done)
    }
}
