//! Snapshots of every renderer on one small, hand-made set of diagnostics.

use raci_diagnostics::{
    render_human, render_json, render_sarif, Diagnostic, Fix, RuleInfo, Severity,
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
        .with_fix(Fix {
            message: "write the letters in the order R A S C I".into(),
            span: Span::new(8, 21, 3),
            replacement: "RI*".into(),
        })
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

#[test]
fn sarif_log() {
    insta::assert_snapshot!(render_sarif(&diagnostics(), RULES));
}

#[test]
fn sarif_log_reads_back_as_sarif() {
    let log: serde_sarif::sarif::Sarif =
        serde_json::from_str(&render_sarif(&diagnostics(), RULES)).unwrap();
    let results = log.runs[0].results.as_ref().unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(results[1].fixes.as_ref().map(Vec::len), Some(1));
    assert_eq!(
        log.runs[0].tool.driver.rules.as_ref().map(Vec::len),
        Some(2)
    );
}
