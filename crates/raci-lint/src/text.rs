//! Text folded for comparing and searching words: lower case, accents
//! removed, punctuation turned into single spaces.

use aho_corasick::AhoCorasick;
use raci_model::text::unaccented;

/// `text` folded, remembering where each folded byte came from so a match
/// can be shown as the source wrote it.
pub(crate) struct Folded<'a> {
    original: &'a str,
    /// The folded words, each preceded and followed by one space.
    folded: String,
    /// For each byte of `folded`, the byte range of the original character.
    origin: Vec<(usize, usize)>,
}

impl<'a> Folded<'a> {
    pub(crate) fn new(original: &'a str) -> Folded<'a> {
        let mut folded = String::with_capacity(original.len() + 2);
        let mut origin = Vec::with_capacity(original.len() + 2);
        let mut push = |folded: &mut String, c: char, from: (usize, usize)| {
            folded.push(c);
            origin.extend(std::iter::repeat_n(from, c.len_utf8()));
        };
        push(&mut folded, ' ', (0, 0));
        for (at, c) in original.char_indices() {
            let from = (at, at + c.len_utf8());
            if !c.is_alphanumeric() {
                if !folded.ends_with(' ') {
                    push(&mut folded, ' ', from);
                }
                continue;
            }
            for lower in c.to_lowercase() {
                match unaccented(lower) {
                    Some(plain) => plain.chars().for_each(|p| push(&mut folded, p, from)),
                    None => push(&mut folded, lower, from),
                }
            }
        }
        if !folded.ends_with(' ') {
            push(&mut folded, ' ', (original.len(), original.len()));
        }
        Folded {
            original,
            folded,
            origin,
        }
    }

    /// The folded words separated by single spaces, without the padding.
    pub(crate) fn words(&self) -> &str {
        self.folded.trim()
    }

    /// Every whole-word occurrence (also as a plural in `s`) of the terms an
    /// automaton built by [`word_matcher`] searches, in one pass: the term's
    /// index and the text as the original spells it, first occurrence first.
    pub(crate) fn find_all(&self, matcher: &AhoCorasick) -> Vec<(usize, &'a str)> {
        let mut found: Vec<(usize, &'a str)> = Vec::new();
        for hit in matcher.find_overlapping_iter(&self.folded) {
            let term = hit.pattern().as_usize();
            if found.iter().any(|(seen, _)| *seen == term) {
                continue;
            }
            let rest = &self.folded[hit.end()..];
            let end = if rest.starts_with(' ') {
                hit.end()
            } else if rest.starts_with("s ") {
                hit.end() + 1
            } else {
                continue;
            };
            let start = self.origin[hit.start() + 1].0;
            let stop = self.origin[end - 1].1;
            if let Some(spelled) = self.original.get(start..stop) {
                found.push((term, spelled));
            }
        }
        found
    }

    /// The first whole-word occurrence of `term` (already folded, words
    /// separated by single spaces), also as a plural in `s`, as the original
    /// text spells it.
    pub(crate) fn find(&self, term: &str) -> Option<&'a str> {
        if term.is_empty() {
            return None;
        }
        let needle = format!(" {term}");
        for (at, _) in self.folded.match_indices(&needle) {
            let after = at + needle.len();
            let rest = &self.folded[after..];
            let end = if rest.starts_with(' ') {
                after
            } else if rest.starts_with("s ") {
                after + 1
            } else {
                continue;
            };
            let start = self.origin[at + 1].0;
            let stop = self.origin[end - 1].1;
            return self.original.get(start..stop);
        }
        None
    }
}

/// An automaton finding the folded `terms` at word starts, for [`Folded::find_all`].
pub(crate) fn word_matcher(terms: &[&str]) -> AhoCorasick {
    AhoCorasick::new(terms.iter().map(|term| format!(" {term}")))
        .expect("the lexicon's terms are short plain strings")
}

#[cfg(test)]
mod tests {
    use super::Folded;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(
            Folded::new("Gérer les  Nœuds (K8s)!").words(),
            "gerer les noeuds k8s"
        );
        assert_eq!(Folded::new("").words(), "");
        assert_eq!(Folded::new("--").words(), "");
    }

    #[test]
    fn finds_whole_words_and_plurals_as_written() {
        let text = Folded::new("Back up the Registry images, then the Bases de Données.");
        assert_eq!(text.find("registry"), Some("Registry"));
        assert_eq!(text.find("registry images"), Some("Registry images"));
        assert_eq!(text.find("image"), Some("images"));
        assert_eq!(text.find("base de donnees"), None);
        assert_eq!(text.find("bases de donnees"), Some("Bases de Données"));
        assert_eq!(text.find("egis"), None);
        assert_eq!(text.find(""), None);
    }
}
