//! `/api/v1/services/{id}/editions`: publishing a matrix, listing editions.

use crate::openapi::{BadRequest, ErrorBody, Forbidden, NotFound, PayloadTooLarge, Unauthorized};
use axum::{
    body::Bytes,
    extract::{
        rejection::{BytesRejection, PathRejection, QueryRejection},
        Path, Query, State,
    },
    http::StatusCode,
    Json,
};
use raci_ingest::InputFormat;
use raci_lint::Severity;
use raci_store::{Edition, OrgKind, Service};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::IntoParams;

use crate::{error::ApiResult, ApiError, AppState, Caller};

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct PublishParams {
    /// The input format (markdown, html, web-text, glued-text, json, yaml,
    /// csv, xlsx); detected when absent.
    pub format: Option<String>,
    /// Publish even with error-level lint findings.
    #[serde(default)]
    pub force: bool,
}

/// The service, when the caller's organization provides it.
pub(crate) async fn own_service(state: &AppState, caller: &Caller, id: i64) -> ApiResult<Service> {
    let service = state.store.get_service(id).await?;
    if caller.org.kind == OrgKind::Provider && service.provider != caller.org.id {
        return Err(ApiError::NotFound(format!("service {id} not found")));
    }
    Ok(service)
}

#[utoipa::path(post, path = "/api/v1/services/{id}/editions",
    params(("id" = i64, Path), PublishParams),
    request_body(content = String, description = "the matrix, in any format raci reads"),
    responses((status = 201, description = "the edition, with its diff summary and change notices from the second on"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "unreadable, or error-level lint findings", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn publish(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    params: Result<Query<PublishParams>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<(StatusCode, Json<Published>)> {
    caller.require_kind(OrgKind::Provider)?;
    caller.require_admin()?;
    let Path(id) = id?;
    let Query(params) = params?;
    let body = body?;
    own_service(&state, &caller, id).await?;
    let format = params
        .format
        .as_deref()
        .map(|f| {
            f.parse::<InputFormat>()
                .map_err(|e| ApiError::invalid("format", e.to_string()))
        })
        .transpose()?;
    if body.is_empty() {
        return Err(ApiError::invalid("body", "the matrix is empty"));
    }
    let document = raci_ingest::parse(&body, format, None)
        .map_err(|e| ApiError::invalid("body", e.to_string()))?;
    if document.activities.is_empty() {
        return Err(ApiError::invalid(
            "body",
            "no activity was found in the matrix",
        ));
    }
    let errors: Vec<_> = raci_lint::lint(&document, &raci_lint::Config::default())
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if !errors.is_empty() && !params.force {
        let findings: Vec<_> = errors
            .iter()
            .map(|d| {
                json!({"code": d.code, "name": d.name, "message": d.message, "activity": d.activity})
            })
            .collect();
        return Err(ApiError::Invalid {
            field: Some("body".to_owned()),
            message: format!(
                "the matrix has {} error-level lint finding(s); fix them or publish with ?force=true",
                errors.len()
            ),
            details: Some(json!({ "findings": findings })),
        });
    }
    let (edition, changes) =
        super::changes::publish(&state, &caller.actor(), id, &document).await?;
    Ok((StatusCode::CREATED, Json(Published { edition, changes })))
}

/// A published edition and, from the second one on, its diff summary and
/// the number of change notices sent.
#[derive(Debug, Serialize)]
pub struct Published {
    #[serde(flatten)]
    pub edition: Edition,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<super::changes::PublishChanges>,
}

#[utoipa::path(get, path = "/api/v1/services/{id}/editions", params(("id" = i64, Path)),
    responses((status = 200, description = "the editions, oldest first"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 404, response = NotFound)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Json<Vec<Edition>>> {
    let Path(id) = id?;
    own_service(&state, &caller, id).await?;
    Ok(Json(state.store.list_editions(id).await?))
}
