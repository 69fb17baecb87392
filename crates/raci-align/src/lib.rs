//! Pairs the activities of two matrices — two editions of a page, two
//! translations, two providers' pages for the same kind of service — with a
//! score and the evidence for each pair; turns an alignment into a diff; and
//! classifies activities into a canonical taxonomy shared by all providers.
//!
//! Pure: no I/O, no translation service. Cross-language evidence comes from
//! structure (section numbers, order, role patterns), from what survives
//! translation (numbers, product names, acronyms, cognates) and from a small
//! bilingual domain lexicon of our own.

mod align;
mod diff;
mod drift;
mod features;
mod locale;
mod parties;
mod reference;
pub mod taxonomy;

pub use align::{align, Alignment, Pair};
pub use diff::{diff, roles_or_dash, Change, ChangeKind, Diff, DocumentHeader, RoleChange};
pub use drift::{drift, Drift, DriftFinding, DriftKind};
pub use locale::{pick_base, split_locale};
pub use parties::{match_parties, provider_of, PartyMatch};
pub use raci_lexicon::concepts_of;
pub use reference::{resolve_from_reference, ReferenceReport};
pub use taxonomy::{
    classify, taxonomy, taxonomy_entry, Classification, Scope, TaxonomyEntry, HIGH_CONFIDENCE,
};
