//! Owners of each party column, evidence, consultations, sign-offs, duty history and recurrence.
//!
//! A duty's `roles_json` gives each party column its letters (R, A, C, I).
//! Each organization of a subscription maps ITS columns (the customer's
//! column, or the provider's) to named owners per letter: a user or a team.
//! Who may act for a letter is its mapped owners, or, when nothing is mapped,
//! the admins and members of the organization owning the column, so that
//! unmapped subscriptions still work. Auditors never act.
//!
//! Every method that acts takes `by`, the acting user's id, checks that this
//! user holds the letter the step needs (else [`crate::StoreError::Forbidden`]),
//! and runs in one transaction with its audit entries (in the logs of both
//! organizations of the subscription, subject `duty:ID`) and notifications.
//! [`crate::StoreError::InvalidInput`] messages start with the name of the
//! offending field (`party: …`), so that an API can point at it.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::{AuditEntry, Duty, Result};

/// The largest text evidence, in bytes.
pub const TEXT_EVIDENCE_LIMIT: usize = 64 * 1024;
/// The longest link evidence, in bytes.
pub const URL_LIMIT: usize = 2048;

/// A named group of users of one organization, mappable as an owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub id: i64,
    pub org: i64,
    pub name: String,
    /// User ids of the members, ascending.
    pub members: Vec<i64>,
}

/// Who owns a letter: one user, or every member of one team.
/// Serialized as `{"user": 5}` or `{"team": 2}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Assignee {
    User(i64),
    Team(i64),
}

/// One owner mapping: for a subscription, the organization owning `party`'s
/// column maps `letter` to a user or a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Owner {
    pub subscription: i64,
    pub org: i64,
    pub party: String,
    /// `R`, `A`, `C` or `I`.
    pub letter: String,
    pub user_id: Option<i64>,
    pub team_id: Option<i64>,
}

/// What a duty's letter resolves to: in which column, whose it is, and who
/// is mapped (none: the organization's admins and members act).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterOwners {
    pub letter: String,
    pub party: String,
    pub org: i64,
    pub owners: Vec<Assignee>,
}

/// Evidence to attach, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewEvidence {
    /// Free text, at most [`TEXT_EVIDENCE_LIMIT`] bytes.
    Text(String),
    /// An `http` or `https` URL.
    Link(String),
    /// A file; the caller enforces its size limit before reading it whole.
    File {
        name: String,
        media_type: String,
        content: Vec<u8>,
    },
}

/// An evidence item's metadata (the file's bytes are fetched apart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Evidence {
    pub id: i64,
    pub duty: i64,
    pub cycle: i64,
    /// `text`, `link` or `file`.
    pub kind: String,
    pub text: Option<String>,
    pub url: Option<String>,
    pub file_name: Option<String>,
    pub media_type: Option<String>,
    pub size: Option<i64>,
    /// Hex sha256 of the file's bytes.
    pub sha256: Option<String>,
    pub created_by: i64,
    pub created_at: i64,
}

/// One C owner asked about one submission of a duty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Consultation {
    pub id: i64,
    pub duty: i64,
    pub cycle: i64,
    /// Which submission of the cycle asked it (1, 2, … after objections).
    pub round: i64,
    pub party: String,
    /// The mapped owner asked, or neither when the column is unmapped.
    pub user_id: Option<i64>,
    pub team_id: Option<i64>,
    /// `agree` or `object`; none while unanswered.
    pub answer: Option<String>,
    pub comment: Option<String>,
    pub answered_by: Option<i64>,
    pub answered_at: Option<i64>,
}

pub use crate::model::{Answer, Decision};

/// One sign-off decision on a duty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Signoff {
    pub id: i64,
    pub duty: i64,
    pub cycle: i64,
    /// `approve` or `send_back`.
    pub decision: String,
    pub comment: Option<String>,
    pub by_user: i64,
    pub at: i64,
}

/// How often a duty reopens. Periods are plain day counts (30, 91, 182 and
/// 365 days) rather than calendar months: simple, and the drift is at most a
/// few days a year, which is fine for reviews and restoration tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    Monthly,
    Quarterly,
    Semiannual,
    Yearly,
}

impl Recurrence {
    /// The text stored in `duties.recurrence`.
    pub fn as_str(self) -> &'static str {
        match self {
            Recurrence::Monthly => "monthly",
            Recurrence::Quarterly => "quarterly",
            Recurrence::Semiannual => "semiannual",
            Recurrence::Yearly => "yearly",
        }
    }

    /// The recurrence a stored text names, if any.
    pub fn parse(text: &str) -> Option<Recurrence> {
        [
            Recurrence::Monthly,
            Recurrence::Quarterly,
            Recurrence::Semiannual,
            Recurrence::Yearly,
        ]
        .into_iter()
        .find(|r| r.as_str() == text)
    }

    /// The period in milliseconds.
    pub fn period_ms(self) -> i64 {
        let days = match self {
            Recurrence::Monthly => 30,
            Recurrence::Quarterly => 91,
            Recurrence::Semiannual => 182,
            Recurrence::Yearly => 365,
        };
        days * 24 * 60 * 60 * 1000
    }
}

/// Everything about one duty, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutyDetail {
    pub duty: Duty,
    pub evidence: Vec<Evidence>,
    pub consultations: Vec<Consultation>,
    pub signoffs: Vec<Signoff>,
    /// Per (party, letter) of the duty, who holds it.
    pub owners: Vec<LetterOwners>,
    /// The audit entries about this duty in the asking organization's log.
    pub history: Vec<AuditEntry>,
}

/// Owners of each party column, evidence, consultations, sign-offs, duty history and recurrence.
#[async_trait]
pub trait WorkflowStore: Send + Sync {
    // Teams (organization admins only).
    async fn create_team(&self, by: i64, name: &str) -> Result<Team>;
    async fn list_teams(&self, org: i64) -> Result<Vec<Team>>;
    async fn add_team_member(&self, by: i64, team: i64, user: i64) -> Result<Team>;
    async fn remove_team_member(&self, by: i64, team: i64, user: i64) -> Result<Team>;

    // Owners.
    /// Replaces the mapping of `party`'s column by `by`'s organization: R and
    /// A one owner each, C and I several. The party must be a column of the
    /// subscription's edition belonging to `by`'s organization.
    async fn set_owners(
        &self,
        by: i64,
        subscription: i64,
        party: &str,
        owners: &[(char, Assignee)],
    ) -> Result<Vec<Owner>>;
    /// Both organizations' mappings of a subscription.
    async fn list_owners(&self, subscription: i64) -> Result<Vec<Owner>>;

    // The flow of a duty.
    /// R owner: `open → in_progress`.
    async fn start_duty(&self, by: i64, duty: i64) -> Result<Duty>;
    /// R owner, while `in_progress`: attaches evidence to the current cycle.
    async fn add_evidence(&self, by: i64, duty: i64, evidence: NewEvidence) -> Result<Evidence>;
    async fn list_evidence(&self, duty: i64) -> Result<Vec<Evidence>>;
    /// An evidence item of a duty with its file's bytes (empty for text and links).
    async fn evidence_content(&self, duty: i64, evidence: i64) -> Result<(Evidence, Vec<u8>)>;
    /// R owner, with evidence in this cycle: on to consultation, sign-off or done.
    async fn submit_duty(&self, by: i64, duty: i64) -> Result<Duty>;
    /// A C owner answers a pending consultation of the duty.
    async fn answer_consultation(
        &self,
        by: i64,
        duty: i64,
        consultation: i64,
        answer: Answer,
        comment: Option<&str>,
    ) -> Result<Duty>;
    /// An A owner approves (done) or sends back (in progress).
    async fn sign_off(
        &self,
        by: i64,
        duty: i64,
        decision: Decision,
        comment: Option<&str>,
    ) -> Result<Duty>;
    /// An A owner or an admin of the R column's organization, with a reason.
    async fn mark_not_applicable(&self, by: i64, duty: i64, reason: &str) -> Result<Duty>;
    /// An A owner or an admin of the R column's organization sets (or clears)
    /// the recurrence and, optionally, the current due date.
    async fn schedule_duty(
        &self,
        by: i64,
        duty: i64,
        recurrence: Option<Recurrence>,
        due_at: Option<i64>,
    ) -> Result<Duty>;
    /// Reopens every done recurring duty whose `next_due_at` is past `now`
    /// as a new cycle; the guarded UPDATE makes concurrent runs harmless.
    async fn reopen_due(&self, now: i64) -> Result<Vec<Duty>>;
    /// The duty with its evidence, consultations, sign-offs, owners and the
    /// history `org` keeps of it.
    async fn duty_detail(&self, duty: i64, org: i64) -> Result<DutyDetail>;
}
