//! The `raci` command, end to end, on our fixtures (`tests/fixtures/` at the
//! workspace root) and on the shared corpus where it is present.

#![allow(clippy::print_stderr)] // corpus tests say why they skip

use crate::common::{corpus, raci, refused_with, stderr, stdout, workspace};

const MARKDOWN: &str = "tests/fixtures/queue-service.en.md";
const FLAT: &str = "tests/fixtures/queue-service.flat.txt";
const GLUED: &str = "tests/fixtures/queue-service.glued.txt";

#[test]
fn parse_prints_the_canonical_json() {
    let output = raci(&["parse", MARKDOWN, "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    insta::assert_snapshot!("parse_markdown_json", stdout(&output));
}

#[test]
fn parse_reads_flattened_and_glued_pages() {
    for (file, name) in [(FLAT, "parse_flat_json"), (GLUED, "parse_glued_json")] {
        let output = raci(&["parse", file, "--format", "json"]);
        assert!(output.status.success(), "{}", stderr(&output));
        insta::assert_snapshot!(name, stdout(&output));
    }
}

#[test]
fn parse_summary_and_yaml() {
    let output = raci(&["parse", MARKDOWN]);
    assert!(output.status.success());
    insta::assert_snapshot!("parse_markdown_human", stdout(&output));
    let yaml = raci(&["parse", MARKDOWN, "--format", "yaml"]);
    assert!(stdout(&yaml).starts_with("schema: raci/v1"));
}

#[test]
fn canonical_json_reads_back_to_the_same_json() {
    let json = stdout(&raci(&["parse", MARKDOWN, "--format", "json"]));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.json");
    std::fs::write(&path, &json).unwrap();
    let again = stdout(&raci(&[
        "parse",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(json, again);
}

#[test]
fn lint_human_shows_each_finding_with_its_source_line() {
    let output = raci(&["lint", MARKDOWN, FLAT, GLUED]);
    assert_eq!(output.status.code(), Some(1), "error-level findings exit 1");
    insta::assert_snapshot!("lint_human", stdout(&output));
}

#[test]
fn lint_json_follows_the_contract() {
    let output = raci(&["lint", MARKDOWN, "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    for diagnostic in value.as_array().unwrap() {
        for key in [
            "code", "name", "severity", "file", "line", "column", "message", "activity",
        ] {
            assert!(
                diagnostic.get(key).is_some(),
                "missing {key} in {diagnostic}"
            );
        }
    }
    insta::assert_snapshot!("lint_json", stdout(&output));
}

#[test]
fn lint_sarif_is_sarif_2_1_0() {
    let output = raci(&["lint", MARKDOWN, "--format", "sarif"]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(value["version"], "2.1.0");
    assert_eq!(value["runs"][0]["tool"]["driver"]["name"], "raci");
    assert!(!value["runs"][0]["results"].as_array().unwrap().is_empty());
}

#[test]
fn lint_walks_directories_and_reads_the_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("nested")).unwrap();
    std::fs::copy(
        workspace().join(MARKDOWN),
        dir.path().join("nested/page.md"),
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.bin"), [0u8, 1, 2]).unwrap();
    // Apart from the pages: a `raci.toml` beside them would apply by itself.
    let elsewhere = tempfile::tempdir().unwrap();
    let config = elsewhere.path().join("raci.toml");
    let mut all_off = String::from("[rules]\n");
    for line in stdout(&raci(&["rule", "--format", "json"])).lines() {
        if let Some(name) = line.trim().strip_prefix("\"name\": \"") {
            all_off.push_str(&format!("{} = \"off\"\n", name.trim_end_matches("\",")));
        }
    }
    std::fs::write(&config, all_off).unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    let with_defaults = raci(&["lint", dir_arg, "--format", "json"]);
    assert_eq!(with_defaults.status.code(), Some(1));
    assert!(stdout(&with_defaults).contains("nested/page.md"));
    let silenced = raci(&[
        "lint",
        dir_arg,
        "--format",
        "json",
        "--config",
        config.to_str().unwrap(),
    ]);
    assert_eq!(silenced.status.code(), Some(0), "{}", stderr(&silenced));
    assert_eq!(stdout(&silenced).trim(), "[]");
}

#[test]
fn unusable_input_exits_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("matrix.md");
    std::fs::write(&binary, b"| a | b |\n\0\0").unwrap();
    let output = raci(&["lint", binary.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("matrix.md") && message.contains("line 2"),
        "{message}"
    );

    let latin1 = dir.path().join("latin1.md");
    std::fs::write(&latin1, b"| Activit\xe9 | Client |\n").unwrap();
    let output = raci(&["parse", latin1.to_str().unwrap()]);
    refused_with(&output, 2, "latin1.md: invalid UTF-8 at line 1, column 10");

    let output = raci(&["parse", "no/such/file.md"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no/such/file.md"));
    assert_eq!(
        stderr(&output).lines().count(),
        1,
        "one line: {}",
        stderr(&output)
    );
}

#[test]
fn rule_lists_and_explains() {
    let list = stdout(&raci(&["rule"]));
    assert!(list.contains("RACI001") && list.contains("missing-accountable"));
    let explained = raci(&["rule", "missing-accountable"]);
    assert!(explained.status.success());
    let text = stdout(&explained);
    assert!(
        text.contains("What it does") && text.contains("Use instead"),
        "{text}"
    );
    assert_eq!(stdout(&raci(&["rule", "RACI001"])), text);
    assert_eq!(raci(&["rule", "no-such-rule"]).status.code(), Some(2));
}

#[test]
fn lint_runs_over_the_whole_corpus() {
    let Some(corpus) = corpus() else { return };
    let output = raci(&["lint", corpus.to_str().unwrap(), "--format", "json"]);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        stderr(&output)
    );
    let findings: Vec<serde_json::Value> = serde_json::from_str(&stdout(&output)).unwrap();
    assert!(findings.len() > 100, "the corpus is full of real defects");
}

#[test]
fn seeds_parse_to_their_activity_counts() {
    let Some(corpus) = corpus() else { return };
    let seeds = corpus.join("seeds");
    for (prefix, count, parties) in [
        ("000_", 58, ["Customer", "OVHcloud"]),
        ("001_", 58, ["Client", "OVHcloud"]),
        ("002_", 51, ["Customer", "OVHcloud"]),
        ("003_", 49, ["Customer", "OVHcloud"]),
        ("004_", 71, ["Client", "Cloud Temple"]),
    ] {
        let path = std::fs::read_dir(&seeds)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .unwrap();
        let output = raci(&["parse", path.to_str().unwrap(), "--format", "json"]);
        let document: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        assert_eq!(
            document["activities"].as_array().unwrap().len(),
            count,
            "{prefix}"
        );
        assert_eq!(document["parties"], serde_json::json!(parties), "{prefix}");
    }
}
