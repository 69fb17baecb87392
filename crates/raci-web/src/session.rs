//! Who is looking at a page: the signed-in [`Viewer`] (else a redirect to
//! the login page), or any [`Visitor`]; the language they read; the CSRF
//! token their forms carry; the one-time message (flash) a redirect left.
//!
//! The session is the API's (`raci_session`, HttpOnly): pages and API
//! calls from a signed-in browser are one login. Its cookie is
//! `SameSite=Lax`, so a link followed from an e-mail lands signed in, and
//! every write is a POST that must carry the CSRF token, an HMAC of the
//! session's secret (before login, of a random `raci_visit` cookie).

use axum::{
    extract::{FromRef, FromRequestParts},
    http::{header, request::Parts, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use hmac::{Hmac, Mac};
use raci_app::Caller;
use raci_i18n::Locale;
use sha2::Sha256;

use crate::WebState;

/// The cookie of the language chosen on the pages.
pub const LANG_COOKIE: &str = "raci_lang";
/// The cookie of the message a redirect leaves for the next page.
pub const FLASH_COOKIE: &str = "raci_flash";
/// The cookie whose secret keys the CSRF token before login.
pub const VISIT_COOKIE: &str = "raci_visit";

/// The value of cookie `name` in the request, if any.
pub fn cookie(parts: &Parts, name: &str) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, for the whole site;
/// `max_age_s` 0 removes it.
pub fn set_cookie(name: &str, value: &str, max_age_s: i64, secure: bool) -> HeaderValue {
    let cookie = cookie::Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(secure)
        .max_age(cookie::time::Duration::seconds(max_age_s))
        .build();
    HeaderValue::from_str(&cookie.to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The CSRF token of a session (or visit) secret.
pub fn csrf_token(secret: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(b"raci-web csrf");
    hex::encode(mac.finalize().into_bytes())
}

/// Whether `token` is the CSRF token of `secret` (in constant time).
pub fn csrf_matches(secret: &str, token: &str) -> bool {
    let Ok(token) = hex::decode(token.trim()) else {
        return false;
    };
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(b"raci-web csrf");
    mac.verify_slice(&token).is_ok()
}

/// Whether `token` is the CSRF token of the request's session or visit.
pub fn csrf_accepted(parts: &Parts, token: &str) -> bool {
    [raci_api::SESSION_COOKIE, VISIT_COOKIE]
        .into_iter()
        .filter_map(|name| cookie(parts, name))
        .any(|secret| csrf_matches(&secret, token))
}

/// The language of a request: the one chosen on the pages (a cookie),
/// else the browser's `Accept-Language`, else English.
pub fn locale_of(parts: &Parts) -> Locale {
    cookie(parts, LANG_COOKIE)
        .and_then(|l| Locale::parse(&l))
        .unwrap_or_else(|| {
            parts
                .headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .map(Locale::negotiate)
                .unwrap_or_default()
        })
}

/// Where to go after a step: `next` when it is a path of this site, else `/`.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && !n.chars().any(|c| c.is_control() || c == '\\') =>
        {
            n.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// The path and query a request asked for.
fn requested(parts: &Parts) -> String {
    parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "/".to_owned())
}

/// Whether htmx made the request (it swaps the answer into the page).
pub fn is_htmx(headers: &axum::http::HeaderMap) -> bool {
    headers.contains_key("hx-request")
}

/// The message a redirect left: its kind and what it says, as the
/// `raci_flash` cookie carries it (`ok:flash-started`, `error:invalid_input:comment`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash(pub String);

/// A signed-in person looking at a page.
pub struct Viewer {
    pub caller: Caller,
    pub csrf: String,
    pub locale: Locale,
    pub flash: Option<Flash>,
    /// The path and query of this page.
    pub path: String,
}

/// A person not (or not yet) signed in; or signed in, on the pages anyone sees.
pub struct Visitor {
    pub caller: Option<Caller>,
    pub csrf: String,
    pub locale: Locale,
    pub flash: Option<Flash>,
    /// The visit cookie to set, when the visitor had none (the CSRF token is keyed by it).
    pub new_visit: Option<HeaderValue>,
}

/// Where a request that needs a login goes: the login page, then back.
pub struct ToLogin(String);

impl IntoResponse for ToLogin {
    fn into_response(self) -> Response {
        crate::pages::redirect_to(&self.0, false)
    }
}

impl<S> FromRequestParts<S> for Viewer
where
    S: Send + Sync,
    WebState: FromRef<S>,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let state = WebState::from_ref(state);
        let to_login = || {
            let next = requested(parts);
            let query = serde_urlencoded::to_string([("next", next.as_str())]).unwrap_or_default();
            crate::pages::redirect_to(&format!("/login?{query}"), is_htmx(&parts.headers))
        };
        let Some(secret) = cookie(parts, raci_api::SESSION_COOKIE) else {
            return Err(to_login());
        };
        match state.app.authenticate_session(&secret).await {
            Ok(caller) => Ok(Viewer {
                caller,
                csrf: csrf_token(&secret),
                locale: locale_of(parts),
                flash: cookie(parts, FLASH_COOKIE).map(Flash),
                path: requested(parts),
            }),
            Err(e) if e.code == raci_app::ErrorCode::Unauthorized => Err(to_login()),
            Err(e) => Err(crate::PageError::new(e, locale_of(parts)).into_response()),
        }
    }
}

impl<S> FromRequestParts<S> for Visitor
where
    S: Send + Sync,
    WebState: FromRef<S>,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let state = WebState::from_ref(state);
        let session = cookie(parts, raci_api::SESSION_COOKIE);
        let caller = match &session {
            Some(secret) => state.app.authenticate_session(secret).await.ok(),
            None => None,
        };
        let (secret, new_visit) = match (&caller, session, cookie(parts, VISIT_COOKIE)) {
            (Some(_), Some(session), _) => (session, None),
            (_, _, Some(visit)) => (visit, None),
            _ => {
                let secret = random_secret().map_err(|e| {
                    crate::PageError::new(raci_app::AppError::internal(e), locale_of(parts))
                        .into_response()
                })?;
                let cookie = set_cookie(VISIT_COOKIE, &secret, 24 * 3600, state.secure_cookies);
                (secret, Some(cookie))
            }
        };
        Ok(Visitor {
            caller,
            csrf: csrf_token(&secret),
            locale: locale_of(parts),
            flash: cookie(parts, FLASH_COOKIE).map(Flash),
            new_visit,
        })
    }
}

/// 32 random bytes, hex.
fn random_secret() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(hex::encode(bytes))
}

/// A refusal of a request whose CSRF token is missing or wrong.
pub fn csrf_refused(parts: &Parts) -> Response {
    let mut response = crate::PageError::new(
        raci_app::AppError::forbidden("the form's CSRF token is missing or wrong"),
        locale_of(parts),
    )
    .into_response();
    *response.status_mut() = StatusCode::FORBIDDEN;
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_of_this_site_are_next() {
        assert_eq!(safe_next(Some("/duties/4?x=1")), "/duties/4?x=1");
        for bad in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "/a\nb",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn csrf_tokens_belong_to_their_secret() {
        let token = csrf_token("s1");
        assert!(csrf_matches("s1", &token));
        assert!(!csrf_matches("s2", &token));
        assert!(!csrf_matches("s1", "not hex"));
        assert!(!csrf_matches("s1", ""));
    }
}
