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
/// above this (measured 0.902, see BENCHMARKS.md).
const SEED_CONFIDENT_FLOOR: f64 = 0.85;
/// Share of the corpus's activities classified with high confidence (measured 0.829).
const CORPUS_CONFIDENT_FLOOR: f64 = 0.78;
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

/// Accuracy on the hand-written cross-provider gold must stay at or above
/// this (measured 0.905, 182 of 201 rows; BENCHMARKS.md, "Taxonomy coverage").
const GOLD_ACCURACY_FLOOR: f64 = 0.88;

/// The pages of a gold file and, per page, the entry each source line
/// belongs to.
fn read_taxonomy_gold(path: &std::path::Path) -> Vec<(String, Vec<(u32, String)>)> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).expect("readable gold file");
    let mut pages: Vec<(String, Vec<(u32, String)>)> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if let Some(page) = line.strip_prefix("# page:") {
            pages.push((page.trim().to_owned(), Vec::new()));
            continue;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (number, entry) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("{file}:{}: expected line<TAB>entry", index + 1));
        let number: u32 = number
            .parse()
            .unwrap_or_else(|_| panic!("{file}:{}: `{number}` is not a line", index + 1));
        assert!(
            raci_align::taxonomy_entry(entry).is_some(),
            "{file}:{}: `{entry}` is no taxonomy entry",
            index + 1
        );
        let (_, rows) = pages
            .last_mut()
            .unwrap_or_else(|| panic!("{file}:{}: a row before any `# page:`", index + 1));
        rows.push((number, entry.to_owned()));
    }
    pages
}

#[test]
fn cross_provider_pages_land_on_the_hand_written_entries() {
    let Some(corpus) = corpus() else { return };
    let mut files: Vec<PathBuf> = std::fs::read_dir(crate::test_data("taxonomy-gold"))
        .expect("tests/taxonomy-gold")
        .flatten()
        .map(|entry| entry.path())
        .collect();
    files.sort();
    assert!(files.len() >= 2, "two cross-provider pairs");
    let (mut total, mut right, mut wrong_low, mut wrong_confident) = (0, 0, 0, 0);
    for file in &files {
        for (page, rows) in read_taxonomy_gold(file) {
            let document = parse(&corpus.join(&page));
            let lines: Vec<u32> = document.activities.iter().map(|a| a.source.line).collect();
            let named: Vec<u32> = rows.iter().map(|(line, _)| *line).collect();
            assert_eq!(
                lines, named,
                "{page}: the gold names every activity, in order"
            );
            let mut misses = Vec::new();
            for (activity, (_, expected)) in document.activities.iter().zip(&rows) {
                let class = classify(activity);
                let got = class.entry.map_or("-", |e| e.id);
                total += 1;
                if got == expected {
                    right += 1;
                    continue;
                }
                if class.is_confident() {
                    wrong_confident += 1;
                } else {
                    wrong_low += 1;
                }
                misses.push(format!(
                    "{}: {expected} got {got} ({:.2}{})",
                    activity.source.line,
                    class.confidence,
                    if class.is_confident() { "" } else { ", low" }
                ));
            }
            eprintln!(
                "{page}: {}/{} right; misses: {}",
                rows.len() - misses.len(),
                rows.len(),
                misses.join("; ")
            );
        }
    }
    let accuracy = right as f64 / total.max(1) as f64;
    eprintln!(
        "taxonomy gold: {right}/{total} right ({accuracy:.3}); wrong ones flagged low-confidence: {wrong_low}, confident: {wrong_confident}"
    );
    assert!(accuracy >= GOLD_ACCURACY_FLOOR, "{accuracy:.3}");
}
