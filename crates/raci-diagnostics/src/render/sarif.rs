//! SARIF 2.1.0, for code-scanning dashboards: one run of the tool `raci`,
//! its rules as descriptors, and one result per diagnostic.

use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix as SarifFix, Location, Message,
    MultiformatMessageString, PhysicalLocation, Region, Replacement, ReportingConfiguration,
    ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif, Tool, ToolComponent,
    SCHEMA_URL,
};

use crate::{Diagnostic, Fix, RuleInfo, Severity};

const TOOL_NAME: &str = "raci";
const SARIF_VERSION: &str = "2.1.0";

/// The diagnostics as a pretty-printed SARIF 2.1.0 log. `rules` describes
/// every rule that could have reported (the driver lists them all, so a
/// dashboard knows a rule that found nothing).
pub fn render_sarif(diagnostics: &[Diagnostic], rules: &[RuleInfo]) -> String {
    let driver = ToolComponent::builder()
        .name(TOOL_NAME)
        .version(env!("CARGO_PKG_VERSION"))
        .rules(rules.iter().map(descriptor).collect::<Vec<_>>())
        .build();
    let results: Vec<SarifResult> = diagnostics
        .iter()
        .map(|diagnostic| result(diagnostic, rules))
        .collect();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .build();
    let log = Sarif::builder()
        .schema(SCHEMA_URL)
        .version(serde_json::Value::from(SARIF_VERSION))
        .runs(vec![run])
        .build();
    serde_json::to_string_pretty(&log).expect("a SARIF log of plain data always serializes")
}

fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

fn text(text: &str) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(text).build()
}

fn message(text: &str) -> Message {
    Message::builder().text(text).build()
}

fn descriptor(rule: &RuleInfo) -> ReportingDescriptor {
    let level = serde_json::to_value(level(rule.default_severity)).unwrap_or_default();
    ReportingDescriptor::builder()
        .id(rule.code)
        .name(rule.name)
        .short_description(text(rule.summary))
        .full_description(text(rule.explanation))
        .help(
            MultiformatMessageString::builder()
                .text(rule.explanation)
                .markdown(rule.explanation)
                .build(),
        )
        .default_configuration(ReportingConfiguration::builder().level(level).build())
        .build()
}

/// The region a span covers; SARIF columns are 1-based like ours, and the
/// end column is the one after the last character.
fn region(line: u32, column: u32, len: u32) -> Region {
    let line = i64::from(line.max(1));
    let column = i64::from(column.max(1));
    if len == 0 {
        Region::builder()
            .start_line(line)
            .start_column(column)
            .build()
    } else {
        Region::builder()
            .start_line(line)
            .start_column(column)
            .end_column(column + i64::from(len))
            .build()
    }
}

fn artifact(file: &str) -> ArtifactLocation {
    ArtifactLocation::builder().uri(file).build()
}

fn result(diagnostic: &Diagnostic, rules: &[RuleInfo]) -> SarifResult {
    let span = diagnostic.span;
    let location = Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location(artifact(&diagnostic.file))
                .region(region(span.line, span.column, span.len))
                .build(),
        )
        .build();
    let rule_index = rules.iter().position(|rule| rule.code == diagnostic.code);
    let fixes: Vec<SarifFix> = diagnostic
        .fix
        .iter()
        .map(|fix| sarif_fix(&diagnostic.file, fix))
        .collect();
    let mut result = SarifResult::builder()
        .rule_id(diagnostic.code.as_str())
        .level(level(diagnostic.severity))
        .message(message(&diagnostic.message))
        .locations(vec![location])
        .build();
    result.rule_index = rule_index.and_then(|index| i64::try_from(index).ok());
    if !fixes.is_empty() {
        result.fixes = Some(fixes);
    }
    result
}

fn sarif_fix(file: &str, fix: &Fix) -> SarifFix {
    let replacement = Replacement::builder()
        .deleted_region(region(fix.span.line, fix.span.column, fix.span.len))
        .inserted_content(
            ArtifactContent::builder()
                .text(fix.replacement.as_str())
                .build(),
        )
        .build();
    SarifFix::builder()
        .description(message(&fix.message))
        .artifact_changes(vec![ArtifactChange::builder()
            .artifact_location(artifact(file))
            .replacements(vec![replacement])
            .build()])
        .build()
}
