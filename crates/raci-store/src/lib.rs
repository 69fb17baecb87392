//! Storage for the raci service.
//!
//! One [`Store`] interface, two backends chosen by URL scheme with [`open`]:
//! SQLite (`sqlite://PATH` or a plain path, the default `./raci.db`) and
//! PostgreSQL (`postgres://…`). A store hands out a [`Reader`] for queries
//! and a [`Writer`] for one transaction; the rules of the service (who may
//! do what, what is valid) live above it, in the application layer, which
//! writes each change and its audit entries in one writer.
//!
//! Both backends run the same SQL (`$N` placeholders, `RETURNING`), written
//! once under `src/sql/` and compiled against each driver's concrete types.
//! Timestamps are milliseconds since the Unix epoch (UTC).

/// Compiles each named file of `src/sql/` into a module of the backend file
/// that invokes it, where `Conn`, `Db` and `BACKEND` name that backend's
/// driver types: the SQL is written once, type-checked against both drivers.
macro_rules! sql_modules {
    () => {
        sql_modules!(
            handle,
            migrate,
            query,
            accounts,
            catalog,
            subscriptions,
            workflow,
            changes,
            notify,
            mail,
            audit,
            tenancy
        );
    };
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::{Conn, Db, BACKEND};
            include!(concat!("sql/", stringify!($name), ".rs"));
        }
    )*};
}

/// Makes a type a column read from text: `parse` turns the stored `text`
/// into the value, or into the error that marks the column damaged.
macro_rules! text_column {
    ([$($generics:tt)*] $ty:ty, |$text:ident| $parse:expr) => {
        impl<DB: sqlx::Database, $($generics)*> sqlx::Type<DB> for $ty
        where
            String: sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <String as sqlx::Type<DB>>::type_info()
            }
            fn compatible(ty: &DB::TypeInfo) -> bool {
                <String as sqlx::Type<DB>>::compatible(ty)
            }
        }

        impl<'r, DB: sqlx::Database, $($generics)*> sqlx::Decode<'r, DB> for $ty
        where
            String: sqlx::Decode<'r, DB>,
        {
            fn decode(
                value: <DB as sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                let $text = <String as sqlx::Decode<'r, DB>>::decode(value)?;
                Ok($parse?)
            }
        }
    };
}

mod accounts;
mod audit;
mod backup;
mod breaker;
mod catalog;
mod chain;
mod changes;
mod error;
mod mail;
mod migrate;
mod model;
mod notify;
mod postgres;
mod sqlite;
mod store;
mod stored;
mod subscriptions;
mod tenancy;
mod workflow;

#[cfg(feature = "test-support")]
pub mod test_support;

pub use accounts::{AccountReads, AccountWrites, FailureKey, IssuedSession, Session, Team};
pub use audit::{AuditFilter, AuditReads, AuditWrites, ChainReport, ImportedChain};
pub use backup::Restored;
pub use catalog::{CatalogReads, CatalogWrites, EditionDiff};
pub use chain::{audit_hash, check_chain, sha256_hex, ChainBreak, GENESIS_HASH};
pub use changes::{ChangeNotice, ChangeReads, ChangeWrites, Event, NewEvent, NewNotice};
pub use error::{Result, SchemaError, StoreError};
pub use mail::{DigestItem, Mail, MailReads, MailWrites, NewMail, Preferences};
pub use migrate::{Access, SchemaVersion};
pub use model::{
    Answer, ApiToken, AuditEntry, Decision, DeliveryStatus, Duty, DutyKind, DutyState, Edition,
    EvidenceKind, IssuedToken, Letter, MailPreference, MailStatus, NewDuty, NewUser, OrgKind,
    Organization, PartyRoles, Recurrence, Service, Subscription, UnknownValue, User, UserRole,
};
pub use notify::{Delivery, InboxItem, Notice, NotifyReads, NotifyWrites, Webhook};
pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;
pub use store::{
    is_postgres, open, open_with, redacted, sqlite_path, Opened, Reader, Reads, Store, Writer,
    Writes, DEFAULT_DATABASE,
};
pub use stored::Stored;
pub use subscriptions::{
    Assignee, Migrated, MigrationStep, Owner, SubscriptionReads, SubscriptionWrites,
};
pub use tenancy::{
    declared_tables, verify_destruction_record, DestructionRecord, ImportReport, TenancyReads,
    TenancyWrites, EXPORT_FORMAT, EXPORT_VERSION,
};
pub use workflow::{
    Consultation, Consultee, Evidence, EvidenceContent, NewEvidence, Signoff, WorkflowReads,
    WorkflowWrites,
};

/// Every area's reads and writes, to bring their methods into scope at once.
pub mod prelude {
    pub use crate::{
        AccountReads, AccountWrites, AuditReads, AuditWrites, CatalogReads, CatalogWrites,
        ChangeReads, ChangeWrites, MailReads, MailWrites, NotifyReads, NotifyWrites, Reads, Store,
        SubscriptionReads, SubscriptionWrites, TenancyReads, TenancyWrites, WorkflowReads,
        WorkflowWrites, Writes,
    };
}

/// Milliseconds since the Unix epoch, the unit of every timestamp here.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
