//! Which tables are the matrix, which one is the legend of the letters, and
//! which are something else (a price list, a glossary).

use crate::blocks::{Layout, Table};
use crate::cells::read_role_cell;
use crate::{flat_text, vocabulary};

pub(super) enum TableKind {
    /// Defines the letters; holds them in the order listed.
    Legend(String),
    Matrix,
    Other,
}

pub(super) fn classify(table: &Table) -> TableKind {
    if let Some(letters) = legend_letters(table) {
        return TableKind::Legend(letters);
    }
    if table.layout == Layout::Flattened {
        return TableKind::Matrix;
    }
    if table.header.len() < 2 {
        return TableKind::Other;
    }
    let first = table.header[0].text.trim();
    if flat_text::strip_activity_word(first).is_some() || looks_like_roles(table) {
        TableKind::Matrix
    } else {
        TableKind::Other
    }
}

/// The letters a legend defines, when the table is one: its header is a
/// legend word, or its rows start with `R:` / `(R)` entries.
fn legend_letters(table: &Table) -> Option<String> {
    let header_word = table
        .header
        .first()
        .map(|c| c.text.trim().trim_end_matches(':').to_lowercase())
        .is_some_and(|word| vocabulary::is_legend_word(&word));
    let entries: Vec<char> = table
        .rows
        .iter()
        .filter_map(|row| {
            row.cells
                .first()
                .and_then(|cell| legend_entry_letter(&cell.text))
        })
        .collect();
    let mostly_entries = !table.rows.is_empty() && entries.len() * 2 >= table.rows.len();
    if mostly_entries && (header_word || entries.len() >= 3) {
        return Some(entries.into_iter().collect());
    }
    // `| R | Responsible |`: a letter alone in the first column, its meaning
    // in the second; the header row may be the first entry.
    let lone: Vec<char> = table
        .header
        .first()
        .into_iter()
        .chain(table.rows.iter().filter_map(|row| row.cells.first()))
        .filter_map(|cell| lone_letter(&cell.text))
        .collect();
    let two_columns = table.header.len() == 2;
    (two_columns && lone.len() >= 3 && lone.len() > table.rows.len() / 2)
        .then(|| lone.into_iter().collect())
}

/// `R: Does it`, `R : …`, `(R) Executes`, `R - …` → `R`.
fn legend_entry_letter(text: &str) -> Option<char> {
    let text = text.trim();
    let mut chars = text.chars();
    let first = chars.next()?;
    if first == '(' {
        let letter = chars.next()?;
        return (letter.is_ascii_uppercase() && chars.next() == Some(')')).then_some(letter);
    }
    let rest = chars.as_str().trim_start();
    (first.is_ascii_uppercase()
        && (rest.starts_with(':') || rest.starts_with("- ") || rest.starts_with('=')))
    .then_some(first)
}

/// `R`, `(R)`: one letter of a RACI alphabet alone in a cell.
fn lone_letter(text: &str) -> Option<char> {
    let text = text
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    let mut chars = text.chars();
    let letter = chars.next()?;
    (chars.next().is_none() && matches!(letter, 'R' | 'A' | 'S' | 'C' | 'I' | 'E'))
        .then_some(letter)
}

/// Whether most filled cells after the first column are role letters.
fn looks_like_roles(table: &Table) -> bool {
    let mut filled = 0;
    let mut roles = 0;
    for row in table.rows.iter().take(200) {
        for cell in row.cells.iter().skip(1) {
            if cell.text.trim().is_empty() {
                continue;
            }
            filled += 1;
            let read = read_role_cell(&cell.text);
            if !read.roles.is_empty() && read.unknown.len() <= 1 {
                roles += 1;
            }
        }
    }
    filled > 0 && roles * 2 >= filled
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::{Cell, Row};
    use raci_model::Span;

    fn table(rows: &[[&str; 2]]) -> Table {
        let cells = |row: &[&str; 2]| {
            row.iter()
                .map(|t| Cell::new(*t, Span::line(1)))
                .collect::<Vec<_>>()
        };
        Table {
            header: cells(&rows[0]),
            rows: rows[1..]
                .iter()
                .map(|row| Row {
                    cells: cells(row),
                    ..Row::default()
                })
                .collect(),
            ..Table::default()
        }
    }

    #[test]
    fn two_column_legends_with_lone_letters_are_legends() {
        let legend = table(&[
            ["R", "Does it"],
            ["A", "Answers for it"],
            ["C", "Is asked"],
            ["I", "Is told"],
        ]);
        assert!(matches!(classify(&legend), TableKind::Legend(letters) if letters == "RACI"));
        let matrix = table(&[
            ["Activity", "Customer"],
            ["Pick a region", "RA"],
            ["Pay", "R"],
        ]);
        assert!(matches!(classify(&matrix), TableKind::Matrix));
    }
}
