//! A static HTML site for a set of responsibility (RACI) matrices:
//!
//! - `index.html`: the matrices by provider and service, with their
//!   language, edition, activity count and lint findings;
//! - `matrix/<slug>.html`: one page per matrix, its tables by section, the
//!   lint findings beside their rows, a legend, and a filter by party, role
//!   and words (`assets/raci.js`, a small hand-written script);
//! - `drift/<slug>.html`: for each page published in several locales, what
//!   differs from the base locale (as `raci drift` reports it);
//! - `compare/<slug>.html`: for each kind of service two providers or more
//!   cover, their matrices side by side by entry of the canonical taxonomy
//!   (as `raci compare` reports it).
//!
//! Pure: [`build`] turns parsed documents into a map of relative path to
//! bytes, which the caller writes. Every link is relative, so the site works
//! from the file system (`file://`) as well as from a web server. Pages are
//! `askama` templates, checked at compile time and escaped by default.

mod catalog;
mod compare;
mod drift;
mod index;
mod matrix;
mod names;
mod tables;
mod view;

use std::collections::BTreeMap;

use raci_model::Document;

pub use tables::{MatrixTables, TableWords};

/// Where the stylesheet is written, relative to the site's root.
pub const STYLESHEET: &str = "assets/raci.css";
/// Where the script of the matrix pages is written, relative to the site's root.
pub const SCRIPT: &str = "assets/raci.js";
/// The stylesheet: role chips, legend, matrix tables (the web pages use it too).
pub const STYLESHEET_CSS: &str = include_str!("../assets/raci.css");
/// The script of the matrix pages' filter.
pub const SCRIPT_JS: &str = include_str!("../assets/raci.js");

/// One matrix to publish.
#[derive(Clone, Debug)]
pub struct Input {
    /// Where it was read from, relative to the folder given, with `/`
    /// between folders (`ovhcloud/file-storage/guide.en-gb.md`). The folder
    /// and the locale in the file name (`guide.<locale>.md`) tell which
    /// files are translations of one page.
    pub path: String,
    pub document: Document,
}

/// How the site is built.
#[derive(Clone, Debug)]
pub struct Options {
    /// The lint configuration the findings are reported with.
    pub config: raci_lint::Config,
    /// The locale the others of a page are compared with (falls back to its
    /// language alone, then to any locale of that language, then to the first).
    pub base_locale: String,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            config: raci_lint::Config::default(),
            base_locale: "en-gb".to_owned(),
        }
    }
}

/// The site: file contents by path relative to its root (`index.html`,
/// `matrix/queue-service-en-md.html`…), `/` between folders.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Site {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Site {
    /// How many HTML pages the site has.
    pub fn page_count(&self) -> usize {
        self.files.keys().filter(|p| p.ends_with(".html")).count()
    }
}

/// A page could not be rendered.
#[derive(Debug, thiserror::Error)]
#[error("cannot render {page}: {source}")]
pub struct SiteError {
    pub page: String,
    #[source]
    pub source: askama::Error,
}

/// Builds the site for `inputs`: lints every matrix, groups translations of
/// one page, finds the kinds of service several providers cover, and renders
/// every page. The output depends only on the inputs and options.
pub fn build(inputs: &[Input], options: &Options) -> Result<Site, SiteError> {
    let catalog = catalog::Catalog::new(inputs, options);
    let comparisons = compare::plan(&catalog);
    let mut site = Site::default();
    site.files
        .insert(STYLESHEET.to_owned(), STYLESHEET_CSS.as_bytes().to_vec());
    site.files
        .insert(SCRIPT.to_owned(), SCRIPT_JS.as_bytes().to_vec());
    let mut add = |path: String, html: Result<String, askama::Error>| match html {
        Ok(html) => {
            site.files.insert(path, html.into_bytes());
            Ok(())
        }
        Err(source) => Err(SiteError { page: path, source }),
    };
    add(
        "index.html".to_owned(),
        index::render(&catalog, &comparisons),
    )?;
    for (at, entry) in catalog.matrices.iter().enumerate() {
        add(entry.file(), matrix::render(&catalog, &comparisons, at))?;
    }
    for page in &catalog.pages {
        if let Some(slug) = &page.drift_slug {
            add(format!("drift/{slug}.html"), drift::render(&catalog, page))?;
        }
    }
    for comparison in &comparisons {
        add(
            format!("compare/{}.html", comparison.slug),
            compare::render(&catalog, comparison),
        )?;
    }
    Ok(site)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(path: &str, text: &str) -> Input {
        Input {
            path: path.to_owned(),
            document: raci_ingest::parse(text.as_bytes(), None, Some(path)).unwrap(),
        }
    }

    const ENGLISH: &str = "# Managed Message Queue - Shared responsibility\n\n\
        ## 1. Running\n\n\
        | Activity | Customer | Nimbus |\n| --- | --- | --- |\n\
        | Back up the queue definitions | I | RA |\n\
        | Rotate the access keys of the applications | RA | I |\n";
    const FRENCH: &str = "# File de messages managée - Partage des responsabilités\n\n\
        ## 1. Exploitation\n\n\
        | Activité | Client | Nimbus |\n| --- | --- | --- |\n\
        | Sauvegarder les définitions des files | I | RA |\n\
        | Changer les clés d'accès des applications | RA | |\n";
    const OTHER: &str = "# Managed Message Queue - Responsibility model\n\n\
        ## 1. Running\n\n\
        | Activity | Customer | Stratus |\n| --- | --- | --- |\n\
        | Back up the queue definitions | RA | I |\n";

    #[test]
    fn builds_every_page_and_the_same_site_twice() {
        let inputs = [
            input("nimbus/queue/guide.en-gb.md", ENGLISH),
            input("nimbus/queue/guide.fr-fr.md", FRENCH),
            input("stratus/queue.md", OTHER),
        ];
        let site = build(&inputs, &Options::default()).unwrap();
        let paths: Vec<&str> = site.files.keys().map(String::as_str).collect();
        assert_eq!(
            paths,
            [
                "assets/raci.css",
                "assets/raci.js",
                "compare/message-queue.html",
                "drift/nimbus-queue-guide.html",
                "index.html",
                "matrix/nimbus-queue-guide-en-gb-md.html",
                "matrix/nimbus-queue-guide-fr-fr-md.html",
                "matrix/stratus-queue-md.html",
            ]
        );
        assert_eq!(site.page_count(), 6);
        assert_eq!(build(&inputs, &Options::default()).unwrap(), site);
        let drift = String::from_utf8(site.files["drift/nimbus-queue-guide.html"].clone()).unwrap();
        assert!(drift.contains("Nimbus: I → —"), "{drift}");
    }

    #[test]
    fn an_empty_set_still_has_an_index() {
        let site = build(&[], &Options::default()).unwrap();
        let index = String::from_utf8(site.files["index.html"].clone()).unwrap();
        assert!(index.contains("0 matrices from 0 providers"));
    }
}
