//! The shape every reader reduces its input to: headings, paragraphs and
//! tables in document order, with spans. The assembler turns blocks into the
//! canonical model, so each reader deals only with its own syntax.

use raci_model::Span;

/// What a reader found in its input.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub meta: Metadata,
    pub blocks: Vec<Block>,
}

/// Document-level fields the reader found outside the blocks (front matter,
/// a page's title line, its date line).
#[derive(Debug, Default)]
pub(crate) struct Metadata {
    pub title: Option<String>,
    pub edition: Option<String>,
    pub language: Option<String>,
}

#[derive(Debug)]
pub(crate) enum Block {
    /// A heading; level 1 is the page title, deeper levels are sections.
    Heading {
        level: u8,
        text: String,
        span: Span,
    },
    /// A paragraph of prose, with its source text (markup kept) for footnote marks.
    Paragraph {
        text: String,
        raw: String,
        span: Span,
    },
    Table(Table),
    /// The rows that follow sit at exactly this section path (readers of
    /// formats that name each row's section, such as CSV, give it whole).
    Section {
        path: Vec<String>,
        span: Span,
    },
}

/// A table: header cells (activity column first) and rows.
#[derive(Debug, Default)]
pub(crate) struct Table {
    pub header: Vec<Cell>,
    /// The header's cells in the source, those past the bound included
    /// (0 where the reader does not count them).
    pub header_cells: usize,
    pub rows: Vec<Row>,
    pub span: Span,
    pub layout: Layout,
}

impl Table {
    /// A table of a page that dropped its empty cells, starting with `header`.
    pub fn flattened(header: Vec<Cell>, span: Span) -> Table {
        Table {
            header,
            span,
            layout: Layout::Flattened,
            ..Table::default()
        }
    }
}

/// Whether a row's cells stand in their columns.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Cell `i` is in column `i` (Markdown, HTML).
    #[default]
    Positional,
    /// The page dropped its empty cells: after the activity, the non-empty
    /// role cells follow in column order, but which columns they were in is lost.
    Flattened,
}

#[derive(Debug, Default)]
pub(crate) struct Row {
    pub cells: Vec<Cell>,
    pub span: Span,
    /// Cells the source row has (may differ from `cells.len()` where a reader
    /// had to drop cells past its bound).
    pub cell_count: usize,
    /// The row's id, where the format carries one (CSV, XLSX).
    pub id: Option<String>,
    /// The row's notes as text, where the format carries them (CSV, XLSX).
    pub notes: Vec<String>,
    /// Why the reader is unsure it read the row's letters right (glued
    /// text whose letters could also be read another way).
    pub doubt: Option<String>,
}

#[derive(Debug, Default, Clone)]
pub(crate) struct Cell {
    pub text: String,
    pub span: Span,
}

impl Cell {
    pub fn new(text: impl Into<String>, span: Span) -> Cell {
        Cell {
            text: text.into(),
            span,
        }
    }
}

/// The most columns a table may have: a RACI matrix has a handful of parties;
/// anything wider is kept only up to this bound, so memory stays bounded.
pub(crate) const MAX_COLUMNS: usize = 64;

/// The most columns a spreadsheet row keeps: a matrix at its widest, plus
/// its `id`, `section` and `notes` columns, so that what `convert --to xlsx`
/// writes reads back whole.
pub(crate) const MAX_GRID_COLUMNS: usize = MAX_COLUMNS + 3;
