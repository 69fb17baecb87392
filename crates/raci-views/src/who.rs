//! Who does what: the activities matching a query, with each party's role.
//!
//! A query is either words, looked for in the activities' text and headings
//! in whatever language the document is written (case and accents ignored,
//! each word matching the start of a word: `backup` finds `backups`,
//! `sauvegard` finds `sauvegardes`), or an entry of our canonical activity
//! taxonomy (`backup.service`), or a branch of it (`backup`, when written
//! with a dot: `backup.`), matched through [`raci_align::classify`].

use std::fmt::Write as _;

use indexmap::IndexMap;
use raci_model::text::fold;
use raci_model::{Activity, Document, Roles};
use serde::Serialize;

/// How the query was understood.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QueryKind {
    Words,
    Taxonomy,
}

/// The answer to a query.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WhoReport {
    pub query: String,
    pub kind: QueryKind,
    pub title: Option<String>,
    pub language: Option<String>,
    pub edition: Option<String>,
    pub parties: Vec<String>,
    pub matches: Vec<Match>,
}

/// One activity that matches.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Match {
    pub id: String,
    pub section: Vec<String>,
    pub text: String,
    pub roles: IndexMap<String, Roles>,
    pub notes: Vec<String>,
    pub line: u32,
    /// Where the activity falls in the taxonomy, for a taxonomy query.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taxonomy: Option<TaxonomyMatch>,
}

/// The taxonomy entry an activity was classified in.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaxonomyMatch {
    pub id: &'static str,
    pub label: &'static str,
    /// From 0 to 1, rounded to two decimals.
    pub confidence: f32,
}

/// Whether `query` names the taxonomy: a known entry id, or a dotted branch
/// of ids (`backup.`, `backup.service`).
fn taxonomy_query(query: &str) -> Option<&str> {
    let query = query.trim();
    let is_id = !query.is_empty()
        && query
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
    if !is_id {
        return None;
    }
    if raci_align::taxonomy_entry(query).is_some() {
        return Some(query);
    }
    let branch = query.trim_end_matches('.');
    let dotted = query.contains('.');
    (dotted
        && raci_align::taxonomy()
            .iter()
            .any(|entry| in_branch(entry.id, branch)))
    .then_some(branch)
}

fn in_branch(id: &str, branch: &str) -> bool {
    id == branch
        || id
            .strip_prefix(branch)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// Whether every word of `query` starts a word of `haystack` (both folded).
fn words_match(query: &[&str], haystack: &str) -> bool {
    query
        .iter()
        .all(|word| haystack.split(' ').any(|w| w.starts_with(word)))
}

/// The activities of `document` matching `query`.
pub fn who(document: &Document, query: &str) -> WhoReport {
    let (kind, matches) = match taxonomy_query(query) {
        Some(branch) => (QueryKind::Taxonomy, by_taxonomy(document, branch)),
        None => (QueryKind::Words, by_words(document, query)),
    };
    WhoReport {
        query: query.to_owned(),
        kind,
        title: document.title.clone(),
        language: document.language.clone(),
        edition: document.edition.clone(),
        parties: document.parties.clone(),
        matches,
    }
}

fn by_words(document: &Document, query: &str) -> Vec<Match> {
    let folded = fold(query);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let by_text: Vec<Match> = document
        .activities
        .iter()
        .filter(|activity| {
            let haystack = fold(&format!("{} {}", activity.text, activity.section.join(" ")));
            words_match(&words, &haystack)
        })
        .map(|activity| to_match(activity, None))
        .collect();
    if !by_text.is_empty() {
        return by_text;
    }
    // No activity says the words: look for what they mean, by the lexicon's
    // concepts (`sauvegarde` finds `Back up the volumes`, `backups` finds
    // `Sauvegarder les volumes`): every concept of the query in the row.
    let wanted = raci_align::concepts_of(query);
    if wanted.is_empty() {
        return Vec::new();
    }
    document
        .activities
        .iter()
        .filter(|activity| {
            let found = raci_align::concepts_of(&format!(
                "{} {}",
                activity.text,
                activity.section.join(" ")
            ));
            wanted.iter().all(|concept| found.contains(concept))
        })
        .map(|activity| to_match(activity, None))
        .collect()
}

fn by_taxonomy(document: &Document, branch: &str) -> Vec<Match> {
    document
        .activities
        .iter()
        .filter_map(|activity| {
            let classification = raci_align::classify(activity);
            let entry = classification.entry?;
            in_branch(entry.id, branch).then(|| {
                to_match(
                    activity,
                    Some(TaxonomyMatch {
                        id: entry.id,
                        label: entry.label_in(document.language.as_deref()),
                        confidence: (classification.confidence * 100.0).round() / 100.0,
                    }),
                )
            })
        })
        .collect()
}

fn to_match(activity: &Activity, taxonomy: Option<TaxonomyMatch>) -> Match {
    Match {
        id: activity.id.clone(),
        section: activity.section.clone(),
        text: activity.text.clone(),
        roles: activity.roles.clone(),
        notes: activity.notes.clone(),
        line: activity.source.line,
        taxonomy,
    }
}

impl WhoReport {
    /// The answer for a terminal: the matches under their sections, each
    /// with every party's letters (`—` for none).
    pub fn to_human(&self) -> String {
        let mut out = String::new();
        let count = self.matches.len();
        let _ = writeln!(
            out,
            "{} {} \"{}\" in {}",
            count,
            match (self.kind, count == 1) {
                (QueryKind::Words, true) => "activity matches",
                (QueryKind::Words, false) => "activities match",
                (QueryKind::Taxonomy, true) => "activity is classified as",
                (QueryKind::Taxonomy, false) => "activities are classified as",
            },
            self.query,
            self.title.as_deref().unwrap_or("(untitled)")
        );
        let width = self
            .parties
            .iter()
            .map(|p| p.chars().count())
            .max()
            .unwrap_or(0);
        let mut section: Option<&[String]> = None;
        for found in &self.matches {
            if section != Some(found.section.as_slice()) {
                let title = if found.section.is_empty() {
                    crate::NO_SECTION.to_owned()
                } else {
                    found.section.join(" › ")
                };
                let _ = writeln!(out, "\n{title}");
                section = Some(&found.section);
            }
            let _ = writeln!(out, "  {}  (line {})", found.text, found.line);
            if let Some(taxonomy) = &found.taxonomy {
                let _ = writeln!(
                    out,
                    "    taxonomy: {} ({}, confidence {:.2})",
                    taxonomy.id, taxonomy.label, taxonomy.confidence
                );
            }
            for party in &self.parties {
                let roles = found.roles.get(party).copied().unwrap_or_default();
                let letters = if roles.is_empty() {
                    "—".to_owned()
                } else {
                    roles.to_string()
                };
                let _ = writeln!(out, "    {party:<width$}  {letters}");
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use raci_model::Span;

    fn document() -> Document {
        let mut document = Document::new();
        document.title = Some("Queue".to_owned());
        document.parties = vec!["Client".to_owned(), "Nimbus".to_owned()];
        for (line, (section, text, client)) in [
            ("2.2. Sauvegardes", "Sauvegarder les définitions", "RA"),
            ("2.2. Sauvegardes", "Tester la restauration", "R"),
            ("3. Fin", "Effacer les données", "I"),
        ]
        .into_iter()
        .enumerate()
        {
            let mut activity = Activity {
                id: raci_model::slug_of(text),
                section: vec![section.to_owned()],
                text: text.to_owned(),
                source: Span::line(line as u32 + 1),
                ..Activity::default()
            };
            activity
                .roles
                .insert("Client".to_owned(), client.parse().unwrap());
            document.activities.push(activity);
        }
        document
    }

    #[test]
    fn words_ignore_case_and_accents_and_match_word_starts() {
        let report = who(&document(), "DEFINITION sauvegard");
        assert_eq!(report.kind, QueryKind::Words);
        assert_eq!(report.matches.len(), 1);
        assert_eq!(report.matches[0].text, "Sauvegarder les définitions");
        // The heading counts too.
        assert_eq!(who(&document(), "sauvegardes").matches.len(), 2);
        assert_eq!(who(&document(), "données").matches.len(), 1);
        assert!(who(&document(), "onnees").matches.is_empty());
        assert!(who(&document(), "  ").matches.is_empty());
    }

    #[test]
    fn human_lists_every_party() {
        let text = who(&document(), "effacer").to_human();
        assert!(text.starts_with("1 activity matches \"effacer\" in Queue"));
        assert!(text.contains("    Client  I\n    Nimbus  —\n"), "{text}");
    }

    #[test]
    fn taxonomy_ids_are_recognised() {
        let Some(entry) = raci_align::taxonomy().first() else {
            return;
        };
        assert_eq!(taxonomy_query(entry.id), Some(entry.id));
        let phase = entry.phase();
        assert_eq!(taxonomy_query(&format!("{phase}.")), Some(phase));
        assert_eq!(taxonomy_query("Backup policy"), None);
        assert_eq!(taxonomy_query("no.such.entry"), None);
        assert!(in_branch("backup.service", "backup"));
        assert!(!in_branch("backups.service", "backup"));
    }
}
