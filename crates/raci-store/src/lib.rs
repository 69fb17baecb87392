//! Storage for the raci service.
//!
//! One [`Store`] interface, two backends chosen by URL scheme with [`open`]:
//! SQLite (`sqlite://PATH` or a plain path, the default `./raci.db`) and
//! PostgreSQL (`postgres://…`). Every write runs in one transaction together
//! with the audit entry that records it; the audit log is hash-chained per
//! organization and checked by [`Store::verify_audit_chain`].
//!
//! Both backends run the same SQL (`$N` placeholders, `RETURNING`), written
//! once under `src/sql/` and compiled against each driver's concrete types.
//! Timestamps are milliseconds since the Unix epoch (UTC).

/// Compiles each named file of `src/sql/` into a module of the backend file
/// that invokes it, where `Backend`, `Conn`, `Db` and `BACKEND` name that
/// backend's store and driver types: the SQL is written once, type-checked
/// against both drivers.
macro_rules! sql_modules {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::{Backend, Conn, Db, BACKEND};
            include!(concat!("sql/", stringify!($name), ".rs"));
        }
    )*};
}

mod accounts;
mod chain;
mod changes;
mod error;
mod migrate;
mod model;
mod notify;
mod postgres;
mod sqlite;
mod state;
mod store;
mod tenancy;
mod workflow;

pub use accounts::{AccountStore, IssuedSession, LoginThrottle, Session};
pub use chain::{audit_hash, check_chain, ChainBreak, GENESIS_HASH};
pub use changes::{
    Acceptance, ChangeNotice, ChangeStore, EditionDiff, Event, MigrationStep, NewEvent, NoticePlan,
    PublishedEdition,
};
pub use error::{Result, StoreError};
pub use model::{
    ApiToken, AuditEntry, Duty, DutyState, Edition, IssuedToken, NewUser, OrgKind, Organization,
    Service, Subscription, User, UserRole,
};
pub use notify::{Delivery, InboxItem, NotifyStore, RetryPolicy, Webhook};
pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;
pub use state::transition_allowed;
pub use store::{open, Store, DEFAULT_DATABASE};
pub use tenancy::{
    declared_tables, verify_destruction_record, ChainReport, DestructionRecord, ImportReport,
    ImportedChain, TenancyStore, EXPORT_FORMAT, EXPORT_VERSION,
};
pub use workflow::{
    Answer, Assignee, Consultation, Decision, DutyDetail, Evidence, LetterOwners, NewEvidence,
    Owner, Recurrence, Signoff, Team, WorkflowStore, TEXT_EVIDENCE_LIMIT, URL_LIMIT,
};

/// Milliseconds since the Unix epoch, the unit of every timestamp here.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
