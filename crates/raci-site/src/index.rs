//! The index: the matrices by provider and service, then the comparison and
//! drift pages.

use askama::Template;

use crate::catalog::Catalog;
use crate::compare::Comparison;
use crate::view::{self, Count, MatrixLink};

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage {
    root: &'static str,
    lang: &'static str,
    page_title: String,
    matrix_count: usize,
    activity_count: usize,
    providers: Vec<Provider>,
    comparisons: Vec<ComparisonLink>,
    drifts: Vec<DriftLink>,
    totals: Vec<Count>,
}

struct Provider {
    name: String,
    id: String,
    services: Vec<Service>,
}

struct Service {
    name: String,
    matrices: Vec<Entry>,
    /// Drift pages of its pages: link and the page's path.
    drifts: Vec<(String, String)>,
}

struct Entry {
    link: MatrixLink,
    activities: usize,
    counts: Vec<Count>,
}

struct ComparisonLink {
    href: String,
    label: String,
    columns: Vec<MatrixLink>,
}

struct DriftLink {
    href: String,
    key: String,
    service: String,
    locales: Vec<String>,
    base: String,
}

pub(crate) fn render(
    catalog: &Catalog,
    comparisons: &[Comparison],
) -> Result<String, askama::Error> {
    let root = "";
    let providers = catalog
        .by_provider()
        .into_iter()
        .map(|group| {
            let name = group
                .provider
                .unwrap_or_else(|| "Provider unknown".to_owned());
            Provider {
                id: format!("p-{}", crate::names::slug(&name)),
                name,
                services: group
                    .services
                    .into_iter()
                    .map(|service| {
                        let matrices = service.matrices;
                        let mut drifts: Vec<(String, String)> = Vec::new();
                        for m in &matrices {
                            let page = catalog.page_of(*m);
                            if let Some(slug) = &page.drift_slug {
                                let link = (format!("drift/{slug}.html"), page.key.clone());
                                if !drifts.contains(&link) {
                                    drifts.push(link);
                                }
                            }
                        }
                        Service {
                            name: service.name,
                            drifts,
                            matrices: matrices
                                .into_iter()
                                .map(|at| {
                                    let matrix = &catalog.matrices[at];
                                    Entry {
                                        link: MatrixLink::new(catalog, at, root),
                                        activities: matrix.document().activities.len(),
                                        counts: view::counts(&matrix.diagnostics),
                                    }
                                })
                                .collect(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let all: Vec<raci_diagnostics::Diagnostic> = catalog
        .matrices
        .iter()
        .flat_map(|m| m.diagnostics.iter().cloned())
        .collect();
    let template = IndexPage {
        root,
        lang: "en",
        page_title: "Responsibility matrices".to_owned(),
        matrix_count: catalog.matrices.len(),
        activity_count: catalog
            .matrices
            .iter()
            .map(|m| m.document().activities.len())
            .sum(),
        providers,
        comparisons: comparisons
            .iter()
            .map(|c| ComparisonLink {
                href: format!("compare/{}.html", c.slug),
                label: c.label.clone(),
                columns: c
                    .columns
                    .iter()
                    .map(|at| MatrixLink::new(catalog, *at, root))
                    .collect(),
            })
            .collect(),
        drifts: catalog
            .pages
            .iter()
            .filter_map(|page| {
                let slug = page.drift_slug.as_ref()?;
                Some(DriftLink {
                    href: format!("drift/{slug}.html"),
                    key: page.key.clone(),
                    service: page.service.clone(),
                    locales: page
                        .members
                        .iter()
                        .filter(|m| **m != page.base)
                        .filter_map(|m| catalog.matrices[*m].locale.clone())
                        .collect(),
                    base: catalog.matrices[page.base]
                        .locale
                        .clone()
                        .unwrap_or_default(),
                })
            })
            .collect(),
        totals: view::counts(&all),
    };
    template.render()
}
