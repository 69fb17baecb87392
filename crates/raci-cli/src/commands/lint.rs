//! `raci lint PATH…`: every defect of every matrix, by line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use raci_lint::{Config, Diagnostic};
use rayon::prelude::*;

use crate::args::{Global, LintArgs, LintFormat};
use crate::exit::Outcome;
use crate::{input, output};

/// One file's name, its text (kept only for the human report) and findings.
type Linted = (String, Option<String>, Vec<Diagnostic>);

/// The configuration file looked for above the current directory.
const CONFIG_FILE: &str = "raci.toml";

pub fn run(args: &LintArgs, global: &Global) -> Result<Outcome> {
    let config = load_config(args.config.as_deref())?;
    let files = input::expand(&args.paths)?;
    let progress = output::progress(files.len(), global);
    let keep_sources = args.format == LintFormat::Human;
    // Files are read and linted in parallel; results keep the files' order.
    let results: Vec<Result<Linted>> = files
        .par_iter()
        .map(|file| {
            let loaded = input::load(file, args.input_format);
            progress.inc(1);
            let loaded = loaded?;
            let found = raci_lint::lint(&loaded.document, &config);
            let found = found
                .into_iter()
                .map(|d| d.in_file(loaded.name.clone()))
                .collect();
            Ok((loaded.name, keep_sources.then_some(loaded.text), found))
        })
        .collect();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut sources: HashMap<String, String> = HashMap::new();
    let mut outcome = Outcome::Clean;
    for result in results {
        match result {
            Ok((name, text, found)) => {
                diagnostics.extend(found);
                if let Some(text) = text {
                    sources.insert(name, text);
                }
            }
            Err(error) => {
                progress.suspend(|| output::error_line(&format!("{error:#}")));
                outcome = Outcome::Unusable;
            }
        }
    }
    progress.finish_and_clear();

    let text = match args.format {
        LintFormat::Json => raci_diagnostics::render::render_json(&diagnostics),
        LintFormat::Sarif => {
            raci_diagnostics::render::render_sarif(&diagnostics, &raci_lint::rule_infos())
        }
        LintFormat::Human => {
            let source_of = |name: &str| sources.get(name).map(String::as_str);
            let report = raci_diagnostics::render::render_human(
                &diagnostics,
                &source_of,
                output::color_enabled(global),
            );
            if global.quiet {
                // Keep the findings, drop the closing summary line.
                report
                    .trim_end()
                    .rsplit_once('\n')
                    .map_or(String::new(), |(body, _)| body.to_owned())
            } else {
                report
            }
        }
    };
    if !text.is_empty() {
        output::print(&text);
    }
    let has_errors = diagnostics
        .iter()
        .any(|d| d.severity == raci_lint::Severity::Error);
    Ok(outcome.max(if has_errors {
        Outcome::Findings
    } else {
        Outcome::Clean
    }))
}

/// The configuration: the file named, else the nearest `raci.toml` in the
/// current directory or above it, else the defaults.
pub(crate) fn load_config(explicit: Option<&Path>) -> Result<Config> {
    let path = match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => find_config(),
    };
    let Some(path) = path else {
        return Ok(Config::default());
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("{}: cannot read the configuration", path.display()))?;
    Config::from_toml(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

fn find_config() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .map(|dir| dir.join(CONFIG_FILE))
        .find(|path| path.is_file())
}
