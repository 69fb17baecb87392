use raci_store::{AuditEntry, ChainBreak, ChainReport};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One entry of an organization's hash-chained audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AuditEntryView {
    pub seq: i64,
    pub at: i64,
    /// `user:ID`, `system`, `cli:admin`…
    pub actor: String,
    /// `duty.state`, `evidence.add`, `duty.signoff`, `owners.set`…
    pub action: String,
    /// What it is about: `duty:12`, `subscription:3`…
    pub subject: String,
    /// What the action recorded, as the action gives it.
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
    /// The previous entry's hash, and this entry's: sha256 over the previous
    /// hash and this entry's fields.
    pub prev_hash: String,
    pub hash: String,
}

impl From<AuditEntry> for AuditEntryView {
    fn from(e: AuditEntry) -> Self {
        AuditEntryView {
            details: super::json_of(&e.details_json),
            seq: e.seq,
            at: e.at,
            actor: e.actor,
            action: e.action,
            subject: e.subject,
            prev_hash: e.prev_hash,
            hash: e.hash,
        }
    }
}

/// A page of the audit log, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AuditPage {
    pub entries: Vec<AuditEntryView>,
    /// Pass it as `after` for the next page; none on the last page.
    pub next_after: Option<i64>,
}

/// The first link of a chain that does not hold, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ChainBreakView {
    pub seq: i64,
    pub reason: String,
}

impl From<ChainBreak> for ChainBreakView {
    fn from(b: ChainBreak) -> Self {
        ChainBreakView {
            seq: b.seq,
            reason: b.reason,
        }
    }
}

/// A chain brought by an import, checked as it was on its instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ImportedChainView {
    pub original_org: i64,
    pub entries: usize,
    pub broken: Option<ChainBreakView>,
}

/// The state of an organization's audit chain, as `raci audit verify` checks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ChainReportView {
    pub org: i64,
    /// Whether the chain and every imported one hold.
    pub ok: bool,
    pub entries: usize,
    pub head_seq: i64,
    pub head_hash: String,
    pub broken: Option<ChainBreakView>,
    pub imported: Vec<ImportedChainView>,
}

impl From<ChainReport> for ChainReportView {
    fn from(r: ChainReport) -> Self {
        ChainReportView {
            ok: r.is_ok(),
            org: r.org,
            entries: r.entries,
            head_seq: r.head_seq,
            head_hash: r.head_hash,
            broken: r.broken.map(Into::into),
            imported: r
                .imported
                .into_iter()
                .map(|c| ImportedChainView {
                    original_org: c.original_org,
                    entries: c.entries,
                    broken: c.broken.map(Into::into),
                })
                .collect(),
        }
    }
}
