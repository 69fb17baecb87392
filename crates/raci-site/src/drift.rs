//! Drift pages: for a page published in several locales, every activity
//! whose roles differ from the base locale, every activity missing or extra,
//! and every row in another section, as `raci drift` reports them.

use askama::Template;
use raci_align::ChangeKind;
use raci_model::Roles;

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

fn roles_or_dash(roles: Roles) -> String {
    if roles.is_empty() {
        "—".to_owned()
    } else {
        roles.to_string()
    }
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
            let alignment = raci_align::align(base, other);
            let diff = raci_align::diff(base, other, &alignment);
            let mut findings = Vec::new();
            for change in &diff.changes {
                let link = |at: usize, activity: &Option<raci_model::Activity>| {
                    activity
                        .as_ref()
                        .map(|a| ActivityLink::new(catalog, at, a, ROOT))
                };
                let mut push = |kind, detail: String| {
                    findings.push(Finding {
                        kind,
                        base: link(base_at, &change.old),
                        other: link(*at, &change.new),
                        detail,
                    });
                };
                match change.kind {
                    ChangeKind::Removed => push("missing", "no counterpart here".to_owned()),
                    ChangeKind::Added => push("extra", format!("not in {base_locale}")),
                    ChangeKind::Changed => {
                        if !change.roles.is_empty() {
                            let roles: Vec<String> = change
                                .roles
                                .iter()
                                .map(|r| {
                                    format!(
                                        "{}: {} → {}",
                                        r.party,
                                        roles_or_dash(r.old),
                                        roles_or_dash(r.new)
                                    )
                                })
                                .collect();
                            push("roles", roles.join(", "));
                        }
                        if change.section_changed {
                            let section = |a: &Option<raci_model::Activity>| {
                                a.as_ref()
                                    .and_then(|a| a.section.last().cloned())
                                    .unwrap_or_default()
                            };
                            push(
                                "section",
                                format!("{} → {}", section(&change.old), section(&change.new)),
                            );
                        }
                    }
                    ChangeKind::Unchanged => {}
                }
            }
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
                cross_language: alignment.cross_language,
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
