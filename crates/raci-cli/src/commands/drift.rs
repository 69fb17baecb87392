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

use crate::args::{DiffFormat, DriftArgs, FailOn, Global};
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
    /// The activity's text, as the base locale (or the locale where it is extra) writes it.
    text: String,
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
                    text: base_activity
                        .or(other_activity)
                        .map(|a| a.text.clone())
                        .unwrap_or_default(),
                    detail,
                });
            }
        }
        let fails = match args.fail_on {
            FailOn::Roles => page.findings.iter().any(|f| f.kind != "section"),
            FailOn::Any => !page.findings.is_empty(),
            FailOn::Never => false,
        };
        if fails {
            outcome = outcome.max(Outcome::Findings);
        }
        report.pages.push(page);
    }
    progress.finish_and_clear();
    let text = match args.format {
        DiffFormat::Json => serde_json::to_string_pretty(&report)?,
        DiffFormat::Markdown => render_tables(&report),
        DiffFormat::Human => render_human(&report),
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

fn line(line: Option<u32>) -> String {
    line.map_or("—".to_owned(), |l| l.to_string())
}

/// For a terminal: each page, then one line per finding with the activity.
fn render_human(report: &Report) -> String {
    let mut out = String::new();
    for page in &report.pages {
        let others: Vec<&str> = page
            .locales
            .iter()
            .filter(|l| **l != page.base)
            .map(String::as_str)
            .collect();
        let _ = writeln!(
            out,
            "{} (base {}; {})",
            page.page,
            page.base,
            others.join(", ")
        );
        if page.findings.is_empty() {
            let _ = writeln!(out, "  no drift");
        }
        for finding in &page.findings {
            let _ = writeln!(
                out,
                "  {:<6} {:<8} line {:>4} → {:<4}  {}: {}",
                finding.locale,
                finding.kind,
                line(finding.base_line),
                line(finding.line),
                finding.text,
                finding.detail
            );
        }
        let _ = writeln!(out);
    }
    let findings: usize = report.pages.iter().map(|p| p.findings.len()).sum();
    let _ = writeln!(
        out,
        "{findings} {} in {} {}",
        if findings == 1 { "finding" } else { "findings" },
        report.pages.len(),
        if report.pages.len() == 1 {
            "page"
        } else {
            "pages"
        }
    );
    out
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
        let _ = writeln!(
            out,
            "| locale | finding | base line | line | activity | detail |"
        );
        let _ = writeln!(out, "| --- | --- | --- | --- | --- | --- |");
        for finding in &page.findings {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                finding.locale,
                finding.kind,
                line(finding.base_line),
                line(finding.line),
                finding.text.replace('|', "\\|"),
                finding.detail.replace('|', "\\|")
            );
        }
        let _ = writeln!(out);
    }
    out
}
