//! The report for people: each diagnostic with its source line and a caret
//! under the span (rustc's style, by `annotate-snippets`), then a summary.

use std::collections::HashMap;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Patch, Renderer, Snippet};
use raci_model::LineIndex;

use super::{byte_range, without_blank_ends};
use crate::{Applicability, Diagnostic, Severity, Summary};

/// Shown as the path of a diagnostic whose file is not known.
const NO_FILE: &str = "<input>";

/// Renders `diagnostics` for a terminal, followed by a summary line such as
/// `3 errors, 2 warnings in 2 files`. `source_of` gives the text of a file by
/// name; where it gives none, the location is shown without the source line.
/// ANSI colours are used only when `color` is set.
pub fn render_human<'s>(
    diagnostics: &[Diagnostic],
    source_of: &dyn Fn(&str) -> Option<&'s str>,
    color: bool,
) -> String {
    let mut out = render_findings(diagnostics, source_of, color);
    out.push_str(&Summary::of(diagnostics).to_string());
    out.push('\n');
    out
}

/// The findings as [`render_human`] shows them, without the summary line,
/// each followed by a blank line.
pub fn render_findings<'s>(
    diagnostics: &[Diagnostic],
    source_of: &dyn Fn(&str) -> Option<&'s str>,
    color: bool,
) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut sources: HashMap<&str, Option<LineIndex<'s>>> = HashMap::new();
    let mut out = String::new();
    for diagnostic in diagnostics {
        let index = sources
            .entry(diagnostic.file.as_str())
            .or_insert_with(|| source_of(&diagnostic.file).map(LineIndex::new));
        let line_of = |line: u32| index.as_ref().and_then(|index| index.line_text(line));
        out.push_str(&renderer.render(&report(diagnostic, &line_of)));
        out.push_str("\n\n");
    }
    out
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// The groups annotate-snippets renders for one diagnostic: the finding with
/// its source line, then the fix as a suggestion.
fn report<'a>(
    diagnostic: &'a Diagnostic,
    line_of: &dyn Fn(u32) -> Option<&'a str>,
) -> Vec<Group<'a>> {
    let path = if diagnostic.file.is_empty() {
        NO_FILE
    } else {
        diagnostic.file.as_str()
    };
    let span = diagnostic.span;
    let title = level(diagnostic.severity)
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.code.as_str());
    let mut finding = match line_of(span.line) {
        Some(text) => title.element(
            Snippet::source(text)
                .line_start(span.line as usize)
                .path(path)
                .annotation(
                    AnnotationKind::Primary
                        .span(without_blank_ends(
                            text,
                            byte_range(text, span.column, span.len),
                        ))
                        .label(diagnostic.name.as_str()),
                ),
        ),
        None => title.element(origin(path, span.line, span.column)),
    };
    if line_of(span.line).is_none() {
        finding = finding.element(Level::NOTE.message(format!("rule: {}", diagnostic.name)));
    }
    if let Some(help) = &diagnostic.help {
        finding = finding.element(Level::HELP.message(help.as_str()));
    }
    let mut groups = vec![finding];
    if let Some(fix) = &diagnostic.fix {
        let suggestion = match fix.applicability {
            Applicability::Safe => Level::HELP.secondary_title(fix.message.as_str()),
            Applicability::Unsafe => Level::HELP.secondary_title(format!(
                "{} (unsafe fix: `--unsafe-fixes` applies it)",
                fix.message
            )),
        };
        groups.push(match line_of(fix.span.line) {
            Some(text) => suggestion.element(
                Snippet::source(text)
                    .line_start(fix.span.line as usize)
                    .path(path)
                    .patch(Patch::new(
                        byte_range(text, fix.span.column, fix.span.len),
                        fix.replacement.as_str(),
                    )),
            ),
            None => suggestion.element(Level::NOTE.message(format!(
                "replace with `{}` at line {}, column {}",
                fix.replacement, fix.span.line, fix.span.column
            ))),
        });
    }
    groups
}

/// Where a diagnostic stands when its source line cannot be shown.
fn origin(path: &str, line: u32, column: u32) -> Origin<'_> {
    let origin = Origin::path(path);
    if line == 0 {
        origin
    } else {
        origin
            .line(line as usize)
            .char_column(column.max(1) as usize)
    }
}
