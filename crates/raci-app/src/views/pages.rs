use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{DutyDetailView, DutyView, NoticeView, SubscriptionView, SummaryView};

/// One duty on a subscription's board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BoardDuty {
    pub duty: DutyView,
    /// Its lifecycle phase (the outermost heading that tells activities apart).
    pub phase: String,
    /// Whether the caller may act on it (R, A or C, directly or through a team).
    pub mine: bool,
}

/// A subscription's board: the subscription, its counts, its phases in
/// order, and the duties the filter keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BoardView {
    pub subscription: SubscriptionView,
    pub summary: SummaryView,
    pub phases: Vec<String>,
    pub duties: Vec<BoardDuty>,
    /// Whether the caller belongs to a team (the "my team" filter means something).
    pub in_a_team: bool,
}

/// An actor of a duty's history, named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ActorName {
    /// As the audit log names it: `user:12`.
    pub actor: String,
    pub name: String,
    /// The organization the user belongs to.
    pub org: String,
}

/// Everything a duty's page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DutyPageView {
    pub detail: DutyDetailView,
    pub subscription: SubscriptionView,
    /// The users of the history, evidence, answers and sign-offs, named.
    pub actors: Vec<ActorName>,
}

/// A change notice's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NoticePageView {
    pub notice: NoticeView,
    pub subscription: SubscriptionView,
    /// Whether the caller may accept it now (pending, and an admin of the customer).
    pub may_accept: bool,
}
