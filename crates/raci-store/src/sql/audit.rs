// The hash-chained audit log of each organization.
use async_trait::async_trait;

use super::handle::Handle;
use crate::{audit_hash, check_chain, AuditEntry, AuditFilter, ChainReport, Result, StoreError};

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

/// An organization's whole chain, by sequence.
pub(crate) async fn list(conn: &mut Conn, org: i64) -> Result<Vec<AuditEntry>> {
    let sql = concat!(
        "SELECT ",
        cols!(),
        " FROM audit_log WHERE org = $1 ORDER BY seq"
    );
    super::query::rows_by(conn, sql, org).await
}

/// The recorded head of an organization's chain.
pub(crate) async fn head(conn: &mut Conn, org: i64) -> Result<(i64, String)> {
    sqlx::query_as("SELECT audit_seq, audit_head FROM organizations WHERE id = $1")
        .bind(org)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::not_found("organization", org))
}

#[async_trait]
impl crate::AuditReads for Handle {
    async fn audit_entries(&mut self, org: i64, f: &AuditFilter) -> Result<Vec<AuditEntry>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            cols!(),
            " FROM audit_log WHERE org = $1 AND seq > $2 AND at >= $3 AND at < $4 \
             AND ($5 IS NULL OR actor = $5) AND ($6 IS NULL OR action = $6) \
             AND ($7 IS NULL OR subject = $7) ORDER BY seq LIMIT $8"
        ))
        .bind(org)
        .bind(f.after_seq.unwrap_or(0))
        .bind(f.from.unwrap_or(i64::MIN))
        .bind(f.until.unwrap_or(i64::MAX))
        .bind(f.actor.as_deref())
        .bind(f.action.as_deref())
        .bind(f.subject.as_deref())
        .bind(f.limit)
        .fetch_all(self.conn())
        .await?)
    }

    async fn audit_chain_report(&mut self, org: i64) -> Result<ChainReport> {
        let (head_seq, head_hash) = head(self.conn(), org).await?;
        let entries = list(self.conn(), org).await?;
        let checked = check_chain(&entries, Some((head_seq, &head_hash)));
        let imported = super::tenancy::imported_chains(self.conn(), org, &entries).await?;
        Ok(ChainReport {
            org,
            entries: entries.len(),
            head_seq,
            head_hash,
            broken: checked.err(),
            imported,
        })
    }
}

#[async_trait]
impl crate::AuditWrites for Handle {
    async fn append_audit(
        &mut self,
        org: i64,
        actor: &str,
        action: &str,
        subject: &str,
        details: &serde_json::Value,
    ) -> Result<AuditEntry> {
        append(self.conn(), org, actor, action, subject, details).await
    }
}
