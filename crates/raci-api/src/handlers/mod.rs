//! One module per area of the API; each answers its operations as an
//! [`OpenApiRouter`], which routes every handler where its OpenAPI
//! annotation says and collects that annotation for the document.

mod accounts;
mod audit;
mod catalog;
mod changes;
pub mod duties;
mod notify;
mod service;
mod subscriptions;
mod tenancy;

use axum::{http::StatusCode, Json};
use raci_app::AppError;
use utoipa::openapi::{path::Operation, RefOr, Schema};
use utoipa_axum::router::OpenApiRouter;

use crate::{ApiError, ApiState};

/// Declares thin handlers: each takes the application and the caller, the
/// inputs it names, calls one use case and answers what [`ok`],
/// [`created`] or [`no_content`] make of its view. The attribute above each
/// is its OpenAPI description, whose path and method also route it.
macro_rules! handlers {
    ($(
        $(#[$attr:meta])*
        $name:ident($($arg:pat => $ty:ty),*) -> $out:ty = |$app:ident, $caller:ident| $call:expr;
    )*) => {$(
        $(#[$attr])*
        pub async fn $name(
            axum::extract::State(state): axum::extract::State<crate::ApiState>,
            crate::extract::Authed($caller): crate::extract::Authed,
            $($arg: $ty),*
        ) -> crate::ApiResult<$out> {
            let $app = &state.app;
            $call
        }
    )*};
}
pub(crate) use handlers;

/// Declares the usual operations, one line each after its description:
/// `method "path" operationId handler_name(inputs) -> answer(..) Errors =
/// |app, caller| use_case_call;`. The inputs are, in this order and each
/// optional, `path IdType { fields }`, `query name: ParamsType` and
/// `body name: InputType`; the answer is `ok(View, "what")` (200),
/// `created(View, "what")` (201) or `no_content("what")` (204). From that
/// line come the handler (extract, call, answer) and its OpenAPI
/// annotation: parameters, request body, responses, the module's tag.
/// Operations of another shape (raw bodies, downloads) use [`handlers!`].
macro_rules! operations {
    (tag = $tag:tt; $(
        $(#[doc = $doc:tt])*
        $method:ident $path:tt $op:tt $name:ident(
            $(path $pty:ident { $($pf:ident),* })?
            $(query $q:ident: $qty:ident)?
            $(body $b:ident: $bty:ident)?
        ) -> $answer:ident($($answered:tt)*) $errors:ident = |$app:ident, $caller:ident| $call:expr;
    )*) => {$(
        $crate::handlers::operations!(@one $answer($($answered)*)
            [$(#[doc = $doc])*]
            [$method, path = $path, operation_id = $op, tag = $tag,
                params($($pty,)? $($qty)?) $(, request_body = $bty)?]
            $errors $name
            [$(crate::extract::Path($pty { $($pf),* }): crate::extract::Path<$pty>,)?
             $(crate::extract::Query($q): crate::extract::Query<$qty>,)?
             $(crate::extract::Json($b): crate::extract::Json<$bty>,)?]
            $app $caller $call);
    )*};
    (@one ok($out:ty, $what:tt) [$($doc:tt)*] [$($path:tt)*] $errors:ident $name:ident
        [$($args:tt)*] $app:ident $caller:ident $call:expr) => {
        $crate::handlers::operations!(@fn [$($doc)*
            #[utoipa::path($($path)*, responses((status = 200, body = $out, description = $what), $errors))]]
            $name [$($args)*] $app $caller (axum::Json<$out>) ($crate::handlers::ok($call.await?)));
    };
    (@one created($out:ty, $what:tt) [$($doc:tt)*] [$($path:tt)*] $errors:ident $name:ident
        [$($args:tt)*] $app:ident $caller:ident $call:expr) => {
        $crate::handlers::operations!(@fn [$($doc)*
            #[utoipa::path($($path)*, responses((status = 201, body = $out, description = $what), $errors))]]
            $name [$($args)*] $app $caller ((axum::http::StatusCode, axum::Json<$out>))
            ($crate::handlers::created($call.await?)));
    };
    (@one no_content($what:tt) [$($doc:tt)*] [$($path:tt)*] $errors:ident $name:ident
        [$($args:tt)*] $app:ident $caller:ident $call:expr) => {
        $crate::handlers::operations!(@fn [$($doc)*
            #[utoipa::path($($path)*, responses((status = 204, description = $what), $errors))]]
            $name [$($args)*] $app $caller (axum::http::StatusCode)
            ($crate::handlers::no_content($call.await?)));
    };
    (@fn [$($attrs:tt)*] $name:ident [$($args:tt)*] $app:ident $caller:ident ($out:ty) ($answer:expr)) => {
        $($attrs)*
        pub async fn $name(
            axum::extract::State(state): axum::extract::State<crate::ApiState>,
            crate::extract::Authed($caller): crate::extract::Authed,
            $($args)*
        ) -> crate::ApiResult<$out> {
            let $app = &state.app;
            $answer
        }
    };
}
pub(crate) use operations;

/// A view answered with 200.
pub fn ok<T>(view: T) -> crate::ApiResult<Json<T>> {
    Ok(Json(view))
}

/// A view of what was created, answered with 201.
pub fn created<T>(view: T) -> crate::ApiResult<(StatusCode, Json<T>)> {
    Ok((StatusCode::CREATED, Json(view)))
}

/// Done, nothing to answer: 204.
pub fn no_content(_: ()) -> crate::ApiResult<StatusCode> {
    Ok(StatusCode::NO_CONTENT)
}

/// Declares the path parameter `id` of each kind of resource: the type its
/// handlers extract, which also describes it in the document.
macro_rules! resource_ids {
    ($($name:ident: $description:literal;)+) => {$(
        #[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
        #[into_params(parameter_in = Path)]
        pub struct $name {
            #[doc = $description]
            pub id: i64,
        }
    )+};
}

resource_ids! {
    ServiceId: "the service";
    SubscriptionId: "the subscription";
    DutyId: "the duty";
    NoticeId: "the notice";
    UserId: "the user";
    TokenId: "the token";
    InboxItemId: "the item";
    WebhookId: "the webhook";
}

/// The operations anyone may call; every other one needs a token or a session.
const PUBLIC: &[&str] = &["getHealth", "getOpenApi", "login", "getInstancePublicKey"];

/// Every operation of the API, relative to [`crate::BASE_PATH`]: each
/// handler's route and its description come from its annotation alone.
pub fn api() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .merge(service::routes())
        .merge(catalog::routes())
        .merge(subscriptions::routes())
        .merge(duties::routes())
        .merge(changes::routes())
        .merge(accounts::routes())
        .merge(notify::routes())
        .merge(audit::routes())
        .merge(tenancy::routes())
}

/// The answer to a path the API does not have.
pub async fn not_found() -> ApiError {
    ApiError(AppError::not_found("no such route"))
}

/// The rules of string query parameters, by operation: what the use cases
/// check them with.
const PARAMETER_RULES: &[(&str, &str, raci_app::validate::Rule)] = &[
    ("addEvidence", "name", raci_app::validate::FILE_NAME),
    ("listAuditEntries", "actor", raci_app::validate::FILTER),
    ("listAuditEntries", "action", raci_app::validate::FILTER),
    ("listDuties", "party", raci_app::validate::PARTY),
    ("listDuties", "q", raci_app::validate::SEARCH),
];

pub(crate) fn operations_of(
    openapi: &mut utoipa::openapi::OpenApi,
) -> impl Iterator<Item = &mut Operation> {
    openapi.paths.paths.values_mut().flat_map(|item| {
        [
            item.get.as_mut(),
            item.put.as_mut(),
            item.post.as_mut(),
            item.delete.as_mut(),
            item.patch.as_mut(),
        ]
        .into_iter()
        .flatten()
    })
}

/// Marks every operation but the public ones as needing a bearer token or a
/// session cookie.
pub fn secure_operations(openapi: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::security::SecurityRequirement;
    for op in operations_of(openapi) {
        let id = op.operation_id.clone().unwrap_or_default();
        if !PUBLIC.contains(&id.as_str()) {
            op.security = Some(vec![
                SecurityRequirement::new("bearer", Vec::<String>::new()),
                SecurityRequirement::new("session", Vec::<String>::new()),
            ]);
        }
    }
}

/// States the rules of [`PARAMETER_RULES`] on their parameters.
pub fn constrain_parameters(openapi: &mut utoipa::openapi::OpenApi) {
    for op in operations_of(openapi) {
        let id = op.operation_id.clone().unwrap_or_default();
        for param in op.parameters.iter_mut().flatten() {
            let rule = PARAMETER_RULES
                .iter()
                .find(|(o, p, _)| *o == id && *p == param.name);
            if let (Some((_, _, rule)), Some(RefOr::T(Schema::Object(object)))) =
                (rule, param.schema.as_mut())
            {
                crate::openapi::constrain(object, *rule);
            }
        }
    }
}
