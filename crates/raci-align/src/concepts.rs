//! The lexicon's concepts of a text, for other crates (`raci who` finds
//! `sauvegarde` in a page that says `backups`, `Sicherung` or `copie`).

/// The English concept keys the lexicon finds in `text` (`backup`,
/// `restore`…), in order, each once; words it does not know are skipped.
pub fn concepts_of(text: &str) -> Vec<&'static str> {
    let mut seen = Vec::new();
    for concept in crate::lexicon::concepts_in(text) {
        if !seen.contains(&concept) {
            seen.push(concept);
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::concepts_of;

    #[test]
    fn words_of_several_languages_meet_at_one_concept() {
        assert!(concepts_of("Sauvegarder les volumes").contains(&"backup"));
        assert!(concepts_of("Back up the volumes").contains(&"backup"));
        assert!(concepts_of("zzz qqq").is_empty());
    }
}
