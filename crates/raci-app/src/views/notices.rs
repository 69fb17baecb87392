use raci_store::Event;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{DutyView, RolesView};

/// Which way a change moves work for the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The customer's columns gain letters, or the activity is added with some.
    OntoCustomer,
    /// The customer's columns lose letters, or the activity is removed.
    OffCustomer,
    /// Other role changes.
    Changed,
}

/// What a notice entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// An activity whose letters change.
    Changed,
    /// An activity the new edition adds.
    Added,
    /// An activity the new edition removes.
    Removed,
}

/// One duty a change notice tells about. This is also how entries are
/// kept with the notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NoticeEntry {
    pub kind: EntryKind,
    /// The subscription's duty concerned: the live one for a change or a
    /// removal, the one created on acceptance for an addition (none before).
    #[serde(default)]
    pub duty: Option<i64>,
    pub old_activity: Option<String>,
    pub new_activity: Option<String>,
    pub text: Option<String>,
    #[schema(value_type = Option<std::collections::HashMap<String, String>>)]
    pub old_roles: Option<RolesView>,
    #[schema(value_type = Option<std::collections::HashMap<String, String>>)]
    pub new_roles: Option<RolesView>,
    pub direction: Direction,
}

/// Where a change notice stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NoticeStatus {
    Pending,
    Accepted,
    /// A newer notice of the same subscription replaced it unaccepted.
    Superseded,
}

/// What a new edition changes for one subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NoticeView {
    pub id: i64,
    pub subscription: i64,
    pub from_edition: i64,
    pub to_edition: i64,
    pub from_number: i64,
    pub to_number: i64,
    pub status: NoticeStatus,
    /// The duties whose letters change, with the direction for the customer.
    pub entries: Vec<NoticeEntry>,
    /// How many entries move work onto the customer.
    pub onto_customer: usize,
    pub created_at: i64,
    pub accepted_at: Option<i64>,
    pub accepted_by: Option<String>,
}

/// What accepting a notice did to the subscription's duties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AcceptanceView {
    pub notice: NoticeView,
    pub moved: usize,
    pub retired: usize,
    pub added: usize,
}

/// An incident or a change request raised against a subscription.
pub type EventView = Event;

/// One organization an event was routed to, and the column it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RouteView {
    pub org: i64,
    pub party: String,
}

/// A raised event, its duty and where it was routed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RaisedEventView {
    pub event: EventView,
    pub duty: DutyView,
    /// The activity of the edition it was matched to.
    pub matched_activity: String,
    pub routed_to: Vec<RouteView>,
}
