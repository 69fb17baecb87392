// E-mail: preferences, the mail outbox, digest items and alerts sent.
use async_trait::async_trait;

use super::handle::Handle;
use super::query::{claim_lease, due_ids, record_failure, row_by_id, rows_by, Outbox};
use crate::{DigestItem, Duty, Mail, MailStatus, NewMail, Preferences, Result, StoreError};

macro_rules! mail_cols {
    () => {
        "id, org, user_id, kind, subject, payload_json, once_key, attempts, next_attempt_at, \
         status, last_error, locked_until, sent_at, created_at"
    };
}
macro_rules! item_cols {
    () => {
        "id, org, user_id, kind, subject, payload_json, created_at, mail"
    };
}

async fn mail(conn: &mut Conn, id: i64) -> Result<Mail> {
    let sql = concat!("SELECT ", mail_cols!(), " FROM mails WHERE id = $1");
    row_by_id(conn, sql, "mail", id).await
}

async fn preferences(conn: &mut Conn, user: i64) -> Result<Preferences> {
    let sql = "SELECT locale, mail_preference FROM users WHERE id = $1";
    row_by_id(conn, sql, "user", user).await
}

#[async_trait]
impl crate::MailReads for Handle {
    async fn preferences(&mut self, user: i64) -> Result<Preferences> {
        preferences(self.conn(), user).await
    }

    async fn mail(&mut self, id: i64) -> Result<Mail> {
        mail(self.conn(), id).await
    }

    async fn mails(
        &mut self,
        org: i64,
        status: Option<MailStatus>,
        limit: i64,
    ) -> Result<Vec<Mail>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            mail_cols!(),
            " FROM mails WHERE org = $1 AND ($2 = '' OR status = $2) ORDER BY id DESC LIMIT $3"
        ))
        .bind(org)
        .bind(status.map_or("", MailStatus::as_str))
        .bind(limit)
        .fetch_all(self.conn())
        .await?)
    }

    async fn due_mails(&mut self, now: i64, limit: i64) -> Result<Vec<i64>> {
        due_ids(self.conn(), Outbox::Mails, now, limit).await
    }

    async fn digest_items(&mut self, mail: i64) -> Result<Vec<DigestItem>> {
        let sql = concat!(
            "SELECT ",
            item_cols!(),
            " FROM mail_digest_items WHERE mail = $1 ORDER BY created_at, id"
        );
        rows_by(self.conn(), sql, mail).await
    }

    async fn users_with_waiting_digest(&mut self, before: i64) -> Result<Vec<i64>> {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT DISTINCT user_id FROM mail_digest_items \
             WHERE mail IS NULL AND created_at < $1 ORDER BY user_id",
        )
        .bind(before)
        .fetch_all(self.conn())
        .await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    async fn duties_due_by(&mut self, until: i64) -> Result<Vec<Duty>> {
        // A duty escalated for its current due date needs no more looks;
        // a round looks at so many at most, the most urgent first.
        let ids: Vec<(i64,)> = sqlx::query_as(
            "SELECT id FROM duties d WHERE due_at IS NOT NULL AND due_at <= $1 \
             AND state NOT IN ('done', 'not_applicable') AND retired_at IS NULL \
             AND NOT EXISTS (SELECT 1 FROM duty_alerts a WHERE a.duty = d.id \
             AND a.cycle = d.cycle AND a.stage = 'overdue:' || d.due_at) \
             ORDER BY due_at, id LIMIT 1000",
        )
        .bind(until)
        .fetch_all(self.conn())
        .await?;
        let mut duties = Vec::with_capacity(ids.len());
        for (id,) in ids {
            duties.push(super::subscriptions::duty(self.conn(), id).await?);
        }
        Ok(duties)
    }
}

#[async_trait]
impl crate::MailWrites for Handle {
    async fn set_preferences(&mut self, user: i64, p: &Preferences) -> Result<Preferences> {
        let changed =
            sqlx::query("UPDATE users SET locale = $1, mail_preference = $2 WHERE id = $3")
                .bind(p.locale.as_deref())
                .bind(p.mail.as_str())
                .bind(user)
                .execute(self.conn())
                .await?
                .rows_affected();
        if changed == 0 {
            return Err(StoreError::not_found("user", user));
        }
        preferences(self.conn(), user).await
    }

    async fn queue_mail(&mut self, m: NewMail<'_>, now: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO mails (org, user_id, kind, subject, payload_json, attempts, \
             next_attempt_at, status, created_at) \
             SELECT org, id, $2, $3, $4, 0, $5, 'pending', $5 FROM users \
             WHERE id = $1 AND mail_preference = 'immediate'",
        )
        .bind(m.user)
        .bind(m.kind)
        .bind(m.subject)
        .bind(m.payload_json)
        .bind(now)
        .execute(self.conn())
        .await?;
        sqlx::query(
            "INSERT INTO mail_digest_items (org, user_id, kind, subject, payload_json, created_at) \
             SELECT org, id, $2, $3, $4, $5 FROM users \
             WHERE id = $1 AND mail_preference = 'digest'",
        )
        .bind(m.user)
        .bind(m.kind)
        .bind(m.subject)
        .bind(m.payload_json)
        .bind(now)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    async fn gather_digest(
        &mut self,
        user: i64,
        window_start: i64,
        now: i64,
    ) -> Result<Option<Mail>> {
        let waiting: Option<(i64,)> = sqlx::query_as(
            "SELECT org FROM mail_digest_items WHERE user_id = $1 AND mail IS NULL \
             AND created_at < $2 LIMIT 1",
        )
        .bind(user)
        .bind(window_start)
        .fetch_optional(self.conn())
        .await?;
        let Some((org,)) = waiting else {
            return Ok(None);
        };
        let payload = serde_json::json!({ "window_start": window_start }).to_string();
        let made: Option<Mail> = sqlx::query_as(concat!(
            "INSERT INTO mails (org, user_id, kind, subject, payload_json, once_key, attempts, \
             next_attempt_at, status, created_at) \
             VALUES ($1, $2, 'digest', $3, $4, $5, 0, $6, 'pending', $6) \
             ON CONFLICT (once_key) DO NOTHING RETURNING ",
            mail_cols!()
        ))
        .bind(org)
        .bind(user)
        .bind(format!("user:{user}"))
        .bind(payload)
        .bind(format!("digest:{user}:{window_start}"))
        .bind(now)
        .fetch_optional(self.conn())
        .await?;
        let Some(made) = made else {
            return Ok(None);
        };
        sqlx::query(
            "UPDATE mail_digest_items SET mail = $1 WHERE user_id = $2 AND mail IS NULL \
             AND created_at < $3",
        )
        .bind(made.id)
        .bind(user)
        .bind(window_start)
        .execute(self.conn())
        .await?;
        Ok(Some(made))
    }

    async fn record_alert(&mut self, duty: i64, cycle: i64, stage: &str, now: i64) -> Result<bool> {
        let inserted = sqlx::query(
            "INSERT INTO duty_alerts (duty, cycle, stage, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (duty, cycle, stage) DO NOTHING",
        )
        .bind(duty)
        .bind(cycle)
        .bind(stage)
        .bind(now)
        .execute(self.conn())
        .await?
        .rows_affected();
        Ok(inserted == 1)
    }

    async fn claim_mail(&mut self, id: i64, now: i64, lease_ms: i64) -> Result<Option<Mail>> {
        if !claim_lease(self.conn(), Outbox::Mails, id, now, lease_ms).await? {
            return Ok(None);
        }
        Ok(Some(mail(self.conn(), id).await?))
    }

    async fn record_mail_sent(&mut self, id: i64, now: i64) -> Result<Mail> {
        sqlx::query(
            "UPDATE mails SET status = 'sent', last_error = NULL, sent_at = $1, \
             locked_until = NULL WHERE id = $2",
        )
        .bind(now)
        .bind(id)
        .execute(self.conn())
        .await?;
        mail(self.conn(), id).await
    }

    async fn record_mail_failure(
        &mut self,
        id: i64,
        error: &str,
        retry_at: Option<i64>,
    ) -> Result<Mail> {
        record_failure(self.conn(), Outbox::Mails, id, error, retry_at).await?;
        mail(self.conn(), id).await
    }

    async fn expire_mails(&mut self, made_before: i64) -> Result<u64> {
        let expired = sqlx::query(
            "UPDATE mails SET status = 'expired', locked_until = NULL, \
             last_error = 'not sent in time: no server sent mail while it was news' \
             WHERE status = 'pending' AND created_at < $1",
        )
        .bind(made_before)
        .execute(self.conn())
        .await?
        .rows_affected();
        sqlx::query("DELETE FROM mail_digest_items WHERE mail IS NULL AND created_at < $1")
            .bind(made_before)
            .execute(self.conn())
            .await?;
        Ok(expired)
    }
}
