//! The words the readers recognise, in the languages of the corpus: data
//! files embedded at build time and read once, checked by the tests below.
//! Adding a word or a language is adding rows.
//!
//! - `role_words.csv`: role cells written in words (`Responsible`, `Informé`, `n/a`);
//! - `header_words.csv`: the word opening a matrix's header row (`Activity`,
//!   `Tätigkeit`) and the header of a legend table (`Rôles`, `Legend`);
//! - `page_chrome.csv`: lines a browser copy adds around the page;
//! - `attribution_cues.csv`: words telling whose thing an activity is about;
//! - `acronyms.csv`: capitals that end activity texts and are no role letters.

use raci_model::{embedded_table, Role};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct RoleWordRow {
    word: String,
    /// A role letter, or `none`.
    role: String,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum HeaderKind {
    Activity,
    Legend,
}

#[derive(Debug, Deserialize)]
struct HeaderWordRow {
    word: String,
    kind: HeaderKind,
}

#[derive(Debug, Deserialize)]
struct MarkerRow {
    marker: String,
}

/// Whose thing a cue says an activity is about.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Side {
    Customer,
    Provider,
}

/// How a cue is looked for in an activity.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum CueKind {
    /// A piece of lower-case text.
    Text,
    /// A concept key of the lexicon, in any language.
    Concept,
    /// A concept key of the lexicon, in the row's heading only.
    Heading,
}

/// A cue telling whose thing an activity is about.
#[derive(Debug, Deserialize)]
pub(crate) struct Cue {
    pub cue: String,
    pub side: Side,
    pub kind: CueKind,
    pub weight: f32,
}

#[derive(Debug, Deserialize)]
struct AcronymRow {
    acronym: String,
}

embedded_table! { static ROLE_WORDS: RoleWordRow = "role_words.csv"; }
embedded_table! { static HEADER_WORDS: HeaderWordRow = "header_words.csv"; }
embedded_table! { static PAGE_CHROME: MarkerRow = "page_chrome.csv"; }
embedded_table! { static ATTRIBUTION_CUES: Cue = "attribution_cues.csv"; }
embedded_table! { static ACRONYMS: AcronymRow = "acronyms.csv"; }

/// What a role cell written as a word (lower case) says: `Some(Some(role))`
/// for a role, `Some(None)` for an explicit "no role", `None` when the word
/// is not listed.
pub(crate) fn role_word(lower: &str) -> Option<Option<Role>> {
    ROLE_WORDS
        .iter()
        .find(|row| row.word == lower)
        .map(|row| row.role.chars().next().and_then(Role::from_letter))
}

/// Whether a whole cell (lower case) says "no role" explicitly (`-`, `n/a`).
pub(crate) fn is_explicit_none(lower: &str) -> bool {
    role_word(lower) == Some(None)
}

/// The words that open a header row, as written, in the order they are tried.
pub(crate) fn activity_words() -> impl Iterator<Item = &'static str> {
    header_words(HeaderKind::Activity)
}

/// Whether `lower` is the header of a legend table (`rôles`, `legend`).
pub(crate) fn is_legend_word(lower: &str) -> bool {
    header_words(HeaderKind::Legend).any(|word| word == lower)
}

fn header_words(kind: HeaderKind) -> impl Iterator<Item = &'static str> {
    HEADER_WORDS
        .iter()
        .filter(move |row| row.kind == kind)
        .map(|row| row.word.as_str())
}

/// The markers of lines a browser copy adds around the page's own text.
pub(crate) fn page_chrome() -> impl Iterator<Item = &'static str> {
    PAGE_CHROME.iter().map(|row| row.marker.as_str())
}

/// The cues telling whose thing an activity is about, in file order.
pub(crate) fn attribution_cues() -> &'static [Cue] {
    &ATTRIBUTION_CUES
}

/// Whether `capitals` is an acronym that ends activity texts (`API`, `SLA`).
pub(crate) fn is_acronym(capitals: &str) -> bool {
    ACRONYMS.iter().any(|row| row.acronym == capitals)
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashSet};

    use raci_model::data::csv_rows;

    use super::*;

    /// The languages the readers know (the corpus's), and `-` for none.
    const LANGUAGES: &[&str] = &["en", "fr", "de", "es", "it", "pl", "pt", "-"];

    /// The rows of `text` as column → value, checking each has a known
    /// `language` (or `languages`) and `key` is never listed twice.
    fn checked(file: &'static str, text: &str, key: &[&str]) -> Vec<BTreeMap<String, String>> {
        let rows: Vec<BTreeMap<String, String>> = csv_rows(file, text).unwrap();
        assert!(!rows.is_empty(), "{file} is empty");
        let mut seen = HashSet::new();
        for row in &rows {
            let id: Vec<&str> = key.iter().map(|k| row[*k].as_str()).collect();
            assert!(!id[0].is_empty(), "{file}: empty {row:?}");
            assert!(seen.insert(id.join(",")), "{file}: {id:?} twice");
            if let Some(languages) = row.get("language") {
                for language in languages.split_whitespace() {
                    assert!(LANGUAGES.contains(&language), "{file}: {row:?}");
                }
            }
        }
        rows
    }

    #[test]
    fn role_words_read_to_a_letter_or_none_lower_case() {
        let rows = checked("role_words.csv", include_str!("role_words.csv"), &["word"]);
        assert_eq!(rows.len(), ROLE_WORDS.len());
        for row in ROLE_WORDS.iter() {
            assert_eq!(row.word.to_lowercase(), row.word);
            let letter = row.role.chars().next().and_then(Role::from_letter);
            assert!(
                row.role == "none" || (row.role.len() == 1 && letter.is_some()),
                "{}: role `{}`",
                row.word,
                row.role
            );
        }
        assert_eq!(role_word("informé"), Some(Some(Role::Informed)));
        assert!(is_explicit_none("n/a") && !is_explicit_none("responsible"));
    }

    #[test]
    fn header_words_read_in_every_language() {
        let rows = checked(
            "header_words.csv",
            include_str!("header_words.csv"),
            &["word", "kind"],
        );
        assert_eq!(rows.len(), HEADER_WORDS.len());
        let activity_languages: HashSet<&str> = rows
            .iter()
            .filter(|row| row["kind"] == "activity")
            .map(|row| row["language"].as_str())
            .collect();
        assert!(LANGUAGES[..7]
            .iter()
            .all(|l| activity_languages.contains(l)));
        assert!(header_words(HeaderKind::Legend).all(|w| w.to_lowercase() == w));
        assert!(activity_words().any(|w| w == "Tätigkeit"));
        assert!(is_legend_word("rôles"));
    }

    #[test]
    fn chrome_cues_and_acronyms_read() {
        checked(
            "page_chrome.csv",
            include_str!("page_chrome.csv"),
            &["marker"],
        );
        let cues = checked(
            "attribution_cues.csv",
            include_str!("attribution_cues.csv"),
            &["cue", "kind"],
        );
        assert_eq!(cues.len(), ATTRIBUTION_CUES.len());
        let concepts = raci_lexicon::concept_keys();
        for cue in attribution_cues() {
            assert!(cue.weight > 0.0, "{}", cue.cue);
            match cue.kind {
                CueKind::Text => assert_eq!(cue.cue.to_lowercase(), cue.cue),
                CueKind::Concept | CueKind::Heading => {
                    assert!(concepts.contains(cue.cue.as_str()), "{}", cue.cue)
                }
            }
        }
        for side in [Side::Customer, Side::Provider] {
            let count = attribution_cues().iter().filter(|c| c.side == side).count();
            assert!(count >= 10, "{side:?}");
        }
        checked("acronyms.csv", include_str!("acronyms.csv"), &["acronym"]);
        assert!(ACRONYMS
            .iter()
            .all(|row| row.acronym.len() >= 2 && !row.acronym.chars().any(char::is_lowercase)));
        assert!(is_acronym("SLA") && !is_acronym("RA"));
    }
}
