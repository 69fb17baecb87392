//! HTML pages: headings, paragraphs and `<table>` matrices.
//!
//! The page goes through html5ever's tokenizer (not its tree builder, whose
//! DOM would cost memory in proportion to the nesting and lose positions), and
//! a small state machine turns the tokens into the same blocks the Markdown
//! reader produces for the same matrix.
//!
//! Positions: the page is fed to the tokenizer in chunks that each start at a
//! `<`, so every tag is emitted while its own chunk is being read, and its
//! byte offset is the chunk's start. Text offsets follow the tag's `>`.

use std::cell::{Cell as StdCell, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use raci_model::Span;

use crate::blocks::{Block, Cell, Layout, Metadata, Parsed, Row, Table, MAX_COLUMNS};
use crate::dates;
use crate::markdown::collapse_spaces;

/// Reads an HTML page into blocks.
pub(crate) fn read(source: &str) -> Parsed {
    let sink = Sink {
        source,
        chunk: StdCell::new((0, 0)),
        text_at: StdCell::new(0),
        reader: RefCell::new(Reader::new(source)),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    let starts = chunk_starts(source);
    let mut starts = starts.peekable();
    while let Some(start) = starts.next() {
        let end = starts.peek().copied().unwrap_or(source.len());
        tokenizer.sink.chunk.set((start, end));
        tokenizer.sink.text_at.set(start);
        queue.push_back(StrTendril::from_slice(&source[start..end]));
        // The sink never asks for a script to run, so feeding always completes.
        let _ = tokenizer.feed(&queue);
    }
    tokenizer.end();
    tokenizer.sink.reader.into_inner().finish()
}

/// Where the chunks fed to the tokenizer start: the page's start and every
/// `<` that may open a tag, comment or doctype.
fn chunk_starts(source: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = source.as_bytes();
    std::iter::once(0).chain(
        source
            .match_indices('<')
            .map(|(at, _)| at)
            .filter(move |&at| {
                at > 0
                    && bytes
                        .get(at + 1)
                        .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'))
            }),
    )
}

/// The most bytes scanned to measure one span's length, so that items
/// nested on one long line cost a bounded time each.
const SPAN_SCAN_LIMIT: usize = 1024;

/// Elements whose content is page furniture, not the page's text.
const HIDDEN: &[&str] = &["nav", "header", "footer", "template", "svg", "math"];

/// Elements that end a paragraph or a heading where they open or close.
const BLOCK_LEVEL: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hgroup",
    "hr",
    "html",
    "li",
    "listing",
    "main",
    "menu",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// `<meta>` names and properties that carry the page's edition date, most
/// telling first.
const DATE_META: &[&str] = &[
    "dcterms.modified",
    "article:modified_time",
    "last-modified",
    "datemodified",
    "date",
    "dcterms.date",
];

/// The longest text copied into the cells a `rowspan` covers.
const MAX_SPANNED_TEXT: usize = 64;

/// The tokenizer's sink: keeps track of the chunk being read and hands each
/// token, with its offset, to the reader.
struct Sink<'a> {
    source: &'a str,
    /// Byte range of the chunk being fed.
    chunk: StdCell<(usize, usize)>,
    /// Offset of the next character token.
    text_at: StdCell<usize>,
    reader: RefCell<Reader<'a>>,
}

impl Sink<'_> {
    /// Offset just past the first `>` of the current chunk: where the text
    /// after a tag (or doctype) starts.
    fn after_markup(&self) -> usize {
        self.after_first(">")
    }

    /// Offset just past the first occurrence of `end` in the current chunk
    /// (or past its first `>`, or at its end).
    fn after_first(&self, end_mark: &str) -> usize {
        let (start, end) = self.chunk.get();
        let chunk = &self.source[start..end];
        let (at, len) = chunk
            .find(end_mark)
            .map(|at| (at, end_mark.len()))
            .or_else(|| chunk.find('>').map(|at| (at, 1)))
            .unwrap_or((chunk.len(), 0));
        start + at + len
    }
}

impl TokenSink for Sink<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let (start, end) = self.chunk.get();
        match token {
            Token::TagToken(tag) => {
                self.text_at.set(self.after_markup());
                return self.reader.borrow_mut().tag(&tag, start);
            }
            Token::CharacterTokens(text) => {
                let at = self.text_at.get().min(end);
                // Entities make the text shorter than its source: stay on a character.
                self.text_at
                    .set(floor_char_boundary(self.source, (at + text.len()).min(end)));
                self.reader.borrow_mut().text(&text, at, end);
            }
            // A comment ends at its `-->`, which may follow tags written inside it.
            Token::CommentToken(_) => self.text_at.set(self.after_first("-->")),
            Token::DoctypeToken(_) => self.text_at.set(self.after_markup()),
            Token::NullCharacterToken | Token::EOFToken | Token::ParseError(_) => {}
        }
        TokenSinkResult::Continue
    }
}

/// A position in the source, located when the item there opens.
#[derive(Debug, Clone, Copy)]
struct Mark {
    offset: usize,
    line: u32,
    column: u32,
}

impl Mark {
    /// The span from this mark to `end`, its length counted on the mark's
    /// line only.
    fn span_to(self, source: &str, end: usize) -> Span {
        let limit =
            floor_char_boundary(source, end.min(self.offset + SPAN_SCAN_LIMIT)).max(self.offset);
        let piece = source[self.offset..limit]
            .split('\n')
            .next()
            .unwrap_or_default();
        Span::new(
            self.line,
            self.column,
            piece.trim_end().chars().count() as u32,
        )
    }
}

/// Turns offsets into lines and columns. Offsets are asked for in increasing
/// order, so each byte of the page is counted once.
struct Locator<'a> {
    source: &'a str,
    at: usize,
    line: u32,
    column: u32,
}

impl Locator<'_> {
    fn mark(&mut self, offset: usize) -> Mark {
        let target = floor_char_boundary(self.source, offset).max(self.at);
        for byte in &self.source.as_bytes()[self.at..target] {
            if *byte == b'\n' {
                self.line = self.line.saturating_add(1);
                self.column = 1;
            } else if byte & 0xC0 != 0x80 {
                self.column = self.column.saturating_add(1);
            }
        }
        self.at = target;
        Mark {
            offset: target,
            line: self.line,
            column: self.column,
        }
    }
}

fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A heading or paragraph being read.
#[derive(Debug)]
struct Collector {
    /// The heading level, or `None` for a paragraph.
    heading: Option<u8>,
    text: String,
    /// Where `<br>` broke the text (offsets into `text`).
    breaks: Vec<usize>,
    start: Option<Mark>,
    end: usize,
    /// Whether every piece of its text was bold.
    all_strong: bool,
    /// Whether it is a table's caption.
    caption: bool,
}

impl Collector {
    fn new(heading: Option<u8>) -> Collector {
        Collector {
            heading,
            text: String::new(),
            breaks: Vec::new(),
            start: None,
            end: 0,
            all_strong: true,
            caption: false,
        }
    }

    /// The source text with the `<br>` breaks as line ends, for footnotes
    /// written one per line.
    fn raw(&self) -> String {
        let mut lines = Vec::new();
        let mut from = 0;
        for &at in self.breaks.iter().chain(std::iter::once(&self.text.len())) {
            let line = collapse_spaces(&self.text[from..at]);
            if !line.is_empty() {
                lines.push(line);
            }
            from = at;
        }
        lines.join("\n")
    }
}

/// A table being read.
#[derive(Debug)]
struct OpenTable {
    start: Mark,
    /// How many blocks the page had when the table opened: the blocks read
    /// inside a matrix's cells are dropped when it closes.
    blocks_start: usize,
    /// Whether another table opened inside it: then it is a layout table,
    /// and only what it holds counts.
    nested: bool,
    header: Option<Vec<Cell>>,
    /// The header row's cells in the source, those past the bound included.
    header_cells: usize,
    rows: Vec<Row>,
    row: Option<OpenRow>,
    cell: Option<OpenCell>,
    in_head: bool,
    /// Per column, the cell a `rowspan` carries into the next rows.
    spanned: Vec<Spanned>,
    caption: Option<Block>,
}

#[derive(Debug)]
struct OpenRow {
    start: Mark,
    cells: Vec<Cell>,
    cell_count: usize,
    /// The span of its first cell written in this row.
    first_span: Option<Span>,
    in_head: bool,
    /// Whether every cell written in it is a `<th>`.
    all_header: bool,
}

#[derive(Debug)]
struct OpenCell {
    tag: Mark,
    text: String,
    text_start: Option<Mark>,
    text_end: usize,
    colspan: usize,
    rowspan: usize,
    header: bool,
    /// Whether its text is kept (its column is within `MAX_COLUMNS`).
    kept: bool,
}

#[derive(Debug, Default, Clone)]
struct Spanned {
    remaining: usize,
    text: String,
    span: Span,
}

/// The state machine over the tokens.
struct Reader<'a> {
    source: &'a str,
    locator: Locator<'a>,
    blocks: Vec<Block>,
    meta: Metadata,
    collector: Option<Collector>,
    tables: Vec<OpenTable>,
    /// Inside `<script>`, `<style>` and the like.
    in_raw_text: bool,
    /// Inside `<title>`.
    in_title: bool,
    title_text: String,
    page_title: Option<String>,
    /// How many hidden elements (`<nav>`, `<header>`…) are open.
    hidden_depth: usize,
    /// The text of an `<h1>` inside a hidden `<header>`, being read.
    hidden_h1: Option<String>,
    header_h1: Option<String>,
    /// Rank in `DATE_META` of the name the edition was read from.
    date_rank: Option<usize>,
    strong_depth: usize,
    /// Bytes of cells that `colspan` and `rowspan` may still add, so a page
    /// of spans cannot make memory grow much beyond its own size.
    expansion_budget: usize,
}

impl<'a> Reader<'a> {
    fn new(source: &'a str) -> Reader<'a> {
        Reader {
            source,
            locator: Locator {
                source,
                at: 0,
                line: 1,
                column: 1,
            },
            blocks: Vec::new(),
            meta: Metadata::default(),
            collector: None,
            tables: Vec::new(),
            in_raw_text: false,
            in_title: false,
            title_text: String::new(),
            page_title: None,
            hidden_depth: 0,
            hidden_h1: None,
            header_h1: None,
            date_rank: None,
            strong_depth: 0,
            expansion_budget: source.len().saturating_mul(2).saturating_add(64 * 1024),
        }
    }

    fn text(&mut self, text: &str, at: usize, chunk_end: usize) {
        if self.in_raw_text {
            return;
        }
        if self.in_title {
            self.title_text.push_str(text);
            return;
        }
        if self.hidden_depth > 0 {
            if let Some(h1) = self.hidden_h1.as_mut() {
                h1.push_str(text);
            }
            return;
        }
        let blank = text.trim().is_empty();
        let in_cell = self.tables.last().is_some_and(|table| table.cell.is_some());
        if blank {
            // Keeps the space between two pieces of inline markup.
            if let Some(cell) = self.tables.last_mut().and_then(|table| table.cell.as_mut()) {
                if cell.kept {
                    cell.text.push_str(text);
                }
            }
            if let Some(collector) = self.collector.as_mut() {
                collector.text.push_str(text);
            }
            return;
        }
        let leading = self.source[at..chunk_end]
            .bytes()
            .take_while(u8::is_ascii_whitespace)
            .count();
        let mark = self.locator.mark(at + leading);
        let end = (at + text.trim_end().len()).min(chunk_end);
        if let Some(cell) = self.tables.last_mut().and_then(|table| table.cell.as_mut()) {
            if cell.kept {
                cell.text.push_str(text);
            }
            cell.text_start.get_or_insert(mark);
            cell.text_end = end;
        }
        if self.collector.is_none() {
            if !self.tables.is_empty() && !in_cell {
                return; // text between a table's rows, dropped as browsers move it out
            }
            self.collector = Some(Collector::new(None));
        }
        if let Some(collector) = self.collector.as_mut() {
            collector.text.push_str(text);
            collector.start.get_or_insert(mark);
            collector.end = end;
            if self.strong_depth == 0 {
                collector.all_strong = false;
            }
        }
    }

    fn tag(&mut self, tag: &Tag, at: usize) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        if self.in_raw_text || self.in_title {
            // In raw text the tokenizer emits no tag but the one closing it.
            if !start {
                self.end_raw_text();
            }
            return TokenSinkResult::Continue;
        }
        if start {
            let raw_kind = match name {
                "script" => Some(RawKind::ScriptData),
                "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                    Some(RawKind::Rawtext)
                }
                "textarea" | "title" => Some(RawKind::Rcdata),
                _ => None,
            };
            if let Some(kind) = raw_kind {
                if name == "title" && self.hidden_depth == 0 {
                    self.in_title = true;
                    self.title_text.clear();
                } else {
                    self.in_raw_text = true;
                }
                return TokenSinkResult::RawData(kind);
            }
            if name == "plaintext" {
                self.flush();
                return TokenSinkResult::Plaintext;
            }
            match name {
                "html" => self.read_language(tag),
                "meta" => self.read_date(tag),
                _ => {}
            }
        }
        if name == "br" {
            self.line_break();
            return TokenSinkResult::Continue;
        }
        if HIDDEN.contains(&name) {
            if start && !tag.self_closing {
                if self.hidden_depth == 0 {
                    self.flush();
                }
                self.hidden_depth += 1;
            } else if !start {
                self.hidden_depth = self.hidden_depth.saturating_sub(1);
                self.hidden_h1 = None;
            }
            return TokenSinkResult::Continue;
        }
        if self.hidden_depth > 0 {
            self.hidden_tag(name, start);
            return TokenSinkResult::Continue;
        }
        match name {
            "strong" | "b" => {
                if start && !tag.self_closing {
                    self.strong_depth += 1;
                } else if !start {
                    self.strong_depth = self.strong_depth.saturating_sub(1);
                }
                return TokenSinkResult::Continue;
            }
            "table" if start => self.open_table(at),
            "table" => self.close_table(at),
            _ if self.tables.is_empty() => self.outside_table(name, start),
            "caption" => {
                self.flush();
                if start {
                    let mut caption = Collector::new(None);
                    caption.caption = true;
                    self.collector = Some(caption);
                }
            }
            "thead" | "tbody" | "tfoot" => {
                self.flush();
                let mut context = self.context();
                if let Some(table) = self.tables.last_mut() {
                    table.close_row(&mut context, at);
                    table.in_head = start && name == "thead";
                    // A rowspan does not cross row groups.
                    table.spanned.clear();
                }
                self.expansion_budget = context.budget;
            }
            "tr" => {
                self.flush();
                let mark = self.locator.mark(at);
                let mut context = self.context();
                if let Some(table) = self.tables.last_mut() {
                    table.close_row(&mut context, at);
                    if start {
                        table.open_row(mark);
                    }
                }
                self.expansion_budget = context.budget;
            }
            "td" | "th" => {
                self.flush();
                let mark = self.locator.mark(at);
                let mut context = self.context();
                if let Some(table) = self.tables.last_mut() {
                    table.close_cell(&mut context, at);
                    if start {
                        table.open_cell(&mut context, tag, mark);
                    }
                }
                self.expansion_budget = context.budget;
            }
            _ => self.outside_table(name, start),
        }
        TokenSinkResult::Continue
    }

    /// Headings and paragraph boundaries (also inside a table's cells).
    fn outside_table(&mut self, name: &str, start: bool) {
        if let Some(level) = heading_level(name) {
            self.flush();
            if start {
                self.collector = Some(Collector::new(Some(level)));
            }
        } else if BLOCK_LEVEL.contains(&name) {
            self.flush();
        }
    }

    /// Inside hidden furniture only a `<header>`'s `<h1>` is read: it may be
    /// the page's title.
    fn hidden_tag(&mut self, name: &str, start: bool) {
        if name != "h1" {
            return;
        }
        if start && self.header_h1.is_none() {
            self.hidden_h1 = Some(String::new());
        } else if !start {
            if let Some(text) = self.hidden_h1.take() {
                let text = collapse_spaces(&text);
                if !text.is_empty() {
                    self.header_h1 = Some(text);
                }
            }
        }
    }

    fn end_raw_text(&mut self) {
        if self.in_title {
            let title = collapse_spaces(&self.title_text);
            if self.page_title.is_none() && !title.is_empty() {
                self.page_title = Some(title);
            }
        }
        self.in_title = false;
        self.in_raw_text = false;
    }

    fn line_break(&mut self) {
        if let Some(cell) = self.tables.last_mut().and_then(|table| table.cell.as_mut()) {
            if cell.kept {
                cell.text.push(' ');
            }
        }
        if let Some(collector) = self.collector.as_mut() {
            collector.breaks.push(collector.text.len());
            collector.text.push(' ');
        }
    }

    fn read_language(&mut self, tag: &Tag) {
        if self.meta.language.is_some() {
            return;
        }
        let language = attribute(tag, "lang")
            .map(str::trim)
            .filter(|l| !l.is_empty());
        self.meta.language = language.map(str::to_owned);
    }

    fn read_date(&mut self, tag: &Tag) {
        let named = ["name", "property", "itemprop", "http-equiv"]
            .iter()
            .filter_map(|key| attribute(tag, key))
            .find_map(|value| {
                let value = value.trim().to_ascii_lowercase();
                DATE_META.iter().position(|name| *name == value)
            });
        let Some(rank) = named else {
            return;
        };
        let Some(date) = attribute(tag, "content").and_then(dates::find_date) else {
            return;
        };
        // A later, more telling name wins over a plain `date`.
        if self.meta.edition.is_none() || self.date_rank.is_some_and(|seen| rank < seen) {
            self.meta.edition = Some(date);
            self.date_rank = Some(rank);
        }
    }

    /// Ends the heading or paragraph being read.
    fn flush(&mut self) {
        self.strong_depth = 0;
        let Some(collector) = self.collector.take() else {
            return;
        };
        let Some(start) = collector.start else {
            return;
        };
        let text = collapse_spaces(&collector.text);
        if text.is_empty() {
            return;
        }
        let span = start.span_to(self.source, collector.end);
        let level = match collector.heading {
            Some(level) => Some(level),
            None if collector.all_strong && is_heading_like(&text) => Some(0),
            None => None,
        };
        let raw = collector.raw();
        let block = move || match level {
            Some(level) => Block::Heading {
                level,
                text: text.clone(),
                span,
            },
            None => Block::Paragraph {
                text: text.clone(),
                raw: raw.clone(),
                span,
            },
        };
        if collector.caption {
            if let Some(table) = self.tables.last_mut() {
                table.caption = Some(block());
            }
        }
        self.blocks.push(block());
    }

    fn open_table(&mut self, at: usize) {
        self.flush();
        if let Some(outer) = self.tables.last_mut() {
            outer.nested = true;
        }
        let start = self.locator.mark(at);
        self.tables.push(OpenTable {
            start,
            blocks_start: self.blocks.len(),
            nested: false,
            header: None,
            header_cells: 0,
            rows: Vec::new(),
            row: None,
            cell: None,
            in_head: false,
            spanned: Vec::new(),
            caption: None,
        });
    }

    fn close_table(&mut self, at: usize) {
        self.flush();
        let mut context = self.context();
        let Some(mut table) = self.tables.pop() else {
            return;
        };
        table.close_row(&mut context, at);
        self.expansion_budget = context.budget;
        if table.nested {
            // A layout table: the headings, paragraphs and tables it holds
            // stay where they are.
            return;
        }
        // A matrix: the paragraphs read inside its cells are its cells.
        self.blocks.truncate(table.blocks_start);
        if let Some(caption) = table.caption {
            self.blocks.push(caption);
        }
        let mut rows = table.rows;
        let (header, header_cells) = match table.header {
            Some(header) => (header, table.header_cells),
            None if rows.is_empty() => return,
            None => {
                let first = rows.remove(0);
                (first.cells, first.cell_count)
            }
        };
        self.blocks.push(Block::Table(Table {
            header,
            header_cells,
            rows,
            span: table.start.span_to(self.source, at),
            layout: Layout::Positional,
        }));
    }

    fn context(&self) -> Context<'a> {
        Context {
            source: self.source,
            budget: self.expansion_budget,
        }
    }

    fn finish(mut self) -> Parsed {
        if self.in_title {
            self.end_raw_text();
        }
        self.flush();
        while !self.tables.is_empty() {
            self.close_table(self.source.len());
        }
        let first_h1 = self.blocks.iter().find_map(|block| match block {
            Block::Heading { level: 1, text, .. } => Some(text.clone()),
            _ => None,
        });
        self.meta.title = first_h1.or(self.header_h1).or(self.page_title);
        Parsed {
            meta: self.meta,
            blocks: self.blocks,
        }
    }
}

/// What a table's rows and cells need from the reader.
struct Context<'a> {
    source: &'a str,
    budget: usize,
}

impl Context<'_> {
    /// Takes `cost` bytes from the expansion budget, if it holds them.
    fn spend(&mut self, cost: usize) -> bool {
        let ok = self.budget >= cost;
        if ok {
            self.budget -= cost;
        }
        ok
    }
}

/// The bytes an added cell costs, roughly.
fn cell_cost(text: &str) -> usize {
    std::mem::size_of::<Cell>() + text.len()
}

impl OpenTable {
    fn open_row(&mut self, start: Mark) {
        self.row = Some(OpenRow {
            start,
            cells: Vec::new(),
            cell_count: 0,
            first_span: None,
            in_head: self.in_head,
            all_header: true,
        });
    }

    fn open_cell(&mut self, context: &mut Context, tag: &Tag, mark: Mark) {
        if self.row.is_none() {
            self.open_row(mark);
        }
        self.fill_spanned(context, false);
        let column = self.row.as_ref().map_or(0, |row| row.cell_count);
        self.cell = Some(OpenCell {
            tag: mark,
            text: String::new(),
            text_start: None,
            text_end: mark.offset,
            colspan: span_attribute(tag, "colspan", 1000).max(1),
            rowspan: match span_attribute(tag, "rowspan", 65534) {
                0 => 65534, // to the end of the row group
                n => n,
            },
            header: &*tag.name == "th",
            kept: column < MAX_COLUMNS,
        });
    }

    fn close_cell(&mut self, context: &mut Context, at: usize) {
        let (Some(cell), Some(row)) = (self.cell.take(), self.row.as_mut()) else {
            return;
        };
        let text = collapse_spaces(&cell.text);
        let span = match cell.text_start {
            Some(start) => start.span_to(context.source, cell.text_end),
            None => cell.tag.span_to(context.source, at),
        };
        let column = row.cell_count;
        row.first_span.get_or_insert(span);
        row.all_header &= cell.header;
        if cell.rowspan > 1 && column < MAX_COLUMNS {
            let copied = if text.chars().count() <= MAX_SPANNED_TEXT {
                text.as_str()
            } else {
                ""
            };
            let last = (column + cell.colspan).min(MAX_COLUMNS);
            if self.spanned.len() < last {
                self.spanned.resize(last, Spanned::default());
            }
            for (offset, spanned) in self.spanned[column..last].iter_mut().enumerate() {
                *spanned = Spanned {
                    remaining: cell.rowspan - 1,
                    text: if offset == 0 {
                        copied.to_owned()
                    } else {
                        String::new()
                    },
                    span,
                };
            }
        }
        if column < MAX_COLUMNS && row.cells.len() < MAX_COLUMNS {
            row.cells.push(Cell::new(text, span));
        }
        for _ in 1..cell.colspan {
            if row.cells.len() >= MAX_COLUMNS || !context.spend(cell_cost("")) {
                break;
            }
            row.cells.push(Cell::new("", span));
        }
        row.cell_count = row.cell_count.saturating_add(cell.colspan);
    }

    /// Adds the cells that a `rowspan` above carries into the current row:
    /// those at its next column, or (at the row's end) all that remain.
    fn fill_spanned(&mut self, context: &mut Context, to_the_end: bool) {
        let Some(row) = self.row.as_mut() else {
            return;
        };
        loop {
            let column = row.cell_count;
            let active = self.spanned.get(column).is_some_and(|s| s.remaining > 0);
            let later = to_the_end && self.spanned.iter().skip(column).any(|s| s.remaining > 0);
            if column >= MAX_COLUMNS || !(active || later) {
                break;
            }
            let (text, span) = match self.spanned.get_mut(column).filter(|s| s.remaining > 0) {
                Some(spanned) => {
                    spanned.remaining -= 1;
                    (spanned.text.clone(), spanned.span)
                }
                // A gap before a spanned cell further right stays empty.
                None => (String::new(), row.first_span.unwrap_or_default()),
            };
            if context.spend(cell_cost(&text)) {
                row.cells.push(Cell::new(text, span));
            } else if context.spend(cell_cost("")) {
                row.cells.push(Cell::new("", span));
            }
            row.cell_count += 1;
        }
    }

    fn close_row(&mut self, context: &mut Context, at: usize) {
        self.close_cell(context, at);
        if self.row.as_ref().is_some_and(|row| row.cell_count > 0) {
            self.fill_spanned(context, true);
        }
        let Some(row) = self.row.take() else {
            return;
        };
        if row.cell_count == 0 {
            // An empty row still passes under the cells spanning it.
            for spanned in &mut self.spanned {
                spanned.remaining = spanned.remaining.saturating_sub(1);
            }
            return;
        }
        let filled = row.cells.iter().filter(|c| !c.text.is_empty()).count();
        let headerish = row.in_head || row.all_header;
        if self.header.is_none() && headerish {
            if filled >= 2 {
                self.header_cells = row.cell_count;
                self.header = Some(row.cells);
            }
            // A header row with one filled cell is the table's title: dropped.
            return;
        }
        let span = row
            .first_span
            .unwrap_or_else(|| row.start.span_to(context.source, at));
        self.rows.push(Row {
            cells: row.cells,
            span,
            cell_count: row.cell_count,
            ..Row::default()
        });
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

fn attribute<'t>(tag: &'t Tag, name: &str) -> Option<&'t str> {
    tag.attrs
        .iter()
        .find(|attr| &*attr.name.local == name)
        .map(|attr| &*attr.value)
}

/// A `colspan` or `rowspan` value, clamped to `max` (1 when absent or bad).
fn span_attribute(tag: &Tag, name: &str, max: usize) -> usize {
    let Some(value) = attribute(tag, name) else {
        return 1;
    };
    let digits: String = value
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .take(6)
        .collect();
    digits.parse::<usize>().map_or(1, |n| n.min(max))
}

/// Whether a wholly bold paragraph reads as a heading (`<p><b>3.2.2. Changes</b></p>`),
/// not as an emphasised sentence: the Markdown reader's rule.
fn is_heading_like(text: &str) -> bool {
    (text.chars().count() <= 120 && !text.ends_with('.')) || crate::numbering::depth(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One line per block: `H2 text @line:col`, `P text @line:col`,
    /// `T header | … @line:col`, then `  R cell | … (count) @line:col` per row.
    fn outline(parsed: &Parsed) -> Vec<String> {
        let at = |span: &Span| format!("@{}:{}", span.line, span.column);
        let mut lines = Vec::new();
        for block in &parsed.blocks {
            match block {
                Block::Heading { level, text, span } => {
                    lines.push(format!("H{level} {text} {}", at(span)))
                }
                Block::Paragraph { text, span, .. } => lines.push(format!("P {text} {}", at(span))),
                Block::Section { path, span } => {
                    lines.push(format!("S {} {}", path.join(" > "), at(span)))
                }
                Block::Table(table) => {
                    let cells = |cells: &[Cell]| {
                        cells
                            .iter()
                            .map(|c| c.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" | ")
                    };
                    lines.push(format!("T {} {}", cells(&table.header), at(&table.span)));
                    for row in &table.rows {
                        lines.push(format!(
                            "  R {} ({}) {}",
                            cells(&row.cells),
                            row.cell_count,
                            at(&row.span)
                        ));
                    }
                }
            }
        }
        lines
    }

    #[test]
    fn reads_headings_paragraphs_and_a_matrix_with_positions() {
        let page = "<html lang=\"en\">\n<body>\n<h2>1. Before subscription</h2>\n<p>Who does what.</p>\n<table>\n  <thead><tr><th>Activity</th><th>Customer</th><th>Provider</th></tr></thead>\n  <tbody>\n    <tr><td>Pick a region</td><td><strong>RA</strong></td><td>I</td></tr>\n    <tr>\n      <td>Size the cluster</td>\n      <td></td>\n      <td><b>R</b><b>A</b>*</td>\n    </tr>\n  </tbody>\n</table>\n</body></html>\n";
        let parsed = read(page);
        assert_eq!(
            outline(&parsed),
            [
                "H2 1. Before subscription @3:5",
                "P Who does what. @4:4",
                "T Activity | Customer | Provider @5:1",
                "  R Pick a region | RA | I (3) @8:13",
                "  R Size the cluster |  | RA* (3) @10:11",
            ]
        );
        let Block::Table(table) = &parsed.blocks[2] else {
            panic!("not a table")
        };
        assert_eq!(table.layout, Layout::Positional);
        let cell = &table.rows[0].cells[1];
        assert_eq!(
            (cell.span.line, cell.span.column, cell.span.len),
            (8, 43, 2)
        );
        assert_eq!(table.header[2].span, Span::new(6, 52, 8));
        assert_eq!(
            table.rows[1].cells[1].span.line, 11,
            "an empty cell points at its tag"
        );
        assert_eq!(parsed.meta.language.as_deref(), Some("en"));
    }

    #[test]
    fn gives_the_same_blocks_as_the_markdown_reader() {
        let markdown = "# Shared duties\n\n## 2. Installation\n\nSome words.\n\n| Activity | Customer | Provider |\n| --- | --- | --- |\n| Create the **first** user | RA | I |\n| Open the network | | RA* |\n\n\\*Only on request.\n";
        let html = "<h1>Shared duties</h1>\n<h2>2. Installation</h2>\n<p>Some words.</p>\n<table><tr><th>Activity</th><th>Customer</th><th>Provider</th></tr>\n<tr><td>Create the <strong>first</strong> user</td><td>RA</td><td>I</td></tr>\n<tr><td>Open the network</td><td></td><td>RA*</td></tr></table>\n<p>*Only on request.</p>\n";
        let strip = |lines: Vec<String>| -> Vec<String> {
            lines
                .into_iter()
                .map(|l| {
                    l.rsplit_once(" @")
                        .map_or(l.clone(), |(body, _)| body.to_owned())
                })
                .collect()
        };
        let from_markdown = crate::markdown::read(markdown);
        let from_html = read(html);
        assert_eq!(strip(outline(&from_html)), strip(outline(&from_markdown)));
        assert_eq!(from_html.meta.title.as_deref(), Some("Shared duties"));
    }

    #[test]
    fn a_table_without_th_takes_its_first_row_as_header() {
        let parsed = read(
            "<table><tr><td>Task</td><td>Us</td></tr><tr><td>Patch</td><td>R</td></tr></table>",
        );
        assert_eq!(
            outline(&parsed),
            ["T Task | Us @1:1", "  R Patch | R (2) @1:49"]
        );
    }

    #[test]
    fn implied_end_tags_close_cells_rows_and_paragraphs() {
        let parsed = read("<p>One<p>Two\n<table><tr><th>Activity<th>Customer<tr><td>Back up<td>RA\n<tr><td>Restore<td>R</table><li>After");
        assert_eq!(
            outline(&parsed),
            [
                "P One @1:4",
                "P Two @1:10",
                "T Activity | Customer @2:1",
                "  R Back up | RA (2) @2:44",
                "  R Restore | R (2) @3:9",
                "P After @3:33",
            ]
        );
    }

    #[test]
    fn colspan_adds_empty_cells_and_rowspan_repeats_the_cell_below() {
        let page = "<table><tr><th>Activity</th><th>Customer</th><th>Provider</th></tr>\
            <tr><td colspan=\"3\">Operations</td></tr>\
            <tr><td>Watch</td><td rowspan=\"2\">RA</td><td>I</td></tr>\
            <tr><td>Alert</td><td>C</td></tr>\
            <tr><td>Fix</td><td colspan=2>R</td></tr></table>";
        let parsed = read(page);
        let lines: Vec<String> = outline(&parsed)
            .into_iter()
            .map(|l| l.rsplit_once(" @").unwrap().0.to_owned())
            .collect();
        assert_eq!(
            lines,
            [
                "T Activity | Customer | Provider",
                "  R Operations |  |  (3)",
                "  R Watch | RA | I (3)",
                "  R Alert | RA | C (3)",
                "  R Fix | R |  (3)",
            ]
        );
    }

    #[test]
    fn breaks_entities_and_inline_markup_become_plain_text() {
        let parsed = read("<table><tr><th>Activity</th><th>Client</th></tr><tr><td>Keep&nbsp;keys &amp; secrets<br>safe</td><td><em>R</em><br/><span>A</span></td></tr></table>");
        let Block::Table(table) = &parsed.blocks[0] else {
            panic!("not a table")
        };
        assert_eq!(table.rows[0].cells[0].text, "Keep keys & secrets safe");
        assert_eq!(table.rows[0].cells[1].text, "R A");
    }

    #[test]
    fn footnote_paragraphs_keep_their_line_breaks_in_raw() {
        let parsed = read("<p>*First note.<br>**Second note.</p>");
        let Block::Paragraph { text, raw, .. } = &parsed.blocks[0] else {
            panic!("not a paragraph")
        };
        assert_eq!(text, "*First note. **Second note.");
        assert_eq!(raw, "*First note.\n**Second note.");
    }

    #[test]
    fn bold_paragraphs_read_as_headings_like_in_markdown() {
        let parsed = read("<p><strong>3.2.2 Changes</strong></p><p><b>Bold</b> and plain.</p>");
        assert_eq!(
            outline(&parsed),
            ["H0 3.2.2 Changes @1:12", "P Bold and plain. @1:44"]
        );
    }

    #[test]
    fn skips_scripts_styles_and_page_furniture() {
        let page = "<head><title>Site | Page</title><style>td { x: '<table>' }</style>\
            <script>document.write('<h2>no</h2>')</script></head>\
            <body><header><a>Home</a></header><nav><ul><li>Menu</li></ul></nav>\
            <h2>Kept</h2><footer><p>Legal</p></footer><noscript><p>Enable JS</p></noscript></body>";
        let parsed = read(page);
        assert_eq!(outline(&parsed).len(), 1);
        assert!(outline(&parsed)[0].starts_with("H2 Kept"));
        assert_eq!(parsed.meta.title.as_deref(), Some("Site | Page"));
    }

    #[test]
    fn title_is_the_first_h1_then_a_header_h1_then_the_title_element() {
        let read_title = |page: &str| read(page).meta.title;
        assert_eq!(
            read_title("<title>Tab</title><h1>Page</h1><h1>Other</h1>").as_deref(),
            Some("Page")
        );
        assert_eq!(
            read_title("<title>Tab</title><header><h1>Banner</h1></header>").as_deref(),
            Some("Banner")
        );
        assert_eq!(
            read_title("<title> Tab &amp; co </title><h2>x</h2>").as_deref(),
            Some("Tab & co")
        );
        assert_eq!(read_title("<p>nothing</p>"), None);
    }

    #[test]
    fn reads_the_edition_from_meta_tags() {
        let edition = |page: &str| read(page).meta.edition;
        assert_eq!(
            edition("<meta name=\"date\" content=\"2024-03-01\">").as_deref(),
            Some("2024-03-01")
        );
        assert_eq!(
            edition("<meta name=date content=2020-01-01><meta property=\"article:modified_time\" content=\"2024-05-06T10:00:00Z\">").as_deref(),
            Some("2024-05-06")
        );
        assert_eq!(
            edition("<meta name=\"DCTERMS.modified\" content=\"06/07/2023\">").as_deref(),
            Some("2023-07-06")
        );
        assert_eq!(
            edition("<meta name=\"author\" content=\"2024-03-01\">"),
            None
        );
        assert_eq!(edition("<meta name=\"date\" content=\"soon\">"), None);
    }

    #[test]
    fn only_the_innermost_of_nested_tables_is_a_matrix() {
        let page = "<table><tr><td><h2>1. Access</h2><p>Intro</p>\
            <table><tr><th>Activity</th><th>Customer</th></tr><tr><td><p>Grant rights</p></td><td>RA</td></tr></table>\
            </td></tr></table>";
        let lines: Vec<String> = outline(&read(page))
            .into_iter()
            .map(|l| l.rsplit_once(" @").unwrap().0.to_owned())
            .collect();
        assert_eq!(
            lines,
            [
                "H2 1. Access",
                "P Intro",
                "T Activity | Customer",
                "  R Grant rights | RA (2)"
            ]
        );
    }

    #[test]
    fn a_caption_stays_before_its_table() {
        let lines = outline(&read("<table><caption>Backups</caption><tr><th>Activity</th><th>Us</th></tr><tr><td>Test a restore</td><td>R</td></tr></table>"));
        assert_eq!(lines[0], "P Backups @1:17");
        assert!(lines[1].starts_with("T Activity | Us"));
    }

    #[test]
    fn wide_rows_keep_their_count_but_not_their_cells() {
        let mut page = String::from("<table><tr><th>Activity</th>");
        for i in 0..10_000 {
            page.push_str(&format!("<th>P{i}</th>"));
        }
        page.push_str("</tr><tr><td>Do it</td><td colspan=\"1000\">R</td></tr></table>");
        let parsed = read(&page);
        let Block::Table(table) = &parsed.blocks[0] else {
            panic!("not a table")
        };
        assert_eq!(table.header.len(), MAX_COLUMNS);
        assert_eq!(table.rows[0].cells.len(), MAX_COLUMNS);
        assert_eq!(table.rows[0].cell_count, 1001);
    }

    #[test]
    fn survives_broken_and_hostile_markup() {
        let deep = "<div><span><table><tr><td>".repeat(20_000);
        let long_line = format!("<p>{}</p>", "a&amp;<b>é</b>".repeat(70_000));
        let spans = "<table><tr><td rowspan=0 colspan=1000>x".to_owned() + &"<tr>".repeat(50_000);
        for page in [
            deep.as_str(),
            long_line.as_str(),
            spans.as_str(),
            "<table><td>a",
            "<<<>>><!--<table>",
            "</table></tr></td><td>stray",
            "<h1><h2>unclosed",
            "<title>never closed",
            "<script>",
            "<plaintext><table><td>x",
            "<svg><title>icon</title></svg><table",
            "\u{feff}<p>é&#0;&#x10FFFF;&bogus;\r\n\r\nx</p>",
        ] {
            let _ = read(page);
        }
        let parsed = read(&deep);
        assert!(
            parsed.blocks.len() <= 1,
            "layout tables leave only the innermost"
        );
    }

    #[test]
    fn text_after_a_comment_holding_tags_keeps_its_column() {
        let parsed = read("<!-- <p>x</p> -->Hello <!DOCTYPE html>there");
        assert_eq!(outline(&parsed), ["P Hello there @1:18"]);
    }

    #[test]
    fn offsets_stay_on_character_boundaries() {
        let parsed = read("<p>&eacute;&eacute;&eacute;é<b>é</b>é</p>\n<p>ü</p>");
        assert_eq!(outline(&parsed), ["P éééééé @1:4", "P ü @2:4"]);
    }
}
