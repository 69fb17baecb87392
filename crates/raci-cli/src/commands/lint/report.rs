//! The report of one `raci lint` run in each format, the summary that counts
//! the files checked, the notes on fixes, and the exit code.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use anyhow::{Context, Result};
use raci_diagnostics::render::{render_findings, render_json, render_sarif, SarifRun, Unreadable};
use raci_lint::{Applicability, Diagnostic, Severity};
use serde_json::json;

use super::{is_unusable, outcome_of, LintArgs, LintFormat, Run};
use crate::args::Global;
use crate::exit::Outcome;
use crate::output;

/// Prints the report of `run` (to `--output-file` when given) and says how
/// the run ends.
pub(super) fn print(run: &Run, args: &LintArgs, global: &Global) -> Result<Outcome> {
    let mut outcome = Outcome::Clean;
    for folder in &run.empty_folders {
        output::error_line(&format!(
            "{folder}: no page to lint in this folder (looked for .md, .txt, .html, .csv, .xlsx, .json, .yaml)"
        ));
        outcome = Outcome::Unusable;
    }
    let mut skipped = 0;
    let mut unreadable = 0;
    for (target, reason) in &run.not_linted {
        if is_unusable(target, reason) {
            output::error_line(reason.message());
            outcome = Outcome::Unusable;
            unreadable += 1;
        } else {
            skipped += 1;
            if !global.quiet {
                output::note(&format!("skipped {}", reason.message()));
            }
        }
    }
    if run.linted.is_empty() && outcome == Outcome::Clean {
        output::error_line("no matrix found in the paths given: nothing was linted");
        outcome = Outcome::Unusable;
    }
    let diagnostics: Vec<&Diagnostic> = run
        .linted
        .iter()
        .flat_map(|linted| &linted.diagnostics)
        .collect();
    let owned: Vec<Diagnostic> = diagnostics.iter().map(|d| (*d).clone()).collect();
    let fixed: usize = run.linted.iter().map(|linted| linted.fixed.len()).sum();

    if args.fix && args.paths.iter().any(|path| path.as_os_str() == "-") {
        // Like ruff: the fixed page goes to standard output, the report to standard error.
        for linted in run.linted.iter().filter(|l| is_stdin(args, &l.name)) {
            output::print(
                linted
                    .fixed_text
                    .as_deref()
                    .or(linted.text.as_deref())
                    .unwrap_or(""),
            );
        }
    }

    let mut text = if args.diff {
        diff_report(run)
    } else if args.statistics {
        statistics(&owned, args.format)?
    } else {
        match args.format {
            LintFormat::Json => render_json(&owned),
            LintFormat::Sarif => sarif(run, &owned)?,
            LintFormat::Concise => concise(&owned),
            LintFormat::Github => github(&owned),
            LintFormat::Human => {
                let sources: HashMap<&str, &str> = run
                    .linted
                    .iter()
                    .filter_map(|linted| {
                        let text = if args.fix {
                            linted.fixed_text.as_deref().or(linted.text.as_deref())
                        } else {
                            linted.text.as_deref()
                        };
                        Some((linted.name.as_str(), text?))
                    })
                    .collect();
                let source_of = |name: &str| sources.get(name).copied();
                let color = args.output_file.is_none() && output::color_enabled(global);
                render_findings(&owned, &source_of, color)
            }
        }
    };
    let human_like = matches!(args.format, LintFormat::Human | LintFormat::Concise);
    if human_like && !global.quiet && !args.diff && !args.statistics && !run.linted.is_empty() {
        text.push_str(&summary(&owned, run.linted.len(), skipped, unreadable));
        text.push('\n');
        text.push_str(&fix_notes(&owned, fixed, args));
    }
    let report_to_stderr = args.fix && args.paths.iter().any(|path| path.as_os_str() == "-");
    match &args.output_file {
        Some(path) => std::fs::write(path, &text)
            .with_context(|| format!("{}: cannot write the report", path.display()))?,
        None if report_to_stderr => {
            if !text.trim().is_empty() {
                eprint_text(&text);
            }
        }
        None => {
            if !text.trim().is_empty() {
                output::print(&text);
            }
        }
    }
    if args.diff && fixed > 0 && !global.quiet {
        output::note(&format!(
            "{} would be fixed by `raci lint --fix{}`",
            counted(fixed, "finding", "findings"),
            if args.unsafe_fixes {
                " --unsafe-fixes"
            } else {
                ""
            }
        ));
    }
    let mut ended = outcome_of(&diagnostics, args);
    if args.diff && fixed > 0 && !args.exit_zero {
        ended = Outcome::Findings;
    }
    Ok(outcome.max(ended))
}

fn is_stdin(args: &LintArgs, name: &str) -> bool {
    name == super::stdin_name(args)
}

#[allow(clippy::print_stderr)]
fn eprint_text(text: &str) {
    eprint!(
        "{}",
        if text.ends_with('\n') {
            text.to_owned()
        } else {
            format!("{text}\n")
        }
    );
}

fn counted(count: usize, singular: &str, plural: &str) -> String {
    format!("{count} {}", if count == 1 { singular } else { plural })
}

/// `3 errors, 2 warnings in 2 of 5 files checked`, or
/// `no problems found in 5 files checked`, and the files skipped.
pub(crate) fn summary(
    diagnostics: &[Diagnostic],
    checked: usize,
    skipped: usize,
    unreadable: usize,
) -> String {
    let mut line = raci_diagnostics::Summary::of(diagnostics).of_checked(checked);
    if unreadable > 0 {
        let _ = write!(
            line,
            "; {} could not be used",
            counted(unreadable, "file", "files")
        );
    }
    if skipped > 0 {
        let _ = write!(
            line,
            "; {} skipped (no matrix)",
            counted(skipped, "file", "files")
        );
    }
    line
}

/// What `--fix` did and what it could still do.
fn fix_notes(diagnostics: &[Diagnostic], fixed: usize, args: &LintArgs) -> String {
    let mut out = String::new();
    if args.fix {
        let _ = writeln!(out, "fixed {}", counted(fixed, "finding", "findings"));
    }
    let fixable = |applicability| {
        diagnostics
            .iter()
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|fix| fix.applicability == applicability)
            })
            .count()
    };
    let (safe, unsafe_) = (fixable(Applicability::Safe), fixable(Applicability::Unsafe));
    if safe > 0 && !args.fix {
        let _ = writeln!(
            out,
            "{} fixable with `--fix`",
            counted(safe, "finding", "findings")
        );
    }
    if unsafe_ > 0 && !args.unsafe_fixes {
        let _ = writeln!(
            out,
            "{} fixable with `--fix --unsafe-fixes` (the fix changes who does what: review it)",
            counted(unsafe_, "more finding", "more findings")
        );
    }
    out
}

fn diff_report(run: &Run) -> String {
    let mut out = String::new();
    for linted in &run.linted {
        let (Some(old), Some(new)) = (&linted.text, &linted.fixed_text) else {
            continue;
        };
        let diff = similar::TextDiff::from_lines(old, new);
        let _ = write!(
            out,
            "{}",
            diff.unified_diff()
                .context_radius(2)
                .header(&format!("a/{}", linted.name), &format!("b/{}", linted.name))
        );
    }
    out
}

/// How many findings each rule made, most first.
fn statistics(diagnostics: &[Diagnostic], format: LintFormat) -> Result<String> {
    let mut counts: BTreeMap<(&str, &str), (usize, usize)> = BTreeMap::new();
    for diagnostic in diagnostics {
        let entry = counts
            .entry((diagnostic.code.as_str(), diagnostic.name.as_str()))
            .or_default();
        entry.0 += 1;
        if diagnostic.fix.is_some() {
            entry.1 += 1;
        }
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    if format == LintFormat::Json {
        let values: Vec<_> = rows
            .iter()
            .map(|((code, name), (count, fixable))| {
                json!({"code": code, "name": name, "count": count, "fixable": fixable})
            })
            .collect();
        return Ok(serde_json::to_string_pretty(&values)?);
    }
    let width = rows
        .iter()
        .map(|((_, name), _)| name.len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for ((code, name), (count, fixable)) in &rows {
        let mark = if *fixable > 0 { "[*]" } else { "" };
        let _ = writeln!(out, "{count:>5}  {code}  {name:<width$}  {mark}");
    }
    Ok(out)
}

fn sarif(run: &Run, diagnostics: &[Diagnostic]) -> Result<String> {
    let root = std::env::current_dir().context("cannot tell the current folder")?;
    let unreadable: Vec<Unreadable> = run
        .not_linted
        .iter()
        .filter(|(target, reason)| is_unusable(target, reason))
        .map(|(target, reason)| Unreadable {
            file: target.name.clone(),
            message: reason.message().to_owned(),
        })
        .collect();
    let sources: HashMap<&str, &str> = run
        .linted
        .iter()
        .filter_map(|linted| Some((linted.name.as_str(), linted.text.as_deref()?)))
        .collect();
    let source_of = |name: &str| sources.get(name).copied();
    let rules = raci_lint::rule_infos();
    Ok(render_sarif(
        diagnostics,
        &SarifRun {
            rules: &rules,
            src_root: Some(&root),
            unreadable: &unreadable,
            source_of: &source_of,
            help_uri: Some(&raci_lint::doc_uri),
        },
    ))
}

/// `file:line:column: CODE [*] message`, one line a finding.
fn concise(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let mark = if d.fix.is_some() { " [*]" } else { "" };
        let _ = writeln!(
            out,
            "{}:{}:{}: {}{mark} {}",
            d.file, d.span.line, d.span.column, d.code, d.message
        );
    }
    out
}

/// GitHub Actions workflow commands: each finding an annotation.
fn github(diagnostics: &[Diagnostic]) -> String {
    let escape_data = |text: &str| {
        text.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let escape_property = |text: &str| escape_data(text).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let end = d.span.column + d.span.len.max(1);
        let _ = writeln!(
            out,
            "::{command} title={},file={},line={},col={},endColumn={end}::{}",
            escape_property(&format!("raci {} ({})", d.code, d.name)),
            escape_property(&d.file),
            d.span.line.max(1),
            d.span.column.max(1),
            escape_data(&d.message)
        );
    }
    out
}
