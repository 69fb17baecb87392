//! `raci drift DIR`: for each page published in several locales
//! (`guide.<locale>.md`, `raci.<lang>.md`), every activity whose roles differ
//! from the base locale, every activity missing or extra, and every row that
//! stands in another section.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Result;
use raci_align::ChangeKind;
use serde::Serialize;

use crate::args::{DiffFormat, DriftArgs, Global};
use crate::commands::diff::roles_or_dash;
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
            let alignment = raci_align::align(&base.document, &other.document);
            let diff = raci_align::diff(&base.document, &other.document, &alignment);
            for change in diff.changes {
                let base_line = change.old.as_ref().map(|a| a.source.line);
                let line = change.new.as_ref().map(|a| a.source.line);
                let id = change
                    .old
                    .as_ref()
                    .or(change.new.as_ref())
                    .map(|a| a.id.clone())
                    .unwrap_or_default();
                let mut push = |kind, detail: String| {
                    page.findings.push(Finding {
                        locale: locale.clone(),
                        kind,
                        base_line,
                        line,
                        activity: id.clone(),
                        detail,
                    })
                };
                match change.kind {
                    ChangeKind::Removed => push("missing", format!("no counterpart in {locale}")),
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
                                format!("`{}` → `{}`", section(&change.old), section(&change.new)),
                            );
                        }
                    }
                    ChangeKind::Unchanged => {}
                }
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

/// `guide.en-gb.md` → (`guide`, `en-gb`); `raci_s3.fr.md` → (`raci_s3`, `fr`).
fn split_locale(name: &str) -> Option<(String, String)> {
    let mut parts = name.rsplitn(3, '.');
    let _extension = parts.next()?;
    let locale = parts.next()?;
    let stem = parts.next()?;
    let (language, region) = locale.split_once('-').unwrap_or((locale, ""));
    let is_language = language.len() == 2 && language.chars().all(|c| c.is_ascii_lowercase());
    let is_region = region.is_empty()
        || ((2..=4).contains(&region.len()) && region.chars().all(|c| c.is_ascii_alphabetic()));
    (is_language && is_region).then(|| (stem.to_owned(), locale.to_owned()))
}

/// The base locale: the one asked for, else its language alone (`en`), else
/// any locale of that language, else the first.
fn pick_base(locales: &[&str], wanted: &str) -> Option<usize> {
    let language = wanted.split('-').next().unwrap_or(wanted);
    locales
        .iter()
        .position(|l| *l == wanted)
        .or_else(|| locales.iter().position(|l| *l == language))
        .or_else(|| locales.iter().position(|l| l.starts_with(language)))
        .or(if locales.is_empty() { None } else { Some(0) })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_are_read_from_file_names() {
        assert_eq!(
            split_locale("guide.en-gb.md"),
            Some(("guide".into(), "en-gb".into()))
        );
        assert_eq!(
            split_locale("raci_s3.fr.md"),
            Some(("raci_s3".into(), "fr".into()))
        );
        assert_eq!(
            split_locale("guide.en-asia.md"),
            Some(("guide".into(), "en-asia".into()))
        );
        assert_eq!(split_locale("000_80e4.txt"), None);
        assert_eq!(split_locale("notes.final.md"), None);
    }

    #[test]
    fn the_base_falls_back_to_the_language() {
        assert_eq!(pick_base(&["fr", "en", "de"], "en-gb"), Some(1));
        assert_eq!(pick_base(&["fr-fr", "en-gb"], "en-gb"), Some(1));
        assert_eq!(pick_base(&["fr-fr", "en-us"], "en-gb"), Some(1));
        assert_eq!(pick_base(&["fr", "de"], "en-gb"), Some(0));
    }
}
