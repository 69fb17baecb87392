//! Finding and reading the user's files. Nothing here writes.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use raci_ingest::InputFormat;
use raci_model::Document;

/// File endings `raci lint DIR` picks up.
const MATRIX_EXTENSIONS: &[&str] = &[
    "md", "markdown", "txt", "html", "htm", "json", "yaml", "yml", "csv", "xlsx",
];

/// A file read and parsed.
pub struct Loaded {
    /// The path as the user will see it in messages.
    pub name: String,
    pub document: Document,
}

/// The files under `paths`: files as given, directories searched recursively
/// (hidden folders and build output skipped), sorted for stable output.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" || !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
            .follow_links(false)
            .into_iter()
            .filter_entry(|entry| entry.depth() == 0 || !is_skipped_dir(entry))
            .filter_map(|entry| entry.ok())
            .filter(|entry| entry.file_type().is_file() && has_matrix_extension(entry.path()))
            .map(|entry| entry.into_path())
            .collect();
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

fn is_skipped_dir(entry: &walkdir::DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy();
    entry.file_type().is_dir()
        && (name.starts_with('.') || name == "target" || name == "node_modules")
}

pub fn has_matrix_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| MATRIX_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Reads and parses one file (`-` is standard input). The error names the
/// file and says what was expected.
pub fn load(path: &Path, format: Option<InputFormat>) -> Result<Loaded> {
    let (name, bytes) = read(path)?;
    parse(name, bytes, format)
}

/// Reads one file whole (`-` is standard input), refusing one larger than
/// the ingest accepts: its name as the user will see it, and its bytes.
pub fn read(path: &Path) -> Result<(String, Vec<u8>)> {
    let name = path.display().to_string();
    let bytes = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("<stdin>: cannot read standard input")?;
        bytes
    } else {
        let metadata =
            std::fs::metadata(path).with_context(|| format!("{name}: cannot read the file"))?;
        if metadata.len() > raci_ingest::MAX_INPUT_BYTES as u64 {
            anyhow::bail!(
                "{name}: {} bytes is more than the {} accepted",
                metadata.len(),
                raci_ingest::MAX_INPUT_BYTES
            );
        }
        std::fs::read(path).with_context(|| format!("{name}: cannot read the file"))?
    };
    Ok((name, bytes))
}

/// Parses bytes [`read`] gave.
pub fn parse(name: String, bytes: Vec<u8>, format: Option<InputFormat>) -> Result<Loaded> {
    let document = raci_ingest::parse(&bytes, format, Some(&name))
        .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    Ok(Loaded { name, document })
}
