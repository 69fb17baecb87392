//! An HTML responsibility page of ours, in the shape providers publish them
//! (site header and navigation, a legend table, one matrix table per
//! sub-section, bold role letters, a footnote under a table), read end to end.

use raci_ingest::InputFormat;
use raci_model::Document;

const PAGE: &[u8] = include_bytes!("fixtures/html/managed-db.html");

fn page() -> Document {
    raci_ingest::parse(PAGE, None, Some("managed-db.html")).expect("the page parses")
}

fn activity<'d>(document: &'d Document, text: &str) -> &'d raci_model::Activity {
    document
        .activities
        .iter()
        .find(|a| a.text == text)
        .unwrap_or_else(|| panic!("no activity `{text}`"))
}

/// The roles of every party, in party order (`""` where a party has none).
fn roles(document: &Document, text: &str) -> Vec<String> {
    let activity = activity(document, text);
    document
        .parties
        .iter()
        .map(|party| {
            activity
                .roles
                .get(party)
                .map(ToString::to_string)
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn detects_html_and_reads_the_page_metadata() {
    let document = page();
    assert_eq!(document.facts.format, "html");
    assert_eq!(
        raci_ingest::detect(std::str::from_utf8(PAGE).unwrap(), None),
        InputFormat::Html
    );
    assert_eq!(
        document.title.as_deref(),
        Some("Managed Database - Who does what")
    );
    assert_eq!(document.language.as_deref(), Some("en"));
    assert_eq!(document.edition.as_deref(), Some("2024-09-12"));
    assert_eq!(document.parties, ["Customer", "Provider"]);
}

#[test]
fn reads_every_matrix_row_but_not_the_legend_nor_the_page_furniture() {
    let document = page();
    let texts: Vec<&str> = document
        .activities
        .iter()
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "Pick the database engine & its major version",
            "Estimate the storage and the memory needed",
            "Read the service level commitments",
            "Apply minor engine patches",
            "Tune the queries of the application",
            "Watch the health of the hosts",
            "Take the daily snapshot",
            "Test a restore now and then",
            "Export the data before leaving",
            "Erase the disks and certify it",
        ]
    );
    assert_eq!(document.facts.tables.len(), 5);
    let legend = document
        .facts
        .legend
        .as_ref()
        .expect("the legend table is recognised");
    assert_eq!(legend.letters, "RACI");
    assert_eq!(legend.span.line, 19);
    // Navigation, header, footer and scripts leave no prose behind.
    assert_eq!(document.facts.prose.len(), 1);
    assert!(document.facts.prose[0]
        .text
        .starts_with("Last reviewed on 12/09/2024."));
}

#[test]
fn sections_follow_the_numbered_headings() {
    let document = page();
    assert_eq!(
        activity(&document, "Pick the database engine & its major version").section,
        ["1. Before subscription", "1.1 Choose the offer"]
    );
    assert_eq!(
        activity(&document, "Read the service level commitments").section,
        ["1. Before subscription", "1.2 Check the contract"]
    );
    assert_eq!(
        activity(&document, "Test a restore now and then").section,
        ["2. Daily operations", "2.2 Backups"]
    );
    assert_eq!(
        activity(&document, "Erase the disks and certify it").section,
        ["3. End of service"]
    );
}

#[test]
fn roles_come_from_the_bold_cells_and_an_empty_cell_gives_none() {
    let document = page();
    assert_eq!(
        roles(&document, "Pick the database engine & its major version"),
        ["RA", "I"]
    );
    assert_eq!(
        roles(&document, "Estimate the storage and the memory needed"),
        ["RA", "C"]
    );
    assert_eq!(
        roles(&document, "Read the service level commitments"),
        ["RA", ""]
    );
    assert_eq!(roles(&document, "Apply minor engine patches"), ["I", "RA"]);
    assert_eq!(
        roles(&document, "Erase the disks and certify it"),
        ["I", "RA"]
    );
    let empty = activity(&document, "Read the service level commitments");
    assert_eq!(empty.row.cell_count, 3);
    assert_eq!(empty.row.cells[1].raw, "");
}

#[test]
fn the_starred_cell_takes_the_footnote_under_its_table() {
    let document = page();
    let patched = activity(&document, "Apply minor engine patches");
    assert_eq!(
        patched.notes,
        ["Patches that restart the instance are applied in the maintenance window the customer chose."]
    );
    assert_eq!(patched.row.cells[1].raw, "RA*");
    assert!(patched.row.cells[1].marks.iter().all(|mark| mark.resolved));
    assert_eq!(document.facts.footnotes.len(), 1);
    assert_eq!(document.facts.footnotes[0].span.line, 87);
    assert_eq!(document.facts.footnotes[0].uses, 1);
    let others = document
        .activities
        .iter()
        .filter(|a| !a.notes.is_empty())
        .count();
    assert_eq!(others, 1);
}

#[test]
fn sources_point_at_the_activity_cells() {
    let document = page();
    let first = activity(&document, "Pick the database engine & its major version");
    assert_eq!((first.source.line, first.source.column), (37, 15));
    assert_eq!(
        activity(&document, "Apply minor engine patches")
            .source
            .line,
        71
    );
    assert_eq!(
        activity(&document, "Erase the disks and certify it")
            .source
            .line,
        120
    );
    let starred = &activity(&document, "Apply minor engine patches").row.cells[1];
    assert_eq!(
        (starred.span.line, starred.span.column, starred.span.len),
        (73, 23, 3)
    );
    let headings: Vec<u32> = document
        .facts
        .headings
        .iter()
        .map(|h| h.span.line)
        .collect();
    assert_eq!(headings, [18, 29, 30, 49, 63, 64, 89, 108]);
}

#[test]
fn the_same_page_reads_the_same_when_the_format_is_forced() {
    let forced = raci_ingest::parse(PAGE, Some(InputFormat::Html), None).expect("parses");
    assert_eq!(forced.to_json(), page().to_json());
}
