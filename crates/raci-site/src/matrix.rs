//! One matrix's page: its tables by section, the lint findings beside their
//! rows, a legend, and the filter the script drives.

use askama::Template;
use raci_model::{Activity, Document, Role};

use crate::catalog::Catalog;
use crate::compare::Comparison;
use crate::view::{self, Count, Finding, Letter, MatrixLink};

/// Pages other than the index are one folder down.
const ROOT: &str = "../";

#[derive(Template)]
#[template(path = "matrix.html")]
struct MatrixPage {
    root: &'static str,
    lang: String,
    page_title: String,
    title: String,
    provider: String,
    service: String,
    language: String,
    edition: String,
    path: String,
    format: String,
    activity_count: usize,
    counts: Vec<Count>,
    parties: Vec<String>,
    legend: Vec<LegendEntry>,
    roles: Vec<RoleOption>,
    document_findings: Vec<Finding>,
    has_row_findings: bool,
    /// Columns of a matrix table: the activity, the parties, the findings.
    column_count: usize,
    tables: Vec<Table>,
    /// Other locales of the same page.
    translations: Vec<MatrixLink>,
    drift_href: Option<String>,
    comparisons: Vec<(String, String)>,
}

struct LegendEntry {
    letter: char,
    name: &'static str,
    meaning: &'static str,
}

struct RoleOption {
    letter: char,
    name: &'static str,
}

/// The activities of one lifecycle phase.
struct Table {
    id: String,
    title: String,
    groups: Vec<Group>,
}

/// The activities under one subheading of a phase (none for the phase's own).
struct Group {
    heading: Option<String>,
    rows: Vec<Row>,
}

struct Row {
    anchor: String,
    text: String,
    notes: Vec<String>,
    line: u32,
    cells: Vec<Cell>,
    findings: Vec<Finding>,
    /// The most serious finding's severity, for the row's class.
    worst: Option<&'static str>,
}

struct Cell {
    party: usize,
    roles: String,
    letters: Vec<Letter>,
}

pub(crate) fn render(
    catalog: &Catalog,
    comparisons: &[Comparison],
    at: usize,
) -> Result<String, askama::Error> {
    let matrix = &catalog.matrices[at];
    let document = matrix.document();
    let page = catalog.page_of(at);
    let findings = catalog.findings_by_activity(at);
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
    let tables = tables(document, |activity| {
        let mut found: Vec<Finding> = findings
            .get(activity.id.as_str())
            .map(|list| list.iter().map(|d| Finding::of(d)).collect())
            .unwrap_or_default();
        found.sort_by_key(|f| severity_rank(f.severity));
        found
    });
    let template = MatrixPage {
        root: ROOT,
        lang: document.language.clone().unwrap_or_else(|| "en".to_owned()),
        page_title: matrix.title(),
        title: matrix.title(),
        provider: matrix.provider.clone().unwrap_or_else(|| "?".to_owned()),
        service: page.service.clone(),
        language: matrix.language(),
        edition: document.edition.clone().unwrap_or_else(|| "—".to_owned()),
        path: matrix.input.path.clone(),
        format: document.facts.format.clone(),
        activity_count: document.activities.len(),
        counts: view::counts(&matrix.diagnostics),
        parties: document.parties.clone(),
        legend: used
            .iter()
            .map(|role| LegendEntry {
                letter: role.letter(),
                name: view::role_name(*role),
                meaning: view::role_meaning(*role),
            })
            .collect(),
        roles: used
            .iter()
            .map(|role| RoleOption {
                letter: role.letter(),
                name: view::role_name(*role),
            })
            .collect(),
        document_findings: matrix
            .diagnostics
            .iter()
            .filter(|d| {
                d.activity
                    .as_deref()
                    .is_none_or(|id| !findings.contains_key(id))
            })
            .map(Finding::of)
            .collect(),
        has_row_findings: !findings.is_empty(),
        column_count: document.parties.len() + 1 + usize::from(!findings.is_empty()),
        tables,
        translations: page
            .members
            .iter()
            .filter(|m| **m != at)
            .map(|m| MatrixLink::new(catalog, *m, ROOT))
            .collect(),
        drift_href: page
            .drift_slug
            .as_ref()
            .map(|slug| format!("{ROOT}drift/{slug}.html")),
        comparisons: comparisons
            .iter()
            .filter(|c| c.columns.contains(&at) || c.others.contains(&at))
            .map(|c| (format!("{ROOT}compare/{}.html", c.slug), c.label.clone()))
            .collect(),
    };
    template.render()
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
fn tables(document: &Document, findings: impl Fn(&Activity) -> Vec<Finding>) -> Vec<Table> {
    let shared = raci_model::Phases::of(document).shared();
    let mut tables: Vec<Table> = Vec::new();
    for activity in &document.activities {
        let phase = activity
            .section
            .get(shared)
            .or(activity.section.last())
            .cloned()
            .unwrap_or_else(|| "(no section)".to_owned());
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
                        letters: view::letters(roles),
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

#[cfg(test)]
mod tests {
    use raci_model::{Activity, Document};

    use super::*;

    fn document(sections: &[&[&str]]) -> Document {
        let mut document = Document::new();
        document.parties = vec!["Customer".into(), "Nimbus".into()];
        for (n, section) in sections.iter().enumerate() {
            let mut activity = Activity {
                id: format!("a{n}"),
                text: format!("activity {n}"),
                section: section.iter().map(|s| s.to_string()).collect(),
                ..Activity::default()
            };
            activity
                .roles
                .insert("Nimbus".into(), "RA".parse().unwrap());
            document.activities.push(activity);
        }
        document
    }

    #[test]
    fn tables_follow_phases_and_groups_follow_subheadings() {
        let d = document(&[
            &["RACI", "1. Plan", "1.1. Size"],
            &["RACI", "1. Plan", "1.1. Size"],
            &["RACI", "1. Plan", "1.2. Order"],
            &["RACI", "2. Run"],
        ]);
        let tables = tables(&d, |_| Vec::new());
        // `phase: subheading×rows, …` per table.
        let shape: Vec<String> = tables
            .iter()
            .map(|t| {
                let groups: Vec<String> = t
                    .groups
                    .iter()
                    .map(|g| format!("{}×{}", g.heading.as_deref().unwrap_or("-"), g.rows.len()))
                    .collect();
                format!("{}: {}", t.title, groups.join(", "))
            })
            .collect();
        assert_eq!(shape, ["1. Plan: 1.1. Size×2, 1.2. Order×1", "2. Run: -×1"]);
        assert_eq!(tables[0].groups[0].rows[0].cells[1].roles, "RA");
        assert_eq!(tables[0].groups[0].rows[0].cells[0].roles, "");
    }

    #[test]
    fn activities_with_no_section_get_a_table_of_their_own() {
        let d = document(&[&[], &["Only"]]);
        let tables = tables(&d, |_| Vec::new());
        assert_eq!(tables[0].title, "(no section)");
        assert_eq!(tables[1].title, "Only");
    }
}
