//! The five seed documents parse with their exact activity counts, parties
//! and roles. Reads `../shared/corpus/seeds/`; skips, saying why, where absent.

#![allow(clippy::print_stderr)] // corpus tests say why they skip

use std::path::PathBuf;

use raci_model::Document;

fn seed(prefix: &str) -> Option<Document> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: the shared corpus is not at {}", dir.display());
        return None;
    };
    let path = entries.flatten().map(|e| e.path()).find(|p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
    })?;
    let bytes = std::fs::read(&path).expect("readable seed");
    Some(raci_ingest::parse(&bytes, None, path.to_str()).expect("seed parses"))
}

fn roles(document: &Document, line: u32) -> Vec<String> {
    let activity = document
        .activities
        .iter()
        .find(|a| a.source.line == line)
        .unwrap_or_else(|| panic!("no activity at line {line}"));
    document
        .parties
        .iter()
        .map(|p| {
            activity
                .roles
                .get(p)
                .map(ToString::to_string)
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn seed_000_flattened_english_page() {
    let Some(doc) = seed("000_") else { return };
    assert_eq!(doc.facts.format, "web-text");
    assert_eq!(doc.activities.len(), 58);
    assert_eq!(doc.parties, ["Customer", "OVHcloud"]);
    assert_eq!(doc.edition.as_deref(), Some("2023-07-06"));
    assert_eq!(doc.language.as_deref(), Some("en"));
    assert_eq!(roles(&doc, 17), ["A", "I"]);
    assert_eq!(roles(&doc, 26), ["A", "RI"]);
    assert_eq!(roles(&doc, 166), ["RA", "CI"]);
    assert_eq!(
        doc.activities[0].section,
        ["1. Before subscription", "1.1. Specify service as needed"]
    );
    // Lone groups are attributed and flagged as doubtful, never dropped.
    let lone = doc
        .activities
        .iter()
        .filter(|a| a.row.attribution.is_some())
        .count();
    assert_eq!(lone, 37);
    assert!(doc
        .activities
        .iter()
        .all(|a| a.roles.values().any(|r| !r.is_empty())));
}

#[test]
fn seed_001_french_markdown() {
    let Some(doc) = seed("001_") else { return };
    assert_eq!(doc.facts.format, "markdown");
    assert_eq!(doc.activities.len(), 58);
    assert_eq!(doc.parties, ["Client", "OVHcloud"]);
    assert_eq!(doc.language.as_deref(), Some("fr"));
    assert_eq!(doc.edition.as_deref(), Some("2023-07-06"));
    assert_eq!(roles(&doc, 27), ["A", "RI"]);
    assert_eq!(roles(&doc, 37), ["RA", ""]);
    assert_eq!(roles(&doc, 64), ["", "RA"]);
    assert_eq!(roles(&doc, 134), ["RA", "CI"]);
    let bold_heading = doc.activities.iter().find(|a| a.source.line == 64).unwrap();
    assert_eq!(
        bold_heading.section.last().map(String::as_str),
        Some("3.1.1. Opérations quotidiennes")
    );
    assert!(
        doc.facts.legend.is_some(),
        "the roles table is the legend, not activities"
    );
}

#[test]
fn seed_002_older_english_markdown() {
    let Some(doc) = seed("002_") else { return };
    assert_eq!(doc.activities.len(), 51);
    assert_eq!(doc.parties, ["Customer", "OVHcloud"]);
    assert_eq!(doc.edition.as_deref(), Some("2023-07-05"));
    assert_eq!(
        doc.title.as_deref(),
        Some("Managed Kubernetes - Responsibility model")
    );
    assert_eq!(roles(&doc, 65), ["RA", ""]);
    assert_eq!(
        doc.activities
            .iter()
            .find(|a| a.source.line == 65)
            .unwrap()
            .row
            .cell_count,
        2
    );
    assert_eq!(roles(&doc, 137), ["I", "RA"]);
}

#[test]
fn seed_003_glued_letters() {
    let Some(doc) = seed("003_") else { return };
    assert_eq!(doc.facts.format, "glued-text");
    assert_eq!(doc.activities.len(), 49);
    assert_eq!(doc.parties, ["Customer", "OVHcloud"]);
    assert_eq!(doc.edition.as_deref(), Some("2023-07-04"));
    assert_eq!(roles(&doc, 29), ["RA", "CI"]);
    assert_eq!(roles(&doc, 32), ["RA", "I"]);
    assert_eq!(roles(&doc, 73), ["I", "RA"]);
    assert_eq!(roles(&doc, 109), ["I", "RA"]);
    let api = doc.activities.iter().find(|a| a.source.line == 76).unwrap();
    assert!(api.text.ends_with("by using API"), "{}", api.text);
}

#[test]
fn seed_004_cloud_temple_with_footnotes() {
    let Some(doc) = seed("004_") else { return };
    assert_eq!(doc.activities.len(), 71);
    assert_eq!(doc.parties, ["Client", "Cloud Temple"]);
    assert_eq!(doc.language.as_deref(), Some("fr"));
    assert_eq!(roles(&doc, 22), ["RA", "I"]);
    assert_eq!(roles(&doc, 53), ["RA", "RA"]);
    assert_eq!(roles(&doc, 57), ["C", "R"]);
    let delegated = doc.activities.iter().find(|a| a.source.line == 22).unwrap();
    assert_eq!(delegated.notes.len(), 1);
    assert!(delegated.row.cells[1].marks[0].resolved);
    let operators = doc.activities.iter().find(|a| a.source.line == 45).unwrap();
    assert_eq!(
        operators.notes.len(),
        1,
        "the mark inside the text resolves too"
    );
    let unused: Vec<u32> = doc
        .facts
        .footnotes
        .iter()
        .filter(|f| f.uses == 0)
        .map(|f| f.span.line)
        .collect();
    assert_eq!(unused, [122]);
}

/// The flattened English page and its French Markdown translation have the
/// same rows in the same order: the French gives the true columns, so it
/// measures how often the wording-based attribution guesses right.
#[test]
fn lone_groups_are_mostly_attributed_to_the_right_party() {
    let (Some(flat), Some(truth)) = (seed("000_"), seed("001_")) else {
        return;
    };
    let mut right = 0;
    let mut total = 0;
    for (guess, known) in flat.activities.iter().zip(&truth.activities) {
        if guess.row.attribution.is_none() {
            continue;
        }
        total += 1;
        let guessed: Vec<String> = (0..2)
            .map(|p| flat.roles_of(guess, p).to_string())
            .collect();
        let actual: Vec<String> = (0..2)
            .map(|p| truth.roles_of(known, p).to_string())
            .collect();
        if guessed == actual {
            right += 1;
        } else {
            eprintln!(
                "line {}: guessed {guessed:?}, truth {actual:?}: {}",
                guess.source.line, guess.text
            );
        }
    }
    eprintln!("attribution: {right}/{total} right");
    assert_eq!(total, 37);
    assert!(
        right * 10 >= total * 9,
        "only {right} of {total} lone groups in the right column"
    );
}
