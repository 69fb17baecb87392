//! Workbooks compliance teams exchange, written from a controls view and read
//! back into one:
//!
//! - [`crm`]: FedRAMP's CIS/CRM workbook, a CIS sheet (implementation status
//!   and the seven control-origination columns) and a CRM sheet (control,
//!   can be inherited, specific inheritance and customer responsibilities);
//! - [`caiq`]: the CAIQ v4 SSRM columns, per CCM control.
//!
//! Reading back gives ownership per control and its text; the activities,
//! their letters and the parties' names are not in these workbooks, so they
//! are lost (see the README).

pub mod caiq;
pub mod crm;

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use crate::view::ControlsView;

/// What went wrong writing or reading a workbook.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WorkbookError {
    #[error("cannot write the workbook: {0}")]
    Write(String),
    #[error("the {workbook} lists {expected} controls; this view is of {found}")]
    WrongFramework {
        workbook: &'static str,
        expected: &'static str,
        found: &'static str,
    },
    #[error("not an XLSX workbook: {0}")]
    NotXlsx(String),
    #[error("sheet `{sheet}`: {message}")]
    Sheet { sheet: String, message: String },
    /// A cell, by its A1 reference, and what was expected there.
    #[error("sheet `{sheet}`, cell {cell}: {message}")]
    Cell {
        sheet: String,
        cell: String,
        message: String,
    },
}

impl From<XlsxError> for WorkbookError {
    fn from(error: XlsxError) -> Self {
        WorkbookError::Write(error.to_string())
    }
}

/// The kinds of workbook we read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    FedrampCrm,
    Caiq,
}

/// The controls view a FedRAMP CIS/CRM or CAIQ workbook states; `Ok(None)`
/// when the bytes are no XLSX workbook or a workbook of neither kind.
pub fn read(bytes: &[u8]) -> Result<Option<ControlsView>, WorkbookError> {
    if !bytes.starts_with(b"PK") {
        return Ok(None);
    }
    let Ok(sheets) = sheets(bytes) else {
        return Ok(None);
    };
    if let Some(view) = crm::read(&sheets)? {
        return Ok(Some(view));
    }
    caiq::read(&sheets)
}

/// The most cells read from a workbook, so a crafted one cannot take all memory or time.
const MAX_CELLS: usize = 1_000_000;
/// The most sheets looked at.
const MAX_SHEETS: usize = 64;
/// The most columns of a row kept.
const MAX_COLUMNS: u32 = 64;
/// How far down a sheet its header row is looked for.
const HEADER_SEARCH_ROWS: usize = 30;

/// One sheet's filled rows: `(row index, cells by column)`.
pub(crate) struct Sheet {
    pub name: String,
    pub rows: Vec<(u32, Vec<String>)>,
}

impl Sheet {
    /// The header row holding every one of `names` (case and spacing
    /// ignored), with the column of each.
    fn header(&self, names: &[&str]) -> Option<(usize, Vec<usize>)> {
        self.rows
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .enumerate()
            .find_map(|(position, (_, cells))| {
                let columns: Option<Vec<usize>> = names
                    .iter()
                    .map(|name| cells.iter().position(|cell| same_header(cell, name)))
                    .collect();
                columns.map(|columns| (position, columns))
            })
    }

    /// The cell at `column` of a row, trimmed ("" when absent).
    fn cell(cells: &[String], column: usize) -> &str {
        cells.get(column).map_or("", |c| c.trim())
    }
}

/// `Can be inherited  from CSP` is `Can Be Inherited from CSP`.
fn same_header(cell: &str, name: &str) -> bool {
    let norm = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(cell) == norm(name)
}

/// `A1`-style reference of a 0-based row and column.
fn cell_ref(row: u32, column: usize) -> String {
    let mut letters = String::new();
    let mut n = column + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, (b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

fn sheets(bytes: &[u8]) -> Result<Vec<Sheet>, WorkbookError> {
    let mut workbook =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| WorkbookError::NotXlsx(e.to_string()))?;
    let mut budget = MAX_CELLS;
    let mut out = Vec::new();
    for name in workbook.sheet_names().into_iter().take(MAX_SHEETS) {
        let error = |e: calamine::XlsxError| WorkbookError::Sheet {
            sheet: name.clone(),
            message: e.to_string(),
        };
        let mut reader = workbook.worksheet_cells_reader(&name).map_err(error)?;
        let mut by_row: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
        while budget > 0 {
            let Some(cell) = reader.next_cell().map_err(error)? else {
                break;
            };
            budget -= 1;
            let (row, column) = cell.get_position();
            if column >= MAX_COLUMNS {
                continue;
            }
            // Every cell these workbooks hold is text: ids, answers, descriptions.
            let text = match cell.get_value() {
                DataRef::String(text) => text.clone(),
                DataRef::SharedString(text) => (*text).to_owned(),
                _ => String::new(),
            };
            if !text.trim().is_empty() {
                by_row.entry(row).or_default().insert(column, text);
            }
        }
        drop(reader);
        let rows = by_row
            .into_iter()
            .map(|(row, cells)| {
                let width = cells.keys().next_back().map_or(0, |c| *c as usize + 1);
                let mut dense = vec![String::new(); width];
                for (column, text) in cells {
                    dense[column as usize] = text;
                }
                (row, dense)
            })
            .collect();
        out.push(Sheet { name, rows });
    }
    Ok(out)
}

/// A new workbook whose properties (title, creation date) come from the
/// view, so the same view always gives the same bytes.
fn workbook(view: &ControlsView, subject: &str) -> Result<Workbook, WorkbookError> {
    let mut workbook = Workbook::new();
    let date = view
        .edition
        .as_deref()
        .and_then(ymd)
        .unwrap_or((2000, 1, 1));
    let created = ExcelDateTime::from_ymd(date.0, date.1, date.2)?;
    let mut properties = DocProperties::new()
        .set_subject(subject)
        .set_creation_datetime(&created);
    if let Some(title) = &view.title {
        properties = properties.set_title(title);
    }
    workbook.set_properties(&properties);
    Ok(workbook)
}

/// `2024-03-18` → `(2024, 3, 18)`.
fn ymd(text: &str) -> Option<(u16, u8, u8)> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts
        .next()?
        .parse()
        .ok()
        .filter(|y| (1900..=9999).contains(y))?;
    let month = parts
        .next()?
        .parse()
        .ok()
        .filter(|m| (1..=12).contains(m))?;
    let day = parts
        .next()?
        .parse()
        .ok()
        .filter(|d| (1..=31).contains(d))?;
    Some((year, month, day))
}

/// The most characters a cell holds (Excel's limit, 32,767, less room for the mark).
const MAX_CELL_CHARS: usize = 32_000;

/// `text` cut to what a cell holds, with `…` where it was cut.
fn cell_text(text: &str) -> String {
    match text.char_indices().nth(MAX_CELL_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// The title line above a sheet's header: `what — title (edition)`.
fn title_line(what: &str, view: &ControlsView) -> String {
    let mut line = format!(
        "{what} — {}",
        view.title.as_deref().unwrap_or("responsibility matrix")
    );
    if let Some(edition) = &view.edition {
        line.push_str(&format!(" (edition {edition})"));
    }
    line
}

/// The title and edition [`title_line`] wrote, from a sheet's first row.
fn read_title_line(sheet: &Sheet) -> (Option<String>, Option<String>) {
    let Some((_, cells)) = sheet.rows.first() else {
        return (None, None);
    };
    let Some((_, rest)) = cells.first().and_then(|c| c.split_once(" — ")) else {
        return (None, None);
    };
    match rest.rsplit_once(" (edition ") {
        Some((title, edition)) => (
            Some(title.trim().to_owned()),
            edition.strip_suffix(')').map(|e| e.trim().to_owned()),
        ),
        None => (Some(rest.trim().to_owned()), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_are_a1_style() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(6, 2), "C7");
        assert_eq!(cell_ref(0, 26), "AA1");
    }

    #[test]
    fn headers_match_whatever_the_case_and_spacing() {
        assert!(same_header(
            "Can be inherited\n from CSP",
            "Can Be Inherited from CSP"
        ));
        assert!(!same_header("Control", "Control ID"));
    }

    #[test]
    fn what_is_no_workbook_is_none_of_ours() {
        assert_eq!(read(b"| Activity | Customer |"), Ok(None));
        assert_eq!(read(b"PK\x03\x04 not really a zip"), Ok(None));
    }

    #[test]
    fn long_texts_are_cut_to_what_a_cell_holds() {
        assert_eq!(cell_text("short"), "short");
        let long = "é".repeat(40_000);
        let cut = cell_text(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS + 1);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn dates_are_read_only_when_they_are_dates() {
        assert_eq!(ymd("2024-03-18"), Some((2024, 3, 18)));
        assert_eq!(ymd("2024-13-01"), None);
        assert_eq!(ymd("March 2024"), None);
    }
}
