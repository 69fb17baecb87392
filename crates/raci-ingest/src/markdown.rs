//! Markdown pages (GitHub-flavoured tables), parsed with pulldown-cmark.

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

    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
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
                if let Some(row) = state.row.as_mut() {
                    if row.cells.len() < MAX_COLUMNS {
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
