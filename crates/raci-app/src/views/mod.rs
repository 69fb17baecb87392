//! What the use cases answer: typed, documented values that the JSON API
//! serializes as they are (and `raci remote` reads back), and that the web
//! pages render. Every field is data, never JSON inside a string.

mod accounts;
mod audit;
mod catalog;
mod duties;
mod errors;
mod mail;
mod notices;
mod notify;
mod pages;
mod subscriptions;
mod tenancy;
mod work;

pub use accounts::*;
pub use audit::*;
pub use catalog::*;
pub use duties::*;
pub use errors::*;
pub use mail::*;
pub use notices::*;
pub use notify::*;
pub use pages::*;
pub use subscriptions::*;
pub use tenancy::*;
pub use work::*;

use indexmap::IndexMap;
use raci_store::PartyRoles;

/// Each party column's letters, as the matrix writes them (`"RA"`).
pub type RolesView = IndexMap<String, String>;

pub(crate) fn roles_view(roles: &PartyRoles) -> RolesView {
    roles
        .iter()
        .map(|(party, letters)| (party.clone(), letters.to_string()))
        .collect()
}

/// Stored JSON as a value (or the text it is, should it not parse).
pub(crate) fn json_of(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|_| serde_json::Value::String(text.to_owned()))
}
