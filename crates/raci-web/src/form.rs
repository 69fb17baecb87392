//! The bodies of the pages' forms, each checked for its CSRF token: the
//! `_csrf` field every form carries, or the `X-CSRF-Token` header htmx
//! sends (web.js reads it from the page's `csrf-token` meta tag).

use axum::{
    extract::{FromRequest, Multipart, Request},
    http::request::Parts,
    response::{IntoResponse, Response},
};
use raci_app::{AppError, ErrorCode};
use serde::de::DeserializeOwned;

use crate::session::{csrf_accepted, csrf_refused, locale_of};
use crate::PageError;

/// The largest urlencoded form read (comments and texts are bounded below it).
const FORM_LIMIT: usize = 512 * 1024;

/// The name of the field that carries the CSRF token.
pub const CSRF_FIELD: &str = "_csrf";

fn header_token(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

fn refusal(parts: &Parts, code: ErrorCode, message: &str) -> Response {
    PageError::new(AppError::new(code, message), locale_of(parts)).into_response()
}

/// A urlencoded form, read into `T` once its CSRF token is checked.
pub struct Form<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = Response;

    async fn from_request(request: Request, _: &S) -> Result<Self, Response> {
        let (parts, body) = request.into_parts();
        let bytes = axum::body::to_bytes(body, FORM_LIMIT)
            .await
            .map_err(|_| refusal(&parts, ErrorCode::TooLarge, "the form is too large"))?;
        let mut pairs: Vec<(String, String)> = form_urlencoded_pairs(&bytes);
        let token = header_token(&parts).or_else(|| {
            pairs
                .iter()
                .find(|(k, _)| k == CSRF_FIELD)
                .map(|(_, v)| v.clone())
        });
        if !token.is_some_and(|t| csrf_accepted(&parts, &t)) {
            return Err(csrf_refused(&parts));
        }
        pairs.retain(|(k, _)| k != CSRF_FIELD);
        let encoded = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        serde_urlencoded::from_str(&encoded).map(Form).map_err(|e| {
            refusal(
                &parts,
                ErrorCode::BadRequest,
                &format!("the form cannot be read: {e}"),
            )
        })
    }
}

fn form_urlencoded_pairs(bytes: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes).unwrap_or_default()
}

/// A file of a multipart form.
pub struct UploadedFile {
    pub name: String,
    pub media_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// A multipart form (text fields, and at most one file up to `limit`
/// bytes), read once its CSRF token is checked.
pub struct MultipartForm {
    pub fields: Vec<(String, String)>,
    pub file: Option<UploadedFile>,
}

impl MultipartForm {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Reads `request` as a multipart form whose file may hold `limit` bytes;
    /// an error page in the request's language when it cannot.
    pub async fn read(request: Request, limit: usize) -> Result<MultipartForm, Response> {
        let (parts, body) = request.into_parts();
        let too_large = || {
            PageError::new(
                AppError::too_large("file", format!("the file is over {limit} bytes")),
                locale_of(&parts),
            )
            .into_response()
        };
        let unreadable = |e: String| refusal(&parts, ErrorCode::BadRequest, &e);
        let request = Request::from_parts(parts.clone(), body);
        let mut multipart = Multipart::from_request(request, &())
            .await
            .map_err(|e| unreadable(e.body_text()))?;
        let mut form = MultipartForm {
            fields: Vec::new(),
            file: None,
        };
        let mut text_bytes = 0usize;
        while let Some(mut field) = multipart
            .next_field()
            .await
            .map_err(|e| unreadable(e.body_text()))?
        {
            let name = field.name().unwrap_or_default().to_owned();
            if let Some(file_name) = field.file_name().map(str::to_owned) {
                let media_type = field.content_type().map(str::to_owned);
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|_| too_large())? {
                    if bytes.len() + chunk.len() > limit {
                        return Err(too_large());
                    }
                    bytes.extend_from_slice(&chunk);
                }
                if !file_name.is_empty() && form.file.is_none() {
                    form.file = Some(UploadedFile {
                        name: file_name,
                        media_type,
                        bytes,
                    });
                }
            } else {
                let value = field.text().await.map_err(|e| unreadable(e.body_text()))?;
                text_bytes += value.len();
                if text_bytes > FORM_LIMIT {
                    return Err(refusal(
                        &parts,
                        ErrorCode::TooLarge,
                        "the form is too large",
                    ));
                }
                form.fields.push((name, value));
            }
        }
        let token = header_token(&parts).or_else(|| form.field(CSRF_FIELD).map(str::to_owned));
        if !token.is_some_and(|t| csrf_accepted(&parts, &t)) {
            return Err(csrf_refused(&parts));
        }
        Ok(form)
    }
}
