//! `raci drift DIR`: for each page published in several locales
//! (`guide.<locale>.md`, `raci.<lang>.md`), every activity whose roles differ
//! from the base locale, every activity missing or extra, and every row that
//! stands in another section.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Result;
use raci_align::{pick_base, split_locale, DriftKind};
use serde::Serialize;

use crate::args::{DiffFormat, DriftArgs, Global};
use crate::exit::Outcome;
use crate::{input, output};

#[derive(Serialize)]
struct Report {
    pages: Vec<PageReport>,
}

#[derive(Serialize)]
struct PageReport {
    /// The folder and the file name without its locale.
    page: String,
    base: String,
    locales: Vec<String>,
    findings: Vec<Finding>,
}

#[derive(Serialize)]
struct Finding {
    locale: String,
    /// `roles`, `missing`, `extra` or `section`.
    kind: &'static str,
    base_line: Option<u32>,
    line: Option<u32>,
    /// The activity's id in the base locale (in the locale where it is extra).
    activity: String,
    detail: String,
}

pub fn run(args: &DriftArgs, global: &Global) -> Result<Outcome> {
    let pages = group_by_page(&input::expand(&args.paths)?);
    let progress = output::progress(pages.len(), global);
    let mut report = Report { pages: Vec::new() };
    let mut outcome = Outcome::Clean;
    for ((folder, stem), files) in pages {
        progress.set_message(format!("{}/{stem}", folder.display()));
        progress.inc(1);
        if files.len() < 2 {
            continue;
        }
        let mut loaded = Vec::new();
        for (locale, path) in &files {
            match input::load(path, None) {
                Ok(document) => loaded.push((locale.clone(), document)),
                Err(error) => {
                    progress.suspend(|| output::error_line(&format!("{error:#}")));
                    outcome = Outcome::Unusable;
                }
            }
        }
        let Some(base_index) = pick_base(
            &loaded.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(),
            &args.base,
        ) else {
            continue;
        };
        let (base_locale, base) = &loaded[base_index];
        let mut page = PageReport {
            page: folder.join(&stem).display().to_string(),
            base: base_locale.clone(),
            locales: loaded.iter().map(|(l, _)| l.clone()).collect(),
            findings: Vec::new(),
        };
        for (locale, other) in loaded.iter().filter(|(l, _)| l != base_locale) {
            let drift = raci_align::drift(&base.document, &other.document);
            for finding in drift.findings {
                let base_activity = finding.base.map(|i| &base.document.activities[i]);
                let other_activity = finding.other.map(|i| &other.document.activities[i]);
                let detail = match finding.kind {
                    DriftKind::Missing => format!("no counterpart in {locale}"),
                    DriftKind::Extra => format!("not in {base_locale}"),
                    _ => finding.detail,
                };
                page.findings.push(Finding {
                    locale: locale.clone(),
                    kind: finding.kind.as_str(),
                    base_line: base_activity.map(|a| a.source.line),
                    line: other_activity.map(|a| a.source.line),
                    activity: base_activity
                        .or(other_activity)
                        .map(|a| a.id.clone())
                        .unwrap_or_default(),
                    detail,
                });
            }
        }
        if page.findings.iter().any(|f| f.kind != "section") {
            outcome = outcome.max(Outcome::Findings);
        }
        report.pages.push(page);
    }
    progress.finish_and_clear();
    let text = match args.format {
        DiffFormat::Json => serde_json::to_string_pretty(&report)?,
        DiffFormat::Markdown | DiffFormat::Human => render_tables(&report),
    };
    output::print(&text);
    Ok(outcome)
}

/// Files grouped by folder and name without locale: `guide.fr-fr.md` is page
/// `guide` in locale `fr-fr`. Files with no locale in their name are left out.
fn group_by_page(files: &[PathBuf]) -> BTreeMap<(PathBuf, String), Vec<(String, PathBuf)>> {
    let mut pages: BTreeMap<(PathBuf, String), Vec<(String, PathBuf)>> = BTreeMap::new();
    for file in files {
        let Some((stem, locale)) = file
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(split_locale)
        else {
            continue;
        };
        let folder = file.parent().unwrap_or(Path::new("")).to_path_buf();
        pages
            .entry((folder, stem))
            .or_default()
            .push((locale, file.clone()));
    }
    pages
}

fn render_tables(report: &Report) -> String {
    let mut out = String::new();
    for page in &report.pages {
        let _ = writeln!(
            out,
            "## {} (base {}; {})\n",
            page.page,
            page.base,
            page.locales
                .iter()
                .filter(|l| **l != page.base)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        );
        if page.findings.is_empty() {
            let _ = writeln!(out, "No drift.\n");
            continue;
        }
        let _ = writeln!(out, "| locale | finding | base line | line | detail |");
        let _ = writeln!(out, "| --- | --- | --- | --- | --- |");
        for finding in &page.findings {
            let line = |l: Option<u32>| l.map_or("—".to_owned(), |l| l.to_string());
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                finding.locale,
                finding.kind,
                line(finding.base_line),
                line(finding.line),
                finding.detail.replace('|', "\\|")
            );
        }
        let _ = writeln!(out);
    }
    out
}
