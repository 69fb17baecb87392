//! A small lexicon of managed-service kinds, to tell which service a document
//! is about and which service a row or a sentence talks of.
//!
//! Terms are written folded (lower case, no accents, single spaces; see
//! `text.rs`) and match whole words, plurals in `s` included. *Strong* terms
//! name one kind of service unmistakably (`harbor`, `mysql`); *weak* terms
//! point to it but are shared with others (`cluster`, `container`,
//! `database`): they count as evidence of the document's own service, never
//! as evidence of a foreign one. Generic words (service, data,
//! infrastructure, backup) are in no list. The kinds and their terms are
//! data, `services.toml`.

mod kinds;

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
pub(crate) use kinds::kinds;
use raci_model::Document;
use serde::Deserialize;

use crate::text::{word_matcher, Folded};

/// One kind of managed service.
#[derive(Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ServiceKind {
    /// How messages name it.
    pub label: String,
    /// Words of a title that say a document is about this kind.
    pub title_terms: Vec<String>,
    pub strong: Vec<String>,
    pub weak: Vec<String>,
    /// Labels of kinds this one's documents may name freely: a Kubernetes
    /// page speaks of block-storage volumes. The relation goes one way: a
    /// registry page may speak of Kubernetes, a Kubernetes page of no registry.
    #[serde(default)]
    pub related: Vec<String>,
}

/// What a text says of one kind of service.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Mention<'t> {
    pub kind: &'static ServiceKind,
    /// The kind's strong terms found, as the text spells them, in lexicon
    /// order; empty when only weak or title terms were.
    pub strong: Vec<&'t str>,
}

/// Every term of the lexicon, once, and the automaton that finds them all
/// in one pass over a text.
struct Lexicon {
    terms: Vec<&'static str>,
    matcher: AhoCorasick,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut terms: Vec<&'static str> = Vec::new();
    for kind in kinds() {
        for term in kind
            .strong
            .iter()
            .chain(&kind.weak)
            .chain(&kind.title_terms)
        {
            if !terms.contains(&term.as_str()) {
                terms.push(term);
            }
        }
    }
    let matcher = word_matcher(&terms);
    Lexicon { terms, matcher }
});

/// The kinds `text` mentions by any of their terms.
pub(crate) fn mentions(text: &str) -> Vec<Mention<'_>> {
    let folded = Folded::new(text);
    let found: Vec<(&'static str, &str)> = folded
        .find_all(&LEXICON.matcher)
        .into_iter()
        .map(|(index, spelled)| (LEXICON.terms[index], spelled))
        .collect();
    if found.is_empty() {
        return Vec::new();
    }
    let spelled = |term: &str| found.iter().find(|(t, _)| *t == term).map(|(_, s)| *s);
    kinds()
        .iter()
        .filter_map(|kind| {
            let strong: Vec<&str> = kind
                .strong
                .iter()
                .filter_map(|term| spelled(term))
                .collect();
            let any = !strong.is_empty()
                || kind
                    .weak
                    .iter()
                    .chain(&kind.title_terms)
                    .any(|term| spelled(term).is_some());
            any.then_some(Mention { kind, strong })
        })
        .collect()
}

/// The kinds a title names.
pub(crate) fn named_in_title(title: &str) -> Vec<&'static ServiceKind> {
    let folded = Folded::new(title);
    kinds()
        .iter()
        .filter(|kind| {
            kind.title_terms
                .iter()
                .any(|term| folded.find(term).is_some())
        })
        .collect()
}

/// The kinds `document` is about: those its title names; failing that, the
/// one kind its headings and prose name clearly more often than any other.
/// Empty when it cannot tell.
pub(crate) fn services_of(document: &Document) -> Vec<&'static ServiceKind> {
    if let Some(title) = &document.title {
        let named = named_in_title(title);
        if !named.is_empty() {
            return named;
        }
    }
    let texts = document
        .facts
        .headings
        .iter()
        .filter_map(|heading| heading.path.last())
        .chain(document.facts.prose.iter().map(|prose| &prose.text));
    let mut counts = vec![0usize; kinds().len()];
    for text in texts {
        for mention in mentions(text)
            .iter()
            .filter(|mention| !mention.strong.is_empty())
        {
            if let Some(index) = kinds()
                .iter()
                .position(|kind| std::ptr::eq(kind, mention.kind))
            {
                counts[index] += 1;
            }
        }
    }
    let mut ranked: Vec<(usize, usize)> = counts
        .into_iter()
        .enumerate()
        .filter(|(_, n)| *n > 0)
        .collect();
    ranked.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    match ranked.as_slice() {
        [(best, count), rest @ ..]
            if *count >= 2 && rest.first().is_none_or(|(_, next)| next < count) =>
        {
            vec![&kinds()[*best]]
        }
        _ => Vec::new(),
    }
}

/// Whether a document about `own` may name `other` without it being foreign.
pub(crate) fn may_mention(own: &ServiceKind, other: &ServiceKind) -> bool {
    own == other || own.related.contains(&other.label)
}

/// The foreign kind `text` is about, for a document about `own`: a kind that
/// may not be named there, of which `text` names strong terms, when it names
/// nothing of `own`. Where several qualify, the one with most terms.
pub(crate) fn foreign_mention<'t>(
    text: &'t str,
    own: &[&'static ServiceKind],
) -> Option<Mention<'t>> {
    let found = mentions(text);
    if found.iter().any(|mention| own.contains(&mention.kind)) {
        return None;
    }
    found
        .into_iter()
        .filter(|mention| !mention.strong.is_empty())
        .filter(|mention| !own.iter().any(|kind| may_mention(kind, mention.kind)))
        .max_by_key(|mention| mention.strong.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Folded;

    fn kind(label: &str) -> &'static ServiceKind {
        kinds().iter().find(|kind| kind.label == label).unwrap()
    }

    #[test]
    fn the_lexicon_reads_folded_with_unique_labels_and_existing_relations() {
        let parsed = kinds::parse().unwrap();
        assert_eq!(parsed.len(), kinds().len());
        let mut labels = std::collections::HashSet::new();
        for kind in &parsed {
            assert!(labels.insert(kind.label.as_str()), "`{}` twice", kind.label);
            assert!(
                !kind.title_terms.is_empty() && !kind.strong.is_empty(),
                "{}",
                kind.label
            );
            for term in kind
                .title_terms
                .iter()
                .chain(&kind.strong)
                .chain(&kind.weak)
            {
                assert_eq!(Folded::new(term).words(), *term, "{}: {term}", kind.label);
            }
            for related in &kind.related {
                assert!(
                    related != &kind.label && parsed.iter().any(|other| other.label == *related),
                    "{}: related `{related}`",
                    kind.label
                );
            }
        }
    }

    #[test]
    fn generic_words_name_no_service() {
        for word in [
            "service",
            "data",
            "données",
            "infrastructure",
            "backup",
            "sauvegarde",
            "network",
            "réseau",
        ] {
            assert!(mentions(word).is_empty(), "{word}");
        }
    }

    #[test]
    fn titles_in_english_and_french_name_their_service() {
        let title = |text: &str| {
            let mut document = Document::new();
            document.title = Some(text.into());
            services_of(&document)
                .iter()
                .map(|kind| kind.label.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            title("Managed Kubernetes - Responsibility model"),
            ["Kubernetes"]
        );
        assert_eq!(
            title("Partage de responsabilité sur le service Kubernetes Managé"),
            ["Kubernetes"]
        );
        assert_eq!(
            title("Managed Private Registry - Responsibility model"),
            ["container registry"]
        );
        assert_eq!(
            title("Bases de données managées - partage des responsabilités"),
            ["databases"]
        );
        assert_eq!(title("RACI Serveurs Dédiés"), ["dedicated servers"]);
        assert_eq!(
            title("Managed Message Queue - Shared responsibility"),
            ["message queue"]
        );
        assert_eq!(
            title("Matrice IaaS - Stockage Objet S3"),
            ["object storage", "compute instances"]
        );
        assert!(title("Responsibility model").is_empty());
    }

    #[test]
    fn a_document_without_a_telling_title_is_judged_by_its_headings_and_prose() {
        let mut document = Document::new();
        for text in ["Harbor set-up", "Registry images", "Kubernetes clusters"] {
            document.facts.headings.push(raci_model::Heading {
                path: vec![text.into()],
                ..Default::default()
            });
        }
        assert_eq!(services_of(&document), [kind("container registry")]);
        document.facts.headings.truncate(1);
        document.facts.headings.push(raci_model::Heading {
            path: vec!["Kubernetes".into()],
            ..Default::default()
        });
        assert!(services_of(&document).is_empty(), "a tie tells nothing");
    }

    #[test]
    fn foreign_needs_a_strong_term_and_no_term_of_the_own_service() {
        let kubernetes = [kind("Kubernetes")];
        let found =
            foreign_mention("Back up the Registry images with Harbor", &kubernetes).unwrap();
        assert_eq!(found.kind.label, "container registry");
        assert_eq!(found.strong, ["Registry", "Harbor"]);
        assert!(foreign_mention(
            "Manage container images and registries for the cluster",
            &kubernetes
        )
        .is_none());
        assert!(foreign_mention("Push Docker images", &kubernetes).is_none());
        assert!(foreign_mention("Attach a block storage volume", &kubernetes).is_none());
        let registry = [kind("container registry")];
        let found = foreign_mention(
            "a Service is a MySQL, PostgreSQL or Kafka cluster",
            &registry,
        )
        .unwrap();
        assert_eq!(found.kind.label, "databases");
        assert_eq!(found.strong, ["MySQL", "PostgreSQL", "Kafka"]);
        assert!(foreign_mention("Use the registry with Kubernetes", &registry).is_none());
    }
}
