use raci_store::{DestructionRecord, ImportReport};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a purge destroyed, signed with the instance key: `record_json`
/// holds the organization, the time, the rows per table, the sha256 of every
/// file destroyed and the last audit head.
pub type DestructionRecordView = DestructionRecord;

/// What an import created.
pub type ImportReportView = ImportReport;

/// The key that verifies destruction records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PublicKeyView {
    /// Always `ed25519`.
    pub algorithm: String,
    /// The 32-byte public key, hex.
    pub public_key: String,
}

/// The service is up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct HealthView {
    /// Always `ok`.
    pub status: String,
    /// `sqlite` or `postgres`.
    pub store: String,
}
