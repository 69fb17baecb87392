//! `raci diff`, `raci drift` and `parse --reference`, end to end, on our
//! fixtures, and on the shared corpus where it is present.

#![allow(clippy::print_stderr)] // corpus tests say why they skip

use crate::common::{corpus, json, raci, seed, stdout};

use std::process::Output;

use serde_json::Value;

const OLD: &str = "tests/fixtures/editions/queue-service.2024-03.md";
const NEW: &str = "tests/fixtures/editions/queue-service.2024-09.md";

#[test]
fn diff_reports_each_kind_of_change() {
    let output = raci(&["diff", OLD, NEW, "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "role changes exit 1");
    let diff = json(&output);
    assert_eq!(diff["old"]["edition"], "2024-03-18");
    assert_eq!(diff["new"]["edition"], "2024-09-02");
    let changes = diff["changes"].as_array().unwrap();
    let find = |text: &str| {
        changes
            .iter()
            .find(|c| {
                [&c["new"], &c["old"]]
                    .iter()
                    .any(|a| a["text"].as_str() == Some(text))
            })
            .unwrap_or_else(|| panic!("no change for {text}"))
    };
    assert_eq!(
        find("Pick the region that hosts the brokers")["kind"],
        "unchanged"
    );
    let edited = find("Estimate the message volume per day and per hour");
    assert_eq!(edited["kind"], "changed");
    assert_eq!(edited["text_changed"], true);
    assert_eq!(
        find("Choose the retention period of each queue")["kind"],
        "added"
    );
    assert_eq!(find("Restart a stuck consumer group")["kind"], "removed");
    let moved_duty = find("Rotate the access keys of the producer applications");
    assert_eq!(
        moved_duty["roles"],
        serde_json::json!([
            {"party": "Customer", "old": "RA", "new": "I"},
            {"party": "Nimbus", "old": "", "new": "RA"}
        ])
    );
    let moved_row = find("Replace failed broker disks");
    assert_eq!(moved_row["section_changed"], true);
    assert_eq!(
        find("Watch the queue depth of the applications")["split"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        find("Archive and purge the dead-letter queue every month")["merged"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn diff_renders_for_people_and_for_markdown() {
    let human = raci(&["diff", OLD, NEW]);
    insta::assert_snapshot!("diff_human", stdout(&human));
    let markdown = raci(&["diff", OLD, NEW, "--format", "markdown"]);
    insta::assert_snapshot!("diff_markdown", stdout(&markdown));
}

#[test]
fn fail_on_chooses_what_exits_1() {
    assert_eq!(
        raci(&["diff", OLD, NEW, "--fail-on", "never"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(raci(&["diff", OLD, OLD]).status.code(), Some(0));
    assert_eq!(
        raci(&["diff", OLD, OLD, "--fail-on", "any"]).status.code(),
        Some(0)
    );
    assert_eq!(
        raci(&["diff", OLD, NEW, "--fail-on", "any"]).status.code(),
        Some(1)
    );
}

#[test]
fn diff_across_languages_compares_roles_only() {
    let output = raci(&[
        "diff",
        "tests/fixtures/locales/guide.en-gb.md",
        "tests/fixtures/locales/guide.fr-fr.md",
        "--format",
        "json",
    ]);
    let diff = json(&output);
    let changed: Vec<&Value> = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] != "unchanged")
        .collect();
    assert_eq!(changed.len(), 1, "{changed:#?}");
    assert_eq!(changed[0]["roles"][0]["party"], "Nimbus");
    assert_eq!(changed[0]["roles"][0]["new"], "I");
}

#[test]
fn drift_reports_per_page_and_locale() {
    let output = raci(&["drift", "tests/fixtures/locales", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    let page = &report["pages"][0];
    assert_eq!(page["base"], "en-gb");
    let findings = page["findings"].as_array().unwrap();
    assert!(findings
        .iter()
        .any(|f| f["locale"] == "fr-fr" && f["kind"] == "roles" && f["base_line"] == 18));
    assert!(
        findings
            .iter()
            .any(|f| f["locale"] == "de-de" && f["base_line"] == 19),
        "{findings:#?}"
    );
    insta::assert_snapshot!(
        "drift_markdown",
        stdout(&raci(&["drift", "tests/fixtures/locales"]))
    );
}

#[test]
fn reference_settles_the_columns_a_flattened_page_lost() {
    let roles_of = |output: &Output, text: &str| {
        let document = json(output);
        document["activities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["text"] == text)
            .map(|a| a["roles"].clone())
            .unwrap()
    };
    let text = "Renew the broker certificates before they expire";
    let guessed = raci(&[
        "parse",
        "tests/fixtures/queue-service.flat.txt",
        "--format",
        "json",
    ]);
    assert_eq!(
        roles_of(&guessed, text),
        serde_json::json!({"Customer": "RA"}),
        "no cue: the guess is wrong"
    );
    let resolved = raci(&[
        "parse",
        "tests/fixtures/queue-service.flat.txt",
        "--reference",
        "tests/fixtures/queue-service.fr.md",
        "--format",
        "json",
    ]);
    assert!(resolved.status.success());
    assert_eq!(
        roles_of(&resolved, text),
        serde_json::json!({"Nimbus": "RA"})
    );
    assert!(String::from_utf8_lossy(&resolved.stderr).contains("3 doubtful rows settled"));
}

/// The flattened English seed, resolved against its French translation,
/// gets every role in the right column.
#[test]
fn seed_000_resolved_against_seed_001_matches_it_row_for_row() {
    let Some(corpus) = corpus() else { return };
    let (english, french) = (seed(&corpus, "000_"), seed(&corpus, "001_"));
    let resolved = json(&raci(&[
        "parse",
        &english,
        "--reference",
        &french,
        "--format",
        "json",
    ]));
    let truth = json(&raci(&["parse", &french, "--format", "json"]));
    let resolved = resolved["activities"].as_array().unwrap();
    let truth = truth["activities"].as_array().unwrap();
    assert_eq!(resolved.len(), truth.len());
    for (a, b) in resolved.iter().zip(truth) {
        let customer = |x: &Value, name: &str| x["roles"][name].as_str().unwrap_or("").to_owned();
        assert_eq!(
            customer(a, "Customer"),
            customer(b, "Client"),
            "line {}",
            a["source"]["line"]
        );
        assert_eq!(
            customer(a, "OVHcloud"),
            customer(b, "OVHcloud"),
            "line {}",
            a["source"]["line"]
        );
    }
}

#[test]
fn diff_and_drift_run_over_the_corpus() {
    let Some(corpus) = corpus() else { return };
    let (old, new) = (seed(&corpus, "002_"), seed(&corpus, "000_"));
    let output = raci(&["diff", &old, &new, "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let diff = json(&output);
    let removed = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "removed")
        .count();
    assert!(
        removed >= 15,
        "the older edition's Private Registry rows are gone: {removed}"
    );
    let drift = raci(&["drift", corpus.to_str().unwrap(), "--format", "json"]);
    assert!(matches!(drift.status.code(), Some(0 | 1)));
    let report = json(&drift);
    assert!(report["pages"].as_array().unwrap().len() >= 15);
}
