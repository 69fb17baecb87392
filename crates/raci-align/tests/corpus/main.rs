//! The aligner, the taxonomy and the readers measured on the shared corpus
//! (`../shared/corpus`): every test skips, saying why, where it is absent,
//! and prints its figures (recorded in BENCHMARKS.md).
//!
//! - [`gold`]: alignments against hand-written gold pairs;
//! - [`taxonomy`]: coverage, agreement of translations, a hand-written gold;
//! - [`readers`]: flattened and glued copies of the Markdown pages read back.

#![allow(clippy::print_stderr)] // corpus tests say why they skip, and print their figures

mod copies;
mod gold;
mod readers;
mod taxonomy;

use std::path::{Path, PathBuf};

use raci_model::Document;

/// The shared corpus, or `None` (saying so) where it is absent.
pub fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if dir.join("MANIFEST.tsv").is_file() {
        Some(dir)
    } else {
        eprintln!("skipped: the shared corpus is not at {}", dir.display());
        None
    }
}

/// A file of this crate's tests (`tests/gold/…`).
pub fn test_data(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(relative)
}

/// The document of a corpus file, as `raci parse` reads it.
pub fn parse(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    raci_ingest::parse(&bytes, None, path.to_str())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The document of `text`, read as `name` would be.
pub fn parse_text(text: &str, name: &str) -> Document {
    raci_ingest::parse(text.as_bytes(), None, Some(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The corpus's files, from its manifest, relative to the corpus.
pub fn manifest(corpus: &Path) -> Vec<String> {
    let manifest = std::fs::read_to_string(corpus.join("MANIFEST.tsv")).expect("manifest");
    manifest
        .lines()
        .skip(1)
        .filter_map(|line| line.split('\t').next())
        .filter(|path| !path.is_empty())
        .map(str::to_owned)
        .collect()
}
