//! Writing the user's files: to a temporary file in the same folder, then
//! renamed over the target, so a failure half-way leaves the old file whole.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// Replaces (or creates) `path` with `bytes`, keeping an existing file's permissions.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.display();
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".raci-").suffix(".tmp");
    // A new file gets the usual permissions (the umask applies), not the
    // owner-only ones of a temporary file.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temporary = builder.tempfile_in(folder).with_context(|| {
        format!(
            "{name}: cannot create a temporary file in {}",
            folder.display()
        )
    })?;
    temporary
        .write_all(bytes)
        .and_then(|()| temporary.as_file().sync_all())
        .with_context(|| format!("{name}: cannot write the temporary file"))?;
    if let Ok(metadata) = std::fs::metadata(path) {
        std::fs::set_permissions(temporary.path(), metadata.permissions())
            .with_context(|| format!("{name}: cannot keep the file's permissions"))?;
    }
    temporary
        .persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("{name}: cannot replace the file"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::replace;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("matrix.md");
        std::fs::write(&path, "old").unwrap();
        replace(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_by_others_as_the_umask_allows() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.csv");
        replace(&path, b"x").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_ne!(mode & 0o077, 0o000, "{mode:o}");
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nowhere/matrix.md");
        let error = replace(&path, b"x").unwrap_err();
        assert!(format!("{error:#}").contains("matrix.md"), "{error:#}");
    }
}
