//! A matrix's tables: one per lifecycle phase, the activities grouped by
//! subheading, each party's letters, the lint findings beside their rows,
//! and the legend of the letters. The static site's matrix pages and the
//! web pages of `raci serve` render them with one template
//! (`templates/tables.html`), each in its own words ([`TableWords`]).

use std::collections::HashMap;

use askama::Template;
use raci_diagnostics::Diagnostic;
use raci_model::{Activity, Document, Role};

use crate::view::{self, Finding, Letter};

/// The words of the tables, in the reader's language.
#[derive(Clone, Debug)]
pub struct TableWords {
    /// The language of the role names and meanings (`en`, `fr`).
    pub language: String,
    pub activity: String,
    pub lint_findings: String,
    /// Before a line number: `line 12`.
    pub line: String,
    /// The tooltip of a row's line link.
    pub line_title: String,
    /// The phase of activities under no heading.
    pub no_section: String,
    /// The name of the legend, for screen readers.
    pub legend: String,
    /// The severities `error`, `warning` and `info`, in words.
    pub severities: [String; 3],
    /// Whether the legend is rendered above the tables (the site has its
    /// own, beside the filter).
    pub legend_inside: bool,
}

impl TableWords {
    /// The site's words.
    pub fn english() -> TableWords {
        TableWords {
            language: "en".to_owned(),
            activity: "Activity".to_owned(),
            lint_findings: "Lint findings".to_owned(),
            line: "line".to_owned(),
            line_title: "line in the source".to_owned(),
            no_section: "(no section)".to_owned(),
            legend: "Legend".to_owned(),
            severities: ["error".to_owned(), "warning".to_owned(), "info".to_owned()],
            legend_inside: false,
        }
    }

    /// A severity (`error`, `warning`, `info`) in words.
    pub fn severity(&self, severity: &str) -> &str {
        match severity {
            "error" => &self.severities[0],
            "warning" => &self.severities[1],
            _ => &self.severities[2],
        }
    }
}

/// One letter of the legend.
pub(crate) struct LegendEntry {
    pub(crate) letter: char,
    pub(crate) name: &'static str,
    pub(crate) meaning: &'static str,
}

/// The activities of one lifecycle phase.
pub(crate) struct Table {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) groups: Vec<Group>,
}

/// The activities under one subheading of a phase (none for the phase's own).
pub(crate) struct Group {
    pub(crate) heading: Option<String>,
    pub(crate) rows: Vec<Row>,
}

pub(crate) struct Row {
    pub(crate) anchor: String,
    pub(crate) text: String,
    pub(crate) notes: Vec<String>,
    pub(crate) line: u32,
    pub(crate) cells: Vec<Cell>,
    pub(crate) findings: Vec<Finding>,
    /// The most serious finding's severity, for the row's class.
    pub(crate) worst: Option<&'static str>,
}

pub(crate) struct Cell {
    pub(crate) party: usize,
    pub(crate) roles: String,
    pub(crate) letters: Vec<Letter>,
}

/// A matrix's tables, ready to render.
pub struct MatrixTables {
    pub(crate) words: TableWords,
    pub(crate) parties: Vec<String>,
    /// The letters the matrix uses (S only where it does).
    pub(crate) used: Vec<Role>,
    pub(crate) legend: Vec<LegendEntry>,
    pub(crate) has_row_findings: bool,
    /// Columns of a table: the activity, the parties, the findings.
    pub(crate) column_count: usize,
    pub(crate) tables: Vec<Table>,
}

#[derive(Template)]
#[template(path = "tables.html")]
struct Fragment<'a> {
    t: &'a MatrixTables,
}

impl MatrixTables {
    /// The tables of `document`, with `diagnostics` beside the rows they
    /// are about (the others are the caller's to show).
    pub fn new(document: &Document, diagnostics: &[Diagnostic], words: TableWords) -> MatrixTables {
        let mut by_activity: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
        for d in diagnostics {
            if let Some(id) = d.activity.as_deref() {
                if document.activities.iter().any(|a| a.id == id) {
                    by_activity.entry(id).or_default().push(d);
                }
            }
        }
        MatrixTables::by_activity(document, &by_activity, words)
    }

    pub(crate) fn by_activity(
        document: &Document,
        findings: &HashMap<&str, Vec<&Diagnostic>>,
        words: TableWords,
    ) -> MatrixTables {
        let used: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|role| {
                *role != Role::Supportive
                    || document
                        .activities
                        .iter()
                        .any(|a| a.roles.values().any(|r| r.contains(*role)))
            })
            .collect();
        let tables = tables(document, &words.no_section, &words.language, |activity| {
            let mut found: Vec<Finding> = findings
                .get(activity.id.as_str())
                .map(|list| list.iter().map(|d| Finding::of(d)).collect())
                .unwrap_or_default();
            found.sort_by_key(|f| severity_rank(f.severity));
            found
        });
        MatrixTables {
            legend: used
                .iter()
                .map(|role| {
                    let meaning = role.meaning(&words.language);
                    LegendEntry {
                        letter: role.letter(),
                        name: meaning.name,
                        meaning: meaning.meaning,
                    }
                })
                .collect(),
            used,
            parties: document.parties.clone(),
            has_row_findings: !findings.is_empty(),
            column_count: document.parties.len() + 1 + usize::from(!findings.is_empty()),
            tables,
            words,
        }
    }

    /// The legend and the tables as an HTML fragment (the legend only when
    /// [`TableWords::legend_inside`]).
    pub fn render(&self) -> Result<String, askama::Error> {
        Fragment { t: self }.render()
    }
}

fn severity_rank(severity: &str) -> u8 {
    match severity {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    }
}

/// The activities as tables, one per phase, in document order: a new table
/// where the phase changes, a new group where the subheading does.
pub(crate) fn tables(
    document: &Document,
    no_section: &str,
    language: &str,
    findings: impl Fn(&Activity) -> Vec<Finding>,
) -> Vec<Table> {
    let shared = raci_model::Phases::of(document).shared();
    let mut tables: Vec<Table> = Vec::new();
    for activity in &document.activities {
        let phase = activity
            .section
            .get(shared)
            .or(activity.section.last())
            .cloned()
            .unwrap_or_else(|| no_section.to_owned());
        let heading = activity
            .section
            .get(shared + 1..)
            .filter(|below| !below.is_empty())
            .map(|below| below.join(" › "));
        if tables.last().is_none_or(|table| table.title != phase) {
            tables.push(Table {
                id: format!("s-{}", tables.len() + 1),
                title: phase,
                groups: Vec::new(),
            });
        }
        let table = tables.last_mut().expect("a table was just pushed");
        if table
            .groups
            .last()
            .is_none_or(|group| group.heading != heading)
        {
            table.groups.push(Group {
                heading,
                rows: Vec::new(),
            });
        }
        let found = findings(activity);
        let row = Row {
            anchor: view::anchor(&activity.id),
            text: activity.text.clone(),
            notes: activity.notes.clone(),
            line: activity.source.line,
            cells: document
                .parties
                .iter()
                .enumerate()
                .map(|(party, name)| {
                    let roles = activity.roles.get(name).copied().unwrap_or_default();
                    Cell {
                        party,
                        roles: roles.to_string(),
                        letters: view::letters_in(roles, language),
                    }
                })
                .collect(),
            worst: found.first().map(|f| f.severity),
            findings: found,
        };
        table
            .groups
            .last_mut()
            .expect("a group was just pushed")
            .rows
            .push(row);
    }
    tables
}
