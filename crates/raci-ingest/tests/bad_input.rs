//! Hostile and broken inputs, through every reader: each must come back (a
//! document or an error), never panic, and keep memory in proportion to the
//! input. No wall-clock time is asserted; the fuzz targets under `fuzz/`
//! look for the slow inputs.
#![allow(clippy::print_stderr)] // the memory figures are reported, and a skipped check says why

use raci_ingest::{parse, IngestError, InputFormat};

/// Detection, then every format forced.
fn formats() -> impl Iterator<Item = Option<InputFormat>> {
    std::iter::once(None).chain(InputFormat::ALL.into_iter().map(Some))
}

/// The formats read as text (all but XLSX, a ZIP archive read from the bytes).
fn text_formats() -> impl Iterator<Item = Option<InputFormat>> {
    formats().filter(|format| *format != Some(InputFormat::Xlsx))
}

/// Parses `bytes` every way; returns how many ways gave a document.
fn through_every_format(bytes: &[u8]) -> usize {
    formats()
        .filter(|format| parse(bytes, *format, None).is_ok())
        .count()
}

/// The peak resident memory of this process so far, in bytes (Linux only).
fn peak_memory() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Set when a test runs again in a child process of its own, so that its
/// peak memory is not mixed with the other tests'.
const CHILD: &str = "RACI_BAD_INPUT_CHILD";

/// Runs the test `name` alone in a child process and returns how many bytes
/// its peak memory grew by (the child prints it), where that can be measured.
fn peak_growth_in_child(name: &str) -> Option<usize> {
    let exe = std::env::current_exe().expect("the test binary");
    let output = std::process::Command::new(exe)
        .args(["--exact", name, "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .output()
        .expect("the test binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the child failed:\n{stdout}\n{stderr}"
    );
    stderr
        .lines()
        .chain(stdout.lines())
        .find_map(|line| line.strip_prefix("peak memory growth: "))
        .and_then(|bytes| bytes.trim().parse().ok())
}

#[test]
fn fifty_megabytes_of_pipes() {
    let mut text = String::from("| Activity | Customer | Provider |\n| --- | --- | --- |\n");
    let line = format!("{}\n", "|".repeat(99));
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&line);
    }
    if std::env::var_os(CHILD).is_none() {
        let Some(grown) = peak_growth_in_child("fifty_megabytes_of_pipes") else {
            eprintln!("skipped the memory check: no peak memory figure on this system");
            return;
        };
        eprintln!(
            "peak memory grew by {grown} bytes for a {} byte input",
            text.len()
        );
        // It grows with the input, not with its square: the Markdown reader
        // is the hungriest, near 6x since cells past a table's width are
        // blanked before pulldown-cmark sees them (it was 35x before).
        assert!(
            grown < 12 * text.len(),
            "peak memory grew by {grown} bytes for a {} byte input",
            text.len()
        );
        return;
    }
    let before = peak_memory();
    assert_eq!(raci_ingest::detect(&text, None), InputFormat::Markdown);
    let documents = InputFormat::ALL
        .into_iter()
        .filter(|format| parse(text.as_bytes(), Some(*format), None).is_ok())
        .count();
    // Markdown, HTML, web text and glued text read anything; JSON and YAML refuse it.
    assert_eq!(documents, 4);
    if let (Some(before), Some(after)) = (before, peak_memory()) {
        eprintln!("peak memory growth: {}", after.saturating_sub(before));
    }
}

#[test]
fn one_megabyte_on_a_single_line() {
    let pattern =
        "| RA <td>Check the logs</td> ActivityCustomerProvider Pick a zoneRAI &amp; 2024-02-29 ";
    let line = pattern.repeat(1024 * 1024 / pattern.len() + 1);
    assert!(!line.contains('\n') && line.len() > 1024 * 1024);
    assert!(through_every_format(line.as_bytes()) >= 4);
    let spaces = " ".repeat(1024 * 1024) + "x";
    through_every_format(spaces.as_bytes());
    let one_cell_row = format!(
        "| Activity | Us |\n|---|---|\n| {} | RA |\n",
        "word ".repeat(200_000)
    );
    let document =
        parse(one_cell_row.as_bytes(), Some(InputFormat::Markdown), None).expect("markdown reads");
    assert_eq!(document.activities.len(), 1);
}

#[test]
fn invalid_utf8_is_an_error_naming_its_place() {
    let inputs: [&[u8]; 5] = [
        b"| Activity | Us |\n|---|---|\n| Do \xff it | RA |\n",
        b"\xc3",
        b"abc\x80def",
        b"\xed\xa0\x80 a UTF-8 encoded surrogate",
        b"\xf4\x90\x80\x80 past U+10FFFF",
    ];
    for bytes in inputs {
        for format in text_formats() {
            assert!(
                matches!(
                    parse(bytes, format, None),
                    Err(IngestError::InvalidUtf8 { .. })
                ),
                "{bytes:?} as {format:?}"
            );
        }
    }
    match parse(inputs[0], None, None) {
        Err(IngestError::InvalidUtf8 { line, column }) => assert_eq!((line, column), (3, 6)),
        other => panic!("expected invalid UTF-8, got {other:?}"),
    }
    // UTF-16 with a lone surrogate, and with an odd byte at the end.
    let lone: Vec<u8> = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0].to_vec();
    assert!(formats().all(|format| parse(&lone, format, None).is_err()));
    let odd: Vec<u8> = [0xFF, 0xFE, b'<', 0, b'p', 0, b'>'].to_vec();
    through_every_format(&odd);
}

#[test]
fn binary_data_is_refused() {
    let all_bytes: Vec<u8> = (0..=255u8).cycle().take(64 * 1024).collect();
    for format in text_formats() {
        assert!(matches!(
            parse(&all_bytes, format, None),
            Err(IngestError::Binary { .. })
        ));
    }
    // High bytes without a NUL: not UTF-8 either.
    let high: Vec<u8> = (1..=255u8).rev().cycle().take(64 * 1024).collect();
    assert_eq!(through_every_format(&high), 0);
    // Control characters other than NUL are text, if odd text.
    let controls: Vec<u8> = (1..32u8).cycle().take(64 * 1024).collect();
    through_every_format(&controls);
}

#[test]
fn a_markdown_table_of_ten_thousand_columns() {
    let header: String = (0..10_000).map(|i| format!("| P{i} ")).collect();
    let delimiter = "| --- ".repeat(10_000);
    let row: String = (0..10_000)
        .map(|i| {
            if i == 0 {
                "| Do it ".to_owned()
            } else {
                "| RA ".to_owned()
            }
        })
        .collect();
    let text = format!("{header}|\n{delimiter}|\n{row}|\n{row}|\n");
    assert!(through_every_format(text.as_bytes()) >= 4);
    let document =
        parse(text.as_bytes(), Some(InputFormat::Markdown), None).expect("markdown reads");
    assert_eq!(document.activities.len(), 2);
    let row = &document.activities[0].row;
    assert_eq!(row.cell_count, 10_000, "the row says how wide it was");
    assert!(row.cells.len() < 100, "but keeps a bounded number of cells");

    let html_header: String = (0..10_000).map(|i| format!("<th>P{i}</th>")).collect();
    let html_row: String = (0..10_000)
        .map(|i| {
            if i == 0 {
                "<td>Do it</td>".to_owned()
            } else {
                "<td>RA</td>".to_owned()
            }
        })
        .collect();
    let html = format!("<table><tr><th>Activity</th>{html_header}</tr><tr>{html_row}</tr></table>");
    let document = parse(html.as_bytes(), Some(InputFormat::Html), None).expect("html reads");
    assert_eq!(document.activities.len(), 1);
    assert_eq!(document.activities[0].row.cell_count, 10_000);
    through_every_format(html.as_bytes());
}

#[test]
fn deeply_nested_markup() {
    let depth = 100_000;
    let divs = format!(
        "{}<p>deep</p>{}",
        "<div><span><b>".repeat(depth),
        "</b></span></div>".repeat(depth)
    );
    let document = parse(divs.as_bytes(), Some(InputFormat::Html), None).expect("html reads");
    assert_eq!(document.facts.prose.len(), 1);
    through_every_format(divs.as_bytes());

    let tables = "<table><tr><td>".repeat(depth / 4)
        + "<table><tr><th>Activity</th><th>Us</th></tr><tr><td>Deep</td><td>RA</td></tr></table>";
    let document = parse(tables.as_bytes(), Some(InputFormat::Html), None).expect("html reads");
    assert_eq!(
        document.activities.len(),
        1,
        "only the innermost table is a matrix"
    );
    through_every_format(tables.as_bytes());

    let unclosed = "<table><tr><td><ul><li><h2><strong><a href=x>".repeat(depth / 10);
    through_every_format(unclosed.as_bytes());

    for nested in [
        "> ".repeat(depth),
        "- ".repeat(depth),
        "[".repeat(depth),
        "*".repeat(depth),
    ] {
        through_every_format(nested.as_bytes());
    }
}
