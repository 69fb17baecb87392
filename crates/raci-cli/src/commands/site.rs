//! `raci site DIR… -o OUT`: an HTML site for a set of matrices, built by
//! `raci-site` and written here.

use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::args::{Global, SiteArgs};
use crate::commands::lint::load_config;
use crate::exit::Outcome;
use crate::{input, output};

pub fn run(args: &SiteArgs, global: &Global) -> Result<Outcome> {
    let config = load_config(args.config.as_deref())?;
    let out = &args.output;
    // A site built inside a folder it reads must not read its own pages back.
    let out_canonical = out.canonicalize().ok();
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for root in &args.paths {
        let prefix = (args.paths.len() > 1 && root.is_dir())
            .then(|| display_name(root))
            .flatten();
        for file in input::expand(std::slice::from_ref(root))? {
            if out_canonical.as_ref().is_some_and(|out| {
                file.canonicalize()
                    .is_ok_and(|canonical| canonical.starts_with(out))
            }) {
                continue;
            }
            let relative = relative_path(root, &file);
            let relative = match &prefix {
                Some(prefix) => format!("{prefix}/{relative}"),
                None => relative,
            };
            files.push((file, relative));
        }
    }
    let progress = output::progress(files.len(), global);
    let loaded: Vec<Result<raci_site::Input>> = files
        .par_iter()
        .map(|(file, relative)| {
            let loaded = input::load(file, None);
            progress.inc(1);
            Ok(raci_site::Input {
                path: relative.clone(),
                document: loaded?.document,
            })
        })
        .collect();
    progress.finish_and_clear();
    let mut outcome = Outcome::Clean;
    let mut inputs = Vec::new();
    for result in loaded {
        match result {
            Ok(input) => inputs.push(input),
            Err(error) => {
                output::error_line(&format!("{error:#}"));
                outcome = Outcome::Unusable;
            }
        }
    }
    if inputs.is_empty() {
        anyhow::bail!("no matrix found in the paths given: no site written");
    }
    let options = raci_site::Options {
        config,
        base_locale: args.base.clone(),
    };
    let site = raci_site::build(&inputs, &options)?;
    for (relative, bytes) in &site.files {
        let path = relative
            .split('/')
            .fold(out.to_path_buf(), |path, part| path.join(part));
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .with_context(|| format!("{}: cannot create the folder", folder.display()))?;
        }
        std::fs::write(&path, bytes)
            .with_context(|| format!("{}: cannot write the file", path.display()))?;
    }
    remove_stale(out, &site.files)?;
    if !global.quiet {
        output::note(&format!(
            "{} pages for {} {} written to {}; open {}",
            site.page_count(),
            inputs.len(),
            if inputs.len() == 1 {
                "matrix"
            } else {
                "matrices"
            },
            out.display(),
            out.join("index.html").display()
        ));
    }
    Ok(outcome)
}

/// The list of the files the last build wrote, kept in the output folder,
/// so that a rebuild removes the pages of matrices that are gone (and
/// nothing it did not write).
const MANIFEST: &str = ".raci-site-files";

/// Removes the files the previous build wrote that this one did not, then
/// records this build's files.
fn remove_stale(out: &Path, files: &std::collections::BTreeMap<String, Vec<u8>>) -> Result<()> {
    let manifest = out.join(MANIFEST);
    let previous = std::fs::read_to_string(&manifest).unwrap_or_default();
    for relative in previous.lines() {
        let safe = !relative.is_empty()
            && Path::new(relative)
                .components()
                .all(|part| matches!(part, Component::Normal(_)));
        if !safe || files.contains_key(relative) {
            continue;
        }
        let path = relative
            .split('/')
            .fold(out.to_path_buf(), |path, part| path.join(part));
        if path.is_file() {
            std::fs::remove_file(&path)
                .with_context(|| format!("{}: cannot remove the stale page", path.display()))?;
            // Folders the build made and left empty go too.
            let mut folder = path.parent();
            while let Some(dir) = folder.filter(|dir| *dir != out) {
                if std::fs::remove_dir(dir).is_err() {
                    break;
                }
                folder = dir.parent();
            }
        }
    }
    let listing: String = files.keys().map(|name| format!("{name}\n")).collect();
    std::fs::write(&manifest, listing)
        .with_context(|| format!("{}: cannot write the list of pages", manifest.display()))
}

/// `file` relative to `root`, `/` between folders; the file's name when
/// `root` is the file itself.
fn relative_path(root: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(root).unwrap_or(file);
    let parts: Vec<String> = relative
        .components()
        .filter_map(|part| match part {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if parts.is_empty() {
        display_name(file).unwrap_or_else(|| "-".to_owned())
    } else {
        parts.join("/")
    }
}

/// The last part of a path (`../shared/corpus` → `corpus`).
fn display_name(path: &Path) -> Option<String> {
    let absolute = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    absolute
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_folder_given() {
        assert_eq!(
            relative_path(Path::new("../corpus"), Path::new("../corpus/a/guide.fr.md")),
            "a/guide.fr.md"
        );
        assert_eq!(
            relative_path(Path::new("x/guide.fr.md"), Path::new("x/guide.fr.md")),
            "guide.fr.md"
        );
    }
}
