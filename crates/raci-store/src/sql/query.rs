// Queries of one shape that several areas run: the rows selected by one
// integer key, one row by its id, and a row touched to lock it.
use crate::{Result, StoreError};

/// Every row that `sql` selects with `$1` bound to `key`.
pub(crate) async fn rows_by<T>(conn: &mut Conn, sql: &'static str, key: i64) -> Result<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, <Db as sqlx::Database>::Row> + Send + Unpin,
{
    Ok(sqlx::query_as(sql).bind(key).fetch_all(&mut *conn).await?)
}

/// The row that `sql` selects with `$1` bound to `id`; none is a missing `entity`.
pub(crate) async fn row_by_id<T>(
    conn: &mut Conn,
    sql: &'static str,
    entity: &'static str,
    id: i64,
) -> Result<T>
where
    T: for<'r> sqlx::FromRow<'r, <Db as sqlx::Database>::Row> + Send + Unpin,
{
    sqlx::query_as(sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::not_found(entity, id))
}

/// Runs `sql`, an update of the row with id `$1` that changes nothing, so
/// that the row stays locked for the rest of the transaction (concurrent
/// writers of it are serialized); no row is a missing `entity`.
pub(crate) async fn touch(
    conn: &mut Conn,
    sql: &'static str,
    entity: &'static str,
    id: i64,
) -> Result<()> {
    let touched = sqlx::query(sql).bind(id).execute(&mut *conn).await?;
    if touched.rows_affected() == 0 {
        return Err(StoreError::not_found(entity, id));
    }
    Ok(())
}

/// `prefix` and 32 random bytes in hex: a token, session or webhook secret.
pub(crate) fn new_secret(prefix: &str) -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Randomness(e.to_string()))?;
    Ok(format!("{prefix}{}", hex::encode(bytes)))
}

/// A table of rows waiting to be sent (an outbox): each row is `pending`
/// until sent or given up, due at `next_attempt_at`, and leased to one
/// worker at a time through `locked_until`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Outbox {
    /// Webhook deliveries.
    Deliveries,
    /// Mails.
    Mails,
}

impl Outbox {
    fn table(self) -> &'static str {
        match self {
            Outbox::Deliveries => "deliveries",
            Outbox::Mails => "mails",
        }
    }
}

/// Ids of the outbox's pending rows due at `now` and not leased, oldest first.
pub(crate) async fn due_ids(
    conn: &mut Conn,
    outbox: Outbox,
    now: i64,
    limit: i64,
) -> Result<Vec<i64>> {
    let sql = format!(
        "SELECT id FROM {} WHERE status = 'pending' AND next_attempt_at <= $1 \
         AND (locked_until IS NULL OR locked_until < $1) ORDER BY next_attempt_at, id LIMIT $2",
        outbox.table()
    );
    let rows: Vec<(i64,)> = sqlx::query_as(&sql)
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Takes the lease on a due row until `now + lease_ms`: whether this caller
/// got it. One conditional update decides, so of two workers (or servers)
/// claiming at once, one gets it.
pub(crate) async fn claim_lease(
    conn: &mut Conn,
    outbox: Outbox,
    id: i64,
    now: i64,
    lease_ms: i64,
) -> Result<bool> {
    let sql = format!(
        "UPDATE {} SET locked_until = $1 WHERE id = $2 AND status = 'pending' \
         AND next_attempt_at <= $3 AND (locked_until IS NULL OR locked_until < $3)",
        outbox.table()
    );
    let claimed = sqlx::query(&sql)
        .bind(now.saturating_add(lease_ms))
        .bind(id)
        .bind(now)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(claimed == 1)
}

/// Records a failed attempt of a row and frees its lease: pending again at
/// `retry_at`, or failed for good when `retry_at` is none. The error is
/// kept to its first 1000 characters.
pub(crate) async fn record_failure(
    conn: &mut Conn,
    outbox: Outbox,
    id: i64,
    error: &str,
    retry_at: Option<i64>,
) -> Result<()> {
    let state = if retry_at.is_some() {
        "pending"
    } else {
        "failed"
    };
    let error: String = error.chars().take(1000).collect();
    let sql = format!(
        "UPDATE {} SET attempts = attempts + 1, status = $1, \
         next_attempt_at = COALESCE($2, next_attempt_at), last_error = $3, \
         locked_until = NULL WHERE id = $4",
        outbox.table()
    );
    sqlx::query(&sql)
        .bind(state)
        .bind(retry_at)
        .bind(&error)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
