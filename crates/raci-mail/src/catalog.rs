//! The mails' words: `locales/{en,fr}/mail.ftl`, embedded at build time.

use std::sync::OnceLock;

use raci_i18n::{Catalog, Locale, Source};

const SOURCES: &[Source] = &[
    Source {
        locale: Locale::En,
        name: "raci-mail/locales/en/mail.ftl",
        text: include_str!("../locales/en/mail.ftl"),
    },
    Source {
        locale: Locale::Fr,
        name: "raci-mail/locales/fr/mail.ftl",
        text: include_str!("../locales/fr/mail.ftl"),
    },
];

/// The catalog of the mails: embedded files the tests read (both locales
/// define the same messages, every message the code uses exists), so it
/// cannot fail at run time.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        Catalog::new(SOURCES).expect("the mails' Fluent files are read by the tests")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Kind;

    #[test]
    fn both_locales_define_the_same_messages() {
        Catalog::new(SOURCES).unwrap().check().unwrap();
    }

    /// Each kind has its subject, lead and action, and the shared words exist.
    #[test]
    fn every_message_used_exists() {
        let catalog = Catalog::new(SOURCES).unwrap();
        let mut ids: Vec<String> = Kind::ALL
            .iter()
            .flat_map(|k| ["subject", "lead", "action"].map(|part| k.message(part)))
            .collect();
        ids.extend(crate::render::SHARED.iter().map(|id| (*id).to_owned()));
        for id in &ids {
            for locale in Locale::ALL {
                assert!(catalog.has(locale, id), "{locale}: {id} is missing");
            }
        }
        let defined = catalog.ids(Locale::En).count();
        assert_eq!(
            defined - Catalog::new(&[]).unwrap().ids(Locale::En).count(),
            ids.len(),
            "a message no mail uses"
        );
    }
}
