//! Export and import of an organization, and its purge with a signed destruction record.
//!
//! Rows travel generically: [`tables::TABLES`] declares, one line a table,
//! how its rows belong to an organization and which columns point at other
//! rows. Export, import (with new ids) and purge all read that one list, so
//! a new table needs one line there, and a contract check fails while a
//! table of the schema is missing from it.

mod archive;
mod signing;
pub(crate) mod tables;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::{ChainBreak, Organization, Result};

pub(crate) use archive::{read_archive, write_archive, Catalog, ExportedOrg, Manifest, TableDump};
pub use signing::verify_destruction_record;
pub(crate) use signing::{instance_key_from_hex, new_instance_key, sign};
pub use tables::declared_tables;

/// The `format` field of an export's manifest.
pub const EXPORT_FORMAT: &str = "raci-organization-export";
/// The manifest version this build writes and the only one it imports.
pub const EXPORT_VERSION: u32 = 1;

/// Export and import of an organization, and its purge with a signed destruction record.
#[async_trait]
pub trait TenancyStore: Send + Sync {
    /// Everything `org` owns as one `.tar.gz` archive (`manifest.json`,
    /// `tables/<table>.json`, `files/<sha256>`, and for a customer
    /// `catalog.json`, the services and editions it subscribes to). Secrets
    /// (token and session hashes, webhook secrets) stay behind. Audited as
    /// `organization.export`, an entry the archive itself carries.
    async fn export_organization(&self, actor: &str, org: i64) -> Result<Vec<u8>>;
    /// Creates the organization an export describes, with new ids, in one
    /// transaction, after checking every file against the manifest and the
    /// exported audit chain against its recorded head.
    async fn import_organization(&self, actor: &str, archive: &[u8]) -> Result<ImportReport>;
    /// Deletes every row and file `org` owns and keeps a record of it signed
    /// with the instance key. A provider whose services other customers
    /// still subscribe to is refused ([`crate::StoreError::Conflict`]).
    async fn purge_organization(&self, actor: &str, org: i64) -> Result<DestructionRecord>;
    /// Every destruction record, oldest first: what the operator keeps.
    async fn list_destruction_records(&self) -> Result<Vec<DestructionRecord>>;
    /// The instance's Ed25519 public key, hex (made on first use).
    async fn instance_public_key(&self) -> Result<String>;
    /// Checks an organization's chain and says where and why it breaks.
    async fn audit_chain_report(&self, org: i64) -> Result<ChainReport>;
    /// Tables of the database that [`declared_tables`] does not cover: each
    /// would be left behind by export and purge.
    async fn undeclared_tables(&self) -> Result<Vec<String>>;
}

/// What an import created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub organization: Organization,
    /// The id the organization had on the instance it came from.
    pub original_id: i64,
    /// Rows created, per table (`imported_audit` holds the old audit log).
    pub tables: std::collections::BTreeMap<String, u64>,
    /// Rows left out, per table, because they point at rows of another
    /// organization that did not travel (a provider's user who signed off a
    /// customer's duty, in a NOT NULL column).
    pub skipped: std::collections::BTreeMap<String, u64>,
}

/// A signed destruction record as kept and returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct DestructionRecord {
    pub id: i64,
    pub org: i64,
    /// The signed bytes, a JSON object: org id, name, kind, purged_at,
    /// per-table row counts, the sha256 of every file destroyed, the last
    /// audit head.
    pub record_json: String,
    /// Ed25519 signature of `record_json`, hex.
    pub signature: String,
    /// The key that signed, hex.
    pub public_key: String,
    pub purged_at: i64,
}

/// The state of one organization's audit chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainReport {
    pub org: i64,
    pub entries: usize,
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
