//! Drift pages: for a page published in several locales, every activity
//! whose roles differ from the base locale, every activity missing or extra,
//! and every row in another section, as `raci drift` reports them.

use askama::Template;
use raci_align::DriftKind;

use crate::catalog::{Catalog, Page};
use crate::view::{ActivityLink, MatrixLink};

const ROOT: &str = "../";

#[derive(Template)]
#[template(path = "drift.html")]
struct DriftPage {
    root: &'static str,
    lang: &'static str,
    page_title: String,
    key: String,
    service: String,
    base: MatrixLink,
    locales: Vec<LocaleDrift>,
}

struct LocaleDrift {
    matrix: MatrixLink,
    findings: Vec<Finding>,
    /// `2 role changes · 1 missing`.
    summary: String,
    cross_language: bool,
}

struct Finding {
    /// `roles`, `missing`, `extra` or `section`: also its class.
    kind: &'static str,
    base: Option<ActivityLink>,
    other: Option<ActivityLink>,
    detail: String,
}

pub(crate) fn render(catalog: &Catalog, page: &Page) -> Result<String, askama::Error> {
    let base_at = page.base;
    let base = catalog.matrices[base_at].document();
    let base_locale = catalog.matrices[base_at].locale.clone().unwrap_or_default();
    let locales = page
        .members
        .iter()
        .filter(|m| **m != base_at)
        .map(|at| {
            let other = catalog.matrices[*at].document();
            let drift = raci_align::drift(base, other);
            let link = |at: usize, document: &raci_model::Document, index: Option<usize>| {
                index.map(|i| ActivityLink::new(catalog, at, &document.activities[i], ROOT))
            };
            let findings: Vec<Finding> = drift
                .findings
                .into_iter()
                .map(|finding| Finding {
                    kind: finding.kind.as_str(),
                    base: link(base_at, base, finding.base),
                    other: link(*at, other, finding.other),
                    detail: match finding.kind {
                        DriftKind::Missing => "no counterpart here".to_owned(),
                        DriftKind::Extra => format!("not in {base_locale}"),
                        _ => finding.detail,
                    },
                })
                .collect();
            let count = |kind: &str| findings.iter().filter(|f| f.kind == kind).count();
            let summary: Vec<String> = [
                ("roles", "role change", "role changes"),
                ("missing", "missing", "missing"),
                ("extra", "extra", "extra"),
                ("section", "in another section", "in another section"),
            ]
            .into_iter()
            .filter_map(|(kind, one, many)| {
                let n = count(kind);
                (n > 0).then(|| format!("{n} {}", if n == 1 { one } else { many }))
            })
            .collect();
            LocaleDrift {
                matrix: MatrixLink::new(catalog, *at, ROOT),
                summary: if summary.is_empty() {
                    "no drift".to_owned()
                } else {
                    summary.join(" · ")
                },
                findings,
                cross_language: drift.cross_language,
            }
        })
        .collect();
    let template = DriftPage {
        root: ROOT,
        lang: "en",
        page_title: format!("Drift of {}", page.key),
        key: page.key.clone(),
        service: page.service.clone(),
        base: MatrixLink::new(catalog, base_at, ROOT),
        locales,
    };
    template.render()
}
