//! What a browser copy of a Markdown page gives, in the two forms the seeds
//! show: *flattened* (seed 000: every cell on its own line, empty cells
//! gone) and *glued* (seed 003: each row one line, its letters glued to the
//! text, the header row one word, blocks apart). Made from the page's own
//! model and source: the title and edition, headings, prose, each table's
//! header (its first cell as the source writes it, then the parties) and
//! each row's text with its non-empty cells.

use raci_model::Document;

/// A block of the page, in source order.
enum Piece<'d> {
    Line(&'d str),
    /// A row of a table that is not the matrix (the legend), as plain cells.
    Cells(Vec<String>),
    Header {
        word: String,
        parties: &'d [String],
    },
    Row {
        text: &'d str,
        cells: Vec<&'d str>,
    },
}

/// The pieces of `document`, read from Markdown `source`, in source order.
fn pieces<'d>(document: &'d Document, source: &str) -> Vec<(u32, Piece<'d>)> {
    let lines: Vec<&str> = source.lines().collect();
    let facts = &document.facts;
    let mut pieces: Vec<(u32, Piece<'d>)> = Vec::new();
    for heading in &facts.headings {
        if let Some(text) = heading.path.last() {
            pieces.push((heading.span.line, Piece::Line(text)));
        }
    }
    if let Some(legend) = &facts.legend {
        let first = legend.span.line.saturating_sub(1) as usize;
        for (at, line) in lines.iter().enumerate().skip(first) {
            if !line.trim_start().starts_with('|') {
                break;
            }
            let cells: Vec<String> = line
                .split('|')
                .map(plain)
                .filter(|cell| !cell.is_empty() && !cell.chars().all(|c| c == '-' || c == ':'))
                .collect();
            if !cells.is_empty() {
                pieces.push((at as u32 + 1, Piece::Cells(cells)));
            }
        }
    }
    for prose in &facts.prose {
        pieces.push((prose.span.line, Piece::Line(&prose.text)));
    }
    for table in &facts.tables {
        let header = lines
            .get(table.span.line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("");
        let word = header
            .split('|')
            .map(plain)
            .find(|cell| !cell.is_empty())
            .unwrap_or_default();
        pieces.push((
            table.span.line,
            Piece::Header {
                word,
                parties: &table.parties,
            },
        ));
    }
    for activity in &document.activities {
        let cells = activity
            .row
            .cells
            .iter()
            .map(|cell| cell.raw.as_str())
            .filter(|raw| !raw.is_empty())
            .collect();
        pieces.push((
            activity.source.line,
            Piece::Row {
                text: &activity.text,
                cells,
            },
        ));
    }
    pieces.sort_by_key(|(line, _)| *line);
    pieces
}

/// A header or cell as a browser shows it: emphasis and code marks gone.
fn plain(cell: &str) -> String {
    cell.replace(['*', '`'], "")
        .replace("__", "")
        .trim()
        .to_owned()
}

/// The opening lines of a copy: the title, then the edition.
fn top(document: &Document) -> Vec<String> {
    document
        .title
        .iter()
        .chain(&document.edition)
        .cloned()
        .collect()
}

/// The page as seed 000 has it: one cell a line, empty cells dropped.
pub fn flattened(document: &Document, source: &str) -> String {
    let mut out = top(document);
    for (_, piece) in pieces(document, source) {
        match piece {
            Piece::Line(text) => out.push(text.to_owned()),
            Piece::Cells(cells) => out.extend(cells),
            Piece::Header { word, parties } => {
                out.push(word);
                out.extend(parties.iter().cloned());
            }
            Piece::Row { text, cells } => {
                out.push(text.to_owned());
                out.extend(cells.iter().map(|cell| cell.to_string()));
            }
        }
    }
    out.join("\n") + "\n"
}

/// The page as seed 003 has it: a row a line with its letters glued to the
/// text, the header row glued into one word, blank lines between blocks.
pub fn glued(document: &Document, source: &str) -> String {
    let mut out: Vec<String> = top(document).into_iter().map(|l| l + "\n").collect();
    let mut in_table = false;
    for (_, piece) in pieces(document, source) {
        match piece {
            Piece::Line(text) => {
                if in_table {
                    out.push(String::new());
                }
                in_table = false;
                out.push(format!("{text}\n"));
            }
            Piece::Cells(cells) => out.push(cells.concat()),
            Piece::Header { word, parties } => {
                in_table = true;
                out.push(format!("{word}{}", parties.concat()));
            }
            Piece::Row { text, cells } => out.push(format!("{text}{}", cells.concat())),
        }
    }
    out.join("\n") + "\n"
}
