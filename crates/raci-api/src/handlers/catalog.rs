//! `/services`: a provider's catalog, publication and the editions.

use axum::{
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json as JsonBody,
};
use raci_app::views::{DocumentView, EditionDiffView, EditionView, PublishedView, ServiceView};
use raci_app::{EditionFormat, NewService, PublishInput};
use raci_ingest::InputFormat;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{created, handlers, ok, operations, ServiceId};
use crate::extract::{Path, Query, RawBody};
use crate::openapi::{ReadErrors, WriteErrors};
use crate::ApiState;

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(create_service, list_services))
        .routes(routes!(get_service))
        .routes(routes!(publish_edition, list_editions))
        .routes(routes!(get_edition))
        .routes(routes!(get_edition_diff))
}

/// Raw bytes (a file).
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)] // describes the body only
pub struct BinaryBody(Vec<u8>);

/// A file's bytes, at least one.
pub struct FileBody;

impl utoipa::PartialSchema for FileBody {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
        use utoipa::openapi::{schema::ObjectBuilder, KnownFormat, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .min_length(Some(1))
            .description(Some("A file's bytes, at least one."))
            .into()
    }
}

impl ToSchema for FileBody {}

/// An OSCAL component definition (see NIST's OSCAL schema).
#[derive(ToSchema, serde::Serialize)]
#[allow(dead_code)] // describes the body only
pub struct OscalDocument {
    #[serde(rename = "component-definition")]
    #[schema(value_type = Object)]
    component_definition: (),
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PublishParams {
    /// The input format; else the body's media type says it (`text/markdown`,
    /// `text/html`, `text/csv`, `application/json`, the XLSX type), else it
    /// is detected from the content.
    #[param(inline)]
    pub format: Option<InputFormat>,
    /// Publish even with error-level lint findings.
    #[serde(default)]
    pub force: bool,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EditionParams {
    /// `json` (the default, canonical `raci/v1`), `md`, `csv`, `xlsx` or `oscal`.
    #[param(inline)]
    pub format: Option<EditionFormat>,
}

/// The input format a body's media type names, if it names one.
fn format_of(headers: &HeaderMap) -> Option<InputFormat> {
    let media = headers
        .get(header::CONTENT_TYPE)?
        .to_str()
        .ok()?
        .split(';')
        .next()?
        .trim()
        .to_ascii_lowercase();
    Some(match media.as_str() {
        "text/markdown" => InputFormat::Markdown,
        "text/html" => InputFormat::Html,
        "text/csv" => InputFormat::Csv,
        "application/json" => InputFormat::Json,
        "application/yaml" | "application/x-yaml" => InputFormat::Yaml,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => InputFormat::Xlsx,
        _ => return None,
    })
}

operations! { tag = "catalog";
    /// A provider's admin adds a service to its catalog.
    post "/services" "createService" create_service(body input: NewService) -> created(ServiceView, "the service") WriteErrors = |app, caller| app.create_service(&caller, input);

    /// A provider's own services; for a customer, the whole catalog.
    get "/services" "listServices" list_services() -> ok(Vec<ServiceView>, "the services") ReadErrors = |app, caller| app.services(&caller);

    get "/services/{id}" "getService" get_service(path ServiceId { id }) -> ok(ServiceView, "the service") ReadErrors = |app, caller| app.service(&caller, id);

    /// A service's editions, oldest first.
    get "/services/{id}/editions" "listEditions" list_editions(path ServiceId { id }) -> ok(Vec<EditionView>, "the editions") ReadErrors = |app, caller| app.editions(&caller, id);
}

handlers! {
    /// A provider's admin publishes a matrix as the service's next edition;
    /// error-level lint findings refuse it (`lint_errors`) unless `force`.
    /// From the second edition on, every subscription gets a change notice.
    #[utoipa::path(post, path = "/services/{id}/editions", operation_id = "publishEdition",
        tag = "catalog", params(ServiceId, PublishParams),
        request_body(description = "the matrix, in any format raci reads: the file's bytes \
            (its format detected, or named by `format`), or a typed text", content(
            (FileBody = "application/octet-stream"), (DocumentView = "application/json"),
            (String = "text/markdown"), (String = "text/html"), (String = "text/csv"),
            (String = "text/plain"),
            (FileBody = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        responses((status = 201, body = PublishedView, description = "the edition, with what changed"),
            WriteErrors))]
    publish_edition(
        Path(ServiceId { id }) => Path<ServiceId>, Query(params) => Query<PublishParams>, headers => HeaderMap,
        RawBody(bytes) => RawBody
    ) -> (StatusCode, JsonBody<PublishedView>) = |app, caller| {
        let format = params.format.or_else(|| format_of(&headers));
        let input = PublishInput { bytes: bytes.to_vec(), format, force: params.force };
        created(app.publish(&caller, id, input).await?)
    };

    /// One edition's matrix: canonical JSON, or another form raci writes.
    #[utoipa::path(get, path = "/services/{id}/editions/{number}", operation_id = "getEdition",
        tag = "catalog",
        params(("id" = i64, Path, description = "the service"),
            ("number" = i64, Path, description = "the edition's number"), EditionParams),
        responses((status = 200, description = "the matrix", content(
                (DocumentOrOscal = "application/json"), (String = "text/markdown"),
                (String = "text/csv"),
                (BinaryBody = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
            ReadErrors))]
    get_edition(Path((id, number)) => Path<(i64, i64)>, Query(params) => Query<EditionParams>) -> Response =
        |app, caller| {
            let r = app.render_edition(&caller, id, number, params.format.unwrap_or_default()).await?;
            let disposition = format!("inline; filename=\"{}\"", r.file_name);
            Ok(([(header::CONTENT_TYPE, r.media_type.to_owned()), (header::CONTENT_DISPOSITION, disposition)], r.bytes)
                .into_response())
        };

    /// The diff of an edition against the one before it.
    #[utoipa::path(get, path = "/services/{id}/editions/{number}/diff",
        operation_id = "getEditionDiff", tag = "catalog",
        params(("id" = i64, Path, description = "the service"),
            ("number" = i64, Path, description = "the edition's number (2 or more)")),
        responses((status = 200, body = EditionDiffView, description = "the diff"), ReadErrors))]
    get_edition_diff(Path((id, number)) => Path<(i64, i64)>) -> JsonBody<EditionDiffView> =
        |app, caller| ok(app.edition_diff(&caller, id, number).await?);
}

/// The canonical matrix, or (`format=oscal`) its OSCAL component definition.
#[derive(ToSchema, serde::Serialize)]
#[serde(untagged)]
#[allow(dead_code)] // describes the body only
pub enum DocumentOrOscal {
    Document(DocumentView),
    Oscal(OscalDocument),
}
