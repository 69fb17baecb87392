//! One matrix's page: its tables by section, the lint findings beside their
//! rows, a legend, and the filter the script drives.

use askama::Template;

use crate::catalog::Catalog;
use crate::compare::Comparison;
use crate::tables::{MatrixTables, TableWords};
use crate::view::{self, Count, Finding, MatrixLink};

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
    roles: Vec<RoleOption>,
    document_findings: Vec<Finding>,
    /// The legend and the tables (`tables.html`).
    t: MatrixTables,
    /// Other locales of the same page.
    translations: Vec<MatrixLink>,
    drift_href: Option<String>,
    comparisons: Vec<(String, String)>,
}

struct RoleOption {
    letter: char,
    name: &'static str,
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
    let t = MatrixTables::by_activity(document, &findings, TableWords::english());
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
        roles: t
            .used
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
        t,
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

#[cfg(test)]
mod tests {
    use raci_model::{Activity, Document};

    use crate::tables::tables;

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
        let tables = tables(&d, "(no section)", "en", |_| Vec::new());
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
        let tables = tables(&d, "(no section)", "en", |_| Vec::new());
        assert_eq!(tables[0].title, "(no section)");
        assert_eq!(tables[1].title, "Only");
    }
}
