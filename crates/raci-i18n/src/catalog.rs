//! The messages of an interface in every locale, read from Fluent files.

use std::collections::BTreeSet;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use crate::Locale;

/// One Fluent file of a catalog: its locale, a name for errors (its path),
/// and its text.
#[derive(Debug, Clone, Copy)]
pub struct Source {
    pub locale: Locale,
    pub name: &'static str,
    pub text: &'static str,
}

/// The words every catalog has: month names and date patterns.
const COMMON: [Source; 2] = [
    Source {
        locale: Locale::En,
        name: "raci-i18n/locales/en/common.ftl",
        text: include_str!("../locales/en/common.ftl"),
    },
    Source {
        locale: Locale::Fr,
        name: "raci-i18n/locales/fr/common.ftl",
        text: include_str!("../locales/fr/common.ftl"),
    },
];

/// A catalog that cannot be used as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    #[error("{file}: cannot read its Fluent: {message}")]
    Syntax { file: &'static str, message: String },
    #[error("{file}: message {id} is defined twice in {locale}")]
    Duplicate {
        file: &'static str,
        locale: Locale,
        id: String,
    },
    #[error("message {id} is defined in {defined} but not in {missing}")]
    Missing {
        id: String,
        defined: Locale,
        missing: Locale,
    },
}

/// Every message of an interface, per locale.
pub struct Catalog {
    bundles: Vec<(Locale, FluentBundle<FluentResource>, BTreeSet<String>)>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field(
                "locales",
                &self.bundles.iter().map(|b| b.0).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Catalog {
    /// A catalog of `sources` and the common words. Refuses a file Fluent
    /// cannot read and a message defined twice in one locale.
    pub fn new(sources: &[Source]) -> Result<Catalog, CatalogError> {
        let mut bundles = Vec::new();
        for locale in Locale::ALL {
            let tag: unic_langid::LanguageIdentifier = locale
                .as_str()
                .parse()
                .expect("our locales are valid language tags");
            let mut bundle = FluentBundle::new_concurrent(vec![tag]);
            // Pages are HTML, not bidirectional text runs: no isolation marks.
            bundle.set_use_isolating(false);
            let mut ids = BTreeSet::new();
            for source in COMMON.iter().chain(sources).filter(|s| s.locale == locale) {
                let resource =
                    FluentResource::try_new(source.text.to_owned()).map_err(|(_, errors)| {
                        CatalogError::Syntax {
                            file: source.name,
                            message: errors
                                .iter()
                                .map(ToString::to_string)
                                .collect::<Vec<_>>()
                                .join("; "),
                        }
                    })?;
                for entry in resource.entries() {
                    if let fluent_syntax::ast::Entry::Message(m) = entry {
                        if !ids.insert(m.id.name.to_owned()) {
                            return Err(CatalogError::Duplicate {
                                file: source.name,
                                locale,
                                id: m.id.name.to_owned(),
                            });
                        }
                    }
                }
                bundle
                    .add_resource(resource)
                    .map_err(|errors| CatalogError::Syntax {
                        file: source.name,
                        message: format!("{errors:?}"),
                    })?;
            }
            bundles.push((locale, bundle, ids));
        }
        Ok(Catalog { bundles })
    }

    /// Refuses a catalog whose locales do not define exactly the same messages.
    pub fn check(&self) -> Result<(), CatalogError> {
        for (locale, _, ids) in &self.bundles {
            for (other, _, theirs) in &self.bundles {
                if let Some(id) = ids.difference(theirs).next() {
                    return Err(CatalogError::Missing {
                        id: id.clone(),
                        defined: *locale,
                        missing: *other,
                    });
                }
            }
        }
        Ok(())
    }

    /// Whether `locale` defines message `id`.
    pub fn has(&self, locale: Locale, id: &str) -> bool {
        self.bundle(locale).is_some_and(|b| b.has_message(id))
    }

    /// The ids of the messages `locale` defines, in order.
    pub fn ids(&self, locale: Locale) -> impl Iterator<Item = &str> {
        self.bundles
            .iter()
            .filter(move |b| b.0 == locale)
            .flat_map(|b| b.2.iter().map(String::as_str))
    }

    fn bundle(&self, locale: Locale) -> Option<&FluentBundle<FluentResource>> {
        self.bundles
            .iter()
            .find(|b| b.0 == locale)
            .map(|(_, bundle, _)| bundle)
    }

    /// Message `id` in `locale` with `args`; the id itself when the message
    /// is missing (the tests make sure none is), so a page never fails for
    /// a word.
    pub fn format(&self, locale: Locale, id: &str, args: Option<&FluentArgs>) -> String {
        let Some(bundle) = self.bundle(locale) else {
            return id.to_owned();
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(locale: Locale, text: &'static str) -> Source {
        Source {
            locale,
            name: "test.ftl",
            text,
        }
    }

    #[test]
    fn formats_with_arguments_and_plurals_per_locale() {
        let catalog = Catalog::new(&[
            source(
                Locale::En,
                "hello = Hello { $name }\nduties = { $count ->\n [one] one duty\n *[other] { $count } duties\n}\n",
            ),
            source(
                Locale::Fr,
                "hello = Bonjour { $name }\nduties = { $count ->\n [one] { $count } obligation\n *[other] { $count } obligations\n}\n",
            ),
        ])
        .unwrap();
        catalog.check().unwrap();
        let mut args = FluentArgs::new();
        args.set("name", "Ada");
        assert_eq!(
            catalog.format(Locale::Fr, "hello", Some(&args)),
            "Bonjour Ada"
        );
        let mut args = FluentArgs::new();
        args.set("count", 1);
        assert_eq!(
            catalog.format(Locale::En, "duties", Some(&args)),
            "one duty"
        );
        let mut args = FluentArgs::new();
        args.set("count", 0);
        // French counts zero as singular.
        assert_eq!(
            catalog.format(Locale::Fr, "duties", Some(&args)),
            "0 obligation"
        );
        assert_eq!(
            catalog.format(Locale::En, "nothing-here", None),
            "nothing-here"
        );
    }

    #[test]
    fn refuses_missing_duplicate_and_broken_messages() {
        let lopsided = Catalog::new(&[source(Locale::En, "only-english = Yes\n")]).unwrap();
        assert_eq!(
            lopsided.check(),
            Err(CatalogError::Missing {
                id: "only-english".into(),
                defined: Locale::En,
                missing: Locale::Fr
            })
        );
        let twice = Catalog::new(&[source(Locale::En, "a = 1\na = 2\n")]);
        assert!(
            matches!(twice, Err(CatalogError::Duplicate { .. })),
            "{twice:?}"
        );
        let broken = Catalog::new(&[source(Locale::Fr, "a = { $\n")]);
        assert!(
            matches!(broken, Err(CatalogError::Syntax { .. })),
            "{broken:?}"
        );
    }

    #[test]
    fn the_common_words_are_in_both_locales() {
        let catalog = Catalog::new(&[]).unwrap();
        catalog.check().unwrap();
        for month in 1..=12 {
            assert!(catalog.has(Locale::Fr, &format!("month-{month}")));
        }
        assert!(catalog.ids(Locale::En).any(|id| id == "date-time"));
    }
}
