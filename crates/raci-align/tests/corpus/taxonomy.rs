//! Classifies every activity of the five seeds and of the whole shared
//! corpus into the taxonomy. Every seed activity must get an entry; the share
//! classified with high confidence is printed (and recorded in BENCHMARKS.md,
//! section "Taxonomy coverage"), with the seeds' low-confidence rows as line
//! numbers and entry ids. Translations of one page must mostly land on the
//! same entries.

use std::path::PathBuf;

use raci_align::{classify, Classification};
use raci_model::Document;

use crate::{corpus, manifest, parse};

/// Share of seed activities classified with high confidence must stay at or
/// above this (measured 0.85, see BENCHMARKS.md).
const SEED_CONFIDENT_FLOOR: f64 = 0.80;
/// Share of the corpus's activities classified with high confidence (measured 0.775).
const CORPUS_CONFIDENT_FLOOR: f64 = 0.70;
/// Share of rows of a Cloud Temple translation classified like the French
/// original, row by row (measured 0.97 to 1.0).
const TRANSLATION_AGREEMENT_FLOOR: f64 = 0.90;

fn classified(document: &Document) -> Vec<Classification> {
    document.activities.iter().map(classify).collect()
}

fn confident_share(classes: &[Classification]) -> f64 {
    classes.iter().filter(|c| c.is_confident()).count() as f64 / classes.len().max(1) as f64
}

#[test]
fn every_seed_activity_gets_an_entry() {
    let Some(corpus) = corpus() else { return };
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(corpus.join("seeds"))
        .expect("seeds folder")
        .map(|entry| entry.expect("seed").path())
        .collect();
    seeds.sort();
    assert_eq!(seeds.len(), 5, "five seeds");
    let mut all = Vec::new();
    for seed in &seeds {
        let document = parse(seed);
        let classes = classified(&document);
        let name = seed.file_name().unwrap().to_string_lossy();
        for (activity, class) in document.activities.iter().zip(&classes) {
            assert!(
                class.entry.is_some(),
                "{name}:{}: no taxonomy entry",
                activity.source.line
            );
        }
        let low: Vec<String> = document
            .activities
            .iter()
            .zip(&classes)
            .filter(|(_, class)| !class.is_confident())
            .map(|(activity, class)| {
                format!(
                    "{}:{}",
                    activity.source.line,
                    class.entry.map_or("-", |e| e.id)
                )
            })
            .collect();
        eprintln!(
            "{name}: {} activities, {:.1}% with high confidence; low: {}",
            classes.len(),
            100.0 * confident_share(&classes),
            low.join(" ")
        );
        all.extend(classes);
    }
    let share = confident_share(&all);
    eprintln!(
        "seeds: {} activities, {:.1}% with high confidence",
        all.len(),
        100.0 * share
    );
    assert!(share >= SEED_CONFIDENT_FLOOR, "{share:.3}");
}

#[test]
fn the_whole_corpus_is_classified() {
    let Some(corpus) = corpus() else { return };
    let mut all = Vec::new();
    let mut files = 0;
    for path in manifest(&corpus) {
        let document = parse(&corpus.join(path));
        all.extend(classified(&document));
        files += 1;
    }
    let with_entry = all.iter().filter(|c| c.entry.is_some()).count();
    let share = confident_share(&all);
    eprintln!(
        "corpus: {files} files, {} activities, {with_entry} with an entry, {:.1}% with high confidence",
        all.len(),
        100.0 * share
    );
    assert!(files > 50, "{files} files in the manifest");
    assert_eq!(with_entry, all.len(), "every corpus activity gets an entry");
    assert!(share >= CORPUS_CONFIDENT_FLOOR, "{share:.3}");
}

#[test]
fn translations_land_on_the_same_entries() {
    let Some(corpus) = corpus() else { return };
    let page = corpus.join("cloud-temple/managed-kubernetes");
    let original = classified(&parse(&page.join("raci.fr.md")));
    for locale in ["en", "de", "es", "it"] {
        let translated = classified(&parse(&page.join(format!("raci.{locale}.md"))));
        assert_eq!(original.len(), translated.len(), "{locale}: same rows");
        let same = original
            .iter()
            .zip(&translated)
            .filter(|(a, b)| a.entry.map(|e| e.id) == b.entry.map(|e| e.id))
            .count();
        let agreement = same as f64 / original.len() as f64;
        eprintln!(
            "managed-kubernetes fr→{locale}: {same}/{} rows on the same entry",
            original.len()
        );
        assert!(
            agreement >= TRANSLATION_AGREEMENT_FLOOR,
            "{locale}: {agreement:.3}"
        );
    }
}
