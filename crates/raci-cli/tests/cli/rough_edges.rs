//! The rough edges a new user met (issue 12), one test each, on pages
//! written here or our fixtures (`tests/fixtures/` at the workspace root).

use crate::common::{raci, raci_in, stderr, stdout};

const MARKDOWN: &str = "tests/fixtures/queue-service.en.md";

#[test]
fn stats_refuses_a_heatmap_extension_before_printing_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("h.jpg");
    let output = raci(&["stats", MARKDOWN, "--heatmap", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).is_empty(), "printed: {}", stdout(&output));
    assert!(
        stderr(&output).contains(".svg or .png"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn who_finds_by_the_lexicon_s_concepts_and_exits_1_on_no_match() {
    let dir = tempfile::tempdir().unwrap();
    let page = "\
# Message queues - Responsibility model

## 1. Operations

| Activity | Customer | Nimbus |
| --- | --- | --- |
| Back up the queue definitions every night | I | RA |
| Choose the region | RA | I |
";
    std::fs::write(dir.path().join("page.en.md"), page).unwrap();
    let found = raci_in(dir.path(), &["who", "page.en.md", "sauvegarde"], "");
    assert_eq!(found.status.code(), Some(0), "{}", stdout(&found));
    assert!(
        stdout(&found).contains("Back up the queue definitions"),
        "{}",
        stdout(&found)
    );
    let none = raci_in(dir.path(), &["who", "page.en.md", "invoices"], "");
    assert_eq!(none.status.code(), Some(1), "{}", stdout(&none));
}

#[test]
fn fmt_keeps_bold_header_cells_and_says_which_pages_it_skips() {
    let dir = tempfile::tempdir().unwrap();
    let page = "\
# Managed Queue - Responsibility model

| **Activity**    | **Customer** | **Nimbus** |
| --------------- | ------------ | ---------- |
| Pick the region | RA           | I          |
";
    std::fs::write(dir.path().join("page.md"), page).unwrap();
    std::fs::write(
        dir.path().join("copied.txt"),
        "Activity\nCustomer\nNimbus\nPick the region\nRA\nI\n",
    )
    .unwrap();
    let check = raci_in(dir.path(), &["fmt", "--check", "page.md"], "");
    assert_eq!(
        check.status.code(),
        Some(0),
        "an aligned page with bold headers is formatted: {}",
        stdout(&check)
    );
    let unaligned = page.replace("| **Activity**    |", "| **Activity** |");
    std::fs::write(dir.path().join("page.md"), &unaligned).unwrap();
    let output = raci_in(dir.path(), &["fmt", "."], "");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("page.md")).unwrap(),
        page
    );
    assert!(
        stderr(&output).contains("skipped 1 page") && stderr(&output).contains("copied.txt"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn site_removes_the_pages_of_matrices_gone_and_refuses_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    let fixture = std::fs::read_to_string(crate::common::workspace().join(MARKDOWN)).unwrap();
    std::fs::write(pages.join("a.md"), &fixture).unwrap();
    std::fs::write(pages.join("b.md"), fixture.replace("Nimbus", "Cirrus")).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("mine.txt"), "not the site's").unwrap();
    let build = || raci_in(dir.path(), &["site", "pages", "-o", "out"], "");
    assert_eq!(build().status.code(), Some(0));
    let listing = |dir: &std::path::Path| -> Vec<String> {
        walk(dir)
            .into_iter()
            .map(|p| p.strip_prefix(dir).unwrap().display().to_string())
            .collect()
    };
    let before = listing(&out);
    std::fs::remove_file(pages.join("b.md")).unwrap();
    assert_eq!(build().status.code(), Some(0));
    let after = listing(&out);
    assert!(after.len() < before.len(), "{before:?} → {after:?}");
    assert!(
        after
            .iter()
            .all(|p| !p.contains("b.html") && !p.contains("/b")),
        "{after:?}"
    );
    assert!(
        out.join("mine.txt").is_file(),
        "a file the site did not write stays"
    );

    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let output = raci_in(dir.path(), &["site", "empty", "-o", "out2"], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        !stderr(&output).contains("0 matrices"),
        "{}",
        stderr(&output)
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found.sort();
    found
}

#[test]
fn parse_lists_the_rows_and_explains_every_letter_s_included() {
    let output = raci(&["parse", MARKDOWN]);
    let out = stdout(&output);
    assert!(out.contains("  rows:"), "{out}");
    assert!(
        out.lines().any(
            |line| line.contains("Pick the region that hosts the brokers")
                && line.contains("Customer RA · Nimbus I")
        ),
        "{out}"
    );
    assert!(out.contains("S Supportive: "), "{out}");
}

#[test]
fn drift_names_the_rows_has_a_human_output_and_fail_on() {
    let human = raci(&["drift", "tests/fixtures/locales"]);
    let markdown = raci(&["drift", "tests/fixtures/locales", "--format", "markdown"]);
    assert_eq!(human.status.code(), Some(1), "drift exits 1");
    assert_ne!(
        stdout(&human),
        stdout(&markdown),
        "human output is not the Markdown"
    );
    assert!(!stdout(&human).contains("| --- |"), "{}", stdout(&human));
    assert!(
        stdout(&markdown).contains("| activity |"),
        "{}",
        stdout(&markdown)
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&raci(&[
        "drift",
        "tests/fixtures/locales",
        "--format",
        "json",
    ])))
    .unwrap();
    let finding = &json["pages"][0]["findings"][0];
    assert!(!finding["text"].as_str().unwrap().is_empty(), "{finding}");
    assert!(stdout(&human).contains(finding["text"].as_str().unwrap()));
    let never = raci(&["drift", "tests/fixtures/locales", "--fail-on", "never"]);
    assert_eq!(never.status.code(), Some(0));
}

#[test]
fn compare_names_the_activities_of_a_cell_and_has_a_human_output() {
    let dir = tempfile::tempdir().unwrap();
    let page = |provider: &str, rows: &str| {
        format!("# Managed Queue - Responsibility model\n\n## 1. Backups\n\n| Activity | Customer | {provider} |\n| --- | --- | --- |\n{rows}")
    };
    std::fs::write(
        dir.path().join("a.md"),
        page("Nimbus", "| Back up the queue definitions | I | RA |\n| Back up the service data every night | RA | I |\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        page("Stratus", "| Back up the queue definitions | RA | I |\n"),
    )
    .unwrap();
    let markdown = raci_in(
        dir.path(),
        &["compare", "a.md", "b.md", "--format", "markdown"],
        "",
    );
    let out = stdout(&markdown);
    let several = out
        .lines()
        .find(|line| line.contains("<br>"))
        .unwrap_or_else(|| panic!("no cell with several activities: {out}"));
    assert!(
        several.contains("Back up the queue definitions: Customer I · Nimbus RA"),
        "{several}"
    );
    assert!(
        several.contains("Back up the service data every night: Customer RA · Nimbus I"),
        "{several}"
    );
    let human = stdout(&raci_in(dir.path(), &["compare", "a.md", "b.md"], ""));
    assert_ne!(human, out);
    assert!(
        !human.contains("| --- |")
            && human.contains("(Back up the service data every night, line 8)"),
        "{human}"
    );
}

#[test]
fn duties_writes_to_a_file_in_the_page_s_language_with_every_letter() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("duties.md");
    let output = raci(&[
        "duties",
        "tests/fixtures/queue-service.fr.md",
        "--party",
        "customer",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("# Obligations de "), "{text}");
    assert!(text.contains("### Vous le réalisez (R)"), "{text}");
    assert!(
        !text.contains("You do it") && !text.contains("(line "),
        "{text}"
    );
    let html = stdout(&raci(&[
        "duties", MARKDOWN, "--party", "customer", "--format", "html",
    ]));
    assert!(
        html.contains(">S</span> You help with it"),
        "the legend explains S"
    );
}

/// A Markdown matrix with `parties` party columns and one row, with a note.
fn wide_page(parties: usize) -> String {
    let names: Vec<String> = (0..parties).map(|i| format!("Party {i}")).collect();
    let mut cells = vec!["RA*".to_owned()];
    cells.extend((1..parties).map(|_| "I".to_owned()));
    format!(
        "# Wide service - Responsibility model\n\n## 1. Running\n\n| Activity | {} |\n|{}\n| Do the thing | {} |\n\n*Under contract.\n",
        names.join(" | "),
        " --- |".repeat(parties + 1),
        cells.join(" | ")
    )
}

#[test]
fn a_table_wider_than_read_is_said_once_and_a_spreadsheet_round_trip_keeps_every_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wide.md"), wide_page(300)).unwrap();
    let output = raci_in(dir.path(), &["lint", "wide.md", "--format", "concise"], "");
    let out = stdout(&output);
    assert!(
        out.contains("the table has 301 columns, more than the 64 raci reads"),
        "{out}"
    );
    assert!(!out.contains("row has 301 cells"), "{out}");
    // The same table as an HTML page.
    let names: String = (0..300).map(|i| format!("<th>Party {i}</th>")).collect();
    let cells: String = std::iter::once("<td>RA</td>".to_owned())
        .chain((1..300).map(|_| "<td>I</td>".to_owned()))
        .collect();
    let html = format!(
        "<html><head><title>Wide service - Responsibility model</title></head><body><h1>Wide service - Responsibility model</h1><table><tr><th>Activity</th>{names}</tr><tr><td>Do the thing</td>{cells}</tr></table></body></html>\n"
    );
    std::fs::write(dir.path().join("wide.html"), html).unwrap();
    let out = stdout(&raci_in(
        dir.path(),
        &["lint", "wide.html", "--format", "concise"],
        "",
    ));
    assert!(
        out.contains("the table has 301 columns, more than the 64 raci reads"),
        "{out}"
    );

    // The widest matrix read (63 parties) goes to XLSX and back whole, notes included.
    std::fs::write(dir.path().join("widest.md"), wide_page(63)).unwrap();
    let to_xlsx = raci_in(
        dir.path(),
        &["convert", "widest.md", "-o", "widest.xlsx"],
        "",
    );
    assert_eq!(to_xlsx.status.code(), Some(0), "{}", stderr(&to_xlsx));
    let json = |file: &str| -> serde_json::Value {
        serde_json::from_str(&stdout(&raci_in(
            dir.path(),
            &["parse", file, "--format", "json"],
            "",
        )))
        .unwrap()
    };
    let (original, back) = (json("widest.md"), json("widest.xlsx"));
    assert_eq!(original["parties"].as_array().unwrap().len(), 63);
    assert_eq!(back["parties"], original["parties"]);
    assert_eq!(
        back["activities"][0]["roles"],
        original["activities"][0]["roles"]
    );
    assert_eq!(
        back["activities"][0]["notes"],
        original["activities"][0]["notes"]
    );
    assert_eq!(back["activities"][0]["notes"][0], "Under contract.");
}

#[test]
fn foreign_service_is_found_in_a_page_copied_as_web_text_whose_rows_name_its_service() {
    // A page copied from a browser: a title naming no service, the service
    // named in its rows, and a closing sentence about another service.
    let page = "\
Shared responsibilities between Nimbus and the customer
Activity
Customer
Nimbus
Create the Managed Kubernetes cluster
RA
I
Upgrade the Kubernetes control plane of the cluster
I
RA
Size the Kubernetes node pools
RA
C
Go further
Talk to the team that builds our private registry services on the forum.
";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copied.txt"), page).unwrap();
    let output = raci_in(
        dir.path(),
        &[
            "lint",
            "copied.txt",
            "--format",
            "concise",
            "--select",
            "foreign-service",
        ],
        "",
    );
    let out = stdout(&output);
    assert!(
        out.contains("copied.txt:15:") && out.contains("RACI014"),
        "{out}"
    );
}

#[test]
fn oscal_of_an_undated_page_is_last_modified_when_the_file_was() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = std::fs::read_to_string(crate::common::workspace().join(MARKDOWN)).unwrap();
    let undated: String = fixture
        .lines()
        .filter(|line| !line.starts_with("updated:"))
        .map(|line| format!("{line}\n"))
        .collect();
    std::fs::write(dir.path().join("undated.md"), undated).unwrap();
    for args in [
        &["oscal", "export", "undated.md"][..],
        &["convert", "undated.md", "--to", "oscal"],
    ] {
        let output = raci_in(dir.path(), args, "");
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        let modified = value["component-definition"]["metadata"]["last-modified"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(!modified.starts_with("1970"), "{args:?}: {modified}");
        assert!(
            modified.starts_with("20") && modified.ends_with('Z'),
            "{modified}"
        );
    }
}
