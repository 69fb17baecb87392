//! The caller organization's audit trail.

use axum::Json as JsonBody;
use raci_app::views::{AuditPage, ChainReportView};
use raci_app::AuditQuery;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{handlers, ok};
use crate::extract::Query;
use crate::openapi::ReadErrors;
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(list_audit_entries))
        .routes(routes!(verify_audit_chain))
}

handlers! {
    /// A page of the organization's audit log, oldest first (admins and auditors).
    #[utoipa::path(get, path = "/organization/audit", operation_id = "listAuditEntries",
        tag = "audit", params(AuditQuery),
        responses((status = 200, body = AuditPage, description = "the entries"), ReadErrors))]
    list_audit_entries(Query(query) => Query<AuditQuery>) -> JsonBody<AuditPage> =
        |app, caller| ok(app.audit_log(&caller, &query).await?);

    /// Recomputes the organization's hash chain, as `raci audit verify`
    /// does (admins and auditors).
    #[utoipa::path(get, path = "/organization/audit/verify",
        operation_id = "verifyAuditChain", tag = "audit",
        responses((status = 200, body = ChainReportView, description = "the chain's state"),
            ReadErrors))]
    verify_audit_chain() -> JsonBody<ChainReportView> = |app, caller| ok(app.verify_audit(&caller).await?);
}
