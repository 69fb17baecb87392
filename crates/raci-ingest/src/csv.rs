//! CSV (or semicolon- or tab-separated) matrices, read with the csv crate:
//! one row per activity under a header row (`activity` or `task`, one column
//! per party, optional `id`, `section` and `notes` columns).

use raci_model::{LineIndex, Span};

use crate::blocks::{Cell, Parsed};
use crate::tabular::{self, GridRow};
use crate::IngestError;

const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// Reads CSV text into blocks; the delimiter is the one whose rows hold a header.
pub(crate) fn read(text: &str) -> Result<Parsed, IngestError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let index = LineIndex::new(text);
    let mut best: Option<Parsed> = None;
    let mut best_columns = 0;
    for delimiter in DELIMITERS {
        let head = rows(text, &index, delimiter, tabular::HEADER_SEARCH_ROWS)?;
        let Some(header_width) = head
            .iter()
            .find_map(|row| tabular::read(std::slice::from_ref(row)).map(|_| row.cells.len()))
        else {
            continue;
        };
        if header_width > best_columns {
            let all = rows(text, &index, delimiter, usize::MAX)?;
            best = tabular::read(&all);
            best_columns = header_width;
        }
    }
    best.ok_or(IngestError::NoHeader {
        format: "CSV",
        searched: tabular::HEADER_SEARCH_ROWS,
    })
}

/// The first `limit` records, with the line each starts on.
fn rows(
    text: &str,
    index: &LineIndex<'_>,
    delimiter: u8,
    limit: usize,
) -> Result<Vec<GridRow>, IngestError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = ::csv::StringRecord::new();
    while rows.len() < limit {
        let more = reader.read_record(&mut record).map_err(|error| {
            let line = error
                .position()
                .map_or(index.line_count(), |p| p.line() as usize);
            IngestError::Csv {
                line,
                message: error.to_string(),
            }
        })?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| p.line()) as u32;
        let spans = field_spans(index.line_text(line).unwrap_or(""), delimiter, line);
        let cells = record
            .iter()
            .enumerate()
            .map(|(at, text)| {
                let span = spans
                    .get(at)
                    .filter(|_| spans.len() == record.len())
                    .copied()
                    .unwrap_or(Span::line(line));
                Cell::new(text.trim(), span)
            })
            .collect();
        let (cells, width) = tabular::bounded(cells);
        rows.push(GridRow { line, cells, width });
    }
    Ok(rows)
}

/// Where each field of a one-line record stands: column and length of its
/// trimmed text; the length is left unknown (0) for quoted fields.
fn field_spans(line_text: &str, delimiter: u8, line: u32) -> Vec<Span> {
    let delimiter = char::from(delimiter);
    let mut spans = Vec::new();
    let mut in_quotes = false;
    let mut field: Vec<char> = Vec::new();
    let mut start = 1u32;
    let mut finish = |field: &mut Vec<char>, start: u32| {
        let leading = field.iter().take_while(|c| c.is_whitespace()).count();
        let trimmed: String = field.iter().collect::<String>().trim().to_owned();
        let quoted = trimmed.starts_with('"');
        let len = if quoted {
            0
        } else {
            trimmed.chars().count() as u32
        };
        spans.push(Span::new(line, start + leading as u32, len));
        field.clear();
    };
    for (column, c) in (1u32..).zip(line_text.chars()) {
        if c == '"' {
            in_quotes = !in_quotes;
        }
        if c == delimiter && !in_quotes {
            finish(&mut field, start);
            start = column + 1;
        } else {
            field.push(c);
        }
    }
    finish(&mut field, start);
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Block;

    fn table(parsed: &Parsed, at: usize) -> &crate::blocks::Table {
        match &parsed.blocks[at] {
            Block::Table(table) => table,
            other => panic!("expected a table, found {other:?}"),
        }
    }

    #[test]
    fn reads_commas_semicolons_and_quoted_fields() {
        let parsed = read("Activity,Customer,Provider\n\"Pick, then pay\",RA,I\n").unwrap();
        let row = &table(&parsed, 0).rows[0];
        assert_eq!(row.cells[0].text, "Pick, then pay");
        assert_eq!(row.span.line, 2);
        assert_eq!(row.cells[2].span, Span::new(2, 21, 1));
        let parsed = read("Activité;Client;Fournisseur\nChoisir;RA;I\n").unwrap();
        assert_eq!(table(&parsed, 0).header[2].text, "Fournisseur");
    }

    #[test]
    fn multi_line_cells_keep_the_line_the_record_starts_on() {
        let parsed = read("task,Us,Them\n\"Two\nlines\",R,A\nNext,I,RA\n").unwrap();
        let rows = &table(&parsed, 0).rows;
        assert_eq!(rows[0].span.line, 2);
        assert_eq!(rows[1].span.line, 4);
    }

    #[test]
    fn no_header_names_what_was_expected() {
        let error = read("a,b\n1,2\n").unwrap_err();
        assert!(error.to_string().contains("activity"), "{error}");
    }
}
