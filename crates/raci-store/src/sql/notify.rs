// The in-app inbox of each user and outbound webhooks with their delivery log.
use async_trait::async_trait;

use super::handle::Handle;
use super::query::{claim_lease, due_ids, new_secret, record_failure, row_by_id, rows_by, Outbox};
use crate::{Delivery, InboxItem, Notice, Result, StoreError, Webhook};

macro_rules! inbox_cols {
    () => {
        "id, org, user_id, kind, subject, payload_json, created_at, read_at"
    };
}
macro_rules! webhook_cols {
    () => {
        "id, org, url, secret, active, created_at"
    };
}
macro_rules! delivery_cols {
    () => {
        "id, webhook, org, kind, subject, payload_json, attempts, next_attempt_at, status, \
         last_status, last_error, locked_until, delivered_at, created_at"
    };
}

async fn webhook(conn: &mut Conn, id: i64) -> Result<Webhook> {
    let sql = concat!("SELECT ", webhook_cols!(), " FROM webhooks WHERE id = $1");
    row_by_id(conn, sql, "webhook", id).await
}

async fn delivery(conn: &mut Conn, id: i64) -> Result<Delivery> {
    let sql = concat!(
        "SELECT ",
        delivery_cols!(),
        " FROM deliveries WHERE id = $1"
    );
    row_by_id(conn, sql, "delivery", id).await
}

#[async_trait]
impl crate::NotifyReads for Handle {
    async fn inbox(&mut self, user: i64, unread_only: bool) -> Result<Vec<InboxItem>> {
        let sql = if unread_only {
            concat!(
                "SELECT ",
                inbox_cols!(),
                " FROM inbox WHERE user_id = $1 AND read_at IS NULL ORDER BY id DESC"
            )
        } else {
            concat!(
                "SELECT ",
                inbox_cols!(),
                " FROM inbox WHERE user_id = $1 ORDER BY id DESC"
            )
        };
        rows_by(self.conn(), sql, user).await
    }

    async fn webhook(&mut self, id: i64) -> Result<Webhook> {
        webhook(self.conn(), id).await
    }

    async fn webhooks(&mut self, org: i64) -> Result<Vec<Webhook>> {
        let sql = concat!(
            "SELECT ",
            webhook_cols!(),
            " FROM webhooks WHERE org = $1 AND active ORDER BY id"
        );
        rows_by(self.conn(), sql, org).await
    }

    async fn deliveries(&mut self, webhook: i64) -> Result<Vec<Delivery>> {
        let sql = concat!(
            "SELECT ",
            delivery_cols!(),
            " FROM deliveries WHERE webhook = $1 ORDER BY id DESC"
        );
        rows_by(self.conn(), sql, webhook).await
    }

    async fn delivery(&mut self, id: i64) -> Result<Delivery> {
        delivery(self.conn(), id).await
    }

    async fn due_deliveries(&mut self, now: i64, limit: i64) -> Result<Vec<i64>> {
        due_ids(self.conn(), Outbox::Deliveries, now, limit).await
    }
}

#[async_trait]
impl crate::NotifyWrites for Handle {
    async fn notify(&mut self, n: Notice<'_>, now: i64) -> Result<()> {
        let mut seen = std::collections::BTreeSet::new();
        for &user in n.recipients {
            if !seen.insert(user) {
                continue;
            }
            sqlx::query(
                "INSERT INTO inbox (org, user_id, kind, subject, payload_json, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(n.org)
            .bind(user)
            .bind(n.kind)
            .bind(n.subject)
            .bind(n.payload_json)
            .bind(now)
            .execute(self.conn())
            .await?;
            crate::MailWrites::queue_mail(
                self,
                crate::NewMail {
                    user,
                    kind: n.kind,
                    subject: n.subject,
                    payload_json: n.payload_json,
                },
                now,
            )
            .await?;
        }
        sqlx::query(
            "INSERT INTO deliveries (webhook, org, kind, subject, payload_json, attempts, \
             next_attempt_at, status, created_at) \
             SELECT id, org, $2, $3, $4, 0, $5, 'pending', $5 FROM webhooks \
             WHERE org = $1 AND active",
        )
        .bind(n.org)
        .bind(n.kind)
        .bind(n.subject)
        .bind(n.payload_json)
        .bind(now)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    async fn mark_inbox_read(&mut self, user: i64, item: i64, now: i64) -> Result<InboxItem> {
        sqlx::query(
            "UPDATE inbox SET read_at = $1 WHERE id = $2 AND user_id = $3 AND read_at IS NULL",
        )
        .bind(now)
        .bind(item)
        .bind(user)
        .execute(self.conn())
        .await?;
        sqlx::query_as(concat!(
            "SELECT ",
            inbox_cols!(),
            " FROM inbox WHERE id = $1 AND user_id = $2"
        ))
        .bind(item)
        .bind(user)
        .fetch_optional(self.conn())
        .await?
        .ok_or_else(|| StoreError::not_found("inbox item", item))
    }

    async fn create_webhook(&mut self, org: i64, url: &str) -> Result<Webhook> {
        Ok(sqlx::query_as(concat!(
            "INSERT INTO webhooks (org, url, secret, active, created_at) \
             VALUES ($1, $2, $3, TRUE, $4) RETURNING ",
            webhook_cols!()
        ))
        .bind(org)
        .bind(url)
        .bind(new_secret("whsec_")?)
        .bind(crate::now_ms())
        .fetch_one(self.conn())
        .await?)
    }

    async fn deactivate_webhook(&mut self, id: i64, _now: i64) -> Result<Webhook> {
        let hook = webhook(self.conn(), id).await?;
        if !hook.active {
            return Err(StoreError::not_found("webhook", id));
        }
        sqlx::query("UPDATE webhooks SET active = FALSE WHERE id = $1")
            .bind(id)
            .execute(self.conn())
            .await?;
        sqlx::query(
            "UPDATE deliveries SET status = 'failed', last_error = 'webhook deleted', \
             locked_until = NULL WHERE webhook = $1 AND status = 'pending'",
        )
        .bind(id)
        .execute(self.conn())
        .await?;
        webhook(self.conn(), id).await
    }

    async fn claim_delivery(
        &mut self,
        id: i64,
        now: i64,
        lease_ms: i64,
    ) -> Result<Option<(Delivery, Webhook)>> {
        if !claim_lease(self.conn(), Outbox::Deliveries, id, now, lease_ms).await? {
            return Ok(None);
        }
        let d = delivery(self.conn(), id).await?;
        let hook = webhook(self.conn(), d.webhook).await?;
        Ok(Some((d, hook)))
    }

    async fn record_delivery_success(
        &mut self,
        id: i64,
        status: i64,
        now: i64,
    ) -> Result<Delivery> {
        sqlx::query(
            "UPDATE deliveries SET status = 'delivered', last_status = $1, last_error = NULL, \
             delivered_at = $2, locked_until = NULL WHERE id = $3",
        )
        .bind(status)
        .bind(now)
        .bind(id)
        .execute(self.conn())
        .await?;
        delivery(self.conn(), id).await
    }

    async fn record_delivery_failure(
        &mut self,
        id: i64,
        status: Option<i64>,
        error: &str,
        retry_at: Option<i64>,
    ) -> Result<Delivery> {
        record_failure(self.conn(), Outbox::Deliveries, id, error, retry_at).await?;
        sqlx::query("UPDATE deliveries SET last_status = $1 WHERE id = $2")
            .bind(status)
            .bind(id)
            .execute(self.conn())
            .await?;
        delivery(self.conn(), id).await
    }
}
