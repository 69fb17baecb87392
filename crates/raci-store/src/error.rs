//! The one error type of the store. Every variant is data an application
//! layer can act on without reading a message: which row was missing, which
//! field a uniqueness rule concerns, where a chain broke.

/// What a store operation can fail with.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row asked for (or one it depends on) does not exist.
    #[error("{entity} {id} not found")]
    NotFound { entity: &'static str, id: String },
    /// A uniqueness rule was violated: `field` of `entity` is taken.
    #[error("this {field} is already taken by another {entity}")]
    Taken {
        entity: &'static str,
        field: &'static str,
    },
    /// A guarded write found the row changed by a concurrent one, or in a
    /// state that refuses the change.
    #[error("{0}")]
    Conflict(String),
    /// An archive or a record handed to the store that it cannot use.
    #[error("{0}")]
    Unusable(String),
    /// A stored value that cannot be read back (a damaged column).
    #[error("stored {what} cannot be read: {why}")]
    Corrupt { what: &'static str, why: String },
    /// The audit chain of an organization is broken at this entry.
    #[error("audit chain broken at entry {seq}")]
    BrokenLink { seq: i64 },
    /// The operating system gave no randomness for a secret.
    #[error("no randomness for a secret: {0}")]
    Randomness(String),
    /// The database named cannot be used as it is: absent, not a raci
    /// database, or its schema at a version this binary does not run.
    #[error(transparent)]
    Schema(#[from] SchemaError),
    /// The database cannot answer now but may in a moment: a deadlock or
    /// serialization failure that rolled the transaction back, no
    /// connection to be had, the server restarting. Nothing was written;
    /// the same request may be tried again.
    #[error("database busy: {0}")]
    Transient(sqlx::Error),
    /// No connection could be had a moment ago and the breaker in front of
    /// the pool refuses requests at once until it probes again. Nothing
    /// was written; the request may be tried again in a second.
    #[error("the database cannot be reached now")]
    Unreachable,
    /// The database's disk (or its quota) is full: the transaction was
    /// rolled back, and writes can succeed again once space is freed.
    #[error("the database's disk is full: {0}")]
    DiskFull(sqlx::Error),
    /// The database failed.
    #[error("database error: {0}")]
    Database(sqlx::Error),
}

/// Why a database was not opened (its URL is named without its password).
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    /// A command that only reads was pointed at a database that is not there.
    #[error("the database {database} does not exist")]
    Missing { database: String },
    /// The database exists but holds no raci schema.
    #[error("{database} is not a raci database (it has no schema_migrations table)")]
    NotRaci { database: String },
    /// The database was migrated by a newer raci.
    #[error(
        "the database {database} is at schema version {found}, newer than this raci knows \
         (version {known}): run the raci that upgraded it, or a newer one"
    )]
    TooNew {
        database: String,
        found: i64,
        known: i64,
    },
    /// The database's schema is older than this binary's, and the command
    /// does not migrate.
    #[error(
        "the database {database} is at schema version {found}, older than this raci's \
         (version {known}): migrate it first (`raci admin migrate`)"
    )]
    Behind {
        database: String,
        found: i64,
        known: i64,
    },
}

impl StoreError {
    pub(crate) fn not_found(entity: &'static str, id: impl ToString) -> Self {
        StoreError::NotFound {
            entity,
            id: id.to_string(),
        }
    }
}

/// The unique constraints of the schema that concern a caller's input: the
/// text each engine names them by, and the entity and field they protect.
/// SQLite says `UNIQUE constraint failed: users.email`; PostgreSQL names the
/// constraint `users_email_key`.
const UNIQUE_FIELDS: &[(&str, &str, &str, &str)] = &[
    ("users.email", "users_email_key", "user", "email"),
    (
        "services.provider, services.slug",
        "services_provider_slug_key",
        "service",
        "slug",
    ),
    (
        "teams.org, teams.name",
        "teams_org_name_key",
        "team",
        "name",
    ),
    (
        "subscriptions.customer, subscriptions.service",
        "subscriptions_customer_service_key",
        "subscription",
        "service",
    ),
];

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                let message = db.message();
                let constraint = db.constraint().unwrap_or_default();
                UNIQUE_FIELDS
                    .iter()
                    .find(|(sqlite, pg, _, _)| message.ends_with(sqlite) || constraint == *pg)
                    .map_or_else(
                        // Another unique rule (an edition number, an activity
                        // id) is a concurrent write that lost.
                        || StoreError::Conflict("a concurrent change got there first".to_owned()),
                        |&(_, _, entity, field)| StoreError::Taken { entity, field },
                    )
            }
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::NotFound {
                entity: "referenced row",
                id: String::new(),
            },
            sqlx::Error::ColumnDecode { index, source } => StoreError::Corrupt {
                what: "column",
                why: format!("{index}: {source}"),
            },
            sqlx::Error::RowNotFound => StoreError::NotFound {
                entity: "row",
                id: String::new(),
            },
            _ if is_disk_full(&e) => StoreError::DiskFull(e),
            _ if is_transient(&e) => StoreError::Transient(e),
            _ => StoreError::Database(e),
        }
    }
}

/// The codes of a failure that rolled the transaction back and may pass
/// when tried again. PostgreSQL's SQLSTATEs: serialization failure and
/// deadlock, lock not available, the server shutting down or restarting
/// (and connection exceptions, class 08). SQLite's result codes: busy past
/// the busy timeout (5, 261, 517), locked (6).
const TRANSIENT_CODES: &[&str] = &[
    "40001", "40P01", "55P03", "57P01", "57P02", "57P03", "5", "6", "261", "517",
];

/// SQLite's SQLITE_FULL (13) and PostgreSQL's disk_full (53100).
const DISK_FULL_CODES: &[&str] = &["13", "53100"];

fn is_disk_full(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.code().is_some_and(|c| DISK_FULL_CODES.contains(&c.as_ref())))
}

/// Whether `e` says "not now" rather than "never".
fn is_transient(e: &sqlx::Error) -> bool {
    no_connection(e)
        || match e {
            sqlx::Error::PoolClosed => true,
            sqlx::Error::Database(db) => db
                .code()
                .is_some_and(|code| TRANSIENT_CODES.contains(&code.as_ref())),
            _ => false,
        }
}

/// Whether `e` says no connection could be had, rather than a query
/// failing: the pool's wait ran out, the socket failed, a connection
/// exception (class 08) or the server shutting down or starting (57P0x).
pub(crate) fn no_connection(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|code| {
            (code.len() == 5 && code.starts_with("08"))
                || ["57P01", "57P02", "57P03"].contains(&code.as_ref())
        }),
        _ => false,
    }
}

/// The result of a store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_connection_to_be_had_is_transient_a_bad_query_is_not() {
        assert!(matches!(
            StoreError::from(sqlx::Error::PoolTimedOut),
            StoreError::Transient(_)
        ));
        assert!(matches!(
            StoreError::from(sqlx::Error::ColumnNotFound("x".into())),
            StoreError::Database(_)
        ));
    }

    #[test]
    fn every_unique_field_names_both_engines() {
        for (sqlite, pg, entity, field) in UNIQUE_FIELDS {
            let table = pg.split('_').next().unwrap_or_default();
            assert!(sqlite.starts_with(table), "{sqlite} / {pg}");
            assert!(pg.ends_with("_key") && !entity.is_empty() && !field.is_empty());
        }
    }
}
