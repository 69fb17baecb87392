//! The pages' words: `locales/{en,fr}/<area>.ftl`, one file per area of
//! the interface, embedded at build time.

use std::sync::OnceLock;

use raci_i18n::{Catalog, Locale, Source};

/// The Fluent files of both locales, for each area of the pages.
macro_rules! areas {
    ($($area:literal),+ $(,)?) => {
        &[$(
            Source {
                locale: Locale::En,
                name: concat!("raci-web/locales/en/", $area, ".ftl"),
                text: include_str!(concat!("../locales/en/", $area, ".ftl")),
            },
            Source {
                locale: Locale::Fr,
                name: concat!("raci-web/locales/fr/", $area, ".ftl"),
                text: include_str!(concat!("../locales/fr/", $area, ".ftl")),
            },
        )+]
    };
}

const SOURCES: &[Source] = areas!(
    "frame", "errors", "login", "work", "board", "duty", "catalog", "notices", "inbox", "audit"
);

/// The catalog of the pages: embedded files, which the tests read (both
/// locales define the same messages, every message the code and templates
/// use exists), so it cannot fail at run time.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        Catalog::new(SOURCES).expect("the pages' Fluent files are read by the tests")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_locales_define_the_same_messages() {
        let catalog = Catalog::new(SOURCES).unwrap();
        catalog.check().unwrap();
    }

    /// Every `.t("…")`, `.with("…"` and `.count("…"` of the templates and the
    /// code names a message of the catalog.
    #[test]
    fn every_message_used_exists() {
        let catalog = Catalog::new(SOURCES).unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut used = 0;
        let mut missing = Vec::new();
        for folder in ["templates", "src", "src/pages", "src/pages/duty"] {
            for entry in std::fs::read_dir(root.join(folder)).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for call in [".t(\"", ".with(\"", ".count(\""] {
                    for (at, _) in text.match_indices(call) {
                        let rest = &text[at + call.len()..];
                        let id = &rest[..rest.find('"').unwrap()];
                        if id.is_empty()
                            || id.contains(|c: char| {
                                !(c.is_ascii_alphanumeric() || c == '-' || c == '_')
                            })
                        {
                            continue;
                        }
                        used += 1;
                        if !catalog.has(Locale::En, id) {
                            missing.push(format!("{}: {id}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(used > 50, "only {used} messages found in use");
        assert!(missing.is_empty(), "{}", missing.join("\n"));
    }
}
