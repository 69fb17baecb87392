//! What `raci lint` reads: the files named and those found in folders, and
//! the one rule for what is not a matrix. A file named on the command line
//! must be a readable matrix (else exit 2, naming it); a file found walking a
//! folder that holds no matrix (a `package.json`, a CSV of something else, a
//! page with no table) is skipped, and the run says how many were.

use std::io::Read;
use std::path::{Path, PathBuf};

use raci_ingest::InputFormat;
use raci_model::Document;

use crate::input;

/// Where a file came from, which decides what a file with no matrix means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Named on the command line (or standard input).
    Named,
    /// Found walking a folder.
    Walked,
}

/// One file to lint.
#[derive(Clone, Debug)]
pub struct Target {
    /// The path to read, `-` for standard input.
    pub path: PathBuf,
    /// The name findings show.
    pub name: String,
    /// The path its configuration is looked up from (the stdin file name for `-`).
    pub config_path: PathBuf,
    pub origin: Origin,
}

/// The files to lint, and the folders that held none.
pub fn targets(paths: &[PathBuf], stdin_filename: Option<&Path>) -> (Vec<Target>, Vec<String>) {
    let mut targets = Vec::new();
    let mut empty = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let name =
                stdin_filename.map_or_else(|| "<stdin>".to_owned(), |n| n.display().to_string());
            targets.push(Target {
                path: path.clone(),
                name,
                config_path: stdin_filename.map_or_else(|| PathBuf::from("-"), Path::to_path_buf),
                origin: Origin::Named,
            });
        } else if path.is_dir() {
            let found = input::expand(std::slice::from_ref(path)).unwrap_or_default();
            if found.is_empty() {
                empty.push(path.display().to_string());
            }
            targets.extend(found.into_iter().map(|file| Target {
                name: file.display().to_string(),
                config_path: file.clone(),
                path: file,
                origin: Origin::Walked,
            }));
        } else {
            targets.push(Target {
                name: path.display().to_string(),
                config_path: path.clone(),
                path: path.clone(),
                origin: Origin::Named,
            });
        }
    }
    (targets, empty)
}

/// A file read as a matrix.
pub struct Source {
    /// The text, where the file is text (not a workbook).
    pub text: Option<String>,
    pub document: Document,
    /// The format it was read as, to read it the same way after fixing.
    pub format: Option<InputFormat>,
}

/// Why a file was not linted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotLinted {
    /// It could not be read at all (missing, a folder, too large, binary…).
    Unreadable(String),
    /// It was read but holds no matrix, or is not one in its format.
    NoMatrix(String),
}

impl NotLinted {
    pub fn message(&self) -> &str {
        match self {
            NotLinted::Unreadable(message) | NotLinted::NoMatrix(message) => message,
        }
    }
}

/// Reads and parses one target.
pub fn read(target: &Target, format: Option<InputFormat>) -> Result<Source, NotLinted> {
    let name = &target.name;
    let bytes = if target.path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| {
            NotLinted::Unreadable(format!("{name}: cannot read standard input: {e}"))
        })?;
        bytes
    } else {
        let metadata = std::fs::metadata(&target.path)
            .map_err(|e| NotLinted::Unreadable(format!("{name}: cannot read the file: {e}")))?;
        if metadata.len() > raci_ingest::MAX_INPUT_BYTES as u64 {
            return Err(NotLinted::Unreadable(format!(
                "{name}: {} bytes is more than the {} accepted",
                metadata.len(),
                raci_ingest::MAX_INPUT_BYTES
            )));
        }
        std::fs::read(&target.path)
            .map_err(|e| NotLinted::Unreadable(format!("{name}: cannot read the file: {e}")))?
    };
    let detect_name = target.config_path.display().to_string();
    let document = raci_ingest::parse(&bytes, format, Some(&detect_name)).map_err(|error| {
        use raci_ingest::IngestError;
        let message = format!("{name}: {error}");
        match error {
            IngestError::Binary { .. }
            | IngestError::InvalidUtf8 { .. }
            | IngestError::TooLarge { .. }
            | IngestError::Xlsx { .. } => NotLinted::Unreadable(message),
            _ => NotLinted::NoMatrix(message),
        }
    })?;
    if document.activities.is_empty() {
        return Err(NotLinted::NoMatrix(format!(
            "{name}: no matrix found (read as {}): expected a table with an activity column and one column per party",
            if document.facts.format.is_empty() { "canonical form" } else { &document.facts.format }
        )));
    }
    let format = document.facts.format.parse().ok();
    let text = String::from_utf8(bytes).ok();
    Ok(Source {
        text,
        document,
        format,
    })
}
