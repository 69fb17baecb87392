//! `/login`, `/logout` and `/language`: signing in and out (the API's
//! sessions, throttled as there) and choosing the pages' language.

use askama::Template;
use axum::{
    extract::{Query, State},
    http::{header, HeaderMap},
    response::{IntoResponse, Response},
    routing::{get, post},
    Router,
};
use raci_api::extract::ClientIp;
use raci_app::{Credentials, ErrorCode};
use raci_i18n::Locale;
use serde::Deserialize;

use super::{page, redirect_to};
use crate::form::Form;
use crate::frame::Frame;
use crate::session::{is_htmx, safe_next, set_cookie, Viewer, Visitor, LANG_COOKIE};
use crate::{PageError, WebState};

pub fn routes() -> Router<WebState> {
    Router::new()
        .route("/login", get(show).post(sign_in))
        .route("/logout", post(sign_out))
        .route("/language", post(language))
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    f: Frame,
    next: String,
    email: String,
    /// What refused the last attempt, in words.
    problem: Option<String>,
}

#[derive(Deserialize)]
struct Next {
    next: Option<String>,
}

/// The login form; straight on to `next` when already signed in.
async fn show(visitor: Visitor, Query(q): Query<Next>) -> Response {
    let next = safe_next(q.next.as_deref());
    if visitor.caller.is_some() {
        return redirect_to(&next, false);
    }
    let f = Frame::visiting(&visitor, "login-title", "/login");
    let login = LoginPage {
        f,
        next,
        email: String::new(),
        problem: None,
    };
    page(&login, &login.f)
}

#[derive(Deserialize)]
struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
}

/// Opens a session (the API's cookie, SameSite=Lax here) and goes on.
async fn sign_in(
    State(state): State<WebState>,
    headers: HeaderMap,
    visitor: Visitor,
    ClientIp(ip): ClientIp,
    Form(form): Form<LoginForm>,
) -> Response {
    let next = safe_next(form.next.as_deref());
    let credentials = Credentials {
        email: form.email.clone(),
        password: form.password,
    };
    match state.app.login(credentials, ip.as_deref()).await {
        Ok(login) => {
            let mut response = redirect_to(&next, is_htmx(&headers));
            response.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(
                    raci_api::SESSION_COOKIE,
                    &login.secret,
                    login.max_age_s,
                    state.secure_cookies,
                ),
            );
            response
        }
        Err(e) => {
            let problem = match e.code {
                ErrorCode::Unauthorized => "login-wrong",
                ErrorCode::TooManyRequests => "login-throttled",
                ErrorCode::InvalidInput => "login-invalid",
                _ => return PageError::new(e, visitor.locale).into_response(),
            };
            let f = Frame::visiting(&visitor, "login-title", "/login");
            let login = LoginPage {
                problem: Some(f.w.t(problem)),
                f,
                next,
                email: form.email,
            };
            let mut response = page(&login, &login.f);
            *response.status_mut() = raci_api::status_of(e.code);
            if let Some(seconds) = e.retry_after {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, seconds.into());
            }
            response
        }
    }
}

#[derive(Deserialize)]
struct Empty {}

/// Ends the session and clears its cookie.
async fn sign_out(
    State(state): State<WebState>,
    headers: HeaderMap,
    viewer: Viewer,
    Form(Empty {}): Form<Empty>,
) -> Response {
    if let Err(e) = state.app.logout(&viewer.caller).await {
        return PageError::new(e, viewer.locale).into_response();
    }
    let mut response = redirect_to("/login", is_htmx(&headers));
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(raci_api::SESSION_COOKIE, "", 0, state.secure_cookies),
    );
    response
}

#[derive(Deserialize)]
struct LanguageForm {
    lang: String,
    next: Option<String>,
}

/// Keeps the language chosen (a year) and shows the page again in it.
async fn language(
    State(state): State<WebState>,
    headers: HeaderMap,
    Form(form): Form<LanguageForm>,
) -> Response {
    let next = safe_next(form.next.as_deref());
    let mut response = redirect_to(&next, is_htmx(&headers));
    if let Some(locale) = Locale::parse(&form.lang) {
        response.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(
                LANG_COOKIE,
                locale.as_str(),
                365 * 24 * 3600,
                state.secure_cookies,
            ),
        );
    }
    response
}
