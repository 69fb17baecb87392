//! Markdown pages (GitHub-flavoured tables), parsed with pulldown-cmark.

use std::borrow::Cow;

use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use raci_model::LineIndex;

use crate::blocks::{Block, Cell, Parsed, Row, Table, MAX_COLUMNS};
use crate::front_matter;

/// Reads a Markdown page into blocks.
pub(crate) fn read(source: &str) -> Parsed {
    let index = LineIndex::new(source);
    let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut parsed = Parsed::default();
    let mut state = State::default();

    let bounded = without_excess_columns(source);
    for (event, range) in Parser::new_ext(&bounded, options).into_offset_iter() {
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => {
                state.in_metadata = true;
            }
            Event::End(TagEnd::MetadataBlock(_)) => state.in_metadata = false,
            Event::Text(t) if state.in_metadata => {
                parsed.meta = front_matter::read(&t);
            }
            Event::Start(Tag::Heading { .. }) => state.start_text(),
            Event::End(TagEnd::Heading(level)) => {
                let text = state.take_text();
                parsed.blocks.push(Block::Heading {
                    level: heading_level(level),
                    text,
                    span: index.span(range.start, range.end),
                });
            }
            Event::Start(Tag::Paragraph) => {
                state.start_text();
                state.all_strong = true;
            }
            Event::End(TagEnd::Paragraph) => {
                let all_strong = state.all_strong && state.strong_depth == 0;
                let text = state.take_text();
                let span = index.span(range.start, range.end);
                let raw = source[range.clone()].to_owned();
                if all_strong && is_heading_like(&text) {
                    parsed.blocks.push(Block::Heading {
                        level: 0,
                        text,
                        span,
                    });
                } else if !text.is_empty() {
                    parsed.blocks.push(Block::Paragraph { text, raw, span });
                }
            }
            Event::Start(Tag::Strong) => state.strong_depth += 1,
            Event::End(TagEnd::Strong) => state.strong_depth = state.strong_depth.saturating_sub(1),
            Event::Start(Tag::Table(_)) => {
                state.table = Some(Table {
                    span: index.span(range.start, range.end),
                    ..Table::default()
                });
            }
            Event::End(TagEnd::Table) => {
                if let Some(table) = state.table.take() {
                    parsed.blocks.push(Block::Table(table));
                }
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                state.row = Some(Row {
                    span: index.span(range.start, range.end),
                    cell_count: count_cells(&source[range.clone()]),
                    ..Row::default()
                });
            }
            Event::End(TagEnd::TableHead) => {
                if let (Some(table), Some(row)) = (state.table.as_mut(), state.row.take()) {
                    table.header_cells = row.cell_count;
                    table.header = row.cells;
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some(table), Some(row)) = (state.table.as_mut(), state.row.take()) {
                    table.rows.push(row);
                }
            }
            Event::Start(Tag::TableCell) => state.start_text(),
            Event::End(TagEnd::TableCell) => {
                let text = state.take_text();
                // Cells past the header's width are only counted (from the
                // source), never stored: the malformed-row rule needs no more.
                let width = state.table.as_ref().map_or(MAX_COLUMNS, |t| {
                    if t.header.is_empty() {
                        MAX_COLUMNS
                    } else {
                        t.header.len()
                    }
                });
                if let Some(row) = state.row.as_mut() {
                    if row.cells.len() < width.min(MAX_COLUMNS) {
                        let (start, end) = trimmed_range(source, range.start, range.end);
                        row.cells.push(Cell::new(text, index.span(start, end)));
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => state.push_text(&t),
            Event::SoftBreak | Event::HardBreak => state.push_text(" "),
            Event::InlineHtml(html) | Event::Html(html) if html.trim_start().starts_with("<br") => {
                state.push_text(" ");
            }
            _ => {}
        }
    }
    parsed
}

#[derive(Default)]
struct State {
    in_metadata: bool,
    collecting: bool,
    text: String,
    strong_depth: u32,
    /// Whether every piece of text of the current paragraph was bold.
    all_strong: bool,
    table: Option<Table>,
    row: Option<Row>,
}

impl State {
    fn start_text(&mut self) {
        self.collecting = true;
        self.text.clear();
    }

    fn push_text(&mut self, text: &str) {
        if self.collecting {
            if self.strong_depth == 0 && !text.trim().is_empty() {
                self.all_strong = false;
            }
            self.text.push_str(text);
        }
    }

    fn take_text(&mut self) -> String {
        self.collecting = false;
        let text = collapse_spaces(&self.text);
        self.text.clear();
        text
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// Whether a wholly bold paragraph reads as a heading (`**3.2.2. Changes**`),
/// not as an emphasised sentence.
fn is_heading_like(text: &str) -> bool {
    (text.chars().count() <= 120 && !text.ends_with('.')) || crate::numbering::depth(text).is_some()
}

/// `source` with the pipes that open cells past a table's width (its
/// delimiter row's, or [`MAX_COLUMNS`]) turned into spaces. pulldown-cmark
/// keeps every cell of a row, even those GFM drops, so a page of pipes would
/// cost tens of times its size; the copy keeps every byte offset, and cell
/// counts are still taken from `source`.
fn without_excess_columns(source: &str) -> Cow<'_, str> {
    let pipes = |line: &str| line.bytes().filter(|b| *b == b'|').count();
    if !source.lines().any(|line| pipes(line) > MAX_COLUMNS + 1) && source.len() < 1 << 20 {
        return Cow::Borrowed(source);
    }
    let mut bounded = String::with_capacity(source.len());
    let mut width = MAX_COLUMNS;
    for line in source.split_inclusive('\n') {
        if line.trim().is_empty() {
            width = MAX_COLUMNS;
        } else if is_delimiter_row(line) {
            width = count_cells(line).min(MAX_COLUMNS);
        }
        // A leading pipe, one after each cell.
        let allowed = width + 1;
        let mut seen = 0;
        for c in line.chars() {
            if c == '|' {
                seen += 1;
                if seen > allowed {
                    bounded.push(' ');
                    continue;
                }
            }
            bounded.push(c);
        }
    }
    Cow::Owned(bounded)
}

/// Whether `line` is a table's delimiter row (`| --- | :-: |`).
pub(crate) fn is_delimiter_row(line: &str) -> bool {
    let line = line.trim();
    line.contains('-')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Counts the cells of one table row as written: pipes that are not escaped,
/// leaving out a leading and a trailing one.
pub(crate) fn count_cells(row: &str) -> usize {
    let row = row.trim();
    let mut count = 1;
    let mut escaped = false;
    for c in row.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
    }
    if row.starts_with('|') {
        count -= 1;
    }
    if row.len() > 1 && row.ends_with('|') && !row.ends_with("\\|") {
        count -= 1;
    }
    count.max(1)
}

/// The part of `start..end` without the white space around it, so spans
/// point at what the cell says, not at its padding.
fn trimmed_range(source: &str, start: usize, end: usize) -> (usize, usize) {
    let Some(slice) = source.get(start..end) else {
        return (start, end);
    };
    let leading = slice.len() - slice.trim_start().len();
    let trailing = slice.len() - slice.trim_end().len();
    if leading + trailing >= slice.len() {
        return (start, start);
    }
    (start + leading, end - trailing)
}

/// Folds runs of white space into one space and trims.
pub(crate) fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cells_as_written() {
        assert_eq!(count_cells("| a | b | c |"), 3);
        assert_eq!(count_cells("| a | b |   "), 2);
        assert_eq!(count_cells("a | b"), 2);
        assert_eq!(count_cells("| a \\| b |"), 1);
    }

    #[test]
    fn wide_rows_are_bounded_but_keep_their_offsets_and_counts() {
        let row = format!("|{}\n", "x|".repeat(MAX_COLUMNS * 3));
        let bounded = without_excess_columns(&row);
        assert_eq!(bounded.len(), row.len());
        assert_eq!(bounded.matches('|').count(), MAX_COLUMNS + 1);
        let narrow = format!("| a | b |\n|---|---|\n{row}");
        assert_eq!(
            without_excess_columns(&narrow).matches('|').count(),
            3 + 3 + 3
        );
        assert!(matches!(
            without_excess_columns("| a | b |"),
            Cow::Borrowed(_)
        ));
        let table = format!("| Activity | Us |\n| --- | --- |\n{row}");
        let parsed = read(&table);
        let Some(Block::Table(table)) = parsed.blocks.first() else {
            panic!("a table")
        };
        assert_eq!(table.rows[0].cell_count, MAX_COLUMNS * 3);
    }
}
