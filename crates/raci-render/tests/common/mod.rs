//! The documents the round-trip and schema tests run on: our fixtures
//! (`tests/fixtures/` at the workspace root) and the seeds of the shared
//! corpus, where present.

#![allow(dead_code)] // each test file uses part of it

use std::path::{Path, PathBuf};

use raci_model::Document;

/// One input: its path, its bytes, and what raci read from them.
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
    pub document: Document,
}

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `*.md` and `*.txt` under `tests/fixtures/`, sorted.
pub fn fixtures() -> Vec<Input> {
    let mut paths = Vec::new();
    collect(&workspace().join("tests/fixtures"), &mut paths);
    paths.sort();
    assert!(paths.len() >= 4, "the fixtures are part of the repository");
    paths.into_iter().map(|path| read(&path)).collect()
}

/// The seeds of the shared corpus; empty (saying so) when it is absent.
#[allow(clippy::print_stderr)] // says why it skips
pub fn seeds() -> Vec<Input> {
    let dir = workspace().join("../shared/corpus/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "skipped the seeds: the shared corpus is not at {}",
            dir.display()
        );
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    paths.into_iter().map(|path| read(&path)).collect()
}

/// Every published page of the shared corpus (its providers' folders, the
/// seeds apart); empty (saying so) when it is absent.
#[allow(clippy::print_stderr)] // says why it skips
pub fn corpus() -> Vec<Input> {
    let dir = workspace().join("../shared/corpus");
    if !dir.is_dir() {
        eprintln!("skipped the corpus: it is not at {}", dir.display());
        return Vec::new();
    }
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(&dir)
        .expect("a readable corpus")
        .flatten()
    {
        if entry.path().is_dir() && entry.file_name() != "seeds" {
            collect(&entry.path(), &mut paths);
        }
    }
    paths.sort();
    paths.into_iter().map(|path| read(&path)).collect()
}

/// Fixtures and seeds together.
pub fn all() -> Vec<Input> {
    let mut inputs = fixtures();
    inputs.extend(seeds());
    inputs
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir)
        .expect("a readable fixtures folder")
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path
            .extension()
            .is_some_and(|ext| ext == "md" || ext == "txt" || ext == "html")
        {
            out.push(path);
        }
    }
}

fn read(path: &Path) -> Input {
    let bytes = std::fs::read(path).expect("a readable input");
    let name = path
        .strip_prefix(workspace())
        .unwrap_or(path)
        .display()
        .to_string();
    let document =
        raci_ingest::parse(&bytes, None, Some(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    Input {
        name,
        bytes,
        document,
    }
}
