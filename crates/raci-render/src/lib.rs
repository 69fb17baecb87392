//! Writers of the canonical model: normalized Markdown (and `raci fmt`'s
//! in-place normalization of a Markdown page), CSV and XLSX with one row per
//! activity. Pure: every writer returns a string or bytes and does no I/O.
//! The canonical JSON and YAML writers are the model's own
//! ([`raci_model::Document::to_json`], [`raci_model::Document::to_yaml`]).

pub mod csv;
pub mod markdown;
mod rows;
mod table;
pub mod xlsx;

/// A writer could not produce its output.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("could not write the CSV: {0}")]
    Csv(String),
    #[error("could not write the XLSX workbook: {0}")]
    Xlsx(String),
}
