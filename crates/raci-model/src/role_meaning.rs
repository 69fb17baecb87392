//! What each role letter means, in English and French: the data is
//! `role_meanings.csv`, embedded at build time and checked by the tests.

use crate::Role;

const TABLE: &str = include_str!("role_meanings.csv");

/// The name and meaning of a role letter in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoleMeaning {
    /// `Responsible`, `Réalisation`…
    pub name: &'static str,
    /// `does the work`…
    pub meaning: &'static str,
}

impl Role {
    /// The role's name and meaning in `language` (`en`, `fr`; a locale such
    /// as `fr-FR` is read by its language), English when not known.
    pub fn meaning(self, language: &str) -> RoleMeaning {
        let language = language
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let find = |wanted: &str| {
            rows().find(|(letter, lang, _)| *letter == self.letter() && *lang == wanted)
        };
        let (_, _, meaning) = find(&language)
            .or_else(|| find("en"))
            .expect("role_meanings.csv has every letter in English");
        meaning
    }
}

fn rows() -> impl Iterator<Item = (char, &'static str, RoleMeaning)> {
    TABLE.lines().skip(1).filter_map(|line| {
        let mut fields = line.splitn(4, ',');
        let letter = fields.next()?.chars().next()?;
        let language = fields.next()?;
        let name = fields.next()?;
        let meaning = fields.next()?;
        Some((letter, language, RoleMeaning { name, meaning }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_letter_has_a_name_and_meaning_in_english_and_french() {
        for role in Role::ALL {
            for language in ["en", "fr"] {
                let found = rows().filter(|(l, lang, _)| *l == role.letter() && *lang == language);
                let found: Vec<_> = found.collect();
                assert_eq!(found.len(), 1, "{role:?} {language}");
                assert!(!found[0].2.name.is_empty() && !found[0].2.meaning.is_empty());
            }
        }
        assert_eq!(rows().count(), 10, "no stray row");
    }

    #[test]
    fn locales_fall_back_to_their_language_then_english() {
        assert_eq!(Role::Supportive.meaning("fr-FR").name, "Soutien");
        assert_eq!(Role::Supportive.meaning("de").name, "Supportive");
        assert_eq!(
            Role::Informed.meaning("").meaning,
            "is told once the work is done"
        );
    }
}
