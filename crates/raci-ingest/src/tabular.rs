//! What the spreadsheet readers share (CSV rows, XLSX sheets): find the
//! header row (an `activity` column, party columns, and optional `id`,
//! `section` and `notes` columns), then turn the rows below it into blocks.

use raci_model::Span;

use crate::blocks::{Block, Cell, Metadata, Parsed, Row, Table, MAX_GRID_COLUMNS};
use crate::{dates, flat_text, numbering};

/// How many rows are searched for the header.
pub(crate) const HEADER_SEARCH_ROWS: usize = 50;

/// Separator of section titles in a `section` cell (`1. Before > 1.1. Size`).
pub const SECTION_SEPARATOR: &str = " > ";

/// One row of a sheet: its line (CSV) or row number (XLSX), and its cells.
#[derive(Debug, Default)]
pub(crate) struct GridRow {
    pub line: u32,
    /// The cells, at most [`MAX_GRID_COLUMNS`] of them.
    pub cells: Vec<Cell>,
    /// How many cells the row has in the source, those past the bound included.
    pub width: usize,
}

/// Which column holds what.
#[derive(Debug, PartialEq, Eq)]
struct Columns {
    activity: usize,
    id: Option<usize>,
    section: Option<usize>,
    notes: Option<usize>,
    /// Party columns, in order.
    parties: Vec<usize>,
    /// Columns with a header.
    width: usize,
}

/// Reads the rows of one sheet; `None` when no header row is found near the top.
pub(crate) fn read(rows: &[GridRow]) -> Option<Parsed> {
    let (header_at, columns) = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find_map(|(at, row)| columns(row).map(|columns| (at, columns)))?;
    let header = &rows[header_at];
    let mut parsed = Parsed {
        meta: preamble(&rows[..header_at]),
        ..Parsed::default()
    };
    let new_table = || Table {
        header: std::iter::once(columns.activity)
            .chain(columns.parties.iter().copied())
            .map(|at| cell(header, at))
            .collect(),
        span: Span::line(header.line),
        // The columns that are neither id, section nor notes.
        header_cells: header.width
            - [columns.id, columns.section, columns.notes]
                .iter()
                .filter(|column| column.is_some())
                .count()
                .min(header.width),
        ..Table::default()
    };
    let mut table = new_table();
    let mut section: Option<Vec<String>> = None;
    for row in &rows[header_at + 1..] {
        if let Some(at) = columns.section {
            let path = section_path(&cell(row, at).text);
            if section.as_ref() != Some(&path) {
                flush(&mut parsed, &mut table, &new_table);
                parsed.blocks.push(Block::Section {
                    path: path.clone(),
                    span: Span::line(row.line),
                });
                section = Some(path);
            }
        } else if let Some(heading) = heading_row(row, &columns) {
            flush(&mut parsed, &mut table, &new_table);
            parsed.blocks.push(heading);
            continue;
        }
        table.rows.push(matrix_row(row, &columns));
    }
    flush(&mut parsed, &mut table, &new_table);
    Some(parsed)
}

/// The columns of a header row, when it is one: a cell naming the activity
/// column and at least one other named column that is a party.
fn columns(row: &GridRow) -> Option<Columns> {
    let names: Vec<String> = row
        .cells
        .iter()
        .map(|c| c.text.trim().trim_matches(['*', '_']).trim().to_lowercase())
        .collect();
    let activity = names.iter().position(|name| is_activity_header(name))?;
    let find = |words: &[&str]| names.iter().position(|name| words.contains(&name.as_str()));
    let id = find(&["id"]);
    let section = find(&["section", "sections", "phase"]);
    let notes = find(&["notes", "note", "remarques"]);
    let parties: Vec<usize> = (0..names.len())
        .filter(|at| ![Some(activity), id, section, notes].contains(&Some(*at)))
        .filter(|at| !names[*at].is_empty())
        .collect();
    if parties.is_empty() {
        return None;
    }
    let width = names.iter().rposition(|name| !name.is_empty())? + 1;
    Some(Columns {
        activity,
        id,
        section,
        notes,
        parties,
        width,
    })
}

fn is_activity_header(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let capitalized: String = first.to_uppercase().chain(chars).collect();
    flat_text::is_activity_word(&capitalized)
}

/// Title and edition from the rows above the header: the first row with one
/// filled cell is the title; the first date found is the edition.
fn preamble(rows: &[GridRow]) -> Metadata {
    let filled = |row: &GridRow| -> Vec<String> {
        row.cells
            .iter()
            .map(|c| c.text.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect()
    };
    let title = rows.iter().find_map(|row| match filled(row).as_slice() {
        [only] if dates::find_date(only).is_none() => Some(only.clone()),
        _ => None,
    });
    let edition = rows
        .iter()
        .find_map(|row| filled(row).iter().find_map(|text| dates::find_date(text)));
    Metadata {
        title,
        edition,
        language: None,
    }
}

/// A row with only a numbered title in the activity column, in a sheet with
/// no section column: a heading.
fn heading_row(row: &GridRow, columns: &Columns) -> Option<Block> {
    let text = cell(row, columns.activity).text;
    let others_empty = row
        .cells
        .iter()
        .enumerate()
        .all(|(at, c)| at == columns.activity || c.text.trim().is_empty());
    let depth = numbering::depth(text.trim())?;
    others_empty.then(|| Block::Heading {
        level: (depth + 1).min(6) as u8,
        text: text.trim().to_owned(),
        span: Span::line(row.line),
    })
}

fn matrix_row(row: &GridRow, columns: &Columns) -> Row {
    let matrix_columns = std::iter::once(columns.activity).chain(columns.parties.iter().copied());
    let present = matrix_columns.clone().filter(|at| *at < row.width).count();
    let past_header = row
        .cells
        .iter()
        .skip(columns.width)
        .filter(|c| !c.text.trim().is_empty())
        .count()
        + row.width.saturating_sub(row.cells.len().max(columns.width));
    Row {
        cells: matrix_columns.map(|at| cell(row, at)).collect(),
        span: Span::line(row.line),
        cell_count: present + past_header,
        doubt: None,
        id: columns.id.map(|at| cell(row, at).text.trim().to_owned()),
        notes: columns
            .notes
            .map(|at| {
                cell(row, at)
                    .text
                    .lines()
                    .map(str::trim)
                    .filter(|note| !note.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// The cell at column `at`, empty (spanning the row's line) where the row is shorter.
fn cell(row: &GridRow, at: usize) -> Cell {
    row.cells
        .get(at)
        .cloned()
        .unwrap_or_else(|| Cell::new("", Span::line(row.line)))
}

fn section_path(text: &str) -> Vec<String> {
    text.split(SECTION_SEPARATOR)
        .map(str::trim)
        .filter(|title| !title.is_empty())
        .map(str::to_owned)
        .collect()
}

fn flush(parsed: &mut Parsed, table: &mut Table, new_table: &impl Fn() -> Table) {
    if !table.rows.is_empty() {
        let full = std::mem::replace(table, new_table());
        parsed.blocks.push(Block::Table(full));
    }
}

/// Keeps at most [`MAX_GRID_COLUMNS`] cells of a row.
pub(crate) fn bounded(mut cells: Vec<Cell>) -> (Vec<Cell>, usize) {
    let width = cells.len();
    cells.truncate(MAX_GRID_COLUMNS);
    (cells, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: u32, cells: &[&str]) -> GridRow {
        GridRow {
            line,
            cells: cells
                .iter()
                .map(|t| Cell::new(*t, Span::line(line)))
                .collect(),
            width: cells.len(),
        }
    }

    #[test]
    fn finds_the_header_below_a_title_and_a_date() {
        let rows = [
            row(1, &["Queue service", "", ""]),
            row(2, &["Updated 2024-03-18", "", ""]),
            row(3, &["ID", "Section", "Task", "Customer", "Nimbus", "Notes"]),
            row(4, &["pick", "1. Start > 1.1. Size", "Pick", "RA", "I", ""]),
        ];
        let parsed = read(&rows).unwrap();
        assert_eq!(parsed.meta.title.as_deref(), Some("Queue service"));
        assert_eq!(parsed.meta.edition.as_deref(), Some("2024-03-18"));
        let Block::Section { path, .. } = &parsed.blocks[0] else {
            panic!("a section first")
        };
        assert_eq!(path, &["1. Start", "1.1. Size"]);
        let Block::Table(table) = &parsed.blocks[1] else {
            panic!("then a table")
        };
        let header: Vec<_> = table.header.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(header, ["Task", "Customer", "Nimbus"]);
        assert_eq!(table.rows[0].id.as_deref(), Some("pick"));
        assert_eq!(table.rows[0].cell_count, 3);
    }

    #[test]
    fn numbered_rows_are_headings_without_a_section_column() {
        let rows = [
            row(1, &["Activity", "Customer"]),
            row(2, &["1. Before", ""]),
            row(3, &["Pick", "RA"]),
        ];
        let parsed = read(&rows).unwrap();
        assert!(matches!(parsed.blocks[0], Block::Heading { level: 2, .. }));
        assert!(matches!(parsed.blocks[1], Block::Table(_)));
    }

    #[test]
    fn no_header_is_none() {
        assert!(read(&[row(1, &["a", "b"]), row(2, &["Activity"])]).is_none());
    }

    #[test]
    fn counts_cells_past_the_header() {
        let rows = [
            row(1, &["Activity", "Customer", "Nimbus"]),
            row(2, &["Pick", "RA", "I", "C"]),
            row(3, &["Short", "RA"]),
        ];
        let parsed = read(&rows).unwrap();
        let Block::Table(table) = &parsed.blocks[0] else {
            panic!("a table")
        };
        assert_eq!(table.rows[0].cell_count, 4);
        assert_eq!(table.rows[1].cell_count, 2);
    }
}
