// The in-app inbox of each user and outbound webhooks with their delivery log.
use async_trait::async_trait;
use serde_json::json;

use crate::{Delivery, InboxItem, Result, RetryPolicy, StoreError, Webhook};

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

/// Records one event for an organization in the caller's transaction: an
/// inbox item for each recipient user (deduplicated) and a pending delivery
/// for each active webhook of the organization. Every other area notifies
/// through this one function.
pub(crate) async fn notify(
    conn: &mut Conn,
    org: i64,
    recipients: &[i64],
    kind: &str,
    subject: &str,
    payload: &serde_json::Value,
) -> Result<()> {
    let now = crate::now_ms();
    let payload_json = payload.to_string();
    let mut seen = std::collections::BTreeSet::new();
    for &user in recipients {
        if !seen.insert(user) {
            continue;
        }
        sqlx::query(
            "INSERT INTO inbox (org, user_id, kind, subject, payload_json, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(org)
        .bind(user)
        .bind(kind)
        .bind(subject)
        .bind(&payload_json)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query(
        "INSERT INTO deliveries (webhook, org, kind, subject, payload_json, attempts, \
         next_attempt_at, status, created_at) \
         SELECT id, org, $2, $3, $4, 0, $5, 'pending', $5 FROM webhooks \
         WHERE org = $1 AND active",
    )
    .bind(org)
    .bind(kind)
    .bind(subject)
    .bind(&payload_json)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records a change of a webhook in its organization's audit log.
async fn record_webhook(conn: &mut Conn, actor: &str, action: &str, hook: &Webhook) -> Result<()> {
    let subject = format!("webhook:{}", hook.id);
    let details = json!({"url": hook.url});
    super::audit::append(conn, hook.org, actor, action, &subject, &details).await?;
    Ok(())
}

/// A webhook's signing key: `whsec_` and 32 random bytes in hex.
fn new_webhook_secret() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| StoreError::InvalidInput(format!("no randomness for a secret: {e}")))?;
    Ok(format!("whsec_{}", hex::encode(bytes)))
}

async fn get_webhook(conn: &mut Conn, id: i64) -> Result<Webhook> {
    let sql = concat!("SELECT ", webhook_cols!(), " FROM webhooks WHERE id = $1");
    super::query::row_by_id(conn, sql, "webhook", id).await
}

async fn get_delivery(conn: &mut Conn, id: i64) -> Result<Delivery> {
    let sql = concat!(
        "SELECT ",
        delivery_cols!(),
        " FROM deliveries WHERE id = $1"
    );
    super::query::row_by_id(conn, sql, "delivery", id).await
}

#[async_trait]
impl crate::NotifyStore for Backend {
    async fn notify_event(
        &self,
        org: i64,
        recipients: &[i64],
        kind: &str,
        subject: &str,
        payload: &serde_json::Value,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        notify(&mut tx, org, recipients, kind, subject, payload).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn list_inbox(&self, user: i64, unread_only: bool) -> Result<Vec<InboxItem>> {
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
        Ok(sqlx::query_as(sql)
            .bind(user)
            .fetch_all(&mut *self.pool.acquire().await?)
            .await?)
    }

    async fn mark_inbox_read(&self, user: i64, item: i64) -> Result<InboxItem> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "UPDATE inbox SET read_at = $1 WHERE id = $2 AND user_id = $3 AND read_at IS NULL",
        )
        .bind(crate::now_ms())
        .bind(item)
        .bind(user)
        .execute(&mut *tx)
        .await?;
        let row: Option<InboxItem> = sqlx::query_as(concat!(
            "SELECT ",
            inbox_cols!(),
            " FROM inbox WHERE id = $1 AND user_id = $2"
        ))
        .bind(item)
        .bind(user)
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        row.ok_or_else(|| StoreError::not_found("inbox item", item))
    }

    async fn create_webhook(&self, actor: &str, org: i64, url: &str) -> Result<Webhook> {
        let url = url.trim();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(StoreError::InvalidInput(format!(
                "a webhook URL is http or https: {url:?}"
            )));
        }
        let mut tx = self.begin().await?;
        super::orgs::get(&mut tx, org).await?;
        let hook: Webhook = sqlx::query_as(concat!(
            "INSERT INTO webhooks (org, url, secret, active, created_at) \
             VALUES ($1, $2, $3, TRUE, $4) RETURNING ",
            webhook_cols!()
        ))
        .bind(org)
        .bind(url)
        .bind(new_webhook_secret()?)
        .bind(crate::now_ms())
        .fetch_one(&mut *tx)
        .await?;
        record_webhook(&mut tx, actor, "webhook.create", &hook).await?;
        tx.commit().await?;
        Ok(hook)
    }

    async fn get_webhook(&self, id: i64) -> Result<Webhook> {
        get_webhook(&mut *self.pool.acquire().await?, id).await
    }

    async fn list_webhooks(&self, org: i64) -> Result<Vec<Webhook>> {
        let sql = concat!(
            "SELECT ",
            webhook_cols!(),
            " FROM webhooks WHERE org = $1 AND active ORDER BY id"
        );
        super::query::rows_by(&mut *self.pool.acquire().await?, sql, org).await
    }

    async fn delete_webhook(&self, actor: &str, id: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        let hook = get_webhook(&mut tx, id).await?;
        if !hook.active {
            return Err(StoreError::not_found("webhook", id));
        }
        sqlx::query("UPDATE webhooks SET active = FALSE WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE deliveries SET status = 'failed', last_error = 'webhook deleted', \
             locked_until = NULL WHERE webhook = $1 AND status = 'pending'",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        record_webhook(&mut tx, actor, "webhook.delete", &hook).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn list_deliveries(&self, webhook: i64) -> Result<Vec<Delivery>> {
        let sql = concat!(
            "SELECT ",
            delivery_cols!(),
            " FROM deliveries WHERE webhook = $1 ORDER BY id DESC"
        );
        super::query::rows_by(&mut *self.pool.acquire().await?, sql, webhook).await
    }

    async fn get_delivery(&self, id: i64) -> Result<Delivery> {
        get_delivery(&mut *self.pool.acquire().await?, id).await
    }

    async fn due_deliveries(&self, now: i64, limit: i64) -> Result<Vec<i64>> {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= $1 \
             AND (locked_until IS NULL OR locked_until < $1) ORDER BY next_attempt_at, id \
             LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *self.pool.acquire().await?)
        .await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    async fn claim_delivery(
        &self,
        id: i64,
        now: i64,
        lease_ms: i64,
    ) -> Result<Option<(Delivery, Webhook)>> {
        let mut tx = self.begin().await?;
        let claimed = sqlx::query(
            "UPDATE deliveries SET locked_until = $1 WHERE id = $2 AND status = 'pending' \
             AND next_attempt_at <= $3 AND (locked_until IS NULL OR locked_until < $3)",
        )
        .bind(now.saturating_add(lease_ms))
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed != 1 {
            return Ok(None);
        }
        let delivery = get_delivery(&mut tx, id).await?;
        let hook = get_webhook(&mut tx, delivery.webhook).await?;
        tx.commit().await?;
        Ok(Some((delivery, hook)))
    }

    async fn record_delivery_success(&self, id: i64, status: i64, now: i64) -> Result<Delivery> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "UPDATE deliveries SET status = 'delivered', last_status = $1, last_error = NULL, \
             delivered_at = $2, locked_until = NULL WHERE id = $3",
        )
        .bind(status)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let delivery = get_delivery(&mut tx, id).await?;
        tx.commit().await?;
        Ok(delivery)
    }

    async fn record_delivery_failure(
        &self,
        id: i64,
        status: Option<i64>,
        error: &str,
        now: i64,
        policy: &RetryPolicy,
    ) -> Result<Delivery> {
        let mut tx = self.begin().await?;
        let before = get_delivery(&mut tx, id).await?;
        let attempts = before.attempts.saturating_add(1);
        let (state, next) = if attempts >= policy.max_attempts {
            ("failed", before.next_attempt_at)
        } else {
            ("pending", now.saturating_add(policy.backoff_ms(attempts)))
        };
        let error: String = error.chars().take(1000).collect();
        sqlx::query(
            "UPDATE deliveries SET attempts = $1, status = $2, next_attempt_at = $3, \
             last_status = $4, last_error = $5, locked_until = NULL WHERE id = $6",
        )
        .bind(attempts)
        .bind(state)
        .bind(next)
        .bind(status)
        .bind(&error)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let delivery = get_delivery(&mut tx, id).await?;
        tx.commit().await?;
        Ok(delivery)
    }
}
