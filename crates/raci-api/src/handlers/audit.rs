//! The caller organization's audit trail.

use raci_app::views::{AuditPage, ChainReportView};
use raci_app::AuditQuery;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::operations;
use crate::openapi::ReadErrors;
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_audit_entries))
        .routes(routes!(verify_audit_chain))
}

operations! { tag = "audit";
    /// A page of the organization's audit log, oldest first (admins and auditors).
    get "/organization/audit" "listAuditEntries" list_audit_entries(query query: AuditQuery) -> ok(AuditPage, "the entries") ReadErrors = |app, caller| app.audit_log(&caller, &query);

    /// Recomputes the organization's hash chain, as `raci audit verify`
    /// does (admins and auditors).
    get "/organization/audit/verify" "verifyAuditChain" verify_audit_chain() -> ok(ChainReportView, "the chain's state") ReadErrors = |app, caller| app.verify_audit(&caller);
}
