//! Which party a column name is: the customer's side or another's. The words
//! are data, `party_words.csv`, embedded at build time and checked by the
//! tests; adding a language is adding rows there.

use serde::Deserialize;

use crate::text::fold;

/// What a word of a column name says of the party.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Customer,
    User,
    Filler,
}

#[derive(Debug, Deserialize)]
struct Row {
    word: String,
    kind: Kind,
}

crate::embedded_table! { static ROWS: Row = "party_words.csv"; }

fn words_of(kind: Kind) -> impl Iterator<Item = &'static str> {
    ROWS.iter()
        .filter(move |row| row.kind == kind)
        .map(|row| row.word.as_str())
}

/// Whether `word` (folded) wraps a party's name without being part of it
/// (`role` in `Client Role`).
pub fn is_filler_word(word: &str) -> bool {
    words_of(Kind::Filler).any(|filler| filler == word)
}

/// The party's name folded, without its filler words (`Rôle Client` →
/// `client`).
pub fn party_core_name(name: &str) -> String {
    fold(name)
        .split(' ')
        .filter(|word| !is_filler_word(word))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a party name is the customer's (`Customer`, `Client Role`,
/// `Kunde`): one of its words, filler dropped, is a customer word.
pub fn is_customer(name: &str) -> bool {
    party_core_name(name)
        .split(' ')
        .any(|word| words_of(Kind::Customer).any(|customer| customer == word))
}

/// Whether a column name points to the customer's side, read loosely, for a
/// reader that must guess whose column is whose: a customer or user word
/// anywhere in it, lower case (`Customers`, `End user`).
pub fn may_be_customer(name: &str) -> bool {
    let lowered = name.to_lowercase();
    words_of(Kind::Customer)
        .chain(words_of(Kind::User))
        .any(|word| lowered.contains(word))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::data::{csv_rows, words};

    #[derive(Debug, Deserialize)]
    struct FullRow {
        word: String,
        kind: Kind,
        languages: String,
    }

    #[test]
    fn every_row_reads_once_folded_with_its_languages() {
        let rows: Vec<FullRow> =
            csv_rows("party_words.csv", include_str!("party_words.csv")).unwrap();
        let mut seen = HashSet::new();
        for row in &rows {
            assert_eq!(fold(&row.word), row.word, "`{}` is not folded", row.word);
            assert!(seen.insert(&row.word), "`{}` is listed twice", row.word);
            assert!(
                words(&row.languages).count() > 0 && words(&row.languages).all(|l| l.len() == 2),
                "`{}`: languages `{}`",
                row.word,
                row.languages
            );
        }
        for kind in [Kind::Customer, Kind::User, Kind::Filler] {
            assert!(rows.iter().any(|row| row.kind == kind), "{kind:?}");
        }
        assert_eq!(ROWS.len(), rows.len());
    }

    #[test]
    fn customers_are_told_in_every_language_role_words_aside() {
        for name in [
            "Customer",
            "Client",
            "Rôle Client",
            "Kunde",
            "Cliente",
            "Klient",
        ] {
            assert!(is_customer(name), "{name}");
        }
        for name in ["Cloud Temple", "OVHcloud", "Rolle", "Customers", "User"] {
            assert!(!is_customer(name), "{name}");
        }
        assert_eq!(party_core_name("Cloud Temple Role"), "cloud temple");
        assert!(may_be_customer("Customers") && may_be_customer("End user"));
        assert!(!may_be_customer("OVHcloud"));
    }
}
