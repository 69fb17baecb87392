//! Change notices between editions, and events (incidents, change requests) raised against a subscription.
//!
//! The store does not compare matrices: the server aligns two editions (with
//! raci-align) and hands the store, per edition a subscription may be bound
//! to, the entries of the notice and the plan that migrates the duties. The
//! store writes the edition, its diff and every notice in one transaction, so
//! an edition never exists without its notices.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::{Duty, Edition, Result};

/// What one duty becomes when a notice is accepted: `old` and `new` both set
/// moves the duty to the new activity (state and evidence kept); only `old`
/// retires it; only `new` adds an open duty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MigrationStep {
    /// The activity id in the edition the subscription is bound to.
    pub old: Option<String>,
    /// The activity id in the new edition.
    pub new: Option<String>,
    /// The new activity's text, section (JSON array) and roles (JSON object);
    /// empty for a retirement.
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub section_json: String,
    #[serde(default)]
    pub roles_json: String,
}

/// The notice for every subscription bound to `from_edition`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticePlan {
    pub from_edition: i64,
    /// A JSON array: the duties whose roles change, each with its direction.
    pub entries_json: String,
    pub steps: Vec<MigrationStep>,
}

/// One change notice of a subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ChangeNotice {
    pub id: i64,
    pub subscription: i64,
    pub from_edition: i64,
    pub to_edition: i64,
    pub entries_json: String,
    /// The [`MigrationStep`]s, as JSON.
    #[serde(skip_serializing)]
    pub migration_json: String,
    pub created_at: i64,
    pub accepted_at: Option<i64>,
    pub accepted_by: Option<String>,
    /// When a newer notice of the same subscription replaced this pending one.
    pub superseded_at: Option<i64>,
}

impl ChangeNotice {
    /// `pending`, `accepted` or `superseded`.
    pub fn status(&self) -> &'static str {
        if self.accepted_at.is_some() {
            "accepted"
        } else if self.superseded_at.is_some() {
            "superseded"
        } else {
            "pending"
        }
    }
}

/// The diff stored when an edition was published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct EditionDiff {
    pub edition: i64,
    pub previous: i64,
    pub diff_json: String,
}

/// An edition published together with its diff and notices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedEdition {
    pub edition: Edition,
    pub notices: Vec<ChangeNotice>,
}

/// What accepting a notice did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acceptance {
    pub notice: ChangeNotice,
    pub moved: usize,
    pub retired: usize,
    pub added: usize,
}

/// An incident or a change request raised against a subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Event {
    pub id: i64,
    pub subscription: i64,
    /// The duty carrying the event through the R/C/A/I flow.
    pub duty: i64,
    /// `incident` or `change_request`.
    pub kind: String,
    pub title: String,
    pub description: String,
    /// The event duty's activity id, `<matched activity>#<kind>-<n>`.
    pub activity_id: String,
    pub raised_by: String,
    pub raised_at: i64,
}

/// What raising an event needs; the server has already matched the activity
/// and decided which organizations the event is routed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub subscription: i64,
    pub kind: String,
    pub title: String,
    pub description: String,
    /// The matched activity of the subscription's edition.
    pub activity: String,
    /// The organizations (with the party column each holds) to notify.
    pub routed_to: Vec<(i64, String)>,
}

/// Change notices between editions, and events (incidents, change requests) raised against a subscription.
#[async_trait]
pub trait ChangeStore: Send + Sync {
    /// Publishes the next edition of a service with its diff against
    /// `previous` (which must still be the latest edition, or the publication
    /// is refused as a conflict) and one change notice per subscription,
    /// taken from the plan for the edition that subscription is bound to.
    async fn publish_edition_with_changes(
        &self,
        actor: &str,
        service: i64,
        previous: Option<i64>,
        document_json: &str,
        diff_json: Option<&str>,
        plans: &[NoticePlan],
    ) -> Result<PublishedEdition>;
    /// The diff stored for an edition, if it had a predecessor.
    async fn get_edition_diff(&self, edition: i64) -> Result<Option<EditionDiff>>;
    async fn get_change_notice(&self, id: i64) -> Result<ChangeNotice>;
    async fn list_change_notices(&self, subscription: i64) -> Result<Vec<ChangeNotice>>;
    /// Migrates the subscription to the notice's edition; only the latest
    /// pending notice of a subscription may be accepted, and only once.
    async fn accept_change_notice(&self, actor: &str, id: i64) -> Result<Acceptance>;
    /// Raises an event: a new duty copying the matched activity's roles, an
    /// event row, and inbox items for the organizations it is routed to.
    async fn raise_event(&self, actor: &str, event: &NewEvent) -> Result<(Event, Duty)>;
    async fn list_events(&self, subscription: i64) -> Result<Vec<Event>>;
    /// The duties an accepted notice retired, kept for history.
    async fn list_retired_duties(&self, subscription: i64) -> Result<Vec<Duty>>;
}
