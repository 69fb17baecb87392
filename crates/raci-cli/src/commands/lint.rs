//! `raci lint PATH…`: every defect of every matrix, by line, with the habits
//! of ruff and clippy: `--fix`, `--diff`, `--unsafe-fixes`, rule selection,
//! `--statistics`, `--output-file`, `--exit-zero`, `--max-warnings`,
//! `--watch`, standard input with `--stdin-filename`, and the configuration
//! of each file found next to it.

pub mod args;
mod load;
mod report;
mod watch;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use raci_lint::discovery::{ConfigFinder, CONFIG_FILE};
use raci_lint::{Config, Diagnostic, Selection, Severity};
use rayon::prelude::*;

use crate::args::Global;
use crate::exit::Outcome;
use crate::{files, output};
pub use args::{LintArgs, LintFormat};
use load::{NotLinted, Origin, Target};

pub fn run(args: &LintArgs, global: &Global) -> Result<Outcome> {
    if args.watch {
        return watch::run(args, global);
    }
    check(args, global)
}

/// What linting one file gave.
pub(crate) struct Linted {
    pub name: String,
    /// The text as read (for source lines), where it is text.
    pub text: Option<String>,
    /// The findings left (after fixing, with `--fix`).
    pub diagnostics: Vec<Diagnostic>,
    /// The findings `--fix` or `--diff` fixed.
    pub fixed: Vec<Diagnostic>,
    /// The text after fixing, when it changed.
    pub fixed_text: Option<String>,
}

/// Everything one run found, for the report.
pub(crate) struct Run {
    pub linted: Vec<Linted>,
    /// Files that could not be used, with the reason.
    pub not_linted: Vec<(Target, NotLinted)>,
    /// Folders named that held no file to lint.
    pub empty_folders: Vec<String>,
}

/// One run of the linter over the arguments: read, lint, fix, report.
pub(crate) fn check(args: &LintArgs, global: &Global) -> Result<Outcome> {
    let (targets, empty_folders) = load::targets(&args.paths, args.stdin_filename.as_deref());
    let configs = configs_of(&targets, args)?;
    let progress = output::progress(targets.len(), global);
    let results: Vec<Result<Linted, NotLinted>> = targets
        .par_iter()
        .zip(&configs)
        .map(|(target, config)| {
            let result = lint_one(target, config, args);
            progress.inc(1);
            result
        })
        .collect();
    progress.finish_and_clear();
    let mut run = Run {
        linted: Vec::new(),
        not_linted: Vec::new(),
        empty_folders,
    };
    for (target, result) in targets.into_iter().zip(results) {
        match result {
            Ok(linted) => run.linted.push(linted),
            Err(reason) => run.not_linted.push((target, reason)),
        }
    }
    let mut outcome = Outcome::Clean;
    if args.fix {
        for linted in &run.linted {
            let Some(text) = &linted.fixed_text else {
                continue;
            };
            if linted.name == stdin_name(args) {
                continue;
            }
            if let Err(error) = files::replace(Path::new(&linted.name), text.as_bytes()) {
                output::error_line(&format!("{error:#}"));
                outcome = Outcome::Unusable;
            }
        }
    }
    outcome = outcome.max(report::print(&run, args, global)?);
    Ok(outcome)
}

/// The name standard input is shown under.
fn stdin_name(args: &LintArgs) -> String {
    args.stdin_filename
        .as_ref()
        .map_or_else(|| "<stdin>".to_owned(), |name| name.display().to_string())
}

/// The configuration of each target: the one `--config` names, else the
/// nearest `raci.toml` above the file; with the command line's selection.
fn configs_of(targets: &[Target], args: &LintArgs) -> Result<Vec<Arc<Config>>> {
    let selection = Selection {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
    };
    let cwd = std::env::current_dir().context("cannot tell the current folder")?;
    let mut finder = ConfigFinder::new();
    let mut selected: HashMap<Option<PathBuf>, Arc<Config>> = HashMap::new();
    let mut configs = Vec::with_capacity(targets.len());
    let mut errors: Vec<String> = Vec::new();
    let mut with_selection =
        |path: Option<PathBuf>, config: Arc<Config>, errors: &mut Vec<String>| {
            if let Some(config) = selected.get(&path) {
                return config.clone();
            }
            let config = match Config::clone(&config).with_selection(&selection) {
                Ok(config) => Arc::new(config),
                Err(unknown) => {
                    for error in unknown.0 {
                        let message = format!("{error}");
                        if !errors.contains(&message) {
                            errors.push(message);
                        }
                    }
                    config
                }
            };
            selected.insert(path, config.clone());
            config
        };
    if let Some(explicit) = &args.config {
        let config = finder
            .read(explicit)
            .map_err(|error| anyhow::anyhow!("{error}"))?;
        let config = with_selection(Some(explicit.clone()), config, &mut errors);
        configs = vec![config; targets.len()];
    } else {
        for target in targets {
            let config_path = if target.config_path.as_os_str() == "-" {
                Path::new(CONFIG_FILE)
            } else {
                &target.config_path
            };
            match finder.for_file(config_path, &cwd) {
                Ok(found) => configs.push(with_selection(found.path, found.config, &mut errors)),
                Err(error) => {
                    let message = error.to_string();
                    if !errors.contains(&message) {
                        errors.push(message);
                    }
                    configs.push(Arc::new(Config::default()));
                }
            }
        }
        if targets.is_empty() {
            // Still check the command line's rule names.
            with_selection(None, Arc::new(Config::default()), &mut errors);
        }
    }
    if errors.is_empty() {
        Ok(configs)
    } else {
        anyhow::bail!("{}", errors.join("\nerror: "))
    }
}

/// The configuration `raci site` uses: the file named, else the nearest
/// `raci.toml` in the current directory or above it, else the defaults.
pub(crate) fn load_config(explicit: Option<&Path>) -> Result<Config> {
    let mut finder = ConfigFinder::new();
    let cwd = std::env::current_dir().context("cannot tell the current folder")?;
    let config = match explicit {
        Some(path) => finder.read(path),
        None => finder
            .for_file(Path::new(CONFIG_FILE), &cwd)
            .map(|found| found.config),
    };
    config
        .map(|config| Config::clone(&config))
        .map_err(|error| anyhow::anyhow!("{error}"))
}

/// Reads, lints and (with `--fix` or `--diff`) fixes one file.
fn lint_one(target: &Target, config: &Config, args: &LintArgs) -> Result<Linted, NotLinted> {
    let source = load::read(target, args.input_format)?;
    let name = target.name.clone();
    let in_file = |found: Vec<Diagnostic>| -> Vec<Diagnostic> {
        found.into_iter().map(|d| d.in_file(name.clone())).collect()
    };
    let Some(text) = source.text else {
        let diagnostics = raci_lint::lint(&source.document, config);
        return Ok(Linted {
            name: name.clone(),
            text: None,
            diagnostics: in_file(diagnostics),
            fixed: Vec::new(),
            fixed_text: None,
        });
    };
    let diagnostics = raci_lint::lint_source(&text, &source.document, config);
    if !(args.fix || args.diff) || source.format.is_none() {
        return Ok(Linted {
            name: name.clone(),
            text: Some(text),
            diagnostics: in_file(diagnostics),
            fixed: Vec::new(),
            fixed_text: None,
        });
    }
    let format = source.format;
    let relint = |text: &str| {
        raci_ingest::parse(text.as_bytes(), format, Some(&name))
            .ok()
            .map(|document| raci_lint::lint_source(text, &document, config))
    };
    let fixed = raci_lint::fix::fix_all(&text, args.unsafe_fixes, &relint);
    let changed = fixed.text != text;
    Ok(Linted {
        name: name.clone(),
        diagnostics: in_file(if args.fix {
            fixed.remaining
        } else {
            diagnostics
        }),
        fixed: in_file(fixed.fixed),
        fixed_text: changed.then_some(fixed.text),
        // With `--fix`, source lines are shown from the fixed text.
        text: Some(text),
    })
}

/// The exit code of a run by its findings, as the flags say.
pub(crate) fn outcome_of(diagnostics: &[&Diagnostic], args: &LintArgs) -> Outcome {
    if args.exit_zero {
        return Outcome::Clean;
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let too_many_warnings = args.max_warnings.is_some_and(|max| warnings > max);
    if errors > 0 || too_many_warnings {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

/// Whether `target` named on the command line counts as unusable input.
pub(crate) fn is_unusable(target: &Target, reason: &NotLinted) -> bool {
    target.origin == Origin::Named || matches!(reason, NotLinted::Unreadable(_))
}
