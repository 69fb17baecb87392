//! Export to OSCAL and import back gives the same model, on every fixture of
//! ours and every seed of the shared corpus (skipped, saying so, without it).

#![allow(clippy::print_stderr)] // says why the corpus part is skipped

use std::path::{Path, PathBuf};

use raci_model::Document;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// The document as canonical JSON gives it back: what the model keeps.
fn canonical(document: &Document) -> Document {
    Document::from_json(&document.to_json()).unwrap()
}

fn assert_round_trip(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    let name = path.display().to_string();
    let document = raci_ingest::parse(&bytes, None, Some(&name)).unwrap();
    let oscal = raci_oscal::to_oscal(&document);
    let back = raci_oscal::from_oscal(&oscal).unwrap();
    assert_eq!(canonical(&back), canonical(&document), "{name}");
    assert_eq!(back.to_json(), document.to_json(), "{name}");
    // Through text too, as a file would go.
    let text = serde_json::to_string_pretty(&oscal).unwrap();
    let reread: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        raci_oscal::from_oscal(&reread).unwrap().to_json(),
        document.to_json()
    );
}

#[test]
fn every_fixture_round_trips() {
    let fixtures = workspace().join("tests/fixtures");
    let mut count = 0;
    for dir in [
        fixtures.clone(),
        fixtures.join("editions"),
        fixtures.join("locales"),
    ] {
        for path in files_in(&dir) {
            assert_round_trip(&path);
            count += 1;
        }
    }
    assert!(count >= 9, "fixtures found: {count}");
}

#[test]
fn every_seed_round_trips() {
    let seeds = workspace().join("../shared/corpus/seeds");
    if !seeds.is_dir() {
        eprintln!("skipped: no shared corpus at {}", seeds.display());
        return;
    }
    let files = files_in(&seeds);
    assert_eq!(files.len(), 5);
    for path in files {
        assert_round_trip(&path);
    }
}
