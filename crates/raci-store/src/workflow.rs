//! Evidence, consultations and sign-offs of duties.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::{Answer, Decision, EvidenceKind, Result};

/// Evidence to store, checked by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvidence {
    pub duty: i64,
    pub cycle: i64,
    pub by: i64,
    pub content: EvidenceContent,
}

/// What an evidence item holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceContent {
    Text(String),
    Link(String),
    File {
        name: String,
        media_type: String,
        bytes: Vec<u8>,
    },
}

/// An evidence item's metadata (the file's bytes are fetched apart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evidence {
    pub id: i64,
    pub duty: i64,
    pub cycle: i64,
    pub kind: EvidenceKind,
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
    pub answer: Option<Answer>,
    pub comment: Option<String>,
    pub answered_by: Option<i64>,
    pub answered_at: Option<i64>,
}

/// Who one consultation asks: a party column's mapped user or team, or
/// (neither) whoever acts for that column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consultee {
    pub party: String,
    pub user: Option<i64>,
    pub team: Option<i64>,
}

/// One sign-off decision on a duty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Signoff {
    pub id: i64,
    pub duty: i64,
    pub cycle: i64,
    pub decision: Decision,
    pub comment: Option<String>,
    pub by_user: i64,
    pub at: i64,
}

#[async_trait]
pub trait WorkflowReads: Send {
    /// A duty's evidence, every cycle, oldest first.
    async fn evidence(&mut self, duty: i64) -> Result<Vec<Evidence>>;
    async fn evidence_item(&mut self, duty: i64, id: i64) -> Result<Evidence>;
    /// A file evidence's bytes (empty for text and links).
    async fn evidence_bytes(&mut self, id: i64) -> Result<Vec<u8>>;
    async fn evidence_count(&mut self, duty: i64, cycle: i64) -> Result<i64>;
    async fn consultations(&mut self, duty: i64) -> Result<Vec<Consultation>>;
    async fn signoffs(&mut self, duty: i64) -> Result<Vec<Signoff>>;
}

#[async_trait]
pub trait WorkflowWrites: Send {
    async fn insert_evidence(&mut self, evidence: NewEvidence) -> Result<Evidence>;
    /// Opens the next round of consultations of a duty's cycle, one per consultee.
    async fn open_consultations(
        &mut self,
        duty: i64,
        cycle: i64,
        asked: &[Consultee],
    ) -> Result<Vec<Consultation>>;
    /// Records an answer; an answered consultation (a concurrent answer) is a conflict.
    async fn answer_consultation(
        &mut self,
        id: i64,
        answer: Answer,
        comment: Option<&str>,
        by: i64,
        now: i64,
    ) -> Result<Consultation>;
    async fn insert_signoff(
        &mut self,
        duty: i64,
        cycle: i64,
        decision: Decision,
        comment: Option<&str>,
        by: i64,
        now: i64,
    ) -> Result<Signoff>;
}
