//! `raci controls`, the compliance formats of `raci convert` (`oscal-ssp`,
//! `fedramp-crm`, `caiq`), `raci oscal inherit`, workbooks read back by
//! `raci parse`, and `raci diff --by control`, end to end on our fixtures
//! and on every seed of the shared corpus where it is present.

#![allow(clippy::print_stderr)] // corpus tests say why they skip

use std::collections::BTreeMap;

use crate::common::{corpus, json, raci, refused_with, stderr, stdout};
use serde_json::Value;

const MARKDOWN: &str = "tests/fixtures/queue-service.en.md";
const OLD: &str = "tests/fixtures/editions/queue-service.2024-03.md";
const NEW: &str = "tests/fixtures/editions/queue-service.2024-09.md";

fn ok(args: &[&str]) -> std::process::Output {
    let output = raci(args);
    assert!(
        output.status.success(),
        "raci {}: {}",
        args.join(" "),
        stderr(&output)
    );
    output
}

#[test]
fn controls_human_json_and_markdown() {
    insta::assert_snapshot!("controls_human", stdout(&ok(&["controls", MARKDOWN])));
    let view = json(&ok(&["controls", MARKDOWN, "--format", "json"]));
    assert_eq!(view["framework"], "nist-800-53");
    assert_eq!(view["source"], "matrix");
    let cp9 = view["controls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["control"] == "cp-9")
        .unwrap();
    assert_eq!(cp9["label"], "CP-9");
    assert_eq!(cp9["activities"][0]["entry"], "backup.service");
    assert_eq!(cp9["activities"][0]["roles"]["Customer"], "RA");
    let markdown = stdout(&ok(&[
        "controls",
        MARKDOWN,
        "--framework",
        "ccm",
        "--format",
        "markdown",
    ]));
    assert!(markdown.starts_with("# Managed Message Queue - Shared responsibility — CSA CCM v4"));
    assert!(
        markdown.contains("| BCR-08 | customer | No |"),
        "{markdown}"
    );
}

#[test]
fn quiet_leaves_the_header_and_summary_out() {
    let quiet = stdout(&ok(&["--quiet", "controls", MARKDOWN]));
    assert!(
        !quiet.contains("controls of NIST SP 800-53 rev5:"),
        "{quiet}"
    );
    assert!(quiet.contains("CP-9"));
}

/// Ownership per control from `raci controls … --format json`.
fn ownerships(view: &Value) -> BTreeMap<String, (String, String)> {
    view["controls"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["ownership"] != "undetermined")
        .map(|c| {
            (
                c["control"].as_str().unwrap().to_owned(),
                (
                    c["ownership"].as_str().unwrap().to_owned(),
                    c["inheritable"].as_str().unwrap_or("").to_owned(),
                ),
            )
        })
        .collect()
}

/// Converts `file` to the CRM and CAIQ workbooks and reads them back with
/// `raci parse` and `raci controls`: the ownership per control is the one
/// the matrix gives.
fn assert_workbooks_read_back(file: &str) {
    let dir = tempfile::tempdir().unwrap();
    for (to, framework, source) in [
        ("fedramp-crm", "nist-800-53", "fedramp-crm"),
        ("caiq", "ccm", "caiq"),
    ] {
        let path = dir.path().join(format!("{to}.xlsx"));
        let path = path.to_str().unwrap();
        let written = ok(&["convert", file, "--to", to, "-o", path]);
        assert!(
            stderr(&written).contains("controls of"),
            "{}",
            stderr(&written)
        );
        let expected = ownerships(&json(&ok(&[
            "controls",
            file,
            "--framework",
            framework,
            "--format",
            "json",
        ])));
        let parsed = ok(&["parse", path, "--format", "json"]);
        assert!(
            stderr(&parsed).contains("not a RACI matrix"),
            "parse says what is lost: {}",
            stderr(&parsed)
        );
        let back = json(&parsed);
        assert_eq!(back["source"], source);
        assert_eq!(ownerships(&back), expected, "{file} as {to}");
        let viewed = json(&ok(&["controls", path, "--format", "json"]));
        assert_eq!(ownerships(&viewed), expected, "{file} as {to}");
    }
}

#[test]
fn workbooks_of_every_fixture_read_back() {
    for file in [
        MARKDOWN,
        "tests/fixtures/queue-service.fr.md",
        "tests/fixtures/queue-service.flat.txt",
        "tests/fixtures/queue-service.glued.txt",
        "tests/fixtures/queue-service.other-provider.fr.md",
    ] {
        assert_workbooks_read_back(file);
    }
}

#[test]
fn workbooks_of_every_seed_read_back() {
    let Some(corpus) = corpus() else {
        return;
    };
    let mut seeds: Vec<_> = std::fs::read_dir(corpus.join("seeds"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    seeds.sort();
    assert_eq!(seeds.len(), 5);
    for seed in seeds {
        assert_workbooks_read_back(seed.to_str().unwrap());
    }
}

#[test]
fn a_workbook_of_one_framework_is_not_read_as_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crm.xlsx");
    let path = path.to_str().unwrap();
    ok(&["convert", MARKDOWN, "--to", "fedramp-crm", "-o", path]);
    let output = raci(&["controls", path, "--framework", "ccm"]);
    refused_with(
        &output,
        2,
        "this workbook states NIST SP 800-53 rev5 controls, not CSA CCM v4 ones",
    );
}

#[test]
fn the_leveraged_plan_and_its_leveraging_plan() {
    let dir = tempfile::tempdir().unwrap();
    let leveraged = dir.path().join("leveraged.json");
    let leveraging = dir.path().join("leveraging.json");
    let converted = ok(&[
        "convert",
        MARKDOWN,
        "--to",
        "oscal-ssp",
        "-o",
        leveraged.to_str().unwrap(),
    ]);
    assert!(
        stderr(&converted).contains("17 controls of NIST SP 800-53 rev5 written"),
        "{}",
        stderr(&converted)
    );
    let plan: Value = serde_json::from_str(&std::fs::read_to_string(&leveraged).unwrap()).unwrap();
    assert_eq!(
        plan["system-security-plan"]["import-profile"]["href"],
        raci_moderate_href()
    );
    // Printed, it is the same plan.
    let printed = ok(&["convert", MARKDOWN, "--to", "oscal-ssp"]);
    assert_eq!(
        stdout(&printed),
        std::fs::read_to_string(&leveraged).unwrap()
    );
    ok(&[
        "oscal",
        "inherit",
        leveraged.to_str().unwrap(),
        "-o",
        leveraging.to_str().unwrap(),
        "--profile",
        "profiles/moderate/profile.json",
    ]);
    let plan: Value = serde_json::from_str(&std::fs::read_to_string(&leveraging).unwrap()).unwrap();
    let plan = &plan["system-security-plan"];
    assert_eq!(
        plan["import-profile"]["href"],
        "profiles/moderate/profile.json"
    );
    let link = plan["back-matter"]["resources"][0]["rlinks"][0]["href"]
        .as_str()
        .unwrap();
    assert_eq!(link, leveraged.to_str().unwrap());
}

fn raci_moderate_href() -> &'static str {
    "https://raw.githubusercontent.com/usnistgov/oscal-content/main/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_MODERATE-baseline_profile.json"
}

/// `raci convert MARKDOWN --to oscal-ssp --profile P` where P is a profile
/// including `ids` only: the output, and P's path.
fn plan_with_profile(ids: &[&str]) -> (std::process::Output, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("profile.json");
    let profile_json = serde_json::json!({"profile": {"uuid": "x", "metadata": {"title": "Some"},
        "imports": [{"href": "#cat", "include-controls": [{"with-ids": ids}]}]}});
    std::fs::write(&profile, profile_json.to_string()).unwrap();
    let path = profile.to_str().unwrap().to_owned();
    let output = raci(&["convert", MARKDOWN, "--to", "oscal-ssp", "--profile", &path]);
    (output, path, dir)
}

#[test]
fn a_profile_file_limits_the_plan_to_its_controls() {
    let (output, profile, _dir) = plan_with_profile(&["cp-9", "si-2"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let plan = json(&output);
    let requirements = plan["system-security-plan"]["control-implementation"]
        ["implemented-requirements"]
        .as_array()
        .unwrap();
    let ids: Vec<&str> = requirements
        .iter()
        .map(|r| r["control-id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["cp-9", "si-2"]);
    assert_eq!(
        plan["system-security-plan"]["import-profile"]["href"],
        profile
    );
    assert!(
        stderr(&output).contains("left out, as the profile does not include them: AC-2"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_plan_with_no_control_is_refused() {
    let (output, _, _dir) = plan_with_profile(&["pm-1"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(
            "no control to write: a system security plan needs at least one, and left out, \
             as the profile does not include them: AC-2"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn bad_profiles_and_misplaced_flags_exit_2() {
    let output = raci(&["convert", MARKDOWN, "--to", "csv", "--profile", "p.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`--profile` goes with `--to oscal-ssp` only"));
    let output = raci(&[
        "convert",
        MARKDOWN,
        "--to",
        "oscal-ssp",
        "--profile",
        MARKDOWN,
    ]);
    refused_with(&output, 2, "queue-service.en.md: not JSON");
    let output = raci(&["oscal", "inherit", MARKDOWN]);
    assert_eq!(output.status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let definition = dir.path().join("definition.json");
    std::fs::write(&definition, stdout(&ok(&["oscal", "export", MARKDOWN]))).unwrap();
    let output = raci(&["oscal", "inherit", definition.to_str().unwrap()]);
    refused_with(&output, 2, "not an OSCAL system security plan");
}

#[test]
fn diff_by_control_between_two_editions() {
    let output = raci(&["diff", OLD, NEW, "--by", "control"]);
    assert_eq!(output.status.code(), Some(1), "ownership changed: exit 1");
    insta::assert_snapshot!("diff_by_control_human", stdout(&output));
    let markdown = raci(&["diff", OLD, NEW, "--by", "control", "--format", "markdown"]);
    insta::assert_snapshot!("diff_by_control_markdown", stdout(&markdown));
    let diff = json(&raci(&[
        "diff", OLD, NEW, "--by", "control", "--format", "json",
    ]));
    let ac2 = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["control"] == "ac-2")
        .unwrap();
    assert_eq!(ac2["old"]["inheritable"], "No");
    assert_eq!(ac2["new"]["inheritable"], "Yes");
    let same = raci(&["diff", OLD, OLD, "--by", "control"]);
    assert_eq!(same.status.code(), Some(0), "{}", stdout(&same));
    let never = raci(&["diff", OLD, NEW, "--by", "control", "--fail-on", "never"]);
    assert_eq!(never.status.code(), Some(0));
}

#[test]
fn diff_by_control_reads_workbooks_too() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.xlsx");
    let new = dir.path().join("new.xlsx");
    ok(&[
        "convert",
        OLD,
        "--to",
        "fedramp-crm",
        "-o",
        old.to_str().unwrap(),
    ]);
    ok(&[
        "convert",
        NEW,
        "--to",
        "fedramp-crm",
        "-o",
        new.to_str().unwrap(),
    ]);
    let from_workbooks = json(&raci(&[
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--by",
        "control",
        "--format",
        "json",
    ]));
    let from_matrices = json(&raci(&[
        "diff", OLD, NEW, "--by", "control", "--format", "json",
    ]));
    let kinds = |diff: &Value| -> Vec<(String, String)> {
        diff["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["control"].as_str().unwrap().to_owned(),
                    c["kind"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    assert_eq!(kinds(&from_workbooks), kinds(&from_matrices));
}
