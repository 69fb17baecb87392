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

use crate::{Organization, Result};

pub(crate) use archive::{read_archive, write_archive, Catalog, ExportedOrg, Manifest, TableDump};
pub use signing::verify_destruction_record;
pub(crate) use signing::{instance_key_from_hex, new_instance_key, sign};
pub use tables::declared_tables;

/// The `format` field of an export's manifest.
pub const EXPORT_FORMAT: &str = "raci-organization-export";
/// The manifest version this build writes and the only one it imports.
pub const EXPORT_VERSION: u32 = 1;

#[async_trait]
pub trait TenancyReads: Send {
    /// Every destruction record, oldest first: what the operator keeps.
    async fn destruction_records(&mut self) -> Result<Vec<DestructionRecord>>;
    /// Tables of the database that [`declared_tables`] does not cover: each
    /// would be left behind by export and purge.
    async fn undeclared_tables(&mut self) -> Result<Vec<String>>;
}

#[async_trait]
pub trait TenancyWrites: Send {
    /// Everything `org` owns as one `.tar.gz` archive (`manifest.json`,
    /// `tables/<table>.json`, `files/<sha256>`, and for a customer
    /// `catalog.json`, the services and editions it subscribes to). Secrets
    /// (token and session hashes, webhook secrets) stay behind. Audited as
    /// `organization.export`, an entry the archive itself carries.
    async fn export_organization(&mut self, actor: &str, org: i64) -> Result<Vec<u8>>;
    /// Creates the organization an export describes, with new ids, after
    /// checking every file against the manifest and the exported audit
    /// chain against its recorded head.
    async fn import_organization(&mut self, actor: &str, archive: &[u8]) -> Result<ImportReport>;
    /// Deletes every row and file `org` owns and keeps a record of it signed
    /// with the instance key. A provider whose services other customers
    /// still subscribe to is refused ([`crate::StoreError::Conflict`]).
    async fn purge_organization(&mut self, actor: &str, org: i64) -> Result<DestructionRecord>;
    /// The instance's Ed25519 public key, hex (made on first use).
    async fn instance_public_key(&mut self) -> Result<String>;
}

/// What an import created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
