use raci_store::{DutyState, OrgKind};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{EditionRef, OrgRef};

/// A service named where another resource points at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ServiceRef {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

/// Which organization holds a party column of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PartyColumn {
    /// The column header, as the matrix spells it.
    pub party: String,
    /// The organization that maps owners to this column and acts for it.
    pub org: i64,
    /// Whether that organization is the subscription's customer or its provider.
    pub side: OrgKind,
}

/// A customer's subscription to a service, bound to one edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SubscriptionView {
    pub id: i64,
    pub customer: OrgRef,
    pub provider: OrgRef,
    pub service: ServiceRef,
    /// The edition the duties come from.
    pub edition: EditionRef,
    /// The service's latest edition (newer than `edition` while a change
    /// notice waits for acceptance).
    pub latest_edition: EditionRef,
    pub parties: Vec<PartyColumn>,
    /// The change notice waiting for the customer's acceptance, if any.
    pub pending_notice: Option<i64>,
    /// How many live duties the subscription has.
    pub duties: usize,
    pub created_at: i64,
}

/// How many duties stand in each state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StateCounts {
    pub open: usize,
    pub in_progress: usize,
    pub awaiting_consultation: usize,
    pub awaiting_signoff: usize,
    pub done: usize,
    pub not_applicable: usize,
}

impl StateCounts {
    pub(crate) fn add(&mut self, state: DutyState) {
        let slot = match state {
            DutyState::Open => &mut self.open,
            DutyState::InProgress => &mut self.in_progress,
            DutyState::AwaitingConsultation => &mut self.awaiting_consultation,
            DutyState::AwaitingSignoff => &mut self.awaiting_signoff,
            DutyState::Done => &mut self.done,
            DutyState::NotApplicable => &mut self.not_applicable,
        };
        *slot += 1;
    }
}

/// How many duties give a party column each letter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LetterCounts {
    #[serde(rename = "R")]
    pub r: usize,
    #[serde(rename = "A")]
    pub a: usize,
    #[serde(rename = "S")]
    pub s: usize,
    #[serde(rename = "C")]
    pub c: usize,
    #[serde(rename = "I")]
    pub i: usize,
}

/// One party column's share of the duties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PartySummary {
    pub party: String,
    pub org: i64,
    pub letters: LetterCounts,
    /// Duties where this column holds R and which are not finished.
    pub open_r: usize,
}

/// The duties of one lifecycle phase (the outermost heading that tells
/// activities apart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PhaseSummary {
    pub phase: String,
    pub total: usize,
    pub states: StateCounts,
    pub overdue: usize,
}

/// A subscription's duties counted for a dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SummaryView {
    pub subscription: i64,
    pub total: usize,
    /// Unfinished duties past their due date.
    pub overdue: usize,
    pub states: StateCounts,
    pub parties: Vec<PartySummary>,
    pub phases: Vec<PhaseSummary>,
}
