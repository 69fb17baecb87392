//! XLSX workbooks, read with calamine from the bytes: the first sheet whose
//! rows hold a matrix header (see [`crate::tabular`]); row numbers stand for
//! lines, column numbers for columns.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};
use raci_model::Span;

use crate::blocks::{Cell, Parsed, MAX_GRID_COLUMNS};
use crate::tabular::{self, GridRow};
use crate::IngestError;

/// The most cells read from a workbook, so a crafted sheet cannot take all memory or time.
const MAX_CELLS: usize = 1_000_000;
/// The most sheets looked at.
const MAX_SHEETS: usize = 64;

/// Reads the first sheet holding a matrix.
pub(crate) fn read(bytes: &[u8]) -> Result<Parsed, IngestError> {
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| IngestError::Xlsx {
        message: e.to_string(),
    })?;
    let mut budget = MAX_CELLS;
    let names = workbook.sheet_names();
    for name in names.iter().take(MAX_SHEETS) {
        let rows = sheet_rows(&mut workbook, name, &mut budget)?;
        if let Some(parsed) = tabular::read(&rows) {
            return Ok(parsed);
        }
    }
    Err(IngestError::NoHeader {
        format: "XLSX workbook's sheets",
        searched: tabular::HEADER_SEARCH_ROWS,
    })
}

/// The rows of one sheet, each cell at its column (empty cells filled in up
/// to the row's last one), at most [`MAX_GRID_COLUMNS`] columns.
fn sheet_rows(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    budget: &mut usize,
) -> Result<Vec<GridRow>, IngestError> {
    let error = |e: calamine::XlsxError| IngestError::Xlsx {
        message: format!("sheet `{name}`: {e}"),
    };
    let mut reader = workbook.worksheet_cells_reader(name).map_err(error)?;
    let mut by_row: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    while *budget > 0 {
        let Some(cell) = reader.next_cell().map_err(error)? else {
            break;
        };
        *budget -= 1;
        let (row, column) = cell.get_position();
        let text = text_of(cell.get_value());
        if text.is_empty() {
            continue;
        }
        let width = by_row.entry(row).or_default();
        // Past the bound, a filled cell only counts (as one column more).
        let column = column.min(MAX_GRID_COLUMNS as u32);
        width.insert(column, text);
    }
    Ok(by_row
        .into_iter()
        .map(|(row, cells)| {
            let line = row.saturating_add(1);
            let last = cells.keys().next_back().copied().unwrap_or(0);
            let width = last as usize + 1;
            let cells: Vec<Cell> = (0..width.min(MAX_GRID_COLUMNS))
                .map(|column| {
                    let text = cells.get(&(column as u32)).cloned().unwrap_or_default();
                    Cell::new(text, Span::new(line, column as u32 + 1, 0))
                })
                .collect();
            GridRow { line, cells, width }
        })
        .collect())
}

/// A cell's value as text: numbers without a useless `.0`, dates as written.
fn text_of(value: &DataRef<'_>) -> String {
    match value {
        DataRef::String(text) => text.trim().to_owned(),
        DataRef::SharedString(text) => text.trim().to_owned(),
        DataRef::Int(number) => number.to_string(),
        DataRef::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
            format!("{number:.0}")
        }
        DataRef::Float(number) => number.to_string(),
        DataRef::Bool(value) => value.to_string(),
        DataRef::DateTime(date) => date.to_string(),
        DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => text.clone(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}
