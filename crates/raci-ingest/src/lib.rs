//! Reads responsibility matrices as they are published into the canonical
//! model: Markdown tables, HTML tables, text copied from a web page (cells on
//! their own lines, or letters glued to the activity), and the canonical JSON
//! and YAML forms, and spreadsheets (CSV, XLSX) with one row per activity.
//! The format is detected from the content.
//!
//! Pure: it reads the bytes it is given and nothing else.

mod assemble;
mod blocks;
mod cells;
mod csv;
mod dates;
mod decode;
mod detect;
mod flat_text;
mod front_matter;
mod glued_text;
mod html;
mod markdown;
mod numbering;
mod tabular;
mod vocabulary;
mod web_text;
mod xlsx;

pub use decode::MAX_INPUT_BYTES;
pub use detect::{detect, InputFormat};
pub use tabular::SECTION_SEPARATOR;

use raci_model::{CodecError, Document};

/// The input could not be read as a matrix at all.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("binary data (a NUL byte at line {line}): expected a text document")]
    Binary { line: usize },
    #[error("invalid UTF-8 at line {line}, column {column}: expected UTF-8 or UTF-16 text")]
    InvalidUtf8 { line: usize, column: usize },
    #[error("input of {size} bytes is larger than the {limit} bytes accepted")]
    TooLarge { size: usize, limit: usize },
    #[error(transparent)]
    Canonical(#[from] CodecError),
    #[error("invalid CSV at line {line}: {message}")]
    Csv { line: usize, message: String },
    #[error("unreadable XLSX workbook: {message}")]
    Xlsx { message: String },
    #[error("no header row in the first {searched} rows of the {format}: expected a row with an `activity` (or `task`, `activité`…) column and one column per party")]
    NoHeader {
        format: &'static str,
        searched: usize,
    },
}

/// Reads `bytes` as a matrix. `format` overrides detection; `file_name`
/// (only its extension is looked at) helps detection.
pub fn parse(
    bytes: &[u8],
    format: Option<InputFormat>,
    file_name: Option<&str>,
) -> Result<Document, IngestError> {
    let xlsx = format.map_or_else(
        || detect::is_xlsx(bytes, file_name),
        |f| f == InputFormat::Xlsx,
    );
    if xlsx {
        // A workbook is a ZIP archive: read from the bytes, before any decoding.
        decode::check_size(bytes)?;
        return Ok(assemble::assemble(xlsx::read(bytes)?, InputFormat::Xlsx));
    }
    let text = decode::decode(bytes)?;
    parse_str(&text, format.unwrap_or_else(|| detect(&text, file_name)))
}

/// Reads text already decoded, in the given format.
pub fn parse_str(text: &str, format: InputFormat) -> Result<Document, IngestError> {
    let parsed = match format {
        InputFormat::Json => return Ok(Document::from_json(text)?),
        InputFormat::Yaml => return Ok(Document::from_yaml(text)?),
        InputFormat::Markdown => markdown::read(text),
        InputFormat::Html => html::read(text),
        InputFormat::WebText => web_text::read(text),
        InputFormat::GluedText => glued_text::read(text),
        InputFormat::Csv => csv::read(text)?,
        InputFormat::Xlsx => xlsx::read(text.as_bytes())?,
    };
    Ok(assemble::assemble(parsed, format))
}
