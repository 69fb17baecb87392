//! The canonical model of a responsibility (RACI) matrix.
//!
//! A [`Document`] holds parties (the matrix's columns) and activities (its
//! rows), each with the [`Roles`] every party holds and the [`Span`] it was
//! read from. It reads and writes the canonical JSON of `raci/v1` and YAML.

mod codec;
pub mod data;
mod document;
mod ids;
mod parties;
mod role_meaning;
mod roles;
mod schema;
mod sections;
mod span;
pub mod text;

pub use codec::CodecError;
pub use document::*;
pub use ids::{assign_ids, slug_of};
pub use parties::{is_customer, is_filler_word, may_be_customer, party_core_name};
pub use role_meaning::RoleMeaning;
pub use roles::{InvalidRoles, Role, Roles};
pub use schema::json_schema;
pub use sections::{number_depth, Phases, SectionNode, NO_SECTION};
pub use span::{LineIndex, Span};
