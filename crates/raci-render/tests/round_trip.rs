//! Round trips: reading back what each writer wrote gives the same model
//! (activities' ids, sections, texts, roles and notes; the parties; the
//! title, edition and language where the format carries them), on every
//! fixture of ours and every seed of the shared corpus.

#![allow(clippy::print_stderr)] // the corpus tests say why they skip, and what they checked

mod common;

use raci_ingest::{parse, InputFormat};
use raci_model::Document;

use common::Input;

/// What the model says, in the terms a round trip must keep.
#[derive(Debug, PartialEq, Eq)]
struct ActivityKey {
    id: String,
    section: Vec<String>,
    text: String,
    roles: Vec<(String, String)>,
    notes: Vec<String>,
}

fn keys(document: &Document) -> Vec<ActivityKey> {
    document
        .activities
        .iter()
        .map(|a| ActivityKey {
            id: a.id.clone(),
            section: a.section.clone(),
            text: a.text.clone(),
            roles: a
                .role_entries()
                .map(|(party, roles)| (party.to_owned(), roles.to_string()))
                .collect(),
            notes: a.notes.clone(),
        })
        .collect()
}

/// Which document-level fields a format carries.
#[derive(Clone, Copy)]
struct Carries {
    title_and_edition: bool,
    language: bool,
}

const EVERYTHING: Carries = Carries {
    title_and_edition: true,
    language: true,
};

/// The differences between `original` and `back`, one line each (none when equal).
fn differences(original: &Document, back: &Document, carries: Carries) -> Vec<String> {
    let mut found = Vec::new();
    if original.parties != back.parties {
        found.push(format!(
            "parties {:?} came back as {:?}",
            original.parties, back.parties
        ));
    }
    if carries.title_and_edition
        && (original.title != back.title || original.edition != back.edition)
    {
        found.push(format!(
            "title/edition {:?}/{:?} came back as {:?}/{:?}",
            original.title, original.edition, back.title, back.edition
        ));
    }
    if carries.language && original.language.is_some() && original.language != back.language {
        found.push(format!(
            "language {:?} came back as {:?}",
            original.language, back.language
        ));
    }
    let (before, after) = (keys(original), keys(back));
    if before.len() != after.len() {
        found.push(format!(
            "{} activities came back as {}",
            before.len(),
            after.len()
        ));
    }
    found.extend(
        before
            .iter()
            .zip(&after)
            .filter(|(a, b)| a != b)
            .take(3)
            .map(|(a, b)| format!("{a:?}\n    came back as {b:?}")),
    );
    found
}

fn check(
    input: &Input,
    writer: &str,
    back: Result<Document, String>,
    carries: Carries,
) -> Option<String> {
    let outcome = match back {
        Ok(back) => differences(&input.document, &back, carries),
        Err(error) => vec![format!("could not read it back: {error}")],
    };
    (!outcome.is_empty())
        .then(|| format!("{} via {writer}:\n  {}", input.name, outcome.join("\n  ")))
}

fn read(bytes: &[u8], format: InputFormat) -> Result<Document, String> {
    parse(bytes, Some(format), None).map_err(|e| e.to_string())
}

/// Every writer on one input; the failures, described.
fn round_trips(input: &Input) -> Vec<String> {
    let document = &input.document;
    let markdown = raci_render::markdown::write(document);
    let csv = raci_render::csv::write(document).expect("CSV");
    let xlsx = raci_render::xlsx::write(document).expect("XLSX");
    let json = document.to_json();
    let yaml = document.to_yaml().expect("YAML");
    let spreadsheet = Carries {
        title_and_edition: false,
        language: false,
    };
    let xlsx_carries = Carries {
        title_and_edition: true,
        language: false,
    };
    [
        check(
            input,
            "markdown",
            read(markdown.as_bytes(), InputFormat::Markdown),
            EVERYTHING,
        ),
        check(
            input,
            "csv",
            read(csv.as_bytes(), InputFormat::Csv),
            spreadsheet,
        ),
        // Detected, not told: the extension says CSV, the magic number says XLSX.
        check(
            input,
            "csv (detected)",
            parse(csv.as_bytes(), None, Some("m.csv")).map_err(|e| e.to_string()),
            spreadsheet,
        ),
        check(
            input,
            "xlsx",
            parse(&xlsx, None, None).map_err(|e| e.to_string()),
            xlsx_carries,
        ),
        check(
            input,
            "json",
            Document::from_json(&json).map_err(|e| e.to_string()),
            EVERYTHING,
        ),
        check(
            input,
            "yaml",
            Document::from_yaml(&yaml).map_err(|e| e.to_string()),
            EVERYTHING,
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn run(inputs: &[Input]) {
    let mut failures = Vec::new();
    for input in inputs {
        let found = round_trips(input);
        eprintln!(
            "{}: {} activities, {} parties, {}",
            input.name,
            input.document.activities.len(),
            input.document.parties.len(),
            if found.is_empty() {
                "markdown, csv, xlsx, json and yaml round trips hold".to_owned()
            } else {
                format!("{} round trips fail", found.len())
            }
        );
        failures.extend(found);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_writer_round_trips_our_fixtures() {
    run(&common::fixtures());
}

#[test]
fn every_writer_round_trips_the_seeds() {
    run(&common::seeds());
}

#[test]
fn every_writer_round_trips_the_published_pages() {
    run(&common::corpus());
}

/// `raci fmt` rewrites the tables of a Markdown page: the page reads back
/// to the same model, and formatting twice changes nothing more.
#[test]
fn formatting_markdown_in_place_keeps_the_model_and_is_idempotent() {
    let mut failures = Vec::new();
    for input in common::all().into_iter().chain(common::corpus()) {
        if input.document.facts.format != "markdown" {
            continue;
        }
        let source = String::from_utf8(input.bytes.clone()).expect("UTF-8 Markdown");
        let formatted = raci_render::markdown::format_source(&source, &input.document);
        let back = read(formatted.text.as_bytes(), InputFormat::Markdown);
        failures.extend(check(&input, "fmt", back.clone(), EVERYTHING));
        let Ok(back) = back else { continue };
        let again = raci_render::markdown::format_source(&formatted.text, &back);
        if again.text != formatted.text {
            failures.push(format!("{}: formatting twice changes the page", input.name));
        }
        eprintln!(
            "{}: fmt keeps the model; {} tables left as they were",
            input.name,
            formatted.left_as_is.len()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The normalized Markdown is a fixed point: writing what was read from it
/// gives it back.
#[test]
fn normalized_markdown_is_stable() {
    for input in common::all() {
        let once = raci_render::markdown::write(&input.document);
        let back = read(once.as_bytes(), InputFormat::Markdown).expect("reads back");
        assert_eq!(raci_render::markdown::write(&back), once, "{}", input.name);
    }
}

/// The comparison itself sees a changed role, note, section or title.
#[test]
fn the_comparison_sees_every_kind_of_loss() {
    let original = common::fixtures().remove(0).document;
    let party = original.parties[0].clone();
    let changes: [fn(&mut Document, &str); 5] = [
        |d, p| {
            let roles = d.activities[0].roles.entry(p.to_owned()).or_default();
            roles.insert(raci_model::Role::Consulted);
        },
        |d, _| d.activities[1].notes.push("A note".into()),
        |d, _| d.activities[2].section.pop().map_or((), drop),
        |d, _| d.title = Some("Another title".into()),
        |d, _| d.activities.truncate(3),
    ];
    for change in changes {
        let mut changed = original.clone();
        change(&mut changed, &party);
        assert!(!differences(&original, &changed, EVERYTHING).is_empty());
    }
    assert!(differences(&original, &original.clone(), EVERYTHING).is_empty());
}
