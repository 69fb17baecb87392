//! `raci fmt`: a Markdown page with its matrix tables rewritten in normalized
//! form (the document's party names, roles in canonical letter order, aligned
//! columns, empty rows dropped), everything else kept byte for byte:
//! headings, prose, legends, footnote definitions and the marks pointing to
//! them. A table the model cannot represent exactly (a row with too few or
//! too many cells, letters outside the alphabet, another number of parties)
//! is left as it is and reported, so formatting never loses what a lint
//! finding is about.

use raci_model::{Activity, Document, FootnoteMark, TableFacts};

use super::escape;
use crate::table;

/// A page after formatting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formatted {
    pub text: String,
    /// The tables left as they were, and why.
    pub left_as_is: Vec<LeftAsIs>,
}

/// A table that was not rewritten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftAsIs {
    /// The line of its header.
    pub line: u32,
    pub reason: String,
}

/// Rewrites the matrix tables of `source`, which `document` was read from
/// (with raci's Markdown reader: the spans and source facts must be its).
pub fn format_source(source: &str, document: &Document) -> Formatted {
    let newline = if source.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let mut replaced: Vec<(usize, usize, String)> = Vec::new();
    let mut left_as_is = Vec::new();
    for facts in &document.facts.tables {
        let start = facts.span.line as usize;
        let Some(first) = start.checked_sub(1).filter(|at| *at < lines.len()) else {
            continue;
        };
        let end = first
            + lines[first..]
                .iter()
                .take_while(|line| !line.trim().is_empty() && line.contains('|'))
                .count();
        if end < first + 2 {
            continue; // not a table's header and delimiter rows
        }
        let activities: Vec<&Activity> = document
            .activities
            .iter()
            .filter(|a| (start..=end).contains(&(a.source.line as usize)))
            .collect();
        if let Err(reason) = representable(document, facts, lines[first], &activities) {
            left_as_is.push(LeftAsIs {
                line: facts.span.line,
                reason,
            });
            continue;
        }
        let mut text = render(document, lines[first], &activities, newline);
        if !lines[end - 1].ends_with('\n') {
            text.truncate(text.len() - newline.len());
        }
        replaced.push((first, end, text));
    }
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for (first, end, text) in replaced {
        if first < at {
            continue;
        }
        out.extend(lines[at..first].iter().copied());
        out.push_str(&text);
        at = end;
    }
    out.extend(lines[at..].iter().copied());
    Formatted {
        text: out,
        left_as_is,
    }
}

fn representable(
    document: &Document,
    facts: &TableFacts,
    header_line: &str,
    activities: &[&Activity],
) -> Result<(), String> {
    if header_line.starts_with([' ', '\t', '>']) {
        return Err("the table is indented or quoted".to_owned());
    }
    if facts.parties.len() != document.parties.len() {
        return Err(format!(
            "the table has {} party columns where the document has {}",
            facts.parties.len(),
            document.parties.len()
        ));
    }
    for activity in activities {
        let row = &activity.row;
        if row.cell_count != row.expected_cells {
            return Err(format!(
                "the row at line {} has {} cells where the header has {}",
                activity.source.line, row.cell_count, row.expected_cells
            ));
        }
        if let Some(cell) = row.cells.iter().find(|cell| !cell.unknown.is_empty()) {
            return Err(format!(
                "the cell `{}` at line {} holds letters outside the alphabet",
                cell.raw, cell.span.line
            ));
        }
    }
    Ok(())
}

/// The cells of a table row as written (markup such as `**` kept),
/// splitting on the `|` that are not escaped.
fn written_cells(line: &str) -> Vec<String> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = line.strip_suffix('|').unwrap_or(line);
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in line.chars() {
        if c == '|' && !escaped {
            cells.push(String::new());
        } else if let Some(cell) = cells.last_mut() {
            cell.push(c);
        }
        escaped = c == '\\' && !escaped;
    }
    cells
        .into_iter()
        .map(|cell| cell.trim().to_owned())
        .collect()
}

/// The normalized table, marks kept as they were written, and the header
/// cells as the page wrote them (bold and wording kept) when there is one
/// for each column.
fn render(
    document: &Document,
    header_line: &str,
    activities: &[&Activity],
    newline: &str,
) -> String {
    let written = written_cells(header_line);
    let header =
        if written.len() == document.parties.len() + 1 && written.iter().all(|c| !c.is_empty()) {
            written
        } else {
            let mut header = vec![escape::activity_word(document.language.as_deref()).to_owned()];
            header.extend(document.parties.iter().map(|p| escape::inline(p)));
            header
        };
    let rows: Vec<Vec<String>> = activities
        .iter()
        .map(|activity| {
            let mut cells = vec![format!(
                "{}{}",
                escape::inline(&activity.text),
                text_marks(&activity.row.text_marks)
            )];
            cells.extend((0..document.parties.len()).map(|party| {
                let marks: String = activity
                    .row
                    .cells
                    .iter()
                    .filter(|cell| cell.party == party)
                    .flat_map(|cell| cell.marks.iter().map(|m| m.mark.as_str()))
                    .collect();
                let roles = document.roles_of(activity, party).to_string();
                match (roles.is_empty(), marks.is_empty()) {
                    // A mark needs something before it to be read as one.
                    (true, false) => format!("-{marks}"),
                    _ => format!("{roles}{marks}"),
                }
            }));
            cells
        })
        .collect();
    table::aligned(&header, &rows, newline)
}

/// Marks after the activity text: stars glued to it, numbered ones after a space.
fn text_marks(marks: &[FootnoteMark]) -> String {
    marks
        .iter()
        .map(|m| {
            if m.mark.starts_with('*') {
                m.mark.clone()
            } else {
                format!(" {}", m.mark)
            }
        })
        .collect()
}
