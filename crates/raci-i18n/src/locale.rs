//! The languages the interfaces speak, and the one a request asks for.

/// A language of the interfaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    En,
    Fr,
}

impl Locale {
    /// Every locale, the default first.
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Fr];

    /// The language tag (`en`, `fr`): the `lang` of a page, a cookie's value.
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
        }
    }

    /// The locale of a language tag (`fr`, `fr-CA`, `EN_gb`), if it is one
    /// of ours.
    pub fn parse(tag: &str) -> Option<Locale> {
        let language = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.as_str() == language)
    }

    /// The locale an `Accept-Language` header prefers most among ours; the
    /// default when it names none of them (or cannot be read).
    pub fn negotiate(header: &str) -> Locale {
        accept_language::parse(header)
            .iter()
            .find_map(|tag| Locale::parse(tag))
            .unwrap_or_default()
    }

    /// The language's own name for itself, for a language switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Fr => "Français",
        }
    }

    pub(crate) fn numbers(self) -> num_format::Locale {
        match self {
            Locale::En => num_format::Locale::en,
            Locale::Fr => num_format::Locale::fr,
        }
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_read_by_their_language() {
        assert_eq!(Locale::parse("fr-CA"), Some(Locale::Fr));
        assert_eq!(Locale::parse("EN_gb"), Some(Locale::En));
        assert_eq!(Locale::parse("de"), None);
        assert_eq!(Locale::parse(""), None);
    }

    #[test]
    fn the_header_s_preference_wins_among_ours() {
        assert_eq!(Locale::negotiate("de-DE, fr;q=0.8, en;q=0.5"), Locale::Fr);
        assert_eq!(Locale::negotiate("en;q=0.2, fr-FR;q=0.9"), Locale::Fr);
        assert_eq!(Locale::negotiate("en-US,en;q=0.9"), Locale::En);
        assert_eq!(Locale::negotiate("de, it"), Locale::En);
        assert_eq!(Locale::negotiate("\u{0};;==,"), Locale::En);
    }
}
