// Reads the schema version of a database and applies the embedded
// migrations not yet recorded in `schema_migrations`.
use crate::migrate::{latest, Access, Migration, SchemaVersion};
use crate::{Result, SchemaError};

/// The highest version recorded in `schema_migrations`, `None` when the
/// database has no such table (an empty or foreign database).
pub(crate) async fn version(conn: &mut Conn) -> Result<Option<i64>> {
    let exists = if BACKEND == "sqlite" {
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    } else {
        "SELECT COUNT(*) FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_name = 'schema_migrations'"
    };
    let (tables,): (i64,) = sqlx::query_as(exists).fetch_one(&mut *conn).await?;
    if tables == 0 {
        return Ok(None);
    }
    let (max,): (Option<i64>,) = sqlx::query_as("SELECT MAX(version) FROM schema_migrations")
        .fetch_one(&mut *conn)
        .await?;
    Ok(Some(max.unwrap_or(0)))
}

/// Checks the database's schema against `migrations` and, with
/// [`Access::Create`], applies those it lacks. `database` names it in errors.
pub(crate) async fn run(
    conn: &mut Conn,
    migrations: &[Migration],
    access: Access,
    database: &str,
) -> Result<SchemaVersion> {
    let known = latest(migrations);
    let before = version(conn).await?;
    let database = database.to_owned();
    match (before, access) {
        (Some(found), _) if found > known => {
            return Err(SchemaError::TooNew {
                database,
                found,
                known,
            }
            .into())
        }
        (None, Access::Existing) => return Err(SchemaError::NotRaci { database }.into()),
        (Some(found), Access::Existing) if found < known => {
            return Err(SchemaError::Behind {
                database,
                found,
                known,
            }
            .into())
        }
        (Some(found), Access::Existing) => {
            return Ok(SchemaVersion {
                before: Some(found),
                after: found,
            })
        }
        (_, Access::Create | Access::Migrate) => {}
    }
    apply(conn, migrations).await?;
    Ok(SchemaVersion {
        before,
        after: known,
    })
}

/// Applies each migration not yet recorded, each in its own transaction.
pub(crate) async fn apply(conn: &mut Conn, migrations: &[Migration]) -> Result<()> {
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS schema_migrations \
         (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
    )
    .execute(&mut *conn)
    .await?;
    for &(version, sql) in migrations {
        let done: Option<(i64,)> =
            sqlx::query_as("SELECT version FROM schema_migrations WHERE version = $1")
                .bind(version)
                .fetch_optional(&mut *conn)
                .await?;
        if done.is_some() {
            continue;
        }
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        sqlx::raw_sql(sql).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
            .bind(version)
            .bind(crate::now_ms())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    Ok(())
}
