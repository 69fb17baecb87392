//! The audit trail: an organization's hash-chained log, read by its admins
//! and auditors page by page and filtered, and verified as `raci audit
//! verify` does.

use raci_store::AuditFilter;
use serde::{Deserialize, Serialize};

use crate::policy::roles;
use crate::validate;
use crate::views::{AuditEntryView, AuditPage, ChainReportView};
use crate::{App, AppError, AppResult, Caller};

/// The most entries one page holds, and how many it holds by default.
pub const PAGE_MAX: i64 = 1000;
pub const PAGE_DEFAULT: i64 = 100;

/// Which entries of the log to read, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Entries after this sequence number (the previous page's `next_after`).
    #[param(minimum = 0)]
    pub after: Option<i64>,
    /// At most this many (1 to 1000; 100 when absent).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<i64>,
    /// At or after this time, in milliseconds since the epoch.
    pub from: Option<i64>,
    /// Before this time.
    pub until: Option<i64>,
    /// Who acted: `user:ID`, `system`, `cli:admin`.
    pub actor: Option<String>,
    /// What was done: `duty.state`, `evidence.add`…
    pub action: Option<String>,
    /// Only the entries about this duty.
    pub duty: Option<i64>,
}

impl App {
    /// A page of the caller organization's audit log (admins and auditors).
    pub async fn audit_log(&self, caller: &Caller, q: &AuditQuery) -> AppResult<AuditPage> {
        roles::require_audit_reader(caller)?;
        let limit = q.limit.unwrap_or(PAGE_DEFAULT);
        if !(1..=PAGE_MAX).contains(&limit) {
            return Err(AppError::invalid("limit", format!("1 to {PAGE_MAX}")));
        }
        if q.after.is_some_and(|a| a < 0) {
            return Err(AppError::invalid("after", "a sequence number, 0 or more"));
        }
        let filter = AuditFilter {
            after_seq: q.after,
            from: q.from,
            until: q.until,
            actor: validate::FILTER.check_optional("actor", q.actor.as_deref())?,
            action: validate::FILTER.check_optional("action", q.action.as_deref())?,
            subject: q.duty.map(|d| format!("duty:{d}")),
            // One more than asked tells whether a next page exists.
            limit: limit + 1,
        };
        let mut r = self.store.read().await?;
        let mut entries = r.audit_entries(caller.org.id, &filter).await?;
        let more = entries.len() > usize::try_from(limit).unwrap_or(usize::MAX);
        entries.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        let next_after = more.then(|| entries.last().map(|e| e.seq)).flatten();
        Ok(AuditPage {
            entries: entries.into_iter().map(AuditEntryView::from).collect(),
            next_after,
        })
    }

    /// Recomputes the caller organization's chain (admins and auditors).
    pub async fn verify_audit(&self, caller: &Caller) -> AppResult<ChainReportView> {
        roles::require_audit_reader(caller)?;
        let mut r = self.store.read().await?;
        Ok(r.audit_chain_report(caller.org.id).await?.into())
    }

    /// Every organization of the instance (operator).
    pub async fn organizations(&self) -> AppResult<Vec<raci_store::Organization>> {
        Ok(self.store.read().await?.organizations().await?)
    }

    /// One organization's chain (operator: `raci audit verify`).
    pub async fn chain_report(&self, org: i64) -> AppResult<ChainReportView> {
        let mut r = self.store.read().await?;
        Ok(r.audit_chain_report(org).await?.into())
    }
}
