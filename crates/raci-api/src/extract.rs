//! The API's own extractors. Each refuses a request with an [`ApiError`]
//! in the API's error form, naming the field at fault where it can: the
//! dotted path into a JSON body, the query or path parameter.

use axum::{
    body::Bytes,
    extract::{
        rejection::PathRejection, ConnectInfo, FromRef, FromRequest, FromRequestParts, Request,
    },
    http::{header, request::Parts, Method, StatusCode},
};
use raci_app::{App, AppError, Caller, ErrorCode};
use serde::de::DeserializeOwned;

use crate::{ApiError, ApiState};

/// The cookie that carries a login session's secret.
pub const SESSION_COOKIE: &str = "raci_session";

fn bad_request(field: Option<String>, message: impl Into<String>) -> ApiError {
    ApiError(AppError {
        field,
        ..AppError::new(ErrorCode::BadRequest, message)
    })
}

/// The dotted path serde was at, or none at the top.
fn path_of(path: &serde_path_to_error::Path) -> Option<String> {
    let text = path.to_string();
    (text != ".").then_some(text)
}

/// A refusal of the bytes a body extractor read: over the limit, or unreadable.
fn body_refusal(status: StatusCode, message: String) -> ApiError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError(AppError::too_large(
            "body",
            "the request body is over the size limit",
        ))
    } else {
        bad_request(Some("body".to_owned()), message)
    }
}

/// A JSON body: `application/json` (else 415), well-formed (else 400), of
/// the expected shape (else 422 naming the field).
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|m| m.trim().to_ascii_lowercase())
            .is_some_and(|m| m == "application/json" || m.ends_with("+json"));
        if !json {
            return Err(ApiError::new(
                ErrorCode::UnsupportedMediaType,
                "the body must be application/json",
            ));
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|r| body_refusal(r.status(), r.body_text()))?;
        from_json(&bytes).map(Json)
    }
}

/// Reads a JSON body into `T`, naming the field of a shape error. Every
/// body the API reads is an object: serde would take a struct's fields
/// from an array too (`[null, null]`), which the document does not allow.
pub fn from_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| json_refusal(None, &e))?;
    if !value.is_object() {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "the body must be a JSON object",
        ));
    }
    integral_numbers(&mut value);
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let field = path_of(e.path());
        json_refusal(field, e.inner())
    })
}

/// JSON Schema's integers include `2.0`: numbers with no fraction become
/// integers before the body is read into its type.
fn integral_numbers(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
                // i64's bounds as floats: -2^63 is exact, 2^63 is just past the end.
                if f.fract() == 0.0
                    && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f)
                {
                    *value = serde_json::Value::from(f as i64);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(integral_numbers),
        serde_json::Value::Object(map) => map.values_mut().for_each(integral_numbers),
        _ => {}
    }
}

fn json_refusal(field: Option<String>, e: &serde_json::Error) -> ApiError {
    match e.classify() {
        serde_json::error::Category::Data => ApiError(AppError {
            field,
            ..AppError::new(ErrorCode::InvalidInput, e.to_string())
        }),
        _ => bad_request(None, format!("malformed JSON: {e}")),
    }
}

/// Path parameters, refused with 400 naming the one that does not parse.
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(Path(v)),
            Err(PathRejection::FailedToDeserializePathParams(e)) => {
                let field = match e.kind() {
                    axum::extract::path::ErrorKind::ParseErrorAtKey { key, .. }
                    | axum::extract::path::ErrorKind::InvalidUtf8InPathParam { key } => {
                        Some(key.clone())
                    }
                    // A route with one parameter: that one.
                    _ => only_parameter(parts),
                };
                Err(bad_request(field, e.body_text()))
            }
            Err(other) => Err(ApiError(AppError::internal(other.body_text()))),
        }
    }
}

/// The name of the matched route's one path parameter, if it has one only.
fn only_parameter(parts: &Parts) -> Option<String> {
    let route = parts
        .extensions
        .get::<axum::extract::MatchedPath>()?
        .as_str();
    let mut names = route
        .split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')));
    match (names.next(), names.next()) {
        (Some(name), None) => Some(name.to_owned()),
        _ => None,
    }
}

/// A query string, refused with 400 naming the parameter at fault.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or_default();
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de)
            .map(Query)
            .map_err(|e| bad_request(path_of(e.path()), e.inner().to_string()))
    }
}

/// A body's raw bytes, under the router's body limit.
pub struct RawBody(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for RawBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        Bytes::from_request(req, state)
            .await
            .map(RawBody)
            .map_err(|r| body_refusal(r.status(), r.body_text()))
    }
}

/// Reads a body up to `limit` bytes, refusing a larger one with 413.
pub async fn body_up_to(body: axum::body::Body, limit: usize) -> Result<Bytes, ApiError> {
    axum::body::to_bytes(body, limit).await.map_err(|_| {
        ApiError(AppError::too_large(
            "body",
            format!("the request body is over {limit} bytes"),
        ))
    })
}

/// The authenticated caller: a bearer token, or the session cookie (whose
/// writes must also prove they come from the service's own pages).
pub struct Authed(pub Caller);

impl<S> FromRequestParts<S> for Authed
where
    S: Send + Sync,
    ApiState: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let app = &ApiState::from_ref(state).app;
        if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
            let secret = value
                .to_str()
                .ok()
                .and_then(|h| h.strip_prefix("Bearer "))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .ok_or_else(|| ApiError(AppError::unauthorized()))?;
            return Ok(Authed(app.authenticate_token(secret).await?));
        }
        let secret = session_cookie(parts).ok_or_else(|| ApiError(AppError::unauthorized()))?;
        let caller = app.authenticate_session(&secret).await?;
        if !safe_method(&parts.method) && !same_origin_request(parts) {
            return Err(ApiError(AppError::forbidden(
                "a request authenticated by cookie that changes data needs the \
                 X-Requested-With header or an Origin matching the Host",
            )));
        }
        Ok(Authed(caller))
    }
}

fn safe_method(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The session secret of the request's `Cookie` headers, if any.
pub fn session_cookie(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// CSRF defence for cookie-authenticated writes: a cross-site form cannot
/// set `X-Requested-With`, and a browser's `Origin` names the page's site.
pub fn same_origin_request(parts: &Parts) -> bool {
    let has = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| !v.trim().is_empty())
    };
    if has("x-requested-with") {
        return true;
    }
    let origin = parts
        .headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok());
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok());
    match (origin, host) {
        (Some(origin), Some(host)) => origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"))
            .is_some_and(|authority| authority.eq_ignore_ascii_case(host.trim())),
        _ => false,
    }
}

/// The peer's IP address when the server runs with connect info.
pub struct ClientIp(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(
            parts
                .extensions
                .get::<ConnectInfo<std::net::SocketAddr>>()
                .map(|c| c.0.ip().to_string()),
        ))
    }
}

/// The application, for handlers.
pub fn app(state: &ApiState) -> &App {
    &state.app
}
