//! The hash-chained audit log of each organization.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::{AuditEntry, ChainBreak, Result};

/// Which entries of a log to read, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Entries after this sequence number (for paging).
    pub after_seq: Option<i64>,
    /// At or after this time (ms).
    pub from: Option<i64>,
    /// Before this time (ms).
    pub until: Option<i64>,
    pub actor: Option<String>,
    pub action: Option<String>,
    pub subject: Option<String>,
    /// At most this many.
    pub limit: i64,
}

/// The state of one organization's audit chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainReport {
    pub org: i64,
    pub entries: usize,
    /// The recorded head: the last sequence number and its hash.
    pub head_seq: i64,
    pub head_hash: String,
    /// The first broken link, if any.
    pub broken: Option<ChainBreak>,
    /// The chains brought by imports, checked as they were on the instance
    /// they came from.
    pub imported: Vec<ImportedChain>,
}

impl ChainReport {
    /// Whether the chain and every imported one hold.
    pub fn is_ok(&self) -> bool {
        self.broken.is_none() && self.imported.iter().all(|c| c.broken.is_none())
    }
}

/// An audit chain kept verbatim from another instance (`imported_audit`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedChain {
    /// The organization's id on the instance the chain comes from.
    pub original_org: i64,
    pub entries: usize,
    pub broken: Option<ChainBreak>,
}

#[async_trait]
pub trait AuditReads: Send {
    async fn audit_entries(&mut self, org: i64, filter: &AuditFilter) -> Result<Vec<AuditEntry>>;
    /// Checks an organization's chain against its recorded head, and the
    /// chains it imported.
    async fn audit_chain_report(&mut self, org: i64) -> Result<ChainReport>;
}

#[async_trait]
pub trait AuditWrites: Send {
    /// Appends an entry; appends to one organization's chain are serialized.
    async fn append_audit(
        &mut self,
        org: i64,
        actor: &str,
        action: &str,
        subject: &str,
        details: &serde_json::Value,
    ) -> Result<AuditEntry>;
}
