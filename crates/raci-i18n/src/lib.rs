//! English and French words of the raci interfaces.
//!
//! A [`Catalog`] holds an interface's Fluent messages in every [`Locale`]
//! (with the words every interface shares: month names and date patterns);
//! a request picks its locale ([`Locale::negotiate`] reads an
//! `Accept-Language` header) and renders through [`Words`]: messages,
//! plurals, numbers and dates in that locale. Its tests check that both
//! locales define exactly the same messages ([`Catalog::check`]).

mod catalog;
mod locale;
mod words;

pub use catalog::{Catalog, CatalogError, Source};
pub use fluent_bundle::FluentArgs;
pub use locale::Locale;
pub use words::{iso, parse_iso_date, Words};
