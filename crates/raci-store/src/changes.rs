//! Change notices between editions, and events (incidents, change requests)
//! raised against a subscription.
//!
//! The store does not compare matrices: the application aligns two editions
//! and hands the store, per subscription, the entries of its notice and the
//! plan that migrates its duties on acceptance.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::{DutyKind, MigrationStep, Result, Stored};

/// One change notice of a subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ChangeNotice {
    pub id: i64,
    pub subscription: i64,
    pub from_edition: i64,
    pub to_edition: i64,
    /// A JSON array: what the notice tells, one entry per duty whose roles change.
    pub entries_json: String,
    /// The plan applied on acceptance.
    #[sqlx(rename = "migration_json")]
    pub migration: Stored<Vec<MigrationStep>>,
    pub created_at: i64,
    pub accepted_at: Option<i64>,
    pub accepted_by: Option<String>,
    /// When a newer notice of the same subscription replaced this pending one.
    pub superseded_at: Option<i64>,
}

/// A notice to write for one subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotice {
    pub subscription: i64,
    pub from_edition: i64,
    pub to_edition: i64,
    pub entries_json: String,
    pub migration: Vec<MigrationStep>,
}

/// An incident or a change request raised against a subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Event {
    pub id: i64,
    pub subscription: i64,
    /// The duty carrying the event through the R/C/A/I flow.
    pub duty: i64,
    pub kind: DutyKind,
    pub title: String,
    pub description: String,
    /// The event duty's activity id, `<matched activity>#<kind>-<n>`.
    pub activity_id: String,
    pub raised_by: String,
    pub raised_at: i64,
}

/// An event row to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub subscription: i64,
    pub duty: i64,
    pub kind: DutyKind,
    pub title: String,
    pub description: String,
    pub activity_id: String,
    pub raised_by: String,
}

#[async_trait]
pub trait ChangeReads: Send {
    async fn change_notice(&mut self, id: i64) -> Result<ChangeNotice>;
    async fn change_notices(&mut self, subscription: i64) -> Result<Vec<ChangeNotice>>;
    async fn events(&mut self, subscription: i64) -> Result<Vec<Event>>;
    async fn event_count(&mut self, subscription: i64, kind: DutyKind) -> Result<i64>;
}

#[async_trait]
pub trait ChangeWrites: Send {
    /// Marks the subscription's pending notices superseded.
    async fn supersede_notices(&mut self, subscription: i64, now: i64) -> Result<()>;
    async fn insert_change_notice(&mut self, notice: &NewNotice, now: i64) -> Result<ChangeNotice>;
    /// Rewrites what a notice tells (its entries gain the ids of the duties
    /// added on acceptance).
    async fn set_notice_entries(&mut self, id: i64, entries_json: &str) -> Result<()>;
    async fn mark_notice_accepted(&mut self, id: i64, by: &str, now: i64) -> Result<ChangeNotice>;
    async fn insert_event(&mut self, event: &NewEvent, now: i64) -> Result<Event>;
}
