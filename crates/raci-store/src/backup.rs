//! Backups of a SQLite store while it serves, and restoring one into a
//! database that may be in use. PostgreSQL's are `pg_dump`'s and
//! `pg_restore`'s (see the README).
//!
//! A backup is `VACUUM INTO` a new owner-only file: one read transaction,
//! so the copy is the database as of one commit whatever writers do
//! meanwhile. A restore copies every table of the backup into the target
//! in one write transaction, so a server running on the target sees the
//! old data or the restored data, never a mixture.

use std::path::Path;

use crate::{Result, SqliteStore, StoreError};

/// What a restore replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Each table with the rows it holds now.
    pub tables: Vec<(String, i64)>,
}

impl SqliteStore {
    /// Writes a consistent copy of the database to `out`, a file that must
    /// not exist yet; it is created readable by its owner only.
    pub async fn backup_to(&self, out: &Path) -> Result<()> {
        if out.exists() {
            return Err(StoreError::Unusable(format!(
                "{} already exists: a backup never overwrites a file",
                out.display()
            )));
        }
        // VACUUM INTO accepts an empty file: creating it first sets its mode.
        crate::sqlite::create_private(out)?;
        let written = sqlx::query("VACUUM INTO $1")
            .bind(out.display().to_string())
            .execute(self.pool())
            .await;
        if let Err(e) = written {
            let _ = std::fs::remove_file(out);
            return Err(e.into());
        }
        Ok(())
    }

    /// Whether any table but `schema_migrations` holds a row.
    pub async fn holds_data(&self) -> Result<bool> {
        let mut conn = self.pool().acquire().await?;
        for table in tables(&mut conn, "main").await? {
            if table == "schema_migrations" {
                continue;
            }
            let (rows,): (i64,) =
                sqlx::query_as(&format!("SELECT COUNT(*) FROM main.{}", quoted(&table)))
                    .fetch_one(&mut *conn)
                    .await?;
            if rows > 0 {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Replaces every row of this database by those of the SQLite database
    /// at `source`, which must have the same schema (open it with
    /// [`crate::Access::Migrate`] first to bring an older backup up).
    pub async fn restore_from(&self, source: &Path) -> Result<Restored> {
        let mut conn = self.pool().acquire().await?;
        sqlx::query("ATTACH DATABASE $1 AS source")
            .bind(source.display().to_string())
            .execute(&mut *conn)
            .await?;
        let copied = copy_tables(&mut conn).await;
        // Detach whatever happened, so the pooled connection is as it was.
        let _ = sqlx::query("DETACH DATABASE source")
            .execute(&mut *conn)
            .await;
        copied
    }
}

/// Copies every table of `source` over `main`, in one transaction.
async fn copy_tables(conn: &mut sqlx::SqliteConnection) -> Result<Restored> {
    let ours = tables(conn, "main").await?;
    let theirs = tables(conn, "source").await?;
    if ours != theirs {
        return Err(StoreError::Unusable(format!(
            "the backup's tables ({}) are not this database's ({})",
            theirs.join(", "),
            ours.join(", ")
        )));
    }
    let mut tx = sqlx::Connection::begin_with(&mut *conn, "BEGIN IMMEDIATE").await?;
    // Rows go in table by table, children before their parents at times:
    // foreign keys are checked once, at commit.
    sqlx::query("PRAGMA defer_foreign_keys = ON")
        .execute(&mut *tx)
        .await?;
    for table in &ours {
        sqlx::query(&format!("DELETE FROM main.{}", quoted(table)))
            .execute(&mut *tx)
            .await?;
    }
    let mut restored = Restored { tables: Vec::new() };
    for table in &ours {
        let names = columns(&mut tx, "main", table).await?;
        if names != columns(&mut tx, "source", table).await? {
            return Err(StoreError::Unusable(format!(
                "the backup's table {table} has other columns than this database's"
            )));
        }
        let list = names
            .iter()
            .map(|c| quoted(c))
            .collect::<Vec<_>>()
            .join(", ");
        let copied = sqlx::query(&format!(
            "INSERT INTO main.{t} ({list}) SELECT {list} FROM source.{t}",
            t = quoted(table)
        ))
        .execute(&mut *tx)
        .await?;
        let rows = i64::try_from(copied.rows_affected()).unwrap_or(i64::MAX);
        restored.tables.push((table.clone(), rows));
    }
    tx.commit().await?;
    Ok(restored)
}

/// The tables of the schema `schema` (`main` or an attached name), sorted.
async fn tables(conn: &mut sqlx::SqliteConnection, schema: &str) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(&format!(
        "SELECT name FROM {schema}.sqlite_master \
         WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(name,)| name).collect())
}

/// The columns of `table`, in their order.
async fn columns(
    conn: &mut sqlx::SqliteConnection,
    schema: &str,
    table: &str,
) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(&format!(
        "SELECT name FROM pragma_table_info({}, {}) ORDER BY cid",
        literal(table),
        literal(schema)
    ))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(name,)| name).collect())
}

/// An identifier quoted for SQL (names come from the schema, not input).
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A string literal for SQL.
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}
