//! What hovering shows: on a role cell (or the activity's text), every
//! party's letters for the row and what each letter means; on a finding,
//! its rule's explanation.

use std::fmt::Write as _;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position, Range};
use raci_model::{Activity, Document, Role, Span};

use crate::analysis::Analysis;
use crate::convert::{line_and_column, range_of};

/// Whether the 1-based `column` of `line` falls in `span`.
fn inside(span: Span, line: u32, column: u32) -> bool {
    span.line == line && column >= span.column && column < span.column + span.len.max(1)
}

/// The row under the cursor: a role cell of it, or its activity text.
fn row_at(document: &Document, line: u32, column: u32) -> Option<(&Activity, Span)> {
    document.activities.iter().find_map(|activity| {
        let cell = activity
            .row
            .cells
            .iter()
            .find(|cell| inside(cell.span, line, column))
            .map(|cell| cell.span);
        cell.or_else(|| {
            inside(activity.row.text_span, line, column).then_some(activity.row.text_span)
        })
        .map(|span| (activity, span))
    })
}

/// The Markdown shown on hover at `position`, if anything is there.
pub fn hover(analysis: &Analysis, position: Position) -> Option<Hover> {
    let (line, column) = line_and_column(&analysis.text, position);
    let mut parts = Vec::new();
    let mut range: Option<Range> = None;
    if let Some(document) = &analysis.document {
        if let Some((activity, span)) = row_at(document, line, column) {
            parts.push(row_card(document, activity));
            range = Some(range_of(&analysis.text, span));
        }
    }
    let here = Range::new(position, position);
    for finding in analysis.findings_at(&here) {
        if let Some(rule) = raci_lint::find_rule(&finding.code) {
            let info = rule.info();
            parts.push(format!(
                "**{}** `{}` ({}): {}\n\n{}\n\n{}",
                info.code,
                info.name,
                finding.severity,
                finding.message,
                info.explanation.trim(),
                raci_lint::doc_uri(&info)
            ));
            range.get_or_insert_with(|| range_of(&analysis.text, finding.span));
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range,
    })
}

/// The row's letters for every party, and what the letters used mean.
fn row_card(document: &Document, activity: &Activity) -> String {
    let language = document.language.as_deref().unwrap_or("en");
    let mut out = format!("**{}**", activity.text);
    if !activity.section.is_empty() {
        let _ = write!(out, "  \n_{}_", activity.section.join(" › "));
    }
    out.push_str("\n\n| party | roles | meaning |\n| --- | --- | --- |\n");
    let mut used: Vec<Role> = Vec::new();
    for (index, party) in document.parties.iter().enumerate() {
        let roles = document.roles_of(activity, index);
        let meaning: Vec<String> = roles
            .iter()
            .map(|role| {
                if !used.contains(&role) {
                    used.push(role);
                }
                let meaning = role.meaning(language);
                format!("{} {}: {}", role.letter(), meaning.name, meaning.meaning)
            })
            .collect();
        let letters = if roles.is_empty() {
            "—".to_owned()
        } else {
            roles.to_string()
        };
        let _ = writeln!(out, "| {party} | `{letters}` | {} |", meaning.join("; "));
    }
    let unused: Vec<String> = Role::ALL
        .iter()
        .filter(|role| !used.contains(role))
        .map(|role| {
            let meaning = role.meaning(language);
            format!("{} {}: {}", role.letter(), meaning.name, meaning.meaning)
        })
        .collect();
    if !unused.is_empty() {
        let _ = write!(out, "\nOther letters: {}.", unused.join("; "));
    }
    out
}
