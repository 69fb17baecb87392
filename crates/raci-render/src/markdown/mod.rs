//! The normalized Markdown form of a matrix: front matter (title, edition,
//! language), one heading per section level, one aligned table per section
//! with the document's party names and roles in canonical letter order, and
//! notes as footnotes under their table. Reading it back with raci's
//! Markdown reader gives the same model.

mod escape;
mod fmt;
mod headings;
mod notes;

pub use fmt::{format_source, Formatted, LeftAsIs};

use raci_model::{Activity, Document};

use crate::table;
use notes::Carrier;

/// The whole document as normalized Markdown.
pub fn write(document: &Document) -> String {
    let mut blocks: Vec<String> = Vec::new();
    blocks.extend(front_matter(document));
    let word = escape::activity_word(document.language.as_deref());
    let mut header = vec![word.to_owned()];
    header.extend(document.parties.iter().map(|p| escape::inline(p)));
    let groups: Vec<&[Activity]> = document
        .activities
        .chunk_by(|a, b| a.section == b.section)
        .collect();
    let paths: Vec<&[String]> = groups.iter().map(|g| g[0].section.as_slice()).collect();
    let mut numbered = 0;
    for (group, headings) in groups.iter().zip(headings::plan(&paths)) {
        blocks.extend(
            headings.into_iter().map(|(level, title)| {
                format!("{} {}\n", "#".repeat(level), escape::inline(&title))
            }),
        );
        let activities: Vec<&Activity> = group.iter().collect();
        let plan = notes::plan(document, &activities, &mut numbered);
        let rows: Vec<Vec<String>> = activities
            .iter()
            .zip(&plan.rows)
            .map(|(activity, marks)| row(document, activity, marks.as_ref()))
            .collect();
        blocks.push(table::aligned(&header, &rows, "\n"));
        blocks.extend(
            plan.definitions
                .iter()
                .map(|(mark, text)| format!("{}\n", notes::definition_line(mark, text))),
        );
    }
    blocks.join("\n")
}

/// `title`, `updated` and `lang`, the fields the Markdown reader takes from
/// front matter; values are written as JSON strings, which YAML reads as such.
fn front_matter(document: &Document) -> Option<String> {
    let fields: Vec<String> = [
        ("title", &document.title),
        ("updated", &document.edition),
        ("lang", &document.language),
    ]
    .into_iter()
    .filter_map(|(name, value)| {
        let value = value.as_deref()?;
        Some(format!("{name}: {}\n", serde_json::Value::from(value)))
    })
    .collect();
    (!fields.is_empty()).then(|| format!("---\n{}---\n", fields.concat()))
}

fn row(document: &Document, activity: &Activity, marks: Option<&(Carrier, String)>) -> Vec<String> {
    let marks_on = |carrier: Carrier| match marks {
        Some((on, marks)) if *on == carrier => marks.as_str(),
        _ => "",
    };
    let mut cells = vec![format!(
        "{}{}",
        escape::inline(&activity.text),
        marks_on(Carrier::Text)
    )];
    cells.extend((0..document.parties.len()).map(|party| {
        format!(
            "{}{}",
            document.roles_of(activity, party),
            marks_on(Carrier::Party(party))
        )
    }));
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use raci_model::{Roles, Span};

    fn activity(section: &[&str], text: &str, roles: &[(&str, &str)], notes: &[&str]) -> Activity {
        Activity {
            id: raci_model::slug_of(text),
            section: section.iter().map(|s| (*s).to_owned()).collect(),
            text: text.to_owned(),
            roles: roles
                .iter()
                .map(|(p, r)| ((*p).to_owned(), r.parse::<Roles>().unwrap()))
                .collect(),
            notes: notes.iter().map(|n| (*n).to_owned()).collect(),
            source: Span::line(1),
            ..Activity::default()
        }
    }

    #[test]
    fn writes_front_matter_headings_tables_and_footnotes() {
        let mut document = Document::new();
        document.title = Some("Queue: \"shared\" duties".into());
        document.edition = Some("2024-03-18".into());
        document.language = Some("en".into());
        document.parties = vec!["Customer".into(), "Nimbus".into()];
        document.activities = vec![
            activity(
                &["1. Start", "1.1. Size"],
                "Pick | region",
                &[("Customer", "RA")],
                &[],
            ),
            activity(
                &["1. Start", "1.1. Size"],
                "Back up",
                &[("Customer", "RA"), ("Nimbus", "I")],
                &["May be delegated."],
            ),
            activity(
                &["Summary"],
                "Erase",
                &[("Nimbus", "RA")],
                &["One.", "Two."],
            ),
        ];
        insta::assert_snapshot!(write(&document), @r###"
        ---
        title: "Queue: \"shared\" duties"
        updated: "2024-03-18"
        lang: "en"
        ---

        ### 1. Start

        #### 1.1. Size

        | Activity       | Customer | Nimbus |
        | -------------- | -------- | ------ |
        | Pick \| region | RA       |        |
        | Back up        | RA*      | I      |

        *May be delegated.

        ### Summary

        | Activity | Customer | Nimbus   |
        | -------- | -------- | -------- |
        | Erase    |          | RA(1)(2) |

        (1) One.

        (2) Two.
        "###);
    }
}
