//! `raci stats PATH…`: per document and party, how many activities it is R,
//! A, C or I for, per phase; `--heatmap OUT.svg|OUT.png` draws the matrix.

use std::path::Path;

use anyhow::{bail, Context, Result};
use raci_model::Document;
use serde::Serialize;

use crate::args::{Global, StatsArgs, StatsFormat};
use crate::exit::Outcome;
use crate::{input, output};

#[derive(Serialize)]
struct Report {
    documents: Vec<raci_views::stats::DocumentStats>,
}

/// The forms a heat map is written in, by the extension of its file.
const HEATMAP_EXTENSIONS: &[&str] = &["svg", "png"];

pub fn run(args: &StatsArgs, global: &Global) -> Result<Outcome> {
    // Refuse a heat map it cannot write before printing anything.
    if let Some(path) = &args.heatmap {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if !extension.is_some_and(|e| HEATMAP_EXTENSIONS.contains(&e.as_str())) {
            bail!(
                "{}: the heat map is written as .svg or .png",
                path.display()
            );
        }
    }
    let files = input::expand(&args.paths)?;
    if args.heatmap.is_some() && files.len() != 1 {
        bail!(
            "--heatmap draws one matrix, and {} files were given",
            files.len()
        );
    }
    let progress = output::progress(files.len(), global);
    let mut documents = Vec::new();
    let mut outcome = Outcome::Clean;
    let mut first: Option<Document> = None;
    for file in &files {
        progress.inc(1);
        match input::load(file, None) {
            Ok(loaded) => {
                documents.push(raci_views::stats::stats(
                    &loaded.document,
                    Some(&loaded.name),
                ));
                first.get_or_insert(loaded.document);
            }
            Err(error) => {
                progress.suspend(|| output::error_line(&format!("{error:#}")));
                outcome = Outcome::Unusable;
            }
        }
    }
    progress.finish_and_clear();
    let text = match args.format {
        StatsFormat::Json => serde_json::to_string_pretty(&Report { documents })?,
        StatsFormat::Human => documents
            .iter()
            .map(|d| d.to_human())
            .collect::<Vec<_>>()
            .join("\n"),
        StatsFormat::Markdown => documents
            .iter()
            .map(|d| d.to_markdown())
            .collect::<Vec<_>>()
            .join("\n"),
    };
    if !text.is_empty() {
        output::print(&text);
    }
    if let (Some(path), Some(document)) = (&args.heatmap, &first) {
        write_heatmap(path, document, global)?;
    }
    Ok(outcome)
}

fn write_heatmap(path: &Path, document: &Document, global: &Global) -> Result<()> {
    let svg = raci_views::heatmap::svg(document);
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let bytes = match extension.as_deref() {
        Some("svg") => svg.into_bytes(),
        Some("png") => {
            let png = raci_views::heatmap::png(&svg, 2.0)?;
            if !png.has_font {
                output::note(
                    "no font found on this system: the heat map has its colours but no text \
                     (install one, e.g. Debian's fonts-dejavu-core)",
                );
            }
            png.bytes
        }
        _ => bail!(
            "{}: the heat map is written as .svg or .png",
            path.display()
        ),
    };
    std::fs::write(path, bytes).with_context(|| format!("{}: cannot write", path.display()))?;
    if !global.quiet {
        output::note(&format!("heat map written to {}", path.display()));
    }
    Ok(())
}
