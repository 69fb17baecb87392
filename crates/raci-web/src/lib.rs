//! The web pages of `raci serve`: server-rendered HTML over the
//! application layer ([`raci_app::App`]), in English and French.
//!
//! Every page extracts the signed-in person ([`session::Viewer`]), calls
//! the same use cases as the JSON API, and renders an askama template in
//! the person's language; who may see or do what is decided by raci-app
//! alone, and a page the caller may not see answers 404 as the API does.
//! Every action is a plain form that posts and redirects, so the pages
//! work without JavaScript; htmx (vendored) only makes them quicker. Every
//! answer carries a Content-Security-Policy without `unsafe-inline`
//! ([`security`]); every form carries a CSRF token ([`form`]).

pub mod assets;
mod error;
mod form;
mod frame;
mod i18n;
mod pages;
pub mod security;
pub mod session;
mod words;

use axum::{extract::FromRef, routing::get, Router};
use raci_app::App;

pub use error::PageError;
pub use i18n::catalog;

/// What every page shares.
#[derive(Clone)]
pub struct WebState {
    pub app: App,
    /// Marks the cookies `Secure`: set it when a TLS proxy fronts the server.
    pub secure_cookies: bool,
}

impl FromRef<WebState> for App {
    fn from_ref(state: &WebState) -> App {
        state.app.clone()
    }
}

/// The pages and their assets, to mount at `/` beside the API.
pub fn router(state: WebState) -> Router {
    pages::routes()
        .route("/assets/{name}", get(assets::serve))
        .route("/favicon.ico", get(assets::favicon))
        .fallback(error::no_such_page)
        .layer(axum::middleware::from_fn(security::headers))
        .with_state(state)
}
