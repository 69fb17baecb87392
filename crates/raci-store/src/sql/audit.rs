// The hash-chained audit log of each organization.
use crate::{audit_hash, check_chain, AuditEntry, Result, StoreError};

macro_rules! cols {
    () => {
        "id, org, seq, at, actor, action, subject, details_json, prev_hash, hash"
    };
}

/// Appends an entry in the caller's transaction. Bumping the organization's
/// chain head first locks that row, so appends to one chain are serialized.
pub(crate) async fn append(
    conn: &mut Conn,
    org: i64,
    actor: &str,
    action: &str,
    subject: &str,
    details: &serde_json::Value,
) -> Result<AuditEntry> {
    let head: Option<(i64, String)> = sqlx::query_as(
        "UPDATE organizations SET audit_seq = audit_seq + 1 WHERE id = $1 \
         RETURNING audit_seq, audit_head",
    )
    .bind(org)
    .fetch_optional(&mut *conn)
    .await?;
    let (seq, prev_hash) = head.ok_or_else(|| StoreError::not_found("organization", org))?;
    let at = crate::now_ms();
    let details_json = details.to_string();
    let hash = audit_hash(
        &prev_hash,
        org,
        seq,
        at,
        actor,
        action,
        subject,
        &details_json,
    );
    let entry = sqlx::query_as(concat!(
        "INSERT INTO audit_log (org, seq, at, actor, action, subject, details_json, prev_hash, \
         hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ",
        cols!()
    ))
    .bind(org)
    .bind(seq)
    .bind(at)
    .bind(actor)
    .bind(action)
    .bind(subject)
    .bind(&details_json)
    .bind(&prev_hash)
    .bind(&hash)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("UPDATE organizations SET audit_head = $1 WHERE id = $2")
        .bind(&hash)
        .bind(org)
        .execute(&mut *conn)
        .await?;
    Ok(entry)
}

pub(crate) async fn list(conn: &mut Conn, org: i64) -> Result<Vec<AuditEntry>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        cols!(),
        " FROM audit_log WHERE org = $1 ORDER BY seq"
    ))
    .bind(org)
    .fetch_all(&mut *conn)
    .await?)
}

/// Checks the organization's chain with [`check_chain`] against its
/// recorded head (so a removed tail is seen too); a break is reported as
/// [`StoreError::BrokenLink`] at the first entry that does not hold.
pub(crate) async fn verify(conn: &mut Conn, org: i64) -> Result<()> {
    let (head_seq, head_hash): (i64, String) =
        sqlx::query_as("SELECT audit_seq, audit_head FROM organizations WHERE id = $1")
            .bind(org)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| StoreError::not_found("organization", org))?;
    let entries = list(conn, org).await?;
    check_chain(&entries, Some((head_seq, &head_hash)))
        .map(drop)
        .map_err(|b| StoreError::BrokenLink { seq: b.seq })
}
