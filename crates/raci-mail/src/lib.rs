//! The e-mails of the raci service, in English and French.
//!
//! A [`Letter`] is what one mail tells one person: a single [`Item`] (a
//! duty assigned, a consultation or sign-off asked, a duty done, a change
//! notice, a reminder, an escalation) or, for a daily digest, several.
//! [`render`] writes it in a [`Locale`] as a subject and two alternative
//! bodies, text and HTML, from the templates of `templates/` with the words
//! of `locales/{en,fr}/mail.ftl`. Nothing here sends: the server does.

mod catalog;
mod message;
mod render;

pub use catalog::catalog;
pub use message::{Item, Kind, Letter};
pub use raci_i18n::Locale;
pub use render::{render, Rendered};
