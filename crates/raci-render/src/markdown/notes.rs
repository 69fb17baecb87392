//! Notes written back as footnotes: a mark after the roles of one cell (or
//! after the activity text when no party has a role) and a definition after
//! the table, the way published matrices write them (`RA*`, `*Can be delegated…`).
//!
//! A table whose rows have one note each, three distinct notes at most, uses
//! star marks (`*`, `**`, `***`); any other uses numbered marks (`(1)`,
//! `(2)`…) counted across the document, since a cell holds one star mark only.

use raci_model::{Activity, Document};

/// Where an activity's marks go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Carrier {
    Text,
    /// The cell of the party with this index.
    Party(usize),
}

/// The marks of one table's rows and the definitions to write under it.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// Per row: where its marks go, and the marks, in the order of its notes.
    pub rows: Vec<Option<(Carrier, String)>>,
    /// `(mark, text)`, in the order of first use.
    pub definitions: Vec<(String, String)>,
}

/// Plans the marks of `activities` (one table); `numbered` counts the
/// numbered marks already used in the document.
pub(crate) fn plan(document: &Document, activities: &[&Activity], numbered: &mut usize) -> Plan {
    let mut distinct: Vec<&str> = Vec::new();
    for activity in activities {
        for note in &activity.notes {
            if !distinct.contains(&note.as_str()) {
                distinct.push(note);
            }
        }
    }
    let stars = distinct.len() <= 3 && activities.iter().all(|a| a.notes.len() <= 1);
    let definitions: Vec<(String, String)> = distinct
        .iter()
        .enumerate()
        .map(|(at, note)| {
            let mark = if stars {
                "*".repeat(at + 1)
            } else {
                *numbered += 1;
                format!("({numbered})")
            };
            (mark, (*note).to_owned())
        })
        .collect();
    let rows = activities
        .iter()
        .map(|activity| {
            if activity.notes.is_empty() {
                return None;
            }
            let marks: String = activity
                .notes
                .iter()
                .filter_map(|note| definitions.iter().find(|(_, text)| text == note))
                .map(|(mark, _)| mark.as_str())
                .collect();
            carrier(document, activity).map(|carrier| (carrier, marks))
        })
        .collect();
    Plan { rows, definitions }
}

/// The cell that held the mark in the source, when it still has a role;
/// otherwise the first cell with a role; otherwise the text, when there is one.
fn carrier(document: &Document, activity: &Activity) -> Option<Carrier> {
    let has_roles = |party: usize| !document.roles_of(activity, party).is_empty();
    let marked = activity
        .row
        .cells
        .iter()
        .find(|cell| cell.marks.iter().any(|m| m.resolved))
        .map(|cell| cell.party)
        .filter(|party| has_roles(*party));
    marked
        .or_else(|| (0..document.parties.len()).find(|party| has_roles(*party)))
        .map(Carrier::Party)
        .or_else(|| (!activity.text.trim().is_empty()).then_some(Carrier::Text))
}

/// The definition lines under a table: `*text`, `(2) text`.
pub(crate) fn definition_line(mark: &str, text: &str) -> String {
    if mark.starts_with('*') {
        format!("{mark}{text}")
    } else {
        format!("{mark} {text}")
    }
}
