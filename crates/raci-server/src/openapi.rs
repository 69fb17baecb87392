//! The OpenAPI document, generated from the handlers' annotations.

use std::collections::BTreeMap;

use axum::Json;
use utoipa::{
    openapi::{
        security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
        RefOr, Response,
    },
    IntoResponses, Modify, OpenApi, ToResponse, ToSchema,
};

use crate::handlers;

/// The API's OpenAPI description, served at `/api/v1/openapi.json`.
#[derive(OpenApi)]
#[openapi(
    info(title = "raci", description = "Responsibility models as a service."),
    paths(
        handlers::health::health,
        handlers::services::create,
        handlers::services::list,
        handlers::editions::publish,
        handlers::editions::list,
        handlers::subscriptions::create,
        handlers::subscriptions::list,
        handlers::subscriptions::duties,
        handlers::duties::transition,
        openapi_json,
    ),
    components(
        schemas(ErrorBody, ErrorDetail),
        responses(
            BadRequest,
            Unauthorized,
            Forbidden,
            NotFound,
            Conflict,
            PayloadTooLarge,
            UnsupportedMediaType,
            Unprocessable,
            TooManyRequests
        )
    ),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

// The error answers, shared by every operation: each annotation names the
// ones its handler can give (`(status = 404, response = NotFound)`, or
// `JsonBodyErrors` for what reading a JSON body can refuse), and they appear
// once in `components.responses`, all with the body `ErrorBody`.

/// The body of every error answer (see `crate::error::ApiError`).
#[derive(ToSchema)]
#[allow(dead_code)] // describes the JSON form only
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(ToSchema)]
#[allow(dead_code)] // describes the JSON form only
pub struct ErrorDetail {
    /// `unauthorized`, `forbidden`, `not_found`, `conflict`, `invalid_input`,
    /// `bad_request`, `too_many_requests` or `internal`.
    pub code: String,
    pub message: String,
    /// The input field at fault, when known.
    pub field: Option<String>,
    /// More about the fault (e.g. lint findings), when there is more.
    #[schema(value_type = Option<Object>)]
    pub details: Option<serde_json::Value>,
}

/// Declares reusable error responses, each with the body [`ErrorBody`].
macro_rules! error_responses {
    ($($name:ident: $description:literal $(, headers($($header:tt)*))?;)+) => {$(
        #[derive(ToResponse)]
        #[response(description = $description $(, headers($($header)*))?)]
        #[allow(dead_code)] // describes the answer only
        pub struct $name(ErrorBody);
    )+};
}

error_responses! {
    BadRequest: "malformed request: unparsable JSON, path parameter or query";
    Unauthorized: "no valid API token or session cookie",
        headers(("WWW-Authenticate" = String, description = "`Bearer`"));
    Forbidden: "the caller's role or organization kind may not do this (or a \
        cookie-authenticated write lacks `X-Requested-With` or a same-origin `Origin`)";
    NotFound: "no such resource, or one the caller may not see";
    Conflict: "the resource's state or an existing one conflicts with the request";
    PayloadTooLarge: "the request body is over the size limit";
    UnsupportedMediaType: "the body is not `application/json`";
    Unprocessable: "invalid input; `field` names the culprit when known";
    TooManyRequests: "too many failed logins",
        headers(("Retry-After" = u64, description = "seconds to wait"));
}

/// What reading a JSON request body can refuse: 400 (unparsable), 413 (over
/// the body limit), 415 (not JSON) and 422 (the wrong shape).
pub struct JsonBodyErrors;

impl IntoResponses for JsonBodyErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        fn by_ref<'s, R: ToResponse<'s>>() -> RefOr<Response> {
            RefOr::Ref(utoipa::openapi::Ref::from_response_name(R::response().0))
        }
        BTreeMap::from([
            ("400".to_owned(), by_ref::<BadRequest>()),
            ("413".to_owned(), by_ref::<PayloadTooLarge>()),
            ("415".to_owned(), by_ref::<UnsupportedMediaType>()),
            ("422".to_owned(), by_ref::<Unprocessable>()),
        ])
    }
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[utoipa::path(get, path = "/api/v1/openapi.json",
    responses((status = 200, description = "this document")))]
pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(document())
}

/// The whole document: the core paths and each area module's own.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(handlers::workflow::Doc::openapi());
    doc.merge(handlers::changes::Doc::openapi());
    doc.merge(handlers::notify::Doc::openapi());
    doc.merge(handlers::accounts::Doc::openapi());
    doc.merge(handlers::tenancy::Doc::openapi());
    doc
}
