//! `raci fmt FILE…`: rewrites the matrix tables of Markdown pages in
//! normalized form, in place (`-` reads standard input and prints); with
//! `--check`, changes nothing and lists the files that would change (exit 1).

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use raci_ingest::InputFormat;

use crate::args::{FmtArgs, Global};
use crate::exit::Outcome;
use crate::{files, output};

/// File endings `raci fmt DIR` picks up.
const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown"];

pub fn run(args: &FmtArgs, global: &Global) -> Result<Outcome> {
    let mut outcome = Outcome::Clean;
    let mut changed = 0;
    let (pages, not_markdown) = expand(&args.paths);
    if !global.quiet && !not_markdown.is_empty() {
        let names: Vec<String> = not_markdown
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        output::note(&format!(
            "skipped {} {} that `raci lint` reads but fmt does not rewrite (fmt rewrites the tables of Markdown pages; `raci convert FILE --to md` writes one): {}",
            names.len(),
            if names.len() == 1 { "page" } else { "pages" },
            names.join(", ")
        ));
    }
    for path in pages {
        match format_one(&path, args.check, global) {
            Ok(true) => {
                changed += 1;
                if args.check {
                    outcome = outcome.max(Outcome::Findings);
                }
            }
            Ok(false) => {}
            Err(error) => {
                output::error_line(&format!("{error:#}"));
                outcome = Outcome::Unusable;
            }
        }
    }
    if !global.quiet && changed > 0 && !args.check {
        let files = if changed == 1 { "file" } else { "files" };
        output::note(&format!("{changed} {files} formatted"));
    }
    Ok(outcome)
}

/// Formats one page; returns whether it changed (or would, with `check`).
fn format_one(path: &Path, check: bool, global: &Global) -> Result<bool> {
    let stdin = path.as_os_str() == "-";
    let name = if stdin {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    };
    let source = read(path, &name)?;
    let markdown_name = Path::new(&name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| MARKDOWN_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
    let format = markdown_name.then_some(InputFormat::Markdown);
    let document = raci_ingest::parse(source.as_bytes(), format, Some(&name))
        .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    if document.facts.format != InputFormat::Markdown.name() {
        bail!(
            "{name}: read as {}, not Markdown; `raci convert {name} --to md` writes a Markdown page from it",
            document.facts.format
        );
    }
    let formatted = raci_render::markdown::format_source(&source, &document);
    if !global.quiet {
        for left in &formatted.left_as_is {
            output::note(&format!(
                "{name}:{}: table left as it is: {}",
                left.line, left.reason
            ));
        }
    }
    let changed = formatted.text != source;
    if stdin {
        if !check {
            output::print(&formatted.text);
        }
    } else if changed && check {
        output::print(&name);
    } else if changed {
        files::replace(path, formatted.text.as_bytes())?;
    }
    Ok(changed)
}

fn read(path: &Path, name: &str) -> Result<String> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("<stdin>: cannot read standard input")?;
    } else {
        bytes = std::fs::read(path).with_context(|| format!("{name}: cannot read the file"))?;
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name}: invalid UTF-8 after byte {}: fmt rewrites UTF-8 Markdown only",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Files as given; folders searched recursively for Markdown pages. Also
/// the other pages found there that `raci lint` would read, to say they
/// were skipped.
fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut files = Vec::new();
    let mut others = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
            .into_iter()
            .filter_entry(|entry| {
                entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
            })
            .filter_map(|entry| entry.ok())
            .filter(|entry| entry.file_type().is_file())
            .map(|entry| entry.into_path())
            .filter(|path| crate::input::has_matrix_extension(path))
            .collect();
        found.sort();
        let (markdown, other): (Vec<PathBuf>, Vec<PathBuf>) =
            found.into_iter().partition(|path| is_markdown_name(path));
        files.extend(markdown);
        others.extend(other.into_iter().filter(|path| {
            let text_page = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ["txt", "html", "htm"].contains(&e.to_ascii_lowercase().as_str()));
            text_page
        }));
    }
    (files, others)
}

fn is_markdown_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| MARKDOWN_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}
