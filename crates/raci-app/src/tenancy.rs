//! Reversibility: an organization's export as one archive, its import into
//! another instance (an operator's step, before anyone there can log in),
//! and its purge with a destruction record signed by the instance.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::accounts::OPERATOR;
use crate::policy::roles;
use crate::validate::{self, Described, Rule};
use crate::views::{DestructionRecordView, ImportReportView, PublicKeyView};
use crate::{App, AppError, AppResult, Caller};

/// The organization's name, typed again: a purge cannot be undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PurgeInput {
    pub confirm: String,
}

impl Described for PurgeInput {
    const RULES: &'static [(&'static str, Rule)] = &[("confirm", validate::CONFIRMATION)];
}

impl App {
    /// Everything the caller's organization owns, as one `.tar.gz` archive.
    pub async fn export_organization(&self, caller: &Caller) -> AppResult<Vec<u8>> {
        roles::require_admin(caller)?;
        let mut w = self.store.write().await?;
        let archive = w
            .export_organization(&caller.actor(), caller.org.id)
            .await?;
        w.commit().await?;
        Ok(archive)
    }

    /// Deletes everything the caller's organization owns and answers the
    /// destruction record. The typed confirmation must be the organization's
    /// exact name: a rule no schema can state.
    pub async fn purge_organization(
        &self,
        caller: &Caller,
        input: PurgeInput,
    ) -> AppResult<DestructionRecordView> {
        roles::require_admin(caller)?;
        if input.confirm != caller.org.name {
            return Err(AppError::invalid(
                "confirm",
                "type the organization's exact name to confirm its purge",
            ));
        }
        let mut w = self.store.write().await?;
        let record = w.purge_organization(&caller.actor(), caller.org.id).await?;
        w.commit().await?;
        Ok(record)
    }

    /// The instance's public key, which verifies destruction records.
    pub async fn instance_public_key(&self) -> AppResult<PublicKeyView> {
        let mut w = self.store.write().await?;
        let key = w.instance_public_key().await?;
        w.commit().await?;
        Ok(PublicKeyView {
            algorithm: "ed25519".to_owned(),
            public_key: key,
        })
    }

    /// Imports an export archive as a new organization (operator).
    pub async fn import_organization(&self, archive: &[u8]) -> AppResult<ImportReportView> {
        let mut w = self.store.write().await?;
        let report = w.import_organization(OPERATOR, archive).await?;
        w.commit().await?;
        Ok(report)
    }

    /// Purges an organization (operator, e.g. at the end of a contract).
    pub async fn purge_as_operator(&self, org: i64) -> AppResult<DestructionRecordView> {
        let mut w = self.store.write().await?;
        let record = w.purge_organization(OPERATOR, org).await?;
        w.commit().await?;
        Ok(record)
    }

    /// Every destruction record of the instance (operator).
    pub async fn destruction_records(&self) -> AppResult<Vec<DestructionRecordView>> {
        let mut r = self.store.read().await?;
        Ok(r.destruction_records().await?.into_iter().collect())
    }
}
