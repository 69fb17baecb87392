// The in-app inbox of each user and outbound webhooks with their delivery log.
use async_trait::async_trait;

use crate::Result;

/// Records one event for an organization in the caller's transaction: an
/// inbox item for each recipient user (deduplicated). Every other area
/// notifies through this one function.
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
    Ok(())
}

#[async_trait]
impl crate::NotifyStore for Backend {}
