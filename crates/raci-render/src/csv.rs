//! CSV, one row per activity (see the layout in `rows.rs`), written with the csv crate.

use raci_model::Document;

use crate::{rows, RenderError};

/// The document as CSV: comma-separated, quoted where needed, `\n` line ends.
pub fn write(document: &Document) -> Result<String, RenderError> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let error = |e: ::csv::Error| RenderError::Csv(e.to_string());
    writer.write_record(rows::header(document)).map_err(error)?;
    for record in rows::records(document) {
        writer.write_record(record).map_err(error)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| RenderError::Csv(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| RenderError::Csv(e.to_string()))
}
