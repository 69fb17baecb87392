//! A use case's refusal as a page in the person's language, with the
//! status the JSON API answers for it: what the caller may not see is 404,
//! exactly as there.

use askama::Template;
use axum::{
    extract::Request,
    http::{header, HeaderValue},
    response::{IntoResponse, Response},
};
use raci_app::AppError;
use raci_i18n::Locale;

use crate::frame::Frame;

/// An error answered as a page.
#[derive(Debug)]
pub struct PageError {
    pub error: AppError,
    pub locale: Locale,
}

impl PageError {
    pub fn new(error: AppError, locale: Locale) -> PageError {
        PageError { error, locale }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    f: Frame,
    status: u16,
    message: String,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = raci_api::status_of(self.error.code);
        let code = self.error.code.as_str();
        let f = Frame::bare(self.locale, &format!("error-{code}-title"));
        let message = f.w.t(&format!("error-{code}"));
        let page = ErrorPage {
            f,
            status: status.as_u16(),
            message,
        };
        let mut response = crate::pages::html(&page);
        *response.status_mut() = status;
        if let Some(seconds) = self.error.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// The answer to a path the pages do not have.
pub async fn no_such_page(request: Request) -> Response {
    let (parts, _) = request.into_parts();
    PageError::new(
        AppError::not_found("no such page"),
        crate::session::locale_of(&parts),
    )
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use raci_app::ErrorCode;

    /// The codes whose pages exist (each has `error-<code>` and `error-<code>-title`).
    const CODES: &[ErrorCode] = &[
        ErrorCode::BadRequest,
        ErrorCode::Unauthorized,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::Conflict,
        ErrorCode::TooLarge,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::InvalidInput,
        ErrorCode::LintErrors,
        ErrorCode::TooManyRequests,
        ErrorCode::Internal,
        ErrorCode::Unavailable,
    ];

    #[test]
    fn every_code_has_its_words() {
        let catalog = crate::catalog();
        for code in CODES {
            for id in [
                format!("error-{}", code.as_str()),
                format!("error-{}-title", code.as_str()),
            ] {
                assert!(catalog.has(Locale::En, &id), "{id}");
            }
        }
    }
}
