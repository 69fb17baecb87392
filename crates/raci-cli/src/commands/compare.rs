//! `raci compare A B [C…]`: matrices side by side, one row per entry of the
//! canonical taxonomy, across providers and languages.

use std::fmt::Write as _;

use anyhow::Result;
use raci_align::{classify, provider_of, taxonomy, TaxonomyEntry};
use raci_model::{Activity, Document};
use serde::Serialize;

use crate::args::{CompareArgs, CompareFormat, Global};
use crate::exit::Outcome;
use crate::{input, output};

pub fn run(args: &CompareArgs, _global: &Global) -> Result<Outcome> {
    let loaded = args
        .paths
        .iter()
        .map(|path| input::load(path, None))
        .collect::<Result<Vec<_>>>()?;
    let documents: Vec<&Document> = loaded.iter().map(|l| &l.document).collect();
    let comparison = Comparison::of(&documents);
    let text = match args.format {
        CompareFormat::Json => serde_json::to_string_pretty(&comparison)?,
        CompareFormat::Markdown => markdown(&comparison),
        CompareFormat::Human => human(&comparison),
    };
    output::print(&text);
    Ok(Outcome::Clean)
}

/// The documents and, per taxonomy entry any of them covers, each one's
/// activities classified there: the JSON contract of `raci compare`.
#[derive(Debug, Serialize)]
pub struct Comparison<'a> {
    pub documents: Vec<DocumentInfo>,
    pub rows: Vec<Row<'a>>,
}

/// What a column of the comparison is.
#[derive(Debug, Serialize)]
pub struct DocumentInfo {
    pub title: Option<String>,
    pub language: Option<String>,
    pub provider: Option<String>,
}

/// One taxonomy entry across the documents.
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    pub taxonomy: &'static str,
    pub label: &'static str,
    /// One cell per document, in the order the documents were given.
    pub cells: Vec<Cell<'a>>,
}

/// A document's activities for one taxonomy entry; empty where it leaves
/// the entry out.
#[derive(Debug, Serialize)]
pub struct Cell<'a> {
    /// The document's index in `documents`.
    pub document: usize,
    pub activities: Vec<&'a Activity>,
}

impl<'a> Comparison<'a> {
    /// Classifies every activity of every document and gathers them by entry,
    /// in taxonomy order; entries no document covers are left out. Labels are
    /// in the documents' language when they share one, else in English.
    pub fn of(documents: &[&'a Document]) -> Comparison<'a> {
        let entries = taxonomy();
        let language = shared_language(documents);
        // by_entry[entry][document] = activities
        let mut by_entry: Vec<Vec<Vec<&'a Activity>>> =
            vec![vec![Vec::new(); documents.len()]; entries.len()];
        for (index, document) in documents.iter().enumerate() {
            for activity in &document.activities {
                let entry = classify(activity).entry;
                if let Some(at) =
                    entry.and_then(|entry| entries.iter().position(|e| e.id == entry.id))
                {
                    by_entry[at][index].push(activity);
                }
            }
        }
        let rows = entries
            .iter()
            .zip(by_entry)
            .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
            .map(|(entry, cells): (&TaxonomyEntry, _)| Row {
                taxonomy: entry.id,
                label: entry.label_in(language),
                cells: cells
                    .into_iter()
                    .enumerate()
                    .map(|(document, activities)| Cell {
                        document,
                        activities,
                    })
                    .collect(),
            })
            .collect();
        Comparison {
            documents: documents.iter().map(|d| DocumentInfo::of(d)).collect(),
            rows,
        }
    }
}

impl DocumentInfo {
    fn of(document: &Document) -> DocumentInfo {
        DocumentInfo {
            title: document.title.clone(),
            language: document.language.clone(),
            provider: provider_of(document),
        }
    }
}

/// The language every document is written in (`fr` for `fr-FR` and
/// `fr-CA`), if they share one.
fn shared_language<'d>(documents: &[&'d Document]) -> Option<&'d str> {
    let language_of = |document: &&'d Document| {
        document
            .language
            .as_deref()
            .and_then(|language| language.split(['-', '_']).next())
    };
    let first = documents.first().and_then(language_of)?;
    documents
        .iter()
        .all(|document| language_of(document).is_some_and(|l| l.eq_ignore_ascii_case(first)))
        .then_some(first)
}

/// A name fit for a Markdown table cell.
fn cell_text(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// How a document is named in a column header: `Nimbus (en)`.
fn column_name(index: usize, info: &DocumentInfo) -> String {
    let name = info
        .provider
        .clone()
        .or_else(|| info.title.clone())
        .unwrap_or_else(|| format!("document {}", index + 1));
    match &info.language {
        Some(language) => format!("{}. {} ({language})", index + 1, cell_text(&name)),
        None => format!("{}. {}", index + 1, cell_text(&name)),
    }
}

/// `Customer RA · Nimbus I`, `(no role)` for an activity with none.
fn letters(activity: &Activity) -> String {
    let roles: Vec<String> = activity
        .role_entries()
        .map(|(party, roles)| format!("{} {roles}", cell_text(party)))
        .collect();
    if roles.is_empty() {
        "(no role)".to_owned()
    } else {
        roles.join(" · ")
    }
}

/// `Customer RA · Nimbus I` for one activity; for several, each one's text
/// then its letters, `<br>` between them; `—` for none.
fn roles_cell(activities: &[&Activity]) -> String {
    match activities {
        [] => "—".to_owned(),
        [one] => letters(one),
        several => several
            .iter()
            .map(|activity| format!("{}: {}", cell_text(&activity.text), letters(activity)))
            .collect::<Vec<_>>()
            .join("<br>"),
    }
}

/// The comparison for a terminal: per taxonomy entry, each document's
/// activities with their text and letters; then the gaps.
pub fn human(comparison: &Comparison) -> String {
    let mut out = String::new();
    let columns: Vec<String> = comparison
        .documents
        .iter()
        .enumerate()
        .map(|(index, info)| column_name(index, info))
        .collect();
    let width = columns.iter().map(|c| c.chars().count()).max().unwrap_or(0);
    for (column, info) in columns.iter().zip(&comparison.documents) {
        let _ = writeln!(
            out,
            "{column}: {}",
            info.title.as_deref().unwrap_or("(untitled)")
        );
    }
    for row in &comparison.rows {
        let _ = writeln!(out, "\n{}  {}", row.taxonomy, row.label);
        for cell in &row.cells {
            let column = &columns[cell.document];
            if cell.activities.is_empty() {
                let _ = writeln!(out, "  {column:<width$}  —");
            }
            for activity in &cell.activities {
                let _ = writeln!(
                    out,
                    "  {column:<width$}  {}  ({}, line {})",
                    letters(activity),
                    activity.text,
                    activity.source.line
                );
            }
        }
    }
    let gaps = comparison
        .rows
        .iter()
        .filter(|row| row.cells.iter().any(|c| c.activities.is_empty()))
        .count();
    let _ = writeln!(
        out,
        "\n{} taxonomy entries, {gaps} covered by some documents and not others",
        comparison.rows.len()
    );
    out
}

/// The comparison as Markdown: the documents, the table by taxonomy entry,
/// then what one document covers and another leaves out.
pub fn markdown(comparison: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Comparison by taxonomy entry\n");
    let _ = writeln!(out, "| # | Title | Language | Provider |");
    let _ = writeln!(out, "| --- | --- | --- | --- |");
    for (index, info) in comparison.documents.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            index + 1,
            cell_text(info.title.as_deref().unwrap_or("(untitled)")),
            info.language.as_deref().unwrap_or("?"),
            cell_text(info.provider.as_deref().unwrap_or("?")),
        );
    }
    let columns: Vec<String> = comparison
        .documents
        .iter()
        .enumerate()
        .map(|(index, info)| column_name(index, info))
        .collect();
    let _ = writeln!(out, "\n| Taxonomy entry | {} |", columns.join(" | "));
    let _ = writeln!(
        out,
        "| --- |{}",
        " --- |".repeat(comparison.documents.len())
    );
    for row in &comparison.rows {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|cell| roles_cell(&cell.activities))
            .collect();
        let _ = writeln!(
            out,
            "| `{}` {} | {} |",
            row.taxonomy,
            row.label,
            cells.join(" | ")
        );
    }
    let gaps: Vec<String> = comparison
        .rows
        .iter()
        .filter(|row| row.cells.iter().any(|c| c.activities.is_empty()))
        .map(|row| {
            let names = |covered: bool| {
                row.cells
                    .iter()
                    .filter(|c| c.activities.is_empty() != covered)
                    .map(|c| columns[c.document].clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            format!(
                "- `{}` {}: in {}; not in {}",
                row.taxonomy,
                row.label,
                names(true),
                names(false)
            )
        })
        .collect();
    let _ = writeln!(out, "\n## Covered by one document and not another\n");
    if gaps.is_empty() {
        let _ = writeln!(out, "Every document covers every entry above.");
    } else {
        for gap in gaps {
            let _ = writeln!(out, "{gap}");
        }
    }
    out
}
