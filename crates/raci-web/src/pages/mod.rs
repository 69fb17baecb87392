//! One module per area of the pages; each declares its routes. Shared
//! here: rendering a template as an answer, and the redirect every form
//! ends with (a plain 303 for a browser, `HX-Location` for htmx).

mod audit;
mod board;
mod catalog;
mod duty;
mod inbox;
mod login;
mod notices;
mod work;

use askama::Template;
use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{Html, IntoResponse, Response},
    Router,
};
use raci_app::{AppError, AppResult, ErrorCode};

use crate::frame::Frame;
use crate::session::{set_cookie, Viewer, FLASH_COOKIE};
use crate::{PageError, WebState};

/// A query parameter's value, trimmed, when it is not empty.
pub fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// A form with no field but its CSRF token.
#[derive(serde::Deserialize)]
pub struct Empty {}

/// Declares the handlers of form steps: each reads its path parameters and
/// its form, calls one use case (an expression, an async block that may
/// refuse with `?`), and goes back to the page `back` names saying what
/// was done ([`after`]).
macro_rules! form_steps {
    ($(
        $(#[$attr:meta])*
        $name:ident($path:pat => $path_ty:ty, $form:pat => $form_ty:ty) -> $done:literal, $back:expr =>
            |$app:ident, $caller:ident| $call:expr;
    )*) => {$(
        $(#[$attr])*
        pub async fn $name(
            axum::extract::State(state): axum::extract::State<crate::WebState>,
            axum::extract::Path($path): axum::extract::Path<$path_ty>,
            headers: axum::http::HeaderMap,
            viewer: crate::session::Viewer,
            crate::form::Form($form): crate::form::Form<$form_ty>,
        ) -> axum::response::Response {
            let $app = &state.app;
            let $caller = &viewer.caller;
            let result: raci_app::AppResult<_> = $call.await;
            let htmx = crate::session::is_htmx(&headers);
            crate::pages::after(&viewer, htmx, state.secure_cookies, result, &$back, $done)
        }
    )*};
}
pub(crate) use form_steps;

/// Every page's route.
pub fn routes() -> Router<WebState> {
    Router::new()
        .merge(login::routes())
        .merge(work::routes())
        .merge(board::routes())
        .merge(catalog::routes())
        .merge(duty::routes())
        .merge(notices::routes())
        .merge(inbox::routes())
        .merge(audit::routes())
}

/// A template as an HTML answer (a fault of ours, logged, if it cannot render).
pub fn html<T: Template>(template: &T) -> Response {
    match template.render() {
        Ok(body) => Html(body).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "a page cannot be rendered");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

/// A page with the cookies its frame sets.
pub fn page<T: Template>(template: &T, frame: &Frame) -> Response {
    let mut response = html(template);
    for cookie in &frame.cookies {
        response
            .headers_mut()
            .append(header::SET_COOKIE, cookie.clone());
    }
    response
}

/// Sends the browser to `location`: 303 See Other, or for htmx an
/// `HX-Location` it follows without reloading the page.
pub fn redirect_to(location: &str, htmx: bool) -> Response {
    let Ok(value) = HeaderValue::from_str(location) else {
        return redirect_to("/", htmx);
    };
    if htmx {
        (StatusCode::OK, [("hx-location", value)]).into_response()
    } else {
        (StatusCode::SEE_OTHER, [(header::LOCATION, value)]).into_response()
    }
}

/// A redirect that leaves a message for the next page.
pub fn redirect_with(location: &str, htmx: bool, flash: &str, secure: bool) -> Response {
    let mut response = redirect_to(location, htmx);
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(FLASH_COOKIE, flash, 60, secure),
    );
    response
}

/// How a step of a form ends: back to `back` with `done` said, or with
/// what refused it; a page the caller may not see is an error page.
pub fn after<T>(
    viewer: &Viewer,
    htmx: bool,
    secure: bool,
    result: AppResult<T>,
    back: &str,
    done: &str,
) -> Response {
    match result {
        Ok(_) => redirect_with(back, htmx, &format!("ok:{done}"), secure),
        Err(e) => refused(viewer, htmx, secure, e, back),
    }
}

/// A refusal: said on the page the form was on, when the caller may see
/// it; else the error page.
pub fn refused(viewer: &Viewer, htmx: bool, secure: bool, e: AppError, back: &str) -> Response {
    match e.code {
        ErrorCode::InvalidInput
        | ErrorCode::Conflict
        | ErrorCode::TooLarge
        | ErrorCode::Forbidden
        | ErrorCode::BadRequest => {
            let field = e
                .field
                .as_deref()
                .map(|f| format!(":{f}"))
                .unwrap_or_default();
            let flash = format!("error:{}{field}", e.code.as_str());
            redirect_with(back, htmx, &flash, secure)
        }
        _ => PageError::new(e, viewer.locale).into_response(),
    }
}
