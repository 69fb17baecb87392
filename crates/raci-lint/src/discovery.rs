//! Finding the configuration of each linted file the way ruff does: the
//! `raci.toml` nearest above the file (its own folder first), else the
//! defaults. Each folder is looked up and each file read once per finder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::{Config, ConfigErrors};

/// The name of the configuration file.
pub const CONFIG_FILE: &str = "raci.toml";

/// A configuration that could not be read, naming its file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DiscoveryError {
    #[error("{path}: cannot read the configuration: {message}")]
    Unreadable { path: String, message: String },
    /// Every error of the file, one a line, each prefixed with the file.
    #[error("{}", prefixed(path, errors))]
    Invalid { path: String, errors: ConfigErrors },
}

fn prefixed(path: &str, errors: &ConfigErrors) -> String {
    errors
        .0
        .iter()
        .map(|error| format!("{path}: {error}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The configuration that applies to one file, and where it came from.
#[derive(Debug, Clone)]
pub struct Found {
    /// The `raci.toml` read, `None` for the defaults.
    pub path: Option<PathBuf>,
    pub config: Arc<Config>,
}

/// Looks up and caches configurations by folder.
#[derive(Debug, Default)]
pub struct ConfigFinder {
    /// The nearest `raci.toml` of each folder asked about.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    /// Each `raci.toml` read.
    read: HashMap<PathBuf, Result<Arc<Config>, DiscoveryError>>,
}

impl ConfigFinder {
    pub fn new() -> ConfigFinder {
        ConfigFinder::default()
    }

    /// The configuration of `file` (a file's path, relative to the current
    /// folder or absolute; `-` or a path with no folder is looked up from
    /// `fallback_dir`).
    pub fn for_file(&mut self, file: &Path, fallback_dir: &Path) -> Result<Found, DiscoveryError> {
        let folder = match file.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => fallback_dir.join(parent),
            _ => fallback_dir.to_path_buf(),
        };
        let path = self.nearest_from(&folder);
        match path {
            None => Ok(Found {
                path: None,
                config: Arc::new(Config::default()),
            }),
            Some(path) => Ok(Found {
                config: self.read(&path)?,
                path: Some(path),
            }),
        }
    }

    /// Reads the configuration file at `path` (once).
    pub fn read(&mut self, path: &Path) -> Result<Arc<Config>, DiscoveryError> {
        self.read
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                let name = path.display().to_string();
                let text =
                    std::fs::read_to_string(path).map_err(|error| DiscoveryError::Unreadable {
                        path: name.clone(),
                        message: error.to_string(),
                    })?;
                Config::from_toml(&text)
                    .map(Arc::new)
                    .map_err(|errors| DiscoveryError::Invalid { path: name, errors })
            })
            .clone()
    }

    /// The nearest `raci.toml` in `folder` or above it.
    fn nearest_from(&mut self, folder: &Path) -> Option<PathBuf> {
        if let Some(found) = self.nearest.get(folder) {
            return found.clone();
        }
        let candidate = folder.join(CONFIG_FILE);
        let found = if candidate.is_file() {
            Some(candidate)
        } else {
            match folder.parent() {
                Some(parent) if parent != folder && !parent.as_os_str().is_empty() => {
                    self.nearest_from(parent)
                }
                _ => None,
            }
        };
        self.nearest.insert(folder.to_path_buf(), found.clone());
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_gets_the_nearest_configuration_above_it() {
        let root = std::env::temp_dir().join(format!("raci-discovery-{}", std::process::id()));
        let deep = root.join("docs/fr/deep");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(root.join(CONFIG_FILE), "ignore = [\"RACI006\"]\n").unwrap();
        std::fs::write(
            root.join("docs/fr").join(CONFIG_FILE),
            "select = [\"RACI001\"]\n",
        )
        .unwrap();
        let mut finder = ConfigFinder::new();
        let top = finder.for_file(Path::new("docs/a.md"), &root).unwrap();
        assert_eq!(top.path, Some(root.join(CONFIG_FILE)));
        let nested = finder
            .for_file(Path::new("docs/fr/deep/b.md"), &root)
            .unwrap();
        assert_eq!(nested.path, Some(root.join("docs/fr").join(CONFIG_FILE)));
        let info = crate::find_rule("RACI002").unwrap().info();
        assert_eq!(nested.config.severity_of(&info), None);
        assert!(top.config.severity_of(&info).is_some());
        std::fs::write(
            root.join("docs/fr").join(CONFIG_FILE),
            "selct = 1\nignore = [\"x\"]\n",
        )
        .unwrap();
        let error = ConfigFinder::new()
            .for_file(Path::new("docs/fr/b.md"), &root)
            .unwrap_err();
        assert_eq!(error.to_string().lines().count(), 2, "{error}");
        std::fs::remove_dir_all(&root).unwrap();
    }
}
