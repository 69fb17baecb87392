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
