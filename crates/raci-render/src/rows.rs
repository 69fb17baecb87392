//! The one-row-per-activity layout the spreadsheet writers share: `id`,
//! `section` (the path joined with ` > `), `activity`, one column per party,
//! `notes` (one per line).

use raci_model::Document;

/// Joins the titles of a section path; the spreadsheet readers split on it.
pub const SECTION_SEPARATOR: &str = " > ";

/// The header row.
pub(crate) fn header(document: &Document) -> Vec<String> {
    let mut header = vec!["id".to_owned(), "section".to_owned(), "activity".to_owned()];
    header.extend(document.parties.iter().cloned());
    header.push("notes".to_owned());
    header
}

/// One row per activity, in document order.
pub(crate) fn records(document: &Document) -> impl Iterator<Item = Vec<String>> + '_ {
    document.activities.iter().map(|activity| {
        let mut row = vec![
            activity.id.clone(),
            activity.section.join(SECTION_SEPARATOR),
            activity.text.clone(),
        ];
        row.extend(
            (0..document.parties.len()).map(|party| document.roles_of(activity, party).to_string()),
        );
        row.push(activity.notes.join("\n"));
        row
    })
}
