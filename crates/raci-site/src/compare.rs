//! Comparison pages: for each kind of service two providers or more cover,
//! one matrix per provider side by side, by entry of the canonical activity
//! taxonomy, as `raci compare` puts them.

use std::collections::BTreeMap;

use askama::Template;
use raci_align::{classify, taxonomy};
use raci_model::is_customer;
use raci_model::Roles;

use crate::catalog::Catalog;
use crate::names;
use crate::view::{ActivityLink, MatrixLink};

const ROOT: &str = "../";

/// A comparison the site holds.
pub(crate) struct Comparison {
    pub slug: String,
    /// The kind of service, as the index names it.
    pub label: String,
    /// The matrices compared, one per provider, by index in the catalog.
    pub columns: Vec<usize>,
    /// Other matrices of the kind, not compared (other locales, editions or
    /// services of the same provider).
    pub others: Vec<usize>,
}

/// The comparisons: one per kind of service whose pages come from two
/// providers or more. A provider's column is its page's base matrix that is
/// in English if any, then the newest edition, then the longest.
pub(crate) fn plan(catalog: &Catalog) -> Vec<Comparison> {
    let mut kinds: BTreeMap<&'static str, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
    for page in &catalog.pages {
        let (Some(kind), Some(provider)) = (page.kind, &catalog.matrices[page.base].provider)
        else {
            continue;
        };
        kinds
            .entry(kind)
            .or_default()
            .entry(provider.to_lowercase())
            .or_default()
            .extend(&page.members);
    }
    kinds
        .into_iter()
        .filter(|(_, providers)| providers.len() > 1)
        .map(|(kind, providers)| {
            let mut columns = Vec::new();
            let mut others = Vec::new();
            for matrices in providers.into_values() {
                let bases: Vec<usize> = matrices
                    .iter()
                    .copied()
                    .filter(|m| catalog.page_of(*m).base == *m)
                    .collect();
                let best = bases
                    .iter()
                    .copied()
                    .max_by_key(|m| {
                        let document = catalog.matrices[*m].document();
                        (
                            document
                                .language
                                .as_deref()
                                .is_some_and(|l| l.starts_with("en")),
                            document.edition.clone(),
                            document.activities.len(),
                            std::cmp::Reverse(*m),
                        )
                    })
                    .expect("every page has a base");
                columns.push(best);
                others.extend(matrices.into_iter().filter(|m| *m != best));
            }
            Comparison {
                slug: names::slug(kind),
                label: names::capitalized(kind),
                columns,
                others,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage {
    root: &'static str,
    lang: &'static str,
    page_title: String,
    label: String,
    columns: Vec<MatrixLink>,
    phases: Vec<Phase>,
    others: Vec<MatrixLink>,
    /// Taxonomy entries every column covers, some cover, one covers.
    covered_by_all: usize,
    gaps: usize,
    differing: usize,
}

struct Phase {
    name: String,
    rows: Vec<Row>,
}

struct Row {
    id: &'static str,
    label: &'static str,
    cells: Vec<Vec<ActivityLink>>,
    /// The customer's roles differ from one column to another.
    differs: bool,
    /// Some column has no activity for the entry.
    gap: bool,
}

pub(crate) fn render(catalog: &Catalog, comparison: &Comparison) -> Result<String, askama::Error> {
    let entries = taxonomy();
    let mut by_entry: Vec<Vec<Vec<ActivityLink>>> = (0..entries.len())
        .map(|_| comparison.columns.iter().map(|_| Vec::new()).collect())
        .collect();
    let mut customer_roles: Vec<Vec<Roles>> =
        vec![vec![Roles::NONE; comparison.columns.len()]; entries.len()];
    for (column, at) in comparison.columns.iter().enumerate() {
        let document = catalog.matrices[*at].document();
        let customer = document.parties.iter().find(|p| is_customer(p));
        for activity in &document.activities {
            let Some(entry) = classify(activity).entry else {
                continue;
            };
            let Some(index) = entries.iter().position(|e| e.id == entry.id) else {
                continue;
            };
            by_entry[index][column].push(ActivityLink::new(catalog, *at, activity, ROOT));
            if let Some(roles) = customer.and_then(|c| activity.roles.get(c)) {
                for role in roles.iter() {
                    customer_roles[index][column].insert(role);
                }
            }
        }
    }
    let mut phases: Vec<Phase> = Vec::new();
    for ((entry, cells), customer) in entries.iter().zip(by_entry).zip(customer_roles) {
        if cells.iter().all(Vec::is_empty) {
            continue;
        }
        let present: Vec<Roles> = cells
            .iter()
            .zip(&customer)
            .filter(|(cell, _)| !cell.is_empty())
            .map(|(_, roles)| *roles)
            .collect();
        let row = Row {
            id: entry.id,
            label: entry.label,
            differs: present.windows(2).any(|pair| pair[0] != pair[1]),
            gap: cells.iter().any(Vec::is_empty),
            cells,
        };
        let phase = names::capitalized(entry.phase());
        match phases.last_mut() {
            Some(last) if last.name == phase => last.rows.push(row),
            _ => phases.push(Phase {
                name: phase,
                rows: vec![row],
            }),
        }
    }
    let rows = || phases.iter().flat_map(|p| &p.rows);
    let template = ComparePage {
        root: ROOT,
        lang: "en",
        page_title: format!("{} compared", comparison.label),
        label: comparison.label.clone(),
        columns: comparison
            .columns
            .iter()
            .map(|at| MatrixLink::new(catalog, *at, ROOT))
            .collect(),
        covered_by_all: rows().filter(|r| !r.gap).count(),
        gaps: rows().filter(|r| r.gap).count(),
        differing: rows().filter(|r| r.differs).count(),
        others: comparison
            .others
            .iter()
            .map(|at| MatrixLink::new(catalog, *at, ROOT))
            .collect(),
        phases,
    };
    template.render()
}
