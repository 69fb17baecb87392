//! `raci oscal export` and `raci oscal import`, end to end; and the OSCAL of
//! every seed and fixture validated by compliance-trestle
//! (`scripts/oscal-validate.sh`) where Python is available: the component
//! definition, the leveraged and the leveraging system security plans (where
//! `../shared/standards` holds the moderate baseline they import), and
//! `trestle author ssp-generate --leveraged-ssp` on one of them.

#![allow(clippy::print_stderr)] // says why the trestle test skips

use crate::common::{raci, workspace};

const MARKDOWN: &str = "tests/fixtures/queue-service.en.md";

#[test]
fn export_then_import_gives_back_the_canonical_json() {
    let dir = tempfile::tempdir().unwrap();
    let oscal = dir.path().join("queue.oscal.json");
    let output = raci(&["oscal", "export", MARKDOWN, "-o", oscal.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&oscal).unwrap()).unwrap();
    let definition = &value["component-definition"];
    assert_eq!(definition["metadata"]["roles"][0]["id"], "customer");
    assert_eq!(definition["metadata"]["roles"][1]["id"], "provider");
    let imported = raci(&["oscal", "import", oscal.to_str().unwrap()]);
    assert!(imported.status.success());
    let parsed = raci(&["parse", MARKDOWN, "--format", "json"]);
    assert_eq!(
        String::from_utf8(imported.stdout).unwrap(),
        String::from_utf8(parsed.stdout).unwrap()
    );
}

#[test]
fn export_is_stable() {
    let a = raci(&["oscal", "export", MARKDOWN]);
    let b = raci(&["oscal", "export", MARKDOWN]);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    insta::assert_snapshot!("oscal_export_fixture", String::from_utf8(a.stdout).unwrap());
}

#[test]
fn import_refuses_what_is_not_a_component_definition() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.json");
    std::fs::write(&path, r#"{"catalog": {"uuid": "x"}}"#).unwrap();
    let output = raci(&["oscal", "import", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not an OSCAL component definition"));
}

#[test]
fn trestle_validates_the_export_of_every_seed_and_fixture() {
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no python3 to run compliance-trestle");
        return;
    }
    let output = std::process::Command::new("bash")
        .arg(workspace().join("scripts/oscal-validate.sh"))
        .env("RACI", assert_cmd::cargo::cargo_bin("raci"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains(" 0 invalid"), "{stdout}");
    assert!(!stdout.contains("INVALID"), "{stdout}");
    if workspace().join("../shared/standards/oscal").is_dir() {
        assert!(
            stdout.contains("trestle author ssp-generate --leveraged-ssp"),
            "{stdout}\n{stderr}"
        );
    } else {
        eprintln!("note: no ../shared/standards: the system security plans were not validated");
    }
}

#[test]
fn convert_to_oscal_writes_what_oscal_export_writes() {
    let exported = raci(&["oscal", "export", MARKDOWN]);
    let converted = raci(&["convert", MARKDOWN, "--to", "oscal"]);
    assert!(converted.status.success());
    assert_eq!(exported.stdout, converted.stdout);
    assert!(String::from_utf8_lossy(&converted.stdout).contains("component-definition"));
}
