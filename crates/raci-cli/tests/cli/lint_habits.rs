//! `raci lint` with the habits of ruff and clippy, and the rough edges a new
//! user met (issue 12), each on pages written here in temporary folders.

use std::path::Path;

use crate::common::{raci_in, stderr, stdout, workspace};

/// A page with one fixable finding of each kind: `IR` (order, safe),
/// `RAI` (redundant I, safe), `RA | RA` (two A, unsafe).
const PAGE: &str = "\
# Managed Queue - Responsibility model

## 1. Running the service

| Activity | Customer | Provider |
| --- | --- | --- |
| Pick the region | RA | I |
| Rotate the keys | A | IR |
| Back up the queues | RAI | I |
| Test the restoration | RA | RA |
";

fn folder_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn lint(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["lint"];
    all.extend_from_slice(args);
    raci_in(dir, &all, "")
}

#[test]
fn fix_applies_the_safe_fixes_in_place_and_reports_what_remains() {
    let dir = folder_with(&[("page.md", PAGE)]);
    let output = lint(dir.path(), &["page.md", "--fix"]);
    let fixed = std::fs::read_to_string(dir.path().join("page.md")).unwrap();
    assert!(fixed.contains("| Rotate the keys | A | R |"), "{fixed}");
    assert!(fixed.contains("| Back up the queues | RA | I |"), "{fixed}");
    assert!(
        fixed.contains("| Test the restoration | RA | RA |"),
        "unsafe left: {fixed}"
    );
    let out = stdout(&output);
    assert!(out.contains("RACI002"), "the two A remain: {out}");
    assert!(
        !out.contains("RACI005") && !out.contains("RACI006"),
        "{out}"
    );
    assert!(out.contains("fixed 3 findings"), "{out}");
    assert!(
        out.contains("1 more finding fixable with `--fix --unsafe-fixes`"),
        "{out}"
    );
    assert_eq!(output.status.code(), Some(1), "an error remains");

    let output = lint(dir.path(), &["page.md", "--fix", "--unsafe-fixes"]);
    let fixed = std::fs::read_to_string(dir.path().join("page.md")).unwrap();
    assert!(
        fixed.contains("| Test the restoration | RA | R |"),
        "{fixed}"
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn diff_shows_the_fixes_without_writing_them() {
    let dir = folder_with(&[("page.md", PAGE)]);
    let output = lint(dir.path(), &["page.md", "--diff"]);
    let out = stdout(&output);
    assert!(
        out.contains("--- a/page.md") && out.contains("+++ b/page.md"),
        "{out}"
    );
    assert!(out.contains("\n-| Rotate the keys | A | IR |\n"), "{out}");
    assert!(out.contains("\n+| Rotate the keys | A | R |\n"), "{out}");
    assert!(
        !out.contains("+| Test the restoration | RA | R |"),
        "unsafe not shown: {out}"
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("page.md")).unwrap(),
        PAGE
    );
    let unsafe_diff = stdout(&lint(dir.path(), &["page.md", "--diff", "--unsafe-fixes"]));
    assert!(
        unsafe_diff.contains("+| Test the restoration | RA | R |"),
        "{unsafe_diff}"
    );
}

#[test]
fn select_ignore_and_extend_select_choose_the_rules() {
    let dir = folder_with(&[("page.md", PAGE)]);
    let codes = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["page.md", "--format", "concise"];
        all.extend_from_slice(args);
        let out = stdout(&lint(dir.path(), &all));
        let mut codes: Vec<String> = out
            .lines()
            .filter(|line| line.starts_with("page.md:"))
            .filter_map(|line| line.split(": ").nth(1))
            .map(|rest| rest.split(' ').next().unwrap().to_owned())
            .collect();
        codes.dedup();
        codes
    };
    assert_eq!(
        codes(&["--select", "RACI005,redundant-informed"]),
        ["RACI005", "RACI006"]
    );
    assert_eq!(
        codes(&["--select", "RACI005", "--extend-select", "RACI002"]),
        ["RACI005", "RACI002"]
    );
    assert!(!codes(&["--ignore", "RACI002"]).contains(&"RACI002".to_owned()));
}

#[test]
fn unknown_rule_names_are_all_reported_with_the_closest_name() {
    let dir = folder_with(&[("page.md", PAGE)]);
    let output = lint(
        dir.path(),
        &[
            "page.md",
            "--select",
            "redundant-infomed",
            "--ignore",
            "multiple-acountable,zzz",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("`redundant-infomed`") && err.contains("did you mean `redundant-informed`?"),
        "{err}"
    );
    assert!(
        err.contains("`multiple-acountable`")
            && err.contains("did you mean `multiple-accountable`?"),
        "{err}"
    );
    assert!(err.contains("`zzz`"), "{err}");
}

#[test]
fn each_file_gets_the_nearest_raci_toml_above_it() {
    let dir = folder_with(&[
        ("raci.toml", "ignore = [\"RACI002\"]\n"),
        ("a/page.md", PAGE),
        ("b/raci.toml", "select = [\"RACI002\"]\n"),
        ("b/page.md", PAGE),
    ]);
    let out = stdout(&lint(
        dir.path(),
        &["a", "b/page.md", "--format", "concise"],
    ));
    let of = |file: &str| -> Vec<&str> {
        out.lines()
            .filter(|line| line.starts_with(file))
            .map(|line| line.split(": ").nth(1).unwrap().split(' ').next().unwrap())
            .collect()
    };
    assert!(
        !of("a/page.md").contains(&"RACI002") && of("a/page.md").contains(&"RACI005"),
        "{out}"
    );
    assert_eq!(of("b/page.md"), ["RACI002"], "{out}");
}

#[test]
fn a_bad_raci_toml_reports_every_error_with_the_file() {
    let dir = folder_with(&[
        (
            "raci.toml",
            "selct = [\"RACI001\"]\n[rules]\nredundant-infomed = \"off\"\nempty-row = \"loud\"\n",
        ),
        ("page.md", PAGE),
    ]);
    let output = lint(dir.path(), &["page.md"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert_eq!(err.matches("raci.toml: ").count(), 3, "{err}");
    assert!(
        err.contains("did you mean `select`?")
            && err.contains("did you mean `redundant-informed`?"),
        "{err}"
    );
}

#[test]
fn inline_suppressions_silence_a_table_or_its_rows_and_unused_ones_are_reported() {
    let page = PAGE.replace(
        "| Activity |",
        "<!-- raci-ignore RACI006, RACI009: Back up -->\n| Activity |",
    );
    let dir = folder_with(&[("page.md", &page)]);
    let out = stdout(&lint(dir.path(), &["page.md", "--format", "concise"]));
    // RACI006 is silenced in the `Back up…` row (line 10), not in the one above.
    assert!(!out.contains("page.md:10:24: RACI006"), "{out}");
    assert!(out.contains("page.md:9:25: RACI006"), "{out}");
    assert!(
        out.contains("RACI016") && out.contains("`RACI009` found nothing"),
        "{out}"
    );
}

#[test]
fn statistics_count_findings_by_rule() {
    let dir = folder_with(&[("page.md", PAGE)]);
    let out = stdout(&lint(dir.path(), &["page.md", "--statistics"]));
    let line = out
        .lines()
        .find(|line| line.contains("RACI005"))
        .unwrap_or_default();
    assert!(
        line.trim_start().starts_with('1') && line.contains("[*]"),
        "{out}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&lint(
        dir.path(),
        &["page.md", "--statistics", "--format", "json"],
    )))
    .unwrap();
    assert!(json
        .as_array()
        .unwrap()
        .iter()
        .any(|row| row["code"] == "RACI002" && row["count"] == 1));
}

#[test]
fn output_file_exit_zero_and_max_warnings() {
    let dir = folder_with(&[("page.md", PAGE)]);
    let output = lint(
        dir.path(),
        &["page.md", "--output-file", "report.txt", "--exit-zero"],
    );
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).is_empty());
    let report = std::fs::read_to_string(dir.path().join("report.txt")).unwrap();
    assert!(
        report.contains("error[RACI002]") && !report.contains("\u{1b}["),
        "{report}"
    );
    // Only warnings left: 3 of them.
    let warnings_only = ["page.md", "--ignore", "RACI002"];
    assert_eq!(lint(dir.path(), &warnings_only).status.code(), Some(0));
    let mut strict = warnings_only.to_vec();
    strict.extend(["--max-warnings", "2"]);
    assert_eq!(lint(dir.path(), &strict).status.code(), Some(1));
    let mut lenient = warnings_only.to_vec();
    lenient.extend(["--max-warnings", "3"]);
    assert_eq!(lint(dir.path(), &lenient).status.code(), Some(0));
}

#[test]
fn stdin_is_read_as_the_file_its_name_says() {
    let dir = folder_with(&[("docs/raci.toml", "select = [\"RACI005\"]\n")]);
    let output = raci_in(
        dir.path(),
        &[
            "lint",
            "-",
            "--stdin-filename",
            "docs/page.md",
            "--format",
            "concise",
        ],
        PAGE,
    );
    let out = stdout(&output);
    assert!(out.starts_with("docs/page.md:8:"), "{out}");
    assert!(
        out.lines()
            .all(|line| line.contains("RACI005") || !line.contains(": RACI")),
        "{out}"
    );
    let fixed = raci_in(
        dir.path(),
        &["lint", "-", "--fix", "--stdin-filename", "page.md"],
        PAGE,
    );
    assert!(
        stdout(&fixed).contains("| Rotate the keys | A | R |"),
        "{}",
        stdout(&fixed)
    );
}

#[test]
fn the_summary_counts_the_files_checked() {
    let clean = PAGE
        .replace(" IR |", " R |")
        .replace(" RAI |", " RA |")
        .replace("| RA | RA |", "| RA | R |");
    let dir = folder_with(&[("a.md", PAGE), ("b.md", &clean), ("c.md", &clean)]);
    let out = stdout(&lint(dir.path(), &["."]));
    assert!(out.contains("in 1 of 3 files checked"), "{out}");
    let out = stdout(&lint(dir.path(), &["b.md", "c.md"]));
    assert!(
        out.trim_end()
            .ends_with("no problems found in 2 files checked"),
        "{out}"
    );
}

// What a new user met.

#[test]
fn an_unreadable_file_is_an_error_and_never_no_problems_found() {
    let dir = folder_with(&[
        ("zero.xlsx", ""),
        ("image.png", "\u{89}PNG\r\n\u{1a}\n\0\0\0"),
    ]);
    for file in ["zero.xlsx", "image.png", "missing.md"] {
        let output = lint(dir.path(), &[file]);
        assert_eq!(output.status.code(), Some(2), "{file}");
        let all = format!("{}{}", stdout(&output), stderr(&output));
        assert!(!all.contains("no problems found"), "{file}: {all}");
        assert!(stderr(&output).contains(file), "{file}: {all}");
    }
}

#[test]
fn no_matrix_at_all_is_said_and_exits_2() {
    let dir = folder_with(&[("empty.md", ""), ("page.md", PAGE)]);
    std::fs::create_dir(dir.path().join("nothing")).unwrap();
    for args in [
        &["empty.md"][..],
        &["nothing"],
        &["page.md", "--input-format", "csv"],
        &["page.md", "--input-format", "web-text"],
    ] {
        let output = lint(dir.path(), args);
        let all = format!("{}{}", stdout(&output), stderr(&output));
        assert_eq!(output.status.code(), Some(2), "{args:?}: {all}");
        assert!(!all.contains("no problems found"), "{args:?}: {all}");
        assert!(
            all.contains("no matrix")
                || all.contains("no page to lint")
                || all.contains("no header row"),
            "{args:?}: {all}"
        );
    }
}

#[test]
fn walking_a_folder_skips_every_file_that_holds_no_matrix_and_says_so() {
    let dir = folder_with(&[
        ("docs/page.md", PAGE),
        ("docs/package.json", "{\"name\": \"site\"}\n"),
        ("docs/people.csv", "name,email\nAda,ada@example.org\n"),
        ("docs/notes.md", "# Notes\n\nNo table here.\n"),
        ("docs/config.yaml", "a: 1\n"),
        (
            "docs/about.html",
            "<html><body><p>About</p></body></html>\n",
        ),
    ]);
    let output = lint(dir.path(), &["docs"]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "findings of page.md only: {}",
        stderr(&output)
    );
    let err = stderr(&output);
    for skipped in [
        "package.json",
        "people.csv",
        "notes.md",
        "config.yaml",
        "about.html",
    ] {
        assert!(
            err.contains(&format!("skipped docs/{skipped}")),
            "{skipped}: {err}"
        );
    }
    assert!(
        stdout(&output).contains("in 1 of 1 file checked; 5 files skipped (no matrix)"),
        "{}",
        stdout(&output)
    );
    // Named on the command line, a file with no matrix is an error.
    assert_eq!(
        lint(dir.path(), &["docs/package.json"]).status.code(),
        Some(2)
    );
    assert_eq!(lint(dir.path(), &["docs/notes.md"]).status.code(), Some(2));
}

#[test]
fn rule_says_whether_a_fix_exists_and_how_to_turn_it_off() {
    let dir = workspace();
    let explain = stdout(&raci_in(&dir, &["rule", "redundant-informed"], ""));
    assert!(explain.contains("Fix: yes, safe"), "{explain}");
    assert!(
        explain.contains("redundant-informed = \"off\"")
            && explain.contains("<!-- raci-ignore RACI006 -->"),
        "{explain}"
    );
    let explain = stdout(&raci_in(&dir, &["rule", "RACI002"], ""));
    assert!(explain.contains("Fix: yes, unsafe"), "{explain}");
    let explain = stdout(&raci_in(&dir, &["rule", "missing-accountable"], ""));
    assert!(explain.contains("Fix: none"), "{explain}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&raci_in(
        &dir,
        &["rule", "RACI005", "--format", "json"],
        "",
    )))
    .unwrap();
    assert_eq!(json["fix"], "safe");
    let unknown = raci_in(&dir, &["rule", "redundant-infomed"], "");
    assert!(
        stderr(&unknown).contains("did you mean `redundant-informed`?"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn watch_lints_again_when_a_page_changes() {
    use std::io::BufRead;
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    let clean = PAGE
        .replace(" IR |", " R |")
        .replace(" RAI |", " RA |")
        .replace("| RA | RA |", "| RA | R |");
    let dir = folder_with(&[("docs/page.md", &clean)]);
    let bin = std::env::var_os("RACI_TEST_BIN")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| assert_cmd::cargo::cargo_bin("raci"));
    let mut child = std::process::Command::new(bin)
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["lint", "--watch", "docs", "--format", "concise"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let wait_for = |wanted: &str| -> bool {
        let deadline = Instant::now() + Duration::from_secs(60);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match received.recv_timeout(left) {
                Ok(line) if line.contains(wanted) => return true,
                Ok(_) => {}
                Err(_) => return false,
            }
        }
        false
    };
    let first = wait_for("no problems found in 1 file checked");
    // Give the watcher a moment to be in place before the change.
    std::thread::sleep(Duration::from_millis(500));
    std::fs::write(dir.path().join("docs/page.md"), PAGE).unwrap();
    let second = wait_for("RACI002");
    let _ = child.kill();
    let _ = child.wait();
    assert!(first, "no first report");
    assert!(second, "no report after the change");
}

#[test]
fn every_lint_flag_and_config_key_is_in_the_readme() {
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let help = stdout(&raci_in(&workspace(), &["lint", "--help"], ""));
    let flags: Vec<&str> = help
        .split(|c: char| c.is_whitespace() || c == ',' || c == '[' || c == '<')
        .filter(|word| word.starts_with("--") && word.len() > 2)
        .filter(|flag| !["--help", "--quiet", "--color"].contains(flag))
        .collect();
    assert!(flags.len() >= 15, "{help}");
    for flag in flags {
        assert!(
            readme.contains(&format!("`{flag}")) || readme.contains(&format!("{flag} ")),
            "{flag} is not in the README"
        );
    }
    for key in raci_lint::CONFIG_KEYS {
        assert!(
            readme.contains(&format!("{key} =")) || readme.contains(&format!("[{key}]")),
            "`{key}` is not in the README"
        );
    }
}
