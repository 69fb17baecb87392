// Change notices between editions, and events raised against a subscription.
use async_trait::async_trait;

use super::handle::Handle;
use super::query::{row_by_id, rows_by};
use crate::{ChangeNotice, DutyKind, Event, NewEvent, NewNotice, Result, StoreError};

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

#[async_trait]
impl crate::ChangeReads for Handle {
    async fn change_notice(&mut self, id: i64) -> Result<ChangeNotice> {
        let sql = concat!(
            "SELECT ",
            notice_cols!(),
            " FROM change_notices WHERE id = $1"
        );
        row_by_id(self.conn(), sql, "change notice", id).await
    }

    async fn change_notices(&mut self, subscription: i64) -> Result<Vec<ChangeNotice>> {
        let sql = concat!(
            "SELECT ",
            notice_cols!(),
            " FROM change_notices WHERE subscription = $1 ORDER BY id"
        );
        rows_by(self.conn(), sql, subscription).await
    }

    async fn events(&mut self, subscription: i64) -> Result<Vec<Event>> {
        let sql = concat!(
            "SELECT ",
            event_cols!(),
            " FROM events WHERE subscription = $1 ORDER BY id"
        );
        rows_by(self.conn(), sql, subscription).await
    }

    async fn event_count(&mut self, subscription: i64, kind: DutyKind) -> Result<i64> {
        let (count,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM events WHERE subscription = $1 AND kind = $2")
                .bind(subscription)
                .bind(kind.as_str())
                .fetch_one(self.conn())
                .await?;
        Ok(count)
    }
}

#[async_trait]
impl crate::ChangeWrites for Handle {
    async fn supersede_notices(&mut self, subscription: i64, now: i64) -> Result<()> {
        sqlx::query(
            "UPDATE change_notices SET superseded_at = $1 \
             WHERE subscription = $2 AND accepted_at IS NULL AND superseded_at IS NULL",
        )
        .bind(now)
        .bind(subscription)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    async fn insert_change_notice(&mut self, n: &NewNotice, now: i64) -> Result<ChangeNotice> {
        let migration = serde_json::to_string(&n.migration).map_err(|e| StoreError::Corrupt {
            what: "migration plan",
            why: e.to_string(),
        })?;
        Ok(sqlx::query_as(concat!(
            "INSERT INTO change_notices (subscription, from_edition, to_edition, entries_json, \
             migration_json, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ",
            notice_cols!()
        ))
        .bind(n.subscription)
        .bind(n.from_edition)
        .bind(n.to_edition)
        .bind(&n.entries_json)
        .bind(migration)
        .bind(now)
        .fetch_one(self.conn())
        .await?)
    }

    async fn set_notice_entries(&mut self, id: i64, entries_json: &str) -> Result<()> {
        sqlx::query("UPDATE change_notices SET entries_json = $1 WHERE id = $2")
            .bind(entries_json)
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn mark_notice_accepted(&mut self, id: i64, by: &str, now: i64) -> Result<ChangeNotice> {
        sqlx::query_as(concat!(
            "UPDATE change_notices SET accepted_at = $1, accepted_by = $2 \
             WHERE id = $3 AND accepted_at IS NULL RETURNING ",
            notice_cols!()
        ))
        .bind(now)
        .bind(by)
        .bind(id)
        .fetch_optional(self.conn())
        .await?
        .ok_or_else(|| StoreError::Conflict(format!("change notice {id} is already accepted")))
    }

    async fn insert_event(&mut self, e: &NewEvent, now: i64) -> Result<Event> {
        Ok(sqlx::query_as(concat!(
            "INSERT INTO events (subscription, duty, kind, title, description, activity_id, \
             raised_by, raised_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ",
            event_cols!()
        ))
        .bind(e.subscription)
        .bind(e.duty)
        .bind(e.kind.as_str())
        .bind(&e.title)
        .bind(&e.description)
        .bind(&e.activity_id)
        .bind(&e.raised_by)
        .bind(now)
        .fetch_one(self.conn())
        .await?)
    }
}
