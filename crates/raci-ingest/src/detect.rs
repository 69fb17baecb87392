//! Which reader a text needs, from its content (and its file name's extension
//! where the content does not say).

use std::fmt;
use std::str::FromStr;

use crate::{glued_text, web_text};

/// The input formats raci reads; by name (`web-text`) in serde and the
/// service's API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum InputFormat {
    /// GitHub-flavoured Markdown tables.
    Markdown,
    /// HTML pages with `<table>` matrices.
    Html,
    /// Text copied from a web page, one cell per line, empty cells dropped.
    WebText,
    /// Text copied from a web page, role letters glued to the activity.
    GluedText,
    /// The canonical JSON form.
    Json,
    /// The canonical YAML form.
    Yaml,
    /// Comma-, semicolon- or tab-separated values, one row per activity.
    Csv,
    /// An Excel workbook, one row per activity.
    Xlsx,
}

impl InputFormat {
    /// Every format, for help texts.
    pub const ALL: [InputFormat; 8] = [
        InputFormat::Markdown,
        InputFormat::Html,
        InputFormat::WebText,
        InputFormat::GluedText,
        InputFormat::Json,
        InputFormat::Yaml,
        InputFormat::Csv,
        InputFormat::Xlsx,
    ];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Markdown => "markdown",
            InputFormat::Html => "html",
            InputFormat::WebText => "web-text",
            InputFormat::GluedText => "glued-text",
            InputFormat::Json => "json",
            InputFormat::Yaml => "yaml",
            InputFormat::Csv => "csv",
            InputFormat::Xlsx => "xlsx",
        }
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The format name was not one raci knows.
#[derive(Debug, thiserror::Error)]
#[error(
    "unknown input format `{0}`: expected one of markdown, html, web-text, glued-text, json, yaml, csv, xlsx"
)]
pub struct UnknownFormat(String);

impl FromStr for InputFormat {
    type Err = UnknownFormat;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        InputFormat::ALL
            .into_iter()
            .find(|format| format.name() == name)
            .ok_or_else(|| UnknownFormat(name.to_owned()))
    }
}

/// Picks the reader for `text`.
pub fn detect(text: &str, file_name: Option<&str>) -> InputFormat {
    let head: String = text.chars().take(4096).collect();
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    let extension = file_name
        .and_then(|name| name.rsplit_once('.'))
        .map(|(_, ext)| ext.to_ascii_lowercase());
    match extension.as_deref() {
        Some("xlsx" | "xlsm") => return InputFormat::Xlsx,
        Some("csv" | "tsv") => return InputFormat::Csv,
        _ => {}
    }
    if trimmed.starts_with('{') {
        return InputFormat::Json;
    }
    if head.lines().take(10).any(|l| {
        let l = l.trim();
        l == "schema: raci/v1" || l == "schema: \"raci/v1\"" || l == "schema: 'raci/v1'"
    }) {
        return InputFormat::Yaml;
    }
    let lower = head.to_ascii_lowercase();
    if matches!(extension.as_deref(), Some("html" | "htm"))
        || lower.contains("<!doctype html")
        || lower.contains("<html")
        || (lower.contains("<table") && !has_markdown_table(text))
    {
        return InputFormat::Html;
    }
    if has_csv_header(trimmed) {
        return InputFormat::Csv;
    }
    if has_markdown_table(text) {
        return InputFormat::Markdown;
    }
    if glued_text::sniff(text) {
        return InputFormat::GluedText;
    }
    if web_text::sniff(text) {
        return InputFormat::WebText;
    }
    InputFormat::Markdown
}

/// Whether the bytes are an XLSX workbook: a ZIP archive, or a file named so.
pub(crate) fn is_xlsx(bytes: &[u8], file_name: Option<&str>) -> bool {
    let named = file_name
        .and_then(|name| name.rsplit_once('.'))
        .is_some_and(|(_, ext)| matches!(ext.to_ascii_lowercase().as_str(), "xlsx" | "xlsm"));
    named || bytes.starts_with(b"PK\x03\x04")
}

/// Whether the first line is a CSV header: fields separated by commas or
/// semicolons, one of them the activity column.
fn has_csv_header(text: &str) -> bool {
    let Some(first) = text.lines().next() else {
        return false;
    };
    if first.starts_with(['|', '#', '<', '-', '*']) {
        return false;
    }
    [',', ';', '\t'].into_iter().any(|delimiter| {
        let fields: Vec<&str> = first.split(delimiter).collect();
        fields.len() >= 2
            && fields.iter().any(|field| {
                let field = field.trim().trim_matches('"').trim();
                let mut chars = field.chars();
                chars.next().is_some_and(|first| {
                    let word: String = first.to_uppercase().chain(chars).collect();
                    crate::flat_text::is_activity_word(&word)
                })
            })
    })
}

/// Whether a line holds a Markdown table's delimiter row (`| --- | :-: |`).
fn has_markdown_table(text: &str) -> bool {
    text.lines()
        .take(20_000)
        .any(|line| line.contains('|') && crate::markdown::is_delimiter_row(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_format() {
        assert_eq!(detect("{\"schema\": \"raci/v1\"}", None), InputFormat::Json);
        assert_eq!(
            detect("schema: raci/v1\ntitle: x\n", None),
            InputFormat::Yaml
        );
        assert_eq!(
            detect("| a | b |\n| --- | --- |\n", None),
            InputFormat::Markdown
        );
        assert_eq!(
            detect("<html><table></table></html>", None),
            InputFormat::Html
        );
        assert_eq!(detect("x", Some("page.HTML")), InputFormat::Html);
        assert_eq!(
            detect("ActivityCustomerProvider\nDo itRA\n", None),
            InputFormat::GluedText
        );
        assert_eq!(
            detect(
                "Activity\nCustomer\nProvider\nDo it\nRA\nDo that\nI\nRA\n",
                None
            ),
            InputFormat::WebText
        );
        assert_eq!(detect("just prose", None), InputFormat::Markdown);
        assert_eq!(
            detect("id,section,activity,Customer\n", None),
            InputFormat::Csv
        );
        assert_eq!(detect("Tâche;Client;Fournisseur\n", None), InputFormat::Csv);
        assert_eq!(detect("anything", Some("m.CSV")), InputFormat::Csv);
        assert_eq!(
            detect("The activity, we said, matters\n\nprose", None),
            InputFormat::Markdown
        );
        assert!(is_xlsx(b"PK\x03\x04rest", None));
        assert!(is_xlsx(b"", Some("book.xlsx")));
        assert!(!is_xlsx(b"PK", Some("a.md")));
    }

    #[test]
    fn format_names_round_trip() {
        for format in InputFormat::ALL {
            assert_eq!(format.name().parse::<InputFormat>().unwrap(), format);
        }
        assert!("pdf".parse::<InputFormat>().is_err());
    }
}
