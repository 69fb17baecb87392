//! The one error type of the store.

/// What a store operation can fail with.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row asked for (or one it depends on) does not exist.
    #[error("{entity} {id} not found")]
    NotFound { entity: &'static str, id: String },
    /// A uniqueness rule was violated (an e-mail, a slug, a concurrent write).
    #[error("conflict: {0}")]
    Conflict(String),
    /// A duty cannot move from one state to the other.
    #[error("invalid transition of duty from {from} to {to}")]
    InvalidTransition { from: String, to: String },
    /// The acting user may not do this (wrong letter, organization or role).
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// The caller gave a value the store cannot accept.
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// The audit chain of an organization is broken at this entry.
    #[error("audit chain broken at entry {seq}")]
    BrokenLink { seq: i64 },
    /// The database failed.
    #[error("database error: {0}")]
    Database(sqlx::Error),
}

impl StoreError {
    pub(crate) fn not_found(entity: &'static str, id: impl ToString) -> Self {
        StoreError::NotFound {
            entity,
            id: id.to_string(),
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(db.message().to_owned())
            }
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::NotFound {
                entity: "referenced row",
                id: db.message().to_owned(),
            },
            _ => StoreError::Database(e),
        }
    }
}

/// The result of a store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
