//! Data files embedded at build time (vocabularies, taxonomies, lexicons):
//! CSV with a header row and `#` comment lines, read into typed rows. Each
//! file has a unit test beside the code that reads it, so a broken file is a
//! failing test, never a surprise at run time.

use serde::de::DeserializeOwned;

/// A row of an embedded data file that does not read.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DataError {
    /// The file's name, as embedded (`parties.csv`).
    pub file: &'static str,
    /// The line of the row that does not read (1-based; 0 when unknown).
    pub line: u64,
    /// What was expected there.
    pub message: String,
}

/// The rows of CSV `text` (named `file` in errors): a header row, then one
/// record a line; lines starting with `#` are comments; fields are kept as
/// written (quote a field whose spaces matter).
pub fn csv_rows<T: DeserializeOwned>(file: &'static str, text: &str) -> Result<Vec<T>, DataError> {
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    reader
        .deserialize()
        .map(|row| {
            row.map_err(|error| DataError {
                file,
                line: error.position().map_or(0, csv::Position::line),
                message: match error.kind() {
                    csv::ErrorKind::Deserialize { err, .. } => match err.field() {
                        Some(field) => format!("field {}: {err}", field + 1),
                        None => err.to_string(),
                    },
                    _ => error.to_string(),
                },
            })
        })
        .collect()
}

/// The rows of an embedded file. Its unit test proves it reads, so a failure
/// here is a defect of the build, not of any input: it stops with the file,
/// line and reason.
pub fn embedded_rows<T: DeserializeOwned>(file: &'static str, text: &str) -> Vec<T> {
    csv_rows(file, text).unwrap_or_else(|error| panic!("embedded data file: {error}"))
}

/// Declares `static NAME: LazyLock<Vec<Row>>`, the rows of a data file
/// embedded with `include_str!` (its path relative to the calling file),
/// read on first use with [`embedded_rows`].
#[macro_export]
macro_rules! embedded_table {
    ($(#[$meta:meta])* $vis:vis static $name:ident: $row:ty = $file:literal;) => {
        $(#[$meta])*
        $vis static $name: ::std::sync::LazyLock<::std::vec::Vec<$row>> =
            ::std::sync::LazyLock::new(|| {
                $crate::data::embedded_rows($file, include_str!($file))
            });
    };
}

/// The words of a space-separated list field (`gerer gestion administrer`).
pub fn words(list: &str) -> impl Iterator<Item = &str> {
    list.split_whitespace()
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Row {
        word: String,
        count: u32,
    }

    #[test]
    fn rows_read_with_comments_and_quoted_spaces() {
        let rows: Vec<Row> = csv_rows(
            "t.csv",
            "# a comment\nword,count\n# another\n\" is \",2\nx,3\n",
        )
        .unwrap();
        assert_eq!(
            rows,
            [
                Row {
                    word: " is ".into(),
                    count: 2
                },
                Row {
                    word: "x".into(),
                    count: 3
                }
            ]
        );
    }

    #[test]
    fn a_bad_row_names_the_file_line_and_field() {
        let error = csv_rows::<Row>("t.csv", "word,count\nx,1\ny,many\n").unwrap_err();
        assert_eq!(error.file, "t.csv");
        assert_eq!(error.line, 3);
        assert!(error.to_string().starts_with("t.csv:3: field 2"), "{error}");
        let error = csv_rows::<Row>("t.csv", "word,count\nx,1,2\n").unwrap_err();
        assert_eq!(error.line, 2, "{error}");
    }
}
