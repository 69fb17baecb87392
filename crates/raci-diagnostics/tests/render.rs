//! Snapshots of every renderer on one small, hand-made set of diagnostics.

use raci_diagnostics::{
    render_human, render_json, render_sarif, Diagnostic, Fix, RuleInfo, SarifRun, Severity,
    Unreadable,
};
use raci_model::Span;

const MATRIX: &str = "\
---
title: Sample service - Responsibility model
---

| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Pick the région | R | I |
| Rotate the keys | IR* | A |
";

const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: "RACI001",
        name: "missing-accountable",
        summary: "An activity has no accountable party.",
        explanation: "## What it does\nFinds activities where no party holds A.",
        default_severity: Severity::Error,
    },
    RuleInfo {
        code: "RACI005",
        name: "non-canonical-letter-order",
        summary: "A cell's letters are not in the order R A S C I.",
        explanation: "## What it does\nFinds cells such as `IR`.",
        default_severity: Severity::Warning,
    },
];

fn diagnostics() -> Vec<Diagnostic> {
    vec![
        Diagnostic::new(
            "RACI001",
            "missing-accountable",
            Severity::Error,
            Span::new(7, 3, 15),
            "no party is accountable for `Pick the région`",
        )
        .with_activity("pick-the-region")
        .with_help("give A to the one party that answers for the activity")
        .in_file("sample.md"),
        Diagnostic::new(
            "RACI005",
            "non-canonical-letter-order",
            Severity::Warning,
            Span::new(8, 21, 3),
            "`IR*` is not in canonical order: write `RI*`",
        )
        .with_activity("rotate-the-keys")
        .with_fix(Fix::safe(
            "write the letters in the order R A S C I",
            Span::new(8, 21, 3),
            "RI*",
        ))
        .in_file("sample.md"),
        Diagnostic::new(
            "RACI001",
            "missing-accountable",
            Severity::Info,
            Span::new(3, 1, 0),
            "no party is accountable for `Archive the logs`",
        )
        .in_file("missing.json"),
    ]
}

fn source_of(file: &str) -> Option<&'static str> {
    (file == "sample.md").then_some(MATRIX)
}

#[test]
fn human_report_without_colour() {
    insta::assert_snapshot!(render_human(&diagnostics(), &source_of, false));
}

#[test]
fn human_report_of_nothing_says_so() {
    assert_eq!(render_human(&[], &source_of, false), "no problems found\n");
}

#[test]
fn human_report_in_colour_uses_ansi_escapes() {
    let report = render_human(&diagnostics(), &source_of, true);
    assert!(report.contains("\u{1b}["));
    assert!(report.ends_with("1 error, 1 warning, 1 info in 2 files\n"));
}

#[test]
fn human_report_survives_spans_outside_the_source() {
    let odd = vec![
        Diagnostic::new(
            "RACI001",
            "missing-accountable",
            Severity::Error,
            Span::new(99, 1, 4),
            "far",
        )
        .in_file("sample.md"),
        Diagnostic::new(
            "RACI001",
            "missing-accountable",
            Severity::Error,
            Span::new(7, 400, 9),
            "wide",
        )
        .in_file("sample.md"),
        Diagnostic::new(
            "RACI001",
            "missing-accountable",
            Severity::Error,
            Span::new(0, 0, 0),
            "nowhere",
        ),
    ];
    let report = render_human(&odd, &source_of, false);
    assert!(report.contains("far") && report.contains("wide") && report.contains("nowhere"));
}

#[test]
fn json_array() {
    insta::assert_snapshot!(render_json(&diagnostics()));
}

#[test]
fn json_objects_have_exactly_the_contract_keys() {
    let value: serde_json::Value = serde_json::from_str(&render_json(&diagnostics())).unwrap();
    let keys = |index: usize| -> Vec<String> {
        value[index].as_object().unwrap().keys().cloned().collect()
    };
    let contract = [
        "code", "name", "severity", "file", "line", "column", "message", "activity",
    ];
    assert_eq!(keys(0), contract);
    assert_eq!(keys(1), [&contract[..], &["fix"]].concat());
    assert!(value[2]["activity"].is_null());
}

/// The SARIF of [`diagnostics`] as a run from `/work/my docs` would write
/// it, with one file that could not be read.
fn sarif() -> String {
    let unreadable = [Unreadable {
        file: "broken pages/zero.xlsx".into(),
        message: "unreadable XLSX workbook".into(),
    }];
    let help_uri = |rule: &RuleInfo| format!("https://example.invalid/rules/{}", rule.name);
    let mut diagnostics = diagnostics();
    diagnostics[0].file = "sub dir/sample.md".into();
    diagnostics[2].file = "../elsewhere/missing.json".into();
    render_sarif(
        &diagnostics,
        &SarifRun {
            rules: RULES,
            src_root: Some(std::path::Path::new("/work/my docs")),
            unreadable: &unreadable,
            source_of: &|file| (file == "sub dir/sample.md").then_some(MATRIX),
            help_uri: Some(&help_uri),
        },
    )
}

#[test]
fn sarif_log() {
    insta::assert_snapshot!(sarif());
}

/// The SARIF 2.1.0 schema shipped in the source of the `serde-sarif` crate
/// this workspace builds with (found in Cargo's registry by the version
/// `Cargo.lock` holds).
fn sarif_schema() -> serde_json::Value {
    let lock = include_str!("../../../Cargo.lock");
    let version = lock
        .split("[[package]]")
        .find(|package| package.contains("name = \"serde-sarif\""))
        .and_then(|package| package.split("version = \"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .expect("serde-sarif in Cargo.lock");
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| std::path::Path::new(&home).join(".cargo")))
        .expect("CARGO_HOME or HOME");
    let registries = std::fs::read_dir(cargo_home.join("registry/src")).expect("Cargo's registry");
    let path = registries
        .filter_map(Result::ok)
        .map(|registry| {
            registry
                .path()
                .join(format!("serde-sarif-{version}/src/schema.json"))
        })
        .find(|path| path.is_file())
        .unwrap_or_else(|| {
            panic!(
                "serde-sarif-{version}/src/schema.json in {}",
                cargo_home.display()
            )
        });
    // Some patterns hold a lone `]`, a literal in ECMAScript's regular
    // expressions but a syntax error in Rust's: escape it, meaning the same.
    let text = std::fs::read_to_string(path).unwrap();
    let lone_bracket = "-[a-zA-Z]{2}]?$";
    assert!(text.contains(lone_bracket));
    let text = text.replace(lone_bracket, "-[a-zA-Z]{2}\\\\]?$");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn sarif_log_is_valid_against_the_sarif_2_1_0_schema() {
    let validator = jsonschema::validator_for(&sarif_schema()).expect("the SARIF schema compiles");
    let log: serde_json::Value = serde_json::from_str(&sarif()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema does catch what GitHub would refuse.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        serde_json::json!(0);
    assert!(!validator.is_valid(&broken));
}

#[test]
fn sarif_log_has_what_github_code_scanning_reads() {
    let log: serde_json::Value = serde_json::from_str(&sarif()).unwrap();
    let run = &log["runs"][0];
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        "file:///work/my%20docs/"
    );
    let location = &run["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "sub%20dir/sample.md");
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    let region = &location["region"];
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endLine"],
            &region["endColumn"]
        ),
        (
            &serde_json::json!(7),
            &serde_json::json!(3),
            &serde_json::json!(7),
            &serde_json::json!(18)
        )
    );
    // A file outside the root keeps an absolute URI.
    assert_eq!(
        run["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "file:///work/elsewhere/missing.json"
    );
    for result in run["results"].as_array().unwrap() {
        assert_eq!(
            result["partialFingerprints"]["raciFinding/v1"]
                .as_str()
                .unwrap()
                .len(),
            32
        );
    }
    let rule = &run["tool"]["driver"]["rules"][0];
    for key in ["shortDescription", "fullDescription", "help"] {
        assert!(
            rule[key]["text"]
                .as_str()
                .is_some_and(|text| !text.is_empty()),
            "{key}"
        );
    }
    assert_eq!(
        rule["helpUri"],
        "https://example.invalid/rules/missing-accountable"
    );
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "error");
    assert_eq!(
        notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "broken%20pages/zero.xlsx"
    );
}

#[test]
fn sarif_log_reads_back_as_sarif() {
    let log: serde_sarif::sarif::Sarif = serde_json::from_str(&sarif()).unwrap();
    let results = log.runs[0].results.as_ref().unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(results[1].fixes.as_ref().map(Vec::len), Some(1));
    assert_eq!(
        log.runs[0].tool.driver.rules.as_ref().map(Vec::len),
        Some(2)
    );
}
