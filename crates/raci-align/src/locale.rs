//! Locales in file names: a page published as `guide.en-gb.md`,
//! `guide.fr-fr.md`, or `raci.en.md`, `raci.de.md`.

/// `guide.en-gb.md` → (`guide`, `en-gb`); `raci_s3.fr.md` → (`raci_s3`,
/// `fr`); `None` for a file name with no locale before its extension.
pub fn split_locale(name: &str) -> Option<(String, String)> {
    let mut parts = name.rsplitn(3, '.');
    let _extension = parts.next()?;
    let locale = parts.next()?;
    let stem = parts.next()?;
    let (language, region) = locale.split_once('-').unwrap_or((locale, ""));
    let is_language = language.len() == 2 && language.chars().all(|c| c.is_ascii_lowercase());
    let is_region = region.is_empty()
        || ((2..=4).contains(&region.len()) && region.chars().all(|c| c.is_ascii_alphabetic()));
    (is_language && is_region && !stem.is_empty()).then(|| (stem.to_owned(), locale.to_owned()))
}

/// The base locale among `locales`: the one asked for, else its language
/// alone (`en`), else any locale of that language, else the first.
pub fn pick_base(locales: &[&str], wanted: &str) -> Option<usize> {
    let language = wanted.split('-').next().unwrap_or(wanted);
    locales
        .iter()
        .position(|l| *l == wanted)
        .or_else(|| locales.iter().position(|l| *l == language))
        .or_else(|| {
            locales
                .iter()
                .position(|l| l.split('-').next() == Some(language))
        })
        .or(if locales.is_empty() { None } else { Some(0) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_are_read_from_file_names() {
        assert_eq!(
            split_locale("guide.en-gb.md"),
            Some(("guide".into(), "en-gb".into()))
        );
        assert_eq!(
            split_locale("raci_s3.fr.md"),
            Some(("raci_s3".into(), "fr".into()))
        );
        assert_eq!(
            split_locale("guide.en-asia.md"),
            Some(("guide".into(), "en-asia".into()))
        );
        assert_eq!(split_locale("000_80e4.txt"), None);
        assert_eq!(split_locale("notes.final.md"), None);
        assert_eq!(split_locale(".en.md"), None);
    }

    #[test]
    fn the_base_falls_back_to_the_language() {
        assert_eq!(pick_base(&["fr", "en", "de"], "en-gb"), Some(1));
        assert_eq!(pick_base(&["fr-fr", "en-gb"], "en-gb"), Some(1));
        assert_eq!(pick_base(&["fr-fr", "en-us"], "en-gb"), Some(1));
        assert_eq!(pick_base(&["fr", "de"], "en-gb"), Some(0));
        assert_eq!(pick_base(&[], "en-gb"), None);
    }
}
