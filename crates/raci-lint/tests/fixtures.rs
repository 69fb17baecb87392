//! Each rule's fixtures, read by the real parser: `bad` must trigger the
//! rule, `good` must be clean, and the diagnostics of `bad` are snapshotted
//! as a person would see them.

use std::fs;
use std::path::{Path, PathBuf};

use raci_diagnostics::render_human;
use raci_lint::{lint_source, rule_infos, Config, Diagnostic};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The fixture `stem` (`bad` or `good`) of a rule, in whichever format it is written.
fn fixture(rule: &str, stem: &str) -> PathBuf {
    let dir = fixtures_dir().join(rule);
    ["md", "txt"]
        .iter()
        .map(|ext| dir.join(format!("{stem}.{ext}")))
        .find(|path| path.is_file())
        .unwrap_or_else(|| panic!("{rule} has no {stem} fixture in {}", dir.display()))
}

/// The fixture's text and its diagnostics, with `file` set to `RULE/NAME`.
fn lint_fixture(rule: &str, path: &Path) -> (String, Vec<Diagnostic>) {
    let text = fs::read_to_string(path).unwrap();
    let file_name = path.file_name().unwrap().to_string_lossy();
    let document = raci_ingest::parse(text.as_bytes(), None, Some(&file_name))
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let shown = format!("{rule}/{file_name}");
    let diagnostics = lint_source(&text, &document, &Config::default())
        .into_iter()
        .map(|diagnostic| diagnostic.in_file(shown.as_str()))
        .collect();
    (text, diagnostics)
}

#[test]
fn every_bad_fixture_triggers_its_rule() {
    for info in rule_infos() {
        let (text, diagnostics) = lint_fixture(info.name, &fixture(info.name, "bad"));
        assert!(
            diagnostics.iter().any(|d| d.code == info.code),
            "{}: bad fixture does not trigger it; found {:?}",
            info.name,
            diagnostics.iter().map(|d| &d.name).collect::<Vec<_>>()
        );
        let source_of = |_: &str| Some(text.as_str());
        insta::assert_snapshot!(info.name, render_human(&diagnostics, &source_of, false));
    }
}

#[test]
fn every_good_fixture_is_clean() {
    for info in rule_infos() {
        let (_, diagnostics) = lint_fixture(info.name, &fixture(info.name, "good"));
        let found: Vec<String> = diagnostics
            .iter()
            .map(|d| format!("{}:{} {} {}", d.span.line, d.span.column, d.name, d.message))
            .collect();
        assert!(
            found.is_empty(),
            "{}: good fixture is not clean: {found:#?}",
            info.name
        );
    }
}

#[test]
fn every_fixture_directory_belongs_to_a_rule() {
    let names: Vec<&str> = rule_infos().iter().map(|info| info.name).collect();
    for entry in fs::read_dir(fixtures_dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            names.contains(&name.as_str()),
            "fixtures/{name} names no rule"
        );
    }
}
