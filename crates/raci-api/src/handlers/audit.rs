//! The caller organization's audit trail.

use axum::{routing::get, Json as JsonBody, Router};
use raci_app::views::{AuditPage, ChainReportView};
use raci_app::AuditQuery;
use utoipa::OpenApi;

use super::{handlers, ok};
use crate::extract::Query;
use crate::openapi::ReadErrors;
use crate::ApiState;

#[derive(OpenApi)]
#[openapi(paths(list_audit_entries, verify_audit_chain))]
pub struct Doc;

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/organization/audit", get(list_audit_entries))
        .route("/organization/audit/verify", get(verify_audit_chain))
}

handlers! {
    /// A page of the organization's audit log, oldest first (admins and auditors).
    #[utoipa::path(get, path = "/api/v1/organization/audit", operation_id = "listAuditEntries",
        tag = "audit", params(AuditQuery),
        responses((status = 200, body = AuditPage, description = "the entries"), ReadErrors))]
    list_audit_entries(Query(query) => Query<AuditQuery>) -> JsonBody<AuditPage> =
        |app, caller| ok(app.audit_log(&caller, &query).await?);

    /// Recomputes the organization's hash chain, as `raci audit verify`
    /// does (admins and auditors).
    #[utoipa::path(get, path = "/api/v1/organization/audit/verify",
        operation_id = "verifyAuditChain", tag = "audit",
        responses((status = 200, body = ChainReportView, description = "the chain's state"),
            ReadErrors))]
    verify_audit_chain() -> JsonBody<ChainReportView> = |app, caller| ok(app.verify_audit(&caller).await?);
}
