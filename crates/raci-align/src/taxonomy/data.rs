//! The taxonomy as data, embedded at build time: `entries.csv` (ids, scopes,
//! cues), `labels.csv` (what each entry is, one column a language) and
//! `concept_roles.csv` (the concepts that tell a workload from a service, and
//! the verbs too general to decide alone). The tests below check them.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use raci_model::embedded_table;
use serde::Deserialize;

use super::{Scope, TaxonomyEntry};

#[derive(Debug, Deserialize)]
struct EntryRow {
    id: String,
    scope: Scope,
    patterns: String,
}

/// A row of `labels.csv`: `id`, then one column a language.
type LabelRow = BTreeMap<String, String>;

/// What a concept says when found in an activity, beside the entries' cues.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub(super) enum ConceptRole {
    /// Too general to tell one activity from another on its own.
    General,
    Workload,
    Service,
    WorkloadHint,
    ServiceHint,
}

#[derive(Debug, Deserialize)]
struct ConceptRoleRow {
    concept: String,
    role: ConceptRole,
}

embedded_table! { static ENTRY_ROWS: EntryRow = "entries.csv"; }
embedded_table! { static LABEL_ROWS: LabelRow = "labels.csv"; }
embedded_table! { static CONCEPT_ROLE_ROWS: ConceptRoleRow = "concept_roles.csv"; }

/// Every entry, in the order of `entries.csv`, with its labels.
pub(super) static ENTRIES: LazyLock<Vec<TaxonomyEntry>> = LazyLock::new(|| {
    let labels: HashMap<&'static str, &'static LabelRow> = LABEL_ROWS
        .iter()
        .filter_map(|row| Some((row.get("id")?.as_str(), row)))
        .collect();
    ENTRY_ROWS
        .iter()
        .map(|row| {
            let labels: Vec<(&'static str, &'static str)> = labels
                .get(row.id.as_str())
                .into_iter()
                .flat_map(|row| row.iter())
                .filter(|(language, label)| *language != "id" && !label.is_empty())
                .map(|(language, label)| (language.as_str(), label.as_str()))
                .collect();
            TaxonomyEntry {
                id: row.id.as_str(),
                label: labels
                    .iter()
                    .find(|(language, _)| *language == "en")
                    .map_or(row.id.as_str(), |(_, label)| label),
                labels,
                scope: row.scope,
                patterns: row.patterns.split(';').map(str::trim).collect(),
            }
        })
        .collect()
});

/// The concepts that play `role`.
pub(super) fn concepts_playing(role: ConceptRole) -> impl Iterator<Item = &'static str> {
    CONCEPT_ROLE_ROWS
        .iter()
        .filter(move |row| row.role == role)
        .map(|row| row.concept.as_str())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use raci_lexicon as lexicon;

    #[test]
    fn entries_csv_reads_with_unique_ids_and_cues_of_the_lexicon() {
        let keys = lexicon::concept_keys();
        let mut ids = HashSet::new();
        for row in ENTRY_ROWS.iter() {
            assert!(ids.insert(row.id.as_str()), "duplicate id {}", row.id);
            assert!(
                row.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '.' || c == '-'),
                "{}",
                row.id
            );
            for pattern in row.patterns.split(';') {
                assert!(!pattern.trim().is_empty(), "{}: empty pattern", row.id);
                for concept in pattern.split(['+', '|']).map(str::trim) {
                    assert!(keys.contains(concept), "{}: `{concept}`", row.id);
                }
            }
        }
        assert_eq!(ENTRIES.len(), ENTRY_ROWS.len());
        assert!((40..=70).contains(&ENTRIES.len()), "{}", ENTRIES.len());
        assert_eq!(
            super::super::taxonomy_entry("backup.service")
                .unwrap()
                .phase(),
            "backup"
        );
    }

    #[test]
    fn every_entry_has_a_label_in_every_language_and_no_stray_row() {
        let ids: HashSet<&str> = ENTRY_ROWS.iter().map(|row| row.id.as_str()).collect();
        let languages: Vec<&String> = LABEL_ROWS[0].keys().filter(|k| *k != "id").collect();
        assert!(
            languages.iter().any(|l| *l == "en") && languages.iter().any(|l| *l == "fr"),
            "{languages:?}"
        );
        let mut labelled = HashSet::new();
        for row in LABEL_ROWS.iter() {
            let id = row["id"].as_str();
            assert!(ids.contains(id), "labels.csv: `{id}` is no entry");
            assert!(labelled.insert(id), "labels.csv: `{id}` twice");
            for language in &languages {
                assert!(
                    !row[*language].trim().is_empty(),
                    "`{id}` has no {language} label"
                );
            }
        }
        assert_eq!(labelled, ids, "entries without a label");
    }

    #[test]
    fn concept_roles_name_concepts_of_the_lexicon_once() {
        let keys = lexicon::concept_keys();
        let mut seen = HashSet::new();
        for row in CONCEPT_ROLE_ROWS.iter() {
            assert!(keys.contains(row.concept.as_str()), "`{}`", row.concept);
            assert!(
                seen.insert((row.concept.as_str(), row.role)),
                "`{}`",
                row.concept
            );
        }
        for role in [
            ConceptRole::General,
            ConceptRole::Workload,
            ConceptRole::Service,
            ConceptRole::WorkloadHint,
            ConceptRole::ServiceHint,
        ] {
            assert!(concepts_playing(role).next().is_some(), "{role:?}");
        }
    }
}
