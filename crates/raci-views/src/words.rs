//! The words of the duties checklist in the page's language (one column of
//! `duties_words.csv` a language: English, French, German, Spanish, Italian,
//! Polish, Portuguese), embedded at build time and checked by the tests.
//! Languages it does not have fall back to English.

const TABLE: &str = include_str!("duties_words.csv");

/// The columns of the table: `key`, then one per language.
fn languages() -> Vec<&'static str> {
    TABLE
        .lines()
        .next()
        .map(|header| header.split(',').skip(1).collect())
        .unwrap_or_default()
}

/// The phrase `key` in `language` (`fr`, `fr-FR`…), English where the
/// table has no such language; the key itself where it has no such key.
pub fn word(key: &str, language: Option<&str>) -> &'static str {
    let wanted = language
        .and_then(|language| language.split(['-', '_']).next())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let column = languages()
        .iter()
        .position(|language| *language == wanted)
        .unwrap_or(0);
    TABLE
        .lines()
        .skip(1)
        .find_map(|line| {
            let mut fields = line.split(',');
            (fields.next()? == key).then(|| fields.nth(column))?
        })
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_every_language_and_placeholders_match() {
        let columns = languages().len();
        assert!(columns >= 2);
        for line in TABLE.lines().skip(1) {
            let fields: Vec<&str> = line.split(',').collect();
            assert_eq!(fields.len(), columns + 1, "{line}");
            let holes = |text: &str| text.matches('{').count();
            assert!(
                fields[1..]
                    .iter()
                    .all(|f| !f.is_empty() && holes(f) == holes(fields[1])),
                "{line}"
            );
        }
    }

    #[test]
    fn pages_get_their_language_others_english() {
        assert_eq!(word("R", Some("fr-FR")), "Vous le réalisez");
        assert_eq!(word("R", Some("de")), "Sie führen es aus");
        assert_eq!(word("R", Some("nl")), "You do it");
        assert_eq!(word("R", None), "You do it");
    }
}
