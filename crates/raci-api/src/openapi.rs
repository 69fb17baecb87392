//! The OpenAPI (3.1) document, generated from the handlers' annotations and
//! the application layer's types; the rules of each input field (lengths,
//! patterns) come from the same table the use cases check them with.

use std::collections::BTreeMap;

use utoipa::{
    openapi::{
        schema::{Object, Schema},
        security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme},
        RefOr, Response,
    },
    IntoResponses, Modify, OpenApi, ToResponse,
};

use crate::{handlers, ErrorBody, BASE_PATH};

/// The API's OpenAPI description, served at `/api/v1/openapi.json`.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "raci",
        description = "Shared-responsibility (RACI) matrices as a service: providers publish \
            versioned matrices, customers subscribe, and every duty is routed by its letters \
            (R does it, C is consulted, A signs it off, I is told) with evidence and a \
            tamper-evident audit trail. Timestamps are milliseconds since the Unix epoch (UTC)."
    ),
    components(
        schemas(ErrorBody, crate::ErrorDetail, raci_app::ErrorCode, raci_app::LintFinding),
        responses(
            BadRequest, Unauthorized, Forbidden, NotFound, Conflict, PayloadTooLarge,
            UnsupportedMediaType, Unprocessable, TooManyRequests, Unavailable
        )
    ),
    modifiers(&Security, &FieldRules),
    tags(
        (name = "catalog", description = "Services and the editions of their matrices"),
        (name = "subscriptions", description = "Subscriptions, their duties, owners and counts"),
        (name = "duties", description = "The R/C/A/I flow of a duty"),
        (name = "changes", description = "Change notices between editions, incidents and change requests"),
        (name = "accounts", description = "Login, users, teams and API tokens"),
        (name = "notifications", description = "Inbox, webhooks and the mail outbox"),
        (name = "audit", description = "The hash-chained audit trail"),
        (name = "tenancy", description = "Export and purge of an organization"),
        (name = "service", description = "Health and this document")
    )
)]
pub struct ApiDoc;

/// The whole document: the shared parts, and the paths and schemas the
/// routes collect from their handlers' annotations, under [`BASE_PATH`].
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, paths) = handlers::api().split_for_parts();
    let mut doc = ApiDoc::openapi().nest(BASE_PATH, paths);
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    FieldRules.modify(&mut doc);
    doc
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
    BadRequest: "malformed request: unparsable JSON, path parameter or query (`bad_request`)";
    Unauthorized: "no valid API token or session cookie (`unauthorized`)",
        headers(("WWW-Authenticate" = String, description = "`Bearer`"));
    Forbidden: "the caller's role, organization or letters do not allow this, or a \
        cookie-authenticated write lacks `X-Requested-With` or a same-origin `Origin` (`forbidden`)";
    NotFound: "no such resource, or one the caller may not see (`not_found`)";
    Conflict: "the resource's state, or an existing one, conflicts with the request (`conflict`)";
    PayloadTooLarge: "the request body is over its size limit (`too_large`)";
    UnsupportedMediaType: "the body is not of a media type the operation reads (`unsupported_media_type`)";
    Unprocessable: "a value cannot be accepted; `field` names it (`invalid_input`), or a matrix \
        has error-level lint findings (`lint_errors`, listed in `findings`)";
    TooManyRequests: "too many failed logins, or requests past the token's or the address's \
        rate limit (`too_many_requests`)",
        headers(("Retry-After" = u64, description = "seconds to wait"));
    Unavailable: "the database is busy or cannot be reached; nothing was done: try again after \
        `Retry-After` (`unavailable`)",
        headers(("Retry-After" = u64, description = "seconds to wait"));
}

fn by_ref<'s, R: ToResponse<'s>>() -> RefOr<Response> {
    RefOr::Ref(utoipa::openapi::Ref::from_response_name(R::response().0))
}

macro_rules! error_set {
    ($(#[$m:meta])* $name:ident: $($status:literal => $response:ty),+) => {
        $(#[$m])*
        pub struct $name;
        impl IntoResponses for $name {
            fn responses() -> BTreeMap<String, RefOr<Response>> {
                BTreeMap::from([$(($status.to_owned(), by_ref::<$response>())),+])
            }
        }
    };
}

error_set!(
    /// What a read of a resource can answer besides its result.
    ReadErrors: "400" => BadRequest, "401" => Unauthorized, "403" => Forbidden, "404" => NotFound,
        "422" => Unprocessable
);
error_set!(
    /// What a step without a body can answer besides its result.
    StepErrors: "400" => BadRequest, "401" => Unauthorized, "403" => Forbidden,
        "404" => NotFound, "409" => Conflict
);
error_set!(
    /// What a write with a body can answer besides its result.
    WriteErrors: "400" => BadRequest, "401" => Unauthorized, "403" => Forbidden,
        "404" => NotFound, "409" => Conflict, "413" => PayloadTooLarge,
        "415" => UnsupportedMediaType, "422" => Unprocessable
);
error_set!(
    /// What logging in can answer besides a session.
    LoginErrors: "400" => BadRequest, "401" => Unauthorized, "413" => PayloadTooLarge,
        "415" => UnsupportedMediaType, "422" => Unprocessable, "429" => TooManyRequests
);

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::SESSION_COOKIE,
                "the session `POST /api/v1/login` opens; writes also need `X-Requested-With` \
                 or a same-origin `Origin`",
            ))),
        );
    }
}

/// States each input field's rule (pattern, lengths) on its schema.
struct FieldRules;

fn apply(schema: &mut Schema, rules: &[(&str, raci_app::validate::Rule)]) {
    match schema {
        Schema::Object(object) => {
            // A variant of a tagged input: its tag is the property with one value.
            let tag = object.properties.values().find_map(|p| match p {
                RefOr::T(Schema::Object(o)) => match o.enum_values.as_deref() {
                    Some([serde_json::Value::String(v)]) => Some(v.clone()),
                    _ => None,
                },
                _ => None,
            });
            for (name, rule) in rules {
                let field = match (name.split_once(':'), &tag) {
                    (Some((variant, field)), Some(tag)) if variant == tag => field,
                    (Some(_), _) => continue,
                    (None, _) => name,
                };
                if let Some(RefOr::T(Schema::Object(prop))) = object.properties.get_mut(field) {
                    constrain(prop, *rule);
                }
            }
        }
        Schema::OneOf(one) => one.items.iter_mut().for_each(|s| apply_ref(s, rules)),
        Schema::AllOf(all) => all.items.iter_mut().for_each(|s| apply_ref(s, rules)),
        Schema::AnyOf(any) => any.items.iter_mut().for_each(|s| apply_ref(s, rules)),
        _ => {}
    }
}

fn apply_ref(schema: &mut RefOr<Schema>, rules: &[(&str, raci_app::validate::Rule)]) {
    if let RefOr::T(s) = schema {
        apply(s, rules);
    }
}

/// Sets a string field's rule.
pub(crate) fn constrain(prop: &mut Object, rule: raci_app::validate::Rule) {
    prop.min_length = Some(rule.min_length());
    prop.max_length = Some(rule.max);
    prop.pattern = Some(rule.pattern().to_owned());
}

impl Modify for FieldRules {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let Some(components) = openapi.components.as_mut() else {
            return;
        };
        for (name, rules) in raci_app::input_rules() {
            if let Some(RefOr::T(schema)) = components.schemas.get_mut(&name) {
                apply(schema, rules);
            }
        }
        handlers::constrain_parameters(openapi);
        handlers::secure_operations(openapi);
        shared_answers(openapi);
        bound_integers(openapi);
        close_variants(openapi, "Assignee");
    }
}

/// The operations the rate limiters let through: the health check.
const NOT_LIMITED: &[&str] = &["getHealth"];
/// The operations that read no database: the health check (answered from
/// memory) and this document.
const NOT_STORED: &[&str] = &["getHealth", "getOpenApi"];

/// The answers any operation may give whatever it does: 429 past a rate
/// limit, 503 when the database cannot serve it now (a generated client
/// must know both to retry).
fn shared_answers(openapi: &mut utoipa::openapi::OpenApi) {
    for op in handlers::operations_of(openapi) {
        let id = op.operation_id.clone().unwrap_or_default();
        let responses = &mut op.responses.responses;
        if !NOT_LIMITED.contains(&id.as_str()) {
            responses
                .entry("429".to_owned())
                .or_insert_with(by_ref::<TooManyRequests>);
        }
        if !NOT_STORED.contains(&id.as_str()) {
            responses
                .entry("503".to_owned())
                .or_insert_with(by_ref::<Unavailable>);
        }
    }
}

/// States the range of every 64-bit integer: JSON Schema's `format: int64`
/// alone does not bound a value, and the service reads no larger one.
fn bound_integers(openapi: &mut utoipa::openapi::OpenApi) {
    fn walk(schema: &mut Schema) {
        match schema {
            Schema::Object(o) => {
                let int64 = matches!(
                    &o.format,
                    Some(utoipa::openapi::SchemaFormat::KnownFormat(
                        utoipa::openapi::KnownFormat::Int64
                    ))
                );
                if int64 {
                    o.minimum.get_or_insert(i64::MIN.into());
                    o.maximum.get_or_insert(i64::MAX.into());
                }
                o.properties.values_mut().for_each(walk_ref);
                if let Some(utoipa::openapi::schema::AdditionalProperties::RefOr(r)) =
                    o.additional_properties.as_deref_mut()
                {
                    walk_ref(r);
                }
            }
            Schema::Array(a) => {
                if let utoipa::openapi::schema::ArrayItems::RefOrSchema(items) = &mut a.items {
                    walk_ref(items);
                }
            }
            Schema::OneOf(one) => one.items.iter_mut().for_each(walk_ref),
            Schema::AllOf(all) => all.items.iter_mut().for_each(walk_ref),
            Schema::AnyOf(any) => any.items.iter_mut().for_each(walk_ref),
            _ => {}
        }
    }
    fn walk_ref(schema: &mut RefOr<Schema>) {
        if let RefOr::T(s) = schema {
            walk(s);
        }
    }
    if let Some(components) = openapi.components.as_mut() {
        components.schemas.values_mut().for_each(walk_ref);
    }
    for item in openapi.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            for p in op.parameters.iter_mut().flatten() {
                if let Some(s) = p.schema.as_mut() {
                    walk_ref(s);
                }
            }
        }
    }
}

/// Marks the variants of a one-of-objects schema as taking no other
/// property, as the service reads them.
fn close_variants(openapi: &mut utoipa::openapi::OpenApi, name: &str) {
    let Some(RefOr::T(Schema::OneOf(one))) = openapi
        .components
        .as_mut()
        .and_then(|c| c.schemas.get_mut(name))
    else {
        return;
    };
    for item in &mut one.items {
        if let RefOr::T(Schema::Object(o)) = item {
            o.additional_properties = Some(Box::new(
                utoipa::openapi::schema::AdditionalProperties::FreeForm(false),
            ));
        }
    }
}
