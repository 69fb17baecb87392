//! The OpenAPI document, generated from the handlers' annotations.

use axum::Json;
use utoipa::{
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
    Modify, OpenApi,
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
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

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
