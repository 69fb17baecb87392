//! `raci convert`, `raci fmt` and `raci schema`, end to end on our fixtures.

use crate::common::{raci, refused_with, stderr, stdout, workspace};

const MARKDOWN: &str = "tests/fixtures/queue-service.en.md";

/// The activities of the canonical JSON of `file`, without their source lines.
fn activities(file: &str) -> serde_json::Value {
    let output = raci(&["parse", file, "--format", "json"]);
    assert!(output.status.success(), "{file}: {}", stderr(&output));
    let mut json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let activities = json["activities"].as_array_mut().unwrap();
    for activity in activities.iter_mut() {
        activity.as_object_mut().unwrap().remove("source");
    }
    json["activities"].take()
}

#[test]
fn convert_writes_every_format_and_each_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let original = activities(MARKDOWN);
    for extension in ["md", "csv", "xlsx", "json", "yaml"] {
        let out = dir.path().join(format!("matrix.{extension}"));
        let out = out.to_str().unwrap();
        // The format comes from the extension of `-o`.
        let output = raci(&["convert", MARKDOWN, "-o", out]);
        assert!(output.status.success(), "{extension}: {}", stderr(&output));
        assert!(
            stderr(&output).contains("13 activities written"),
            "{}",
            stderr(&output)
        );
        assert_eq!(activities(out), original, "{extension}");
    }
}

#[test]
fn convert_prints_text_formats_and_needs_a_format() {
    let csv = raci(&["convert", MARKDOWN, "--to", "csv"]);
    assert!(csv.status.success());
    assert!(stdout(&csv).starts_with("id,section,activity,Customer,Nimbus,notes\n"));
    let markdown = raci(&["convert", MARKDOWN, "--to", "markdown"]);
    assert!(stdout(&markdown).contains("| Activity "));
    let none = raci(&["convert", MARKDOWN]);
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("--to"), "{}", stderr(&none));
    let unknown = raci(&["convert", MARKDOWN, "-o", "out.pdf"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn fmt_check_lists_what_would_change_then_fmt_rewrites_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.md");
    std::fs::copy(workspace().join(MARKDOWN), &page).unwrap();
    let page = page.to_str().unwrap();
    let before = std::fs::read_to_string(page).unwrap();

    let check = raci(&["fmt", "--check", page]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert_eq!(stdout(&check).trim(), page);
    assert_eq!(
        std::fs::read_to_string(page).unwrap(),
        before,
        "--check changes nothing"
    );
    assert!(
        stderr(&check).contains("table left as it is"),
        "{}",
        stderr(&check)
    );

    let fmt = raci(&["fmt", page]);
    assert!(fmt.status.success(), "{}", stderr(&fmt));
    let after = std::fs::read_to_string(page).unwrap();
    assert_ne!(after, before);
    // The header cells are kept as the page writes them (bold), the columns aligned to them.
    assert!(
        after.contains("| Decide which protocol version to enable | A            | RI         |"),
        "{after}"
    );
    assert!(
        after.contains("This matrix splits the duties"),
        "prose is kept"
    );
    assert_eq!(activities(page), activities(MARKDOWN));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary left"
    );

    let again = raci(&["fmt", "--check", page]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(stdout(&again), "");
}

#[test]
fn fmt_refuses_what_is_not_markdown() {
    let json = raci(&["parse", MARKDOWN, "--format", "json"]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("matrix.json");
    std::fs::write(&path, stdout(&json)).unwrap();
    let output = raci(&["fmt", path.to_str().unwrap()]);
    refused_with(&output, 2, "not Markdown");
}

#[test]
fn schema_describes_roles_as_letters_in_canonical_order() {
    let output = raci(&["schema"]);
    assert!(output.status.success());
    let schema: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(schema["$defs"]["Roles"]["pattern"], "^R?A?S?C?I?$");
    assert_eq!(schema["properties"]["schema"]["const"], "raci/v1");
}
