//! The JSON array of `raci lint --format json`: the contract other tools read.
//!
//! Each object has exactly the keys `code`, `name`, `severity`, `file`,
//! `line`, `column`, `message`, `activity`, plus `fix` when there is one.

use serde::Serialize;

use crate::{Diagnostic, Severity};

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: Severity,
    file: &'a str,
    line: u32,
    column: u32,
    message: &'a str,
    activity: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    message: &'a str,
    replacement: &'a str,
    applicability: &'static str,
    line: u32,
    column: u32,
}

impl<'a> From<&'a Diagnostic> for JsonDiagnostic<'a> {
    fn from(diagnostic: &'a Diagnostic) -> Self {
        JsonDiagnostic {
            code: &diagnostic.code,
            name: &diagnostic.name,
            severity: diagnostic.severity,
            file: &diagnostic.file,
            line: diagnostic.span.line,
            column: diagnostic.span.column,
            message: &diagnostic.message,
            activity: diagnostic.activity.as_deref(),
            fix: diagnostic.fix.as_ref().map(|fix| JsonFix {
                message: &fix.message,
                replacement: &fix.replacement,
                applicability: fix.applicability.as_str(),
                line: fix.span.line,
                column: fix.span.column,
            }),
        }
    }
}

/// The diagnostics as a pretty-printed JSON array.
pub fn render_json(diagnostics: &[Diagnostic]) -> String {
    let objects: Vec<JsonDiagnostic<'_>> = diagnostics.iter().map(JsonDiagnostic::from).collect();
    serde_json::to_string_pretty(&objects).expect("strings and numbers always serialize")
}
