//! Matching the parties of two matrices: `Customer` ↔ `Client` ↔ `Kunde`,
//! `Client Role` ↔ `Rôle Client`, the same provider name on both sides.

use raci_model::text::fold;
use raci_model::{is_customer, is_filler_word, party_core_name, Document};

/// Which party of the new document each party of the old one is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartyMatch {
    /// `(old index, new index)` for each matched party.
    pub pairs: Vec<(usize, usize)>,
}

impl PartyMatch {
    /// The new document's party for old party `old`.
    pub fn new_of(&self, old: usize) -> Option<usize> {
        self.pairs.iter().find(|(o, _)| *o == old).map(|(_, n)| *n)
    }

    /// The old document's party for new party `new`.
    pub fn old_of(&self, new: usize) -> Option<usize> {
        self.pairs.iter().find(|(_, n)| *n == new).map(|(o, _)| *o)
    }
}

/// The provider of a matrix: the first party that is not the customer, with
/// the `Role` around its name dropped (`Cloud Temple Role` → `Cloud Temple`).
pub fn provider_of(document: &Document) -> Option<String> {
    document
        .parties
        .iter()
        .find(|party| !is_customer(party))
        .map(|party| {
            party
                .split_whitespace()
                .filter(|word| !is_filler_word(&fold(word)))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|name| !name.is_empty())
}

/// Matches parties: same name first, then customer to customer, then the
/// remaining parties in column order.
pub fn match_parties(old: &Document, new: &Document) -> PartyMatch {
    let mut pairs = Vec::new();
    let old_names: Vec<String> = old.parties.iter().map(|p| party_core_name(p)).collect();
    let new_names: Vec<String> = new.parties.iter().map(|p| party_core_name(p)).collect();
    let taken = |pairs: &Vec<(usize, usize)>, o: usize, n: usize| {
        pairs.iter().any(|(a, b)| *a == o || *b == n)
    };
    for (o, old_name) in old_names.iter().enumerate() {
        if let Some(n) = new_names.iter().position(|new_name| new_name == old_name) {
            if !taken(&pairs, o, n) {
                pairs.push((o, n));
            }
        }
    }
    for (o, old_party) in old.parties.iter().enumerate() {
        if !is_customer(old_party) {
            continue;
        }
        if let Some(n) = new.parties.iter().position(|p| is_customer(p)) {
            if !taken(&pairs, o, n) {
                pairs.push((o, n));
            }
        }
    }
    let mut free_new = (0..new.parties.len())
        .filter(|n| !pairs.iter().any(|(_, b)| b == n))
        .collect::<Vec<_>>();
    free_new.reverse();
    for o in 0..old.parties.len() {
        if pairs.iter().any(|(a, _)| *a == o) {
            continue;
        }
        if let Some(n) = free_new.pop() {
            pairs.push((o, n));
        }
    }
    pairs.sort_unstable();
    PartyMatch { pairs }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(parties: &[&str]) -> Document {
        let mut document = Document::new();
        document.parties = parties.iter().map(|p| p.to_string()).collect();
        document
    }

    #[test]
    fn customers_meet_across_languages_and_providers_by_name() {
        let matched = match_parties(
            &document(&["Customer", "Nimbus"]),
            &document(&["Client", "Nimbus"]),
        );
        assert_eq!(matched.pairs, vec![(0, 0), (1, 1)]);
        let matched = match_parties(
            &document(&["Client Role", "Nimbus Role"]),
            &document(&["Rôle Nimbus", "Rôle Client"]),
        );
        assert_eq!(matched.pairs, vec![(0, 1), (1, 0)]);
    }

    #[test]
    fn different_providers_pair_as_the_providers() {
        let matched = match_parties(
            &document(&["Customer", "Nimbus"]),
            &document(&["Kunde", "Stratus"]),
        );
        assert_eq!(matched.pairs, vec![(0, 0), (1, 1)]);
        assert!(is_customer("Rôle Client"));
        assert!(!is_customer("Cloud Temple"));
        let mut document = document(&["Client Role", "Cloud Temple Role"]);
        assert_eq!(provider_of(&document).as_deref(), Some("Cloud Temple"));
        document.parties = vec!["Client".into()];
        assert_eq!(provider_of(&document), None);
    }
}
