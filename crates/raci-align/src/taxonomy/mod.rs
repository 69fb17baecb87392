//! The canonical activity taxonomy: a list of activities every managed
//! service's matrix is made of (choose the location, back up the service,
//! test restoring the customer's systems, destroy the data at end of
//! service…), defined by us, with stable dotted ids grouped by lifecycle
//! phase. Classifying the activities of any matrix, in any language the
//! lexicon knows, into it is what lets `raci compare` put two providers side
//! by side.
//!
//! An entry recognises its activities by cues written as concept keys of the
//! lexicon, and by whose thing the activity is about: the service the
//! provider runs, or the customer's own workload on it. The entries, their
//! labels in every language and their cues are data (`entries.csv`,
//! `labels.csv`, `concept_roles.csv`).

mod data;

use std::collections::HashSet;
use std::sync::LazyLock;

use raci_model::text::fold;
use raci_model::{is_customer, is_filler_word, Activity};
use serde::{Deserialize, Serialize};

use data::{concepts_playing, ConceptRole};
use raci_lexicon as lexicon;

/// Whose thing an activity is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Either, or neither in particular.
    Any,
    /// The service as the provider runs it (its infrastructure, platform, control plane).
    Service,
    /// What the customer runs on the service (applications, information system, data).
    Workload,
}

/// One activity of the canonical taxonomy.
#[derive(Debug, PartialEq, Eq)]
pub struct TaxonomyEntry {
    /// Stable dotted id, lifecycle phase first (`backup.service`).
    pub id: &'static str,
    /// What the activity is, in English.
    pub label: &'static str,
    /// What the activity is, by language (`en`, `fr`, `de`…).
    labels: Vec<(&'static str, &'static str)>,
    /// Whose thing it is about: a service entry and a workload entry often come in pairs.
    pub scope: Scope,
    /// Cues in concept keys of the lexicon: groups joined by ` + `, alternatives
    /// by `|`; a pattern holds when every group finds a concept.
    pub patterns: Vec<&'static str>,
}

impl TaxonomyEntry {
    /// The lifecycle phase: the id up to its first dot.
    pub fn phase(&self) -> &'static str {
        self.id.split('.').next().unwrap_or(self.id)
    }

    /// What the activity is in `language` (`fr`, `fr-FR`, `de_CH`: read by
    /// the language), in English when the taxonomy has no such language.
    pub fn label_in(&self, language: Option<&str>) -> &'static str {
        let wanted = language
            .and_then(|language| language.split(['-', '_']).next())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        self.labels
            .iter()
            .find(|(language, _)| *language == wanted)
            .map_or(self.label, |(_, label)| label)
    }
}

/// Where an activity falls in the taxonomy.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Classification {
    /// The entry that fits best; `None` when no cue of any entry is found.
    pub entry: Option<&'static TaxonomyEntry>,
    /// How sure the choice is, from 0 to 1: high when the best entry's cues are
    /// strong and no other entry comes close.
    pub confidence: f32,
    /// The second best entry, if any cue of another entry was found.
    pub runner_up: Option<&'static TaxonomyEntry>,
}

impl Classification {
    /// Whether the confidence reaches [`HIGH_CONFIDENCE`].
    pub fn is_confident(&self) -> bool {
        self.entry.is_some() && self.confidence >= HIGH_CONFIDENCE
    }
}

/// The confidence from which a classification is taken as settled.
pub const HIGH_CONFIDENCE: f32 = 0.45;

/// Every entry of the taxonomy, in lifecycle order.
pub fn taxonomy() -> &'static [TaxonomyEntry] {
    &data::ENTRIES
}

/// The entry with id `id`.
pub fn taxonomy_entry(id: &str) -> Option<&'static TaxonomyEntry> {
    taxonomy().iter().find(|entry| entry.id == id)
}

/// Where `activity` falls in the taxonomy, from its text, its innermost
/// heading and the names of its parties, in any language the lexicon knows.
pub fn classify(activity: &Activity) -> Classification {
    let evidence = Evidence::of(activity);
    let mut scored: Vec<(usize, f32)> = COMPILED
        .iter()
        .enumerate()
        .filter_map(|(index, patterns)| {
            let entry = &taxonomy()[index];
            score(patterns, &evidence).map(|s| (index, s + evidence.scope_bonus(entry.scope)))
        })
        .collect();
    if scored.is_empty() {
        scored = COMPILED
            .iter()
            .enumerate()
            .filter_map(|(index, patterns)| {
                let partial = patterns
                    .iter()
                    .map(|pattern| partial_score(pattern, &evidence))
                    .fold(0.0, f32::max);
                (partial > 0.0).then_some((index, partial))
            })
            .collect();
    }
    // Highest score first; on a tie the entry that comes first in the taxonomy.
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let Some(&(best, top)) = scored.first() else {
        return Classification {
            entry: None,
            confidence: 0.0,
            runner_up: None,
        };
    };
    let second = scored.get(1).copied();
    Classification {
        entry: Some(&taxonomy()[best]),
        confidence: confidence(top, second.map_or(0.0, |(_, s)| s)),
        runner_up: second.map(|(index, _)| &taxonomy()[index]),
    }
}

/// Weight of a cue group found in the activity's text, found there only as
/// a weak verb, and found in its headings only.
const IN_TEXT: f32 = 2.0;
const IN_TEXT_WEAK: f32 = 1.0;
const IN_SECTION: f32 = 0.8;
/// Added when a pattern holds the first strong concept of the text (most
/// matrices start a row with its verb).
const LEAD: f32 = 1.0;
/// Added when the entry's scope is the activity's, taken off when it is the other one.
const SCOPE_MATCH: f32 = 0.5;
const SCOPE_CLASH: f32 = 2.0;

/// Confidence from the best score and the runner-up's: how strong the cues
/// are, lowered as the next entry comes close (down to half on a tie).
fn confidence(top: f32, second: f32) -> f32 {
    if top <= 0.0 {
        return 0.0;
    }
    let strength = top / (top + 2.0);
    let closeness = (second.max(0.0) / top).min(1.0);
    (strength * (1.0 - 0.5 * closeness * closeness)).clamp(0.0, 1.0)
}

/// A pattern: groups, each a list of alternative concepts.
type Pattern = Vec<Vec<&'static str>>;

static COMPILED: LazyLock<Vec<Vec<Pattern>>> = LazyLock::new(|| {
    taxonomy()
        .iter()
        .map(|entry| entry.patterns.iter().map(|p| compile(p)).collect())
        .collect()
});

fn compile(pattern: &'static str) -> Pattern {
    pattern
        .split('+')
        .map(|group| group.split('|').map(str::trim).collect())
        .collect()
}

/// The best score of the patterns that hold; `None` when none does.
fn score(patterns: &[Pattern], evidence: &Evidence) -> Option<f32> {
    patterns
        .iter()
        .filter_map(|pattern| pattern_score(pattern, evidence))
        .max_by(f32::total_cmp)
}

/// A pattern's score: each group weighs by where its concept was found. A
/// pattern held only by weak verbs and headings counts for half; one that
/// holds the text's leading concept gets a little more.
fn pattern_score(pattern: &Pattern, evidence: &Evidence) -> Option<f32> {
    let mut sum = 0.0;
    let mut strong = false;
    let mut lead = false;
    for group in pattern {
        let in_text = |weak: bool| {
            group
                .iter()
                .any(|c| evidence.text.contains(c) && is_general(c) == weak)
        };
        if in_text(false) {
            sum += IN_TEXT;
            strong = true;
            lead |= evidence.lead.is_some_and(|l| group.contains(&l));
        } else if in_text(true) {
            sum += IN_TEXT_WEAK;
        } else if group.iter().any(|c| evidence.section.contains(c)) {
            sum += IN_SECTION;
        } else {
            return None;
        }
    }
    Some(match (strong, lead) {
        (false, _) => sum / 2.0,
        (true, true) => sum + LEAD,
        (true, false) => sum,
    })
}

/// A guess for an activity no pattern holds for: the groups of the pattern
/// that are found, at a quarter of their weight.
fn partial_score(pattern: &Pattern, evidence: &Evidence) -> f32 {
    let found: f32 = pattern
        .iter()
        .map(|group| {
            if group.iter().any(|c| evidence.text.contains(c)) {
                IN_TEXT
            } else if group.iter().any(|c| evidence.section.contains(c)) {
                IN_SECTION
            } else {
                0.0
            }
        })
        .sum();
    found / 4.0
}

/// What an activity offers to classify it.
struct Evidence {
    /// Concepts of the activity's text.
    text: HashSet<&'static str>,
    /// Concepts of its innermost heading.
    section: HashSet<&'static str>,
    /// The first concept of the text that is not a weak verb.
    lead: Option<&'static str>,
    scope: Option<Scope>,
}

impl Evidence {
    fn of(activity: &Activity) -> Evidence {
        let concepts = lexicon::concepts_in(&activity.text);
        let lead = concepts.iter().copied().find(|c| !is_general(c));
        let mut text: HashSet<&'static str> = concepts.into_iter().collect();
        if names_a_provider(activity) {
            text.insert("provider");
        }
        // The innermost heading names the row's topic; the outer ones are
        // umbrellas (`Service usage`, `Operations`) that would only blur it.
        let section: HashSet<&'static str> = activity
            .section
            .last()
            .map(|heading| lexicon::concepts_in(heading).into_iter().collect())
            .unwrap_or_default();
        let scope = scope_of(&text).or_else(|| scope_of(&section));
        Evidence {
            text,
            section,
            lead,
            scope,
        }
    }

    fn scope_bonus(&self, scope: Scope) -> f32 {
        match (scope, self.scope) {
            (Scope::Any, _) | (_, None) | (_, Some(Scope::Any)) => 0.0,
            (wanted, Some(found)) if wanted == found => SCOPE_MATCH,
            _ => -SCOPE_CLASH,
        }
    }
}

/// Whose thing the concepts say an activity is about: a workload or service
/// concept decides, failing that a hint.
fn scope_of(concepts: &HashSet<&'static str>) -> Option<Scope> {
    let has = |role| concepts_playing(role).any(|c| concepts.contains(c));
    [
        (ConceptRole::Workload, Scope::Workload),
        (ConceptRole::Service, Scope::Service),
        (ConceptRole::WorkloadHint, Scope::Workload),
        (ConceptRole::ServiceHint, Scope::Service),
    ]
    .into_iter()
    .find_map(|(role, scope)| has(role).then_some(scope))
}

/// Whether a concept is too general to tell one activity from another on
/// its own (`manage`, `provide`, `service`…).
fn is_general(concept: &str) -> bool {
    concepts_playing(ConceptRole::General).any(|c| c == concept)
}

/// Whether the activity's text names one of its non-customer parties
/// (`OVHcloud teams`): a sign it is about the provider's side.
fn names_a_provider(activity: &Activity) -> bool {
    let text = format!(" {} ", fold(&activity.text));
    activity
        .roles
        .keys()
        .filter(|party| !is_customer(party))
        .any(|party| {
            let name: Vec<String> = fold(party)
                .split(' ')
                .filter(|word| !word.is_empty() && !is_filler_word(word))
                .map(str::to_owned)
                .collect();
            !name.is_empty() && text.contains(&format!(" {} ", name.join(" ")))
        })
}

#[cfg(test)]
mod tests {
    use raci_model::Roles;

    use super::*;

    fn activity(section: &[&str], text: &str) -> Activity {
        Activity {
            section: section.iter().map(|s| s.to_string()).collect(),
            text: text.to_owned(),
            ..Activity::default()
        }
    }

    fn id_of(section: &[&str], text: &str) -> Option<&'static str> {
        classify(&activity(section, text)).entry.map(|e| e.id)
    }

    #[test]
    fn labels_speak_the_language_asked_for_english_otherwise() {
        let entry = taxonomy_entry("backup.service").unwrap();
        assert_eq!(entry.label, "Back up the service and restore it");
        assert_eq!(entry.label_in(Some("en-GB")), entry.label);
        assert_eq!(
            entry.label_in(Some("fr-FR")),
            "Sauvegarder le service et le restaurer"
        );
        assert_eq!(
            entry.label_in(Some("de")),
            "Den Dienst sichern und wiederherstellen"
        );
        assert_eq!(entry.label_in(Some("xx")), entry.label);
        assert_eq!(entry.label_in(None), entry.label);
    }

    #[test]
    fn english_french_and_german_sentences_meet_at_one_entry() {
        for (section, text, expected) in [
            (
                &["Before ordering"][..],
                "Pick the region of the brokers",
                "subscription.location",
            ),
            (
                &["Avant la commande"],
                "Choisir la région des courtiers",
                "subscription.location",
            ),
            (
                &["Vor der Bestellung"],
                "Den Standort der Broker wählen",
                "subscription.location",
            ),
            (
                &["Backups"],
                "Back up the broker configuration every night",
                "backup.service",
            ),
            (
                &["Sauvegardes"],
                "Sauvegarder la configuration du service chaque nuit",
                "backup.service",
            ),
            (
                &["Sicherung"],
                "Sicherungen des Dienstes implementieren",
                "backup.service",
            ),
            (
                &["Continuity"],
                "Test restoring the applications every quarter",
                "continuity.workload-restore-test",
            ),
            (
                &["Continuité"],
                "Tester la restauration des applications chaque trimestre",
                "continuity.workload-restore-test",
            ),
            (
                &["Kontinuität"],
                "Wiederherstellung der Anwendungen testen",
                "continuity.workload-restore-test",
            ),
            (
                &["End"],
                "Erase the customer's messages after the contract ends",
                "end.data-destruction",
            ),
            (
                &["Fin"],
                "Détruire les données du client en fin de service",
                "end.data-destruction",
            ),
            (
                &["Ende"],
                "Daten des Kunden am Ende vernichten",
                "end.data-destruction",
            ),
            (
                &["Security"],
                "Renew the TLS certificates of the endpoints",
                "security.certificates",
            ),
            (
                &["Sécurité"],
                "Renouveler les certificats TLS des points d'accès",
                "security.certificates",
            ),
            (
                &["Sicherheit"],
                "SSL/TLS-Zertifikate erneuern",
                "security.certificates",
            ),
        ] {
            assert_eq!(id_of(section, text), Some(expected), "{text}");
        }
    }

    #[test]
    fn the_object_decides_between_service_and_workload() {
        assert_eq!(
            id_of(
                &["Monitoring"],
                "Watch the queue depth of the producer applications"
            ),
            Some("monitoring.workload")
        );
        assert_eq!(
            id_of(
                &["Supervision"],
                "Surveiller la disponibilité de la plateforme"
            ),
            Some("monitoring.service")
        );
        assert_eq!(
            id_of(
                &["Mises à jour"],
                "Appliquer les mises à jour du SI hébergé"
            ),
            Some("update.workload")
        );
        assert_eq!(
            id_of(&["Wartung"], "Den Dienst aktualisieren"),
            Some("update.service")
        );
    }

    #[test]
    fn the_provider_named_in_the_text_points_to_the_service() {
        let mut row = activity(
            &["Access"],
            "Manage the access of Nimbus staff to the racks",
        );
        row.roles
            .insert("Nimbus".into(), "RA".parse::<Roles>().unwrap());
        row.roles
            .insert("Customer".into(), "I".parse::<Roles>().unwrap());
        assert!(names_a_provider(&row));
        assert_eq!(classify(&row).entry.unwrap().id, "access.provider-staff");
    }

    #[test]
    fn confidence_grows_with_cues_and_margin() {
        let strong = classify(&activity(
            &["Backups"],
            "Define the backup policy of the applications",
        ));
        assert_eq!(strong.entry.unwrap().id, "backup.workload-policy");
        assert!(strong.is_confident(), "{strong:?}");
        let vague = classify(&activity(&[], "Manage it"));
        assert!(!vague.is_confident(), "{vague:?}");
        let nothing = classify(&activity(&[], "Lorem ipsum dolor"));
        assert_eq!(nothing.entry, None);
        assert_eq!(nothing.confidence, 0.0);
        assert!(confidence(6.0, 0.0) > confidence(6.0, 5.0));
        assert!(confidence(6.0, 2.0) > confidence(2.0, 0.0));
    }
}
