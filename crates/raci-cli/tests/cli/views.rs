//! `raci duties`, `raci who` and `raci stats`, end to end, on our fixtures,
//! and on every seed of the shared corpus where it is present.

#![allow(clippy::print_stderr)] // corpus tests say why they skip

use crate::common::{raci, refused_with, stderr, stdout, workspace};

use std::path::PathBuf;

fn ok(args: &[&str]) -> String {
    let output = raci(args);
    assert!(
        output.status.success(),
        "raci {}: {}",
        args.join(" "),
        stderr(&output)
    );
    stdout(&output)
}

const MARKDOWN: &str = "tests/fixtures/queue-service.en.md";
const FRENCH: &str = "tests/fixtures/queue-service.fr.md";

#[test]
fn duties_markdown_and_json() {
    insta::assert_snapshot!(
        "duties_customer_markdown",
        ok(&["duties", MARKDOWN, "--party", "customer"])
    );
    insta::assert_snapshot!(
        "duties_provider_json",
        ok(&["duties", MARKDOWN, "--party", "NIMBUS", "--format", "json"])
    );
}

#[test]
fn duties_aliases_name_the_same_party() {
    let by_alias = ok(&["duties", MARKDOWN, "--party", "provider"]);
    let by_name = ok(&["duties", MARKDOWN, "--party", "nimbus"]);
    assert_eq!(by_alias, by_name);
    assert!(by_alias.starts_with("# Duties of Nimbus"));
    // The French page calls the customer "Client".
    let french = ok(&["duties", FRENCH, "--party", "customer", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&french).unwrap();
    assert_eq!(json["party"], "Client");
}

#[test]
fn duties_of_an_unknown_party_exit_2_naming_the_parties() {
    let output = raci(&["duties", MARKDOWN, "--party", "Stratus"]);
    refused_with(
        &output,
        2,
        "no party `Stratus` in this matrix; its parties are Customer, Nimbus",
    );
}

#[test]
fn duties_html_is_one_printable_page() {
    let html = ok(&[
        "duties", MARKDOWN, "--party", "customer", "--format", "html",
    ]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("@media print"));
    assert_eq!(
        html.matches("type=\"checkbox\"").count(),
        11,
        "one box per duty"
    );
    // The apostrophe of "customer's" is escaped, not dropped.
    assert!(
        html.contains("Erase the customer&#39;s messages")
            || html.contains("Erase the customer&#x27;s messages")
    );
    assert!(!html.contains("<script"));
}

#[test]
fn who_finds_words_and_prints_every_party() {
    insta::assert_snapshot!("who_backup_human", ok(&["who", MARKDOWN, "backup"]));
    insta::assert_snapshot!(
        "who_keys_json",
        ok(&["who", MARKDOWN, "access", "KEYS", "--format", "json"])
    );
    // Accents and case are folded, in the document's language.
    let french = ok(&["who", FRENCH, "--format", "json", "REGION"]);
    let json: serde_json::Value = serde_json::from_str(&french).unwrap();
    assert_eq!(
        json["matches"][0]["text"],
        "Choisir la région qui héberge les brokers"
    );
    // Headings count: every row under "2.1. Opérations quotidiennes".
    let french = ok(&["who", FRENCH, "--format", "json", "opérations"]);
    let json: serde_json::Value = serde_json::from_str(&french).unwrap();
    assert!(json["matches"].as_array().unwrap().len() >= 3, "{french}");
    let none = raci(&["who", MARKDOWN, "kubernetes"]);
    assert_eq!(none.status.code(), Some(1), "no match exits 1, as grep");
    assert!(stdout(&none).starts_with("0 activities match"));
}

#[test]
fn who_takes_taxonomy_ids() {
    let Some(entry) = raci_align_first_entry() else {
        eprintln!("skipped: the taxonomy is empty");
        return;
    };
    let output = ok(&["who", MARKDOWN, &entry, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&output).unwrap();
    assert_eq!(json["kind"], "taxonomy");
    for found in json["matches"].as_array().unwrap() {
        assert_eq!(found["taxonomy"]["id"], entry.as_str());
    }
    // The backup rows of the fixture are classified somewhere under `backup`.
    let backups = ok(&["who", MARKDOWN, "backup.", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&backups).unwrap();
    assert_eq!(json["kind"], "taxonomy");
    let texts: Vec<&str> = json["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.contains(&"Back up the queue definitions"),
        "{texts:?}"
    );
}

/// An entry id of the taxonomy, read from `raci compare`'s vocabulary
/// through the library the binary uses.
fn raci_align_first_entry() -> Option<String> {
    raci_align::taxonomy()
        .iter()
        .find(|entry| entry.id.starts_with("backup"))
        .map(|entry| entry.id.to_owned())
}

#[test]
fn stats_human_json_markdown() {
    insta::assert_snapshot!("stats_human", ok(&["stats", MARKDOWN]));
    insta::assert_snapshot!("stats_json", ok(&["stats", MARKDOWN, "--format", "json"]));
    insta::assert_snapshot!(
        "stats_markdown",
        ok(&["stats", MARKDOWN, "--format", "markdown"])
    );
}

#[test]
fn stats_walks_directories() {
    let output = ok(&["stats", "tests/fixtures/locales", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&output).unwrap();
    assert_eq!(json["documents"].as_array().unwrap().len(), 3);
}

#[test]
fn heatmap_svg_and_png() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("matrix.svg");
    let png = dir.path().join("matrix.PNG");
    ok(&["stats", MARKDOWN, "--heatmap", svg.to_str().unwrap()]);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(text.contains("Erase the customer&#39;s messages"));
    assert_eq!(text.matches(">RA</text>").count(), 12);
    ok(&["stats", MARKDOWN, "--heatmap", png.to_str().unwrap()]);
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..4], b"\x89PNG");
    let output = raci(&["stats", MARKDOWN, "--heatmap", "out.gif"]);
    assert_eq!(output.status.code(), Some(2));
    let output = raci(&["stats", "tests/fixtures/locales", "--heatmap", "out.svg"]);
    assert_eq!(output.status.code(), Some(2), "one matrix only");
}

/// Reads `../shared/corpus/seeds` when present; says so and passes when absent.
fn seeds() -> Option<Vec<PathBuf>> {
    let path = workspace().join("../shared/corpus/seeds");
    if !path.is_dir() {
        eprintln!("skipped: no shared corpus at {}", path.display());
        return None;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    Some(files)
}

#[test]
fn every_view_runs_on_every_seed() {
    let Some(seeds) = seeds() else { return };
    assert_eq!(seeds.len(), 5);
    let dir = tempfile::tempdir().unwrap();
    for seed in &seeds {
        let seed = seed.to_str().unwrap();
        for party in ["customer", "provider"] {
            for format in ["markdown", "json", "html"] {
                let text = ok(&["duties", seed, "--party", party, "--format", format]);
                assert!(text.len() > 500, "{seed} {party} {format}");
            }
        }
        let json = ok(&["duties", seed, "--party", "customer", "--format", "json"]);
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert!(json["phases"].as_array().unwrap().len() >= 3, "{seed}");

        let stats = ok(&["stats", seed, "--format", "json"]);
        let stats: serde_json::Value = serde_json::from_str(&stats).unwrap();
        assert!(
            stats["documents"][0]["activities"].as_u64().unwrap() > 40,
            "{seed}"
        );
        ok(&["stats", seed, "--format", "markdown"]);
        let png = dir.path().join("seed.png");
        ok(&["stats", seed, "--heatmap", png.to_str().unwrap()]);
        assert!(std::fs::metadata(&png).unwrap().len() > 10_000);

        // Every seed has backup rows, in English or French.
        let who = ok(&["who", seed, "--format", "json", "sauvegarde"]);
        let french: serde_json::Value = serde_json::from_str(&who).unwrap();
        let who = ok(&["who", seed, "--format", "json", "backup"]);
        let english: serde_json::Value = serde_json::from_str(&who).unwrap();
        let found = french["matches"].as_array().unwrap().len()
            + english["matches"].as_array().unwrap().len();
        assert!(found > 0, "{seed}: no backup row found");
        ok(&["who", seed, "backup."]);
    }
    let all = ok(&["stats", "../shared/corpus/seeds"]);
    assert_eq!(all.matches("  total ").count(), 5);
}
