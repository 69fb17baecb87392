//! Export and purge of an organization, and the key that signs destruction
//! records. Import is an operator's step on the new instance (`raci admin
//! import`), where nobody can log in yet.

use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
    Json as JsonBody,
};
use raci_app::views::{DestructionRecordView, PublicKeyView};
use raci_app::PurgeInput;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::catalog::BinaryBody;
use super::{handlers, operations};
use crate::openapi::{ReadErrors, WriteErrors};
use crate::{ApiResult, ApiState};

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(export_organization))
        .routes(routes!(purge_organization))
        .routes(routes!(get_instance_public_key))
}

operations! { tag = "tenancy";
    /// Deletes everything the organization owns and answers the destruction
    /// record, signed with the instance key (admins). `confirm` must be the
    /// organization's exact name. A provider whose services others still
    /// subscribe to is refused (409).
    delete "/organization" "purgeOrganization" purge_organization(body input: PurgeInput) -> ok(DestructionRecordView, "the signed record") WriteErrors = |app, caller| app.purge_organization(&caller, input);
}

handlers! {
    /// Everything the organization owns as one `.tar.gz` archive, for
    /// import into another instance (admins). Secrets stay behind.
    #[utoipa::path(get, path = "/organization/export", operation_id = "exportOrganization",
        tag = "tenancy",
        responses((status = 200, description = "the archive", content((BinaryBody = "application/gzip"))),
            ReadErrors))]
    export_organization() -> Response = |app, caller| {
        let archive = app.export_organization(&caller).await?;
        let disposition = format!("attachment; filename=\"raci-organization-{}.tar.gz\"", caller.org.id);
        Ok(([(header::CONTENT_TYPE, "application/gzip".to_owned()), (header::CONTENT_DISPOSITION, disposition)], archive)
            .into_response())
    };
}

/// The instance's public key, which verifies destruction records.
#[utoipa::path(get, path = "/instance/public-key", operation_id = "getInstancePublicKey",
    tag = "tenancy",
    responses((status = 200, body = PublicKeyView, description = "the key")))]
pub async fn get_instance_public_key(
    State(s): State<ApiState>,
) -> ApiResult<JsonBody<PublicKeyView>> {
    Ok(JsonBody(s.app.instance_public_key().await?))
}
