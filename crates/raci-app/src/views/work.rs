use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{DutyView, OrgRef, ServiceRef};

/// What a duty waits on the caller for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Waiting {
    /// The caller is an R owner of an open or in-progress duty: to do.
    Do,
    /// The caller is an A owner of a duty awaiting sign-off.
    SignOff,
    /// The caller is asked, as a C owner, by an open consultation.
    Answer,
}

/// One duty waiting on the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct WorkItem {
    pub duty: DutyView,
    pub waiting: Waiting,
    pub service: ServiceRef,
    /// The other organization of the subscription.
    pub counterparty: OrgRef,
    /// For `answer`: the consultations the caller may answer.
    pub consultations: Vec<i64>,
}

/// What waits on the caller, overdue first, then by due date (undated last).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct WorkView {
    pub items: Vec<WorkItem>,
    /// How many of them are overdue.
    pub overdue: usize,
}
