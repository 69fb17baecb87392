use raci_store::{
    Answer, Assignee, Consultation, Duty, DutyKind, DutyState, Evidence, Letter, Owner, Recurrence,
    Signoff,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{AuditEntryView, RolesView};
use crate::policy::duty::Allowed;

/// A duty: one activity of a subscribed edition (or an event), as a live obligation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DutyView {
    pub id: i64,
    pub subscription: i64,
    /// The activity's id in the edition (events: `<activity>#<kind>-<n>`).
    pub activity_id: String,
    pub text: String,
    /// The activity's headings, outermost first.
    pub section: Vec<String>,
    /// Each party column's letters.
    #[schema(value_type = std::collections::HashMap<String, String>)]
    pub roles: RolesView,
    pub kind: DutyKind,
    pub state: DutyState,
    /// Why it is not applicable, when it is.
    pub reason: Option<String>,
    pub recurrence: Option<Recurrence>,
    /// 1, then one more each time a recurring duty reopens.
    pub cycle: i64,
    /// When the current cycle is due.
    pub due_at: Option<i64>,
    /// Whether it is unfinished past its due date.
    pub overdue: bool,
    /// When a done recurring duty reopens.
    pub next_due_at: Option<i64>,
    pub updated_at: i64,
    /// When an accepted change notice retired it (its activity left the matrix).
    pub retired_at: Option<i64>,
}

impl DutyView {
    pub fn of(d: &Duty, now: i64) -> DutyView {
        DutyView {
            id: d.id,
            subscription: d.subscription,
            activity_id: d.activity_id.clone(),
            text: d.text.clone(),
            section: d.section.0.clone(),
            roles: super::roles_view(&d.roles),
            kind: d.kind,
            state: d.state,
            reason: d.reason.clone(),
            recurrence: d.recurrence,
            cycle: d.cycle,
            due_at: d.due_at,
            overdue: d.due_at.is_some_and(|due| due < now)
                && !crate::policy::state::is_final(d.state),
            next_due_at: d.next_due_at,
            updated_at: d.updated_at,
            retired_at: d.retired_at,
        }
    }
}

/// A user or a team named where a resource points at them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct OwnerRef {
    pub owner: Assignee,
    pub name: String,
}

/// One owner mapping of a subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct OwnerView {
    /// The organization that mapped it (the column's).
    pub org: i64,
    pub party: String,
    pub letter: Letter,
    pub owner: Assignee,
}

impl From<Owner> for OwnerView {
    fn from(o: Owner) -> Self {
        OwnerView {
            org: o.org,
            party: o.party,
            letter: o.letter,
            owner: o.owner,
        }
    }
}

/// Who holds one letter of a duty: its column, the organization owning
/// it, and the owners mapped (none: the organization's admins and members act).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LetterHolders {
    pub letter: Letter,
    pub party: String,
    pub org: i64,
    pub owners: Vec<OwnerRef>,
}

/// One C owner asked about one submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ConsultationView {
    pub id: i64,
    pub duty: i64,
    pub cycle: i64,
    /// Which submission of the cycle asked it (1, 2, … after objections).
    pub round: i64,
    pub party: String,
    /// The mapped owner asked; none when the column is unmapped (its
    /// organization's admins and members answer).
    pub asked: Option<OwnerRef>,
    pub answer: Option<Answer>,
    pub comment: Option<String>,
    pub answered_by: Option<i64>,
    pub answered_at: Option<i64>,
    /// Whether it belongs to the duty's current round and waits for an answer.
    pub open: bool,
}

impl ConsultationView {
    pub(crate) fn of(c: Consultation, asked: Option<OwnerRef>, open: bool) -> Self {
        ConsultationView {
            id: c.id,
            duty: c.duty,
            cycle: c.cycle,
            round: c.round,
            party: c.party,
            asked,
            answer: c.answer,
            comment: c.comment,
            answered_by: c.answered_by,
            answered_at: c.answered_at,
            open,
        }
    }
}

/// An evidence item (a file's bytes are downloaded apart).
pub type EvidenceView = Evidence;

/// One sign-off decision.
pub type SignoffView = Signoff;

/// Everything about one duty, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DutyDetailView {
    pub duty: DutyView,
    /// Per (letter, column) of the duty, who holds it.
    pub holders: Vec<LetterHolders>,
    pub evidence: Vec<EvidenceView>,
    pub consultations: Vec<ConsultationView>,
    pub signoffs: Vec<SignoffView>,
    /// The entries about this duty in the caller's organization's audit log.
    pub history: Vec<AuditEntryView>,
    /// What the caller may do now.
    pub allowed: Allowed,
}
