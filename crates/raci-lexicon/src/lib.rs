//! The multilingual domain lexicon: words of responsibility matrices in
//! English, French, German, Spanish, Italian, Polish and Portuguese mapped to
//! one English concept key, so that `sauvegarde`, `Sicherung`, `copia de
//! seguridad` and `backup` all meet at `backup`.
//!
//! Written by us from the vocabulary of the domain, as data embedded at build
//! time and checked by the tests below: `words.csv` (one concept a row, one
//! column a language: a new language is a new column), `phrases.csv`
//! (multi-word expressions: `mise à jour`, `copia de seguridad`),
//! `acronyms.csv` (acronyms that only mean something in capitals: `IS`,
//! `SI`, `OS`), `inflections.csv` (suffix rules for words listed only in
//! their base form) and `stopwords.csv`. Every word is *folded* (lower case,
//! accents removed, as [`raci_model::text::fold`] does), so lookups take
//! folded words. German compounds whose two halves the lexicon knows are
//! split (`Sicherheitspatches` → `security` + `patch`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use raci_model::data::words;
use raci_model::embedded_table;
use raci_model::text::fold;
use serde::Deserialize;

/// The English concept a folded word stands for, if the lexicon knows it:
/// the word as listed, else an inflected form of a listed word (`policies`,
/// `configured`, `Ressourcen`), else the head of a compound (`Zugriffskontrolle`
/// → `control`).
pub fn concept(word: &str) -> Option<&'static str> {
    lookup(word).or_else(|| split_compound(word).map(|(_, tail)| tail))
}

/// Every concept of `text`, in order, with multi-word expressions, acronyms
/// and compounds resolved. Words the lexicon does not know are skipped.
pub fn concepts_in(text: &str) -> Vec<&'static str> {
    let tokens: Vec<(String, Option<&'static str>)> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|token| !token.is_empty())
        .map(|token| (fold(token), acronym(token)))
        .collect();
    let mut concepts = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        if let Some(concept) = tokens[at].1 {
            concepts.push(concept);
            at += 1;
            continue;
        }
        if let Some((len, concept)) = phrase_at(&tokens[at..]) {
            concepts.push(concept);
            at += len;
            continue;
        }
        let word = tokens[at].0.as_str();
        if let Some(concept) = lookup(word) {
            concepts.push(concept);
        } else if let Some((head, tail)) = split_compound(word) {
            concepts.push(head);
            concepts.push(tail);
        }
        at += 1;
    }
    concepts
}

/// The concept keys `text` holds (`backup`, `restore`…), in order, each
/// once; words the lexicon does not know are skipped (`raci who` finds
/// `sauvegarde` in a page that says `backups`, `Sicherung` or `copie`).
pub fn concepts_of(text: &str) -> Vec<&'static str> {
    let mut seen = Vec::new();
    for concept in concepts_in(text) {
        if !seen.contains(&concept) {
            seen.push(concept);
        }
    }
    seen
}

/// The concept of an acronym written in capitals (`IS`, `VMs`, `RBAC`).
fn acronym(token: &str) -> Option<&'static str> {
    let letters = token.strip_suffix('s').unwrap_or(token);
    if letters.len() < 2 || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    ACRONYMS.get(letters).copied()
}

/// The longest multi-word expression starting at `tokens[0]`: its length in
/// words and its concept.
fn phrase_at(tokens: &[(String, Option<&'static str>)]) -> Option<(usize, &'static str)> {
    let candidates = PHRASE_INDEX.get(tokens[0].0.as_str())?;
    candidates.iter().find_map(|(words, concept)| {
        let fits = words.len() <= tokens.len()
            && words
                .iter()
                .zip(tokens)
                .all(|(word, (token, _))| word == token);
        fits.then_some((words.len(), *concept))
    })
}

/// The concept of a listed word or of an inflected form of one.
fn lookup(word: &str) -> Option<&'static str> {
    if let Some(concept) = WORDS.get(word) {
        return Some(concept);
    }
    INFLECTIONS.iter().find_map(|&(suffix, replacement)| {
        let stem = word.strip_suffix(suffix)?;
        if stem.len() + replacement.len() < 4 {
            return None;
        }
        WORDS.get(format!("{stem}{replacement}").as_str()).copied()
    })
}

/// A compound made of two known words (German mostly): the concepts of its
/// modifier and of its head. Both halves are at least four letters; the
/// modifier may end in a linking `s`.
fn split_compound(word: &str) -> Option<(&'static str, &'static str)> {
    if word.len() < 8 || !word.is_ascii() {
        return None;
    }
    (4..=word.len() - 4).rev().find_map(|cut| {
        let (head, tail) = word.split_at(cut);
        let tail = lookup(tail)?;
        let head = WORDS
            .get(head)
            .or_else(|| head.strip_suffix('s').and_then(|h| WORDS.get(h)))?;
        Some((*head, tail))
    })
}

/// A row of `words.csv`: `concept`, then one column a language.
type WordRow = BTreeMap<String, String>;

#[derive(Debug, Deserialize)]
struct PhraseRow {
    phrase: String,
    concept: String,
}

#[derive(Debug, Deserialize)]
struct AcronymRow {
    acronym: String,
    concept: String,
}

#[derive(Debug, Deserialize)]
struct InflectionRow {
    suffix: String,
    replacement: String,
}

#[derive(Debug, Deserialize)]
struct StopwordRow {
    words: String,
}

embedded_table! { static WORD_ROWS: WordRow = "words.csv"; }
embedded_table! { static PHRASE_ROWS: PhraseRow = "phrases.csv"; }
embedded_table! { static ACRONYM_ROWS: AcronymRow = "acronyms.csv"; }
embedded_table! { static INFLECTION_ROWS: InflectionRow = "inflections.csv"; }
embedded_table! { static STOPWORD_ROWS: StopwordRow = "stopwords.csv"; }

/// The concept of a row of `words.csv` and its words in every language.
fn word_row(row: &'static WordRow) -> (&'static str, impl Iterator<Item = &'static str>) {
    let concept = row.get("concept").map_or("", String::as_str);
    let listed = row
        .iter()
        .filter(|(column, _)| *column != "concept")
        .flat_map(|(_, list)| words(list));
    (concept, listed)
}

/// Every listed word and its concept; the first concept listing a word wins
/// (the tests make sure none is listed twice).
static WORDS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut index = HashMap::new();
    for row in WORD_ROWS.iter() {
        let (concept, listed) = word_row(row);
        for word in listed {
            index.entry(word).or_insert(concept);
        }
    }
    index
});

static ACRONYMS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    ACRONYM_ROWS
        .iter()
        .map(|row| (row.acronym.as_str(), row.concept.as_str()))
        .collect()
});

/// Suffix rewrites tried, in order, on a word the lexicon does not list:
/// plurals, participles and gerunds back to a listed form.
static INFLECTIONS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    INFLECTION_ROWS
        .iter()
        .map(|row| (row.suffix.as_str(), row.replacement.as_str()))
        .collect()
});

static STOPWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    STOPWORD_ROWS
        .iter()
        .flat_map(|row| words(&row.words))
        .collect()
});

/// Whether a folded word is one of the short words that say nothing of an
/// activity (`the`, `les`, `der`…).
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(word)
}

/// A multi-word expression: its words and its concept.
type Phrase = (Vec<&'static str>, &'static str);

/// Multi-word expressions by first word, longest first.
static PHRASE_INDEX: LazyLock<HashMap<&'static str, Vec<Phrase>>> = LazyLock::new(|| {
    let mut index: HashMap<&'static str, Vec<Phrase>> = HashMap::new();
    for row in PHRASE_ROWS.iter() {
        let words: Vec<&'static str> = row.phrase.split(' ').collect();
        index
            .entry(words[0])
            .or_default()
            .push((words, row.concept.as_str()));
    }
    for candidates in index.values_mut() {
        candidates.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    }
    index
});

/// Every concept key the lexicon can give.
pub fn concept_keys() -> std::collections::BTreeSet<&'static str> {
    WORD_ROWS
        .iter()
        .map(|row| word_row(row).0)
        .chain(PHRASE_ROWS.iter().map(|row| row.concept.as_str()))
        .chain(ACRONYM_ROWS.iter().map(|row| row.concept.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn concepts_of_a_text_come_once_each() {
        assert!(concepts_of("Sauvegarder les volumes").contains(&"backup"));
        assert_eq!(concepts_of("Back up the backups"), ["backup"]);
        assert!(concepts_of("zzz qqq").is_empty());
    }

    #[test]
    fn the_same_concept_in_every_language() {
        for (words, expected) in [
            (
                &["backup", "sauvegarde", "sicherung", "respaldo", "backups"][..],
                "backup",
            ),
            (
                &[
                    "gerer",
                    "verwalten",
                    "gestionar",
                    "gestire",
                    "zarzadzac",
                    "gerir",
                ],
                "manage",
            ),
            (
                &["donnees", "daten", "datos", "dati", "dane", "dados", "data"],
                "data",
            ),
            (
                &[
                    "restauration",
                    "wiederherstellung",
                    "restauracion",
                    "ripristino",
                    "przywracanie",
                    "restauracao",
                ],
                "restore",
            ),
            (
                &[
                    "chiffrement",
                    "verschlusselung",
                    "cifrado",
                    "crittografia",
                    "szyfrowanie",
                ],
                "encrypt",
            ),
            (
                &["reseau", "netzwerk", "redes", "rete", "siec", "rede"],
                "network",
            ),
        ] {
            for word in words {
                assert_eq!(concept(word), Some(expected), "{word}");
            }
        }
    }

    #[test]
    fn english_inflections_meet_their_base_form() {
        for (word, expected) in [
            ("policies", "policy"),
            ("configured", "configure"),
            ("deploying", "deploy"),
            ("monitored", "monitor"),
            ("certificates", "certificate"),
            ("applied", "apply"),
            ("ressourcen", "resource"),
            ("applicazioni", "application"),
        ] {
            assert_eq!(concept(word), Some(expected), "{word}");
        }
    }

    #[test]
    fn unknown_words_have_no_concept() {
        for word in ["kubernetes", "ovhcloud", "zzzz", "the", "", "os", "si"] {
            assert_eq!(concept(word), None, "{word}");
        }
    }

    #[test]
    fn expressions_acronyms_and_compounds() {
        assert_eq!(
            concepts_in("Appliquer les mises à jour du SI"),
            ["apply", "update", "information-system"]
        );
        assert_eq!(
            concepts_in("Definir la copia de seguridad"),
            ["define", "backup"]
        );
        assert_eq!(
            concepts_in("Sicherheitspatches anwenden"),
            ["security", "patch", "apply"]
        );
        assert_eq!(concepts_in("the IS is up"), ["information-system"]);
        assert_eq!(concept("zugriffskontrolle"), Some("control"));
    }

    /// The rows of an embedded file as column → value, to check columns the
    /// code does not read (`language`).
    fn raw(file: &'static str, text: &str) -> Vec<BTreeMap<String, String>> {
        raci_model::data::csv_rows(file, text).unwrap()
    }

    /// The language columns of `words.csv`, the languages the others may name.
    fn languages() -> Vec<String> {
        let rows = raw("words.csv", include_str!("words.csv"));
        rows[0]
            .keys()
            .filter(|k| *k != "concept")
            .cloned()
            .collect()
    }

    #[test]
    fn words_csv_lists_each_concept_once_each_word_under_one_concept() {
        let rows = raw("words.csv", include_str!("words.csv"));
        assert!(languages().len() >= 7, "{:?}", languages());
        let mut concepts = HashSet::new();
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for row in &rows {
            let concept = row["concept"].as_str();
            assert!(
                !concept.is_empty() && concepts.insert(concept),
                "`{concept}`"
            );
            assert!(!row["en"].is_empty(), "`{concept}` has no English word");
            for (language, list) in row.iter().filter(|(k, _)| *k != "concept") {
                for word in words(list) {
                    assert_eq!(fold(word), word, "`{word}` ({language}) is not folded");
                    if let Some(other) = seen.insert(word, concept) {
                        assert_eq!(other, concept, "`{word}` is listed twice");
                    }
                }
            }
        }
        assert_eq!(WORD_ROWS.len(), rows.len());
        assert!(WORDS.len() > 1000, "{} words", WORDS.len());
    }

    #[test]
    fn phrases_are_folded_once_in_a_known_language() {
        let languages = languages();
        let mut seen = HashSet::new();
        for row in raw("phrases.csv", include_str!("phrases.csv")) {
            let phrase = row["phrase"].as_str();
            assert_eq!(fold(phrase), phrase, "`{phrase}` is not folded");
            assert!(phrase.contains(' '), "`{phrase}` is one word: words.csv");
            assert!(seen.insert(phrase.to_owned()), "`{phrase}` is listed twice");
            assert!(!row["concept"].is_empty(), "`{phrase}`");
            assert!(languages.contains(&row["language"]), "`{phrase}`");
        }
        assert_eq!(PHRASE_ROWS.len(), seen.len());
    }

    #[test]
    fn acronyms_are_capitals_listed_once() {
        let mut seen = HashSet::new();
        for row in ACRONYM_ROWS.iter() {
            let acronym = row.acronym.as_str();
            assert!(
                acronym.len() >= 2 && acronym.chars().all(|c| c.is_ascii_uppercase()),
                "`{acronym}`"
            );
            assert!(seen.insert(acronym), "`{acronym}` is listed twice");
            assert!(!row.concept.is_empty(), "`{acronym}`");
        }
        assert_eq!(ACRONYMS.len(), ACRONYM_ROWS.len());
    }

    #[test]
    fn inflections_and_stopwords_read() {
        assert!(INFLECTIONS.len() >= 10);
        assert!(INFLECTIONS.iter().all(|(suffix, _)| !suffix.is_empty()));
        let languages = languages();
        let rows = raw("stopwords.csv", include_str!("stopwords.csv"));
        let mut seen = HashSet::new();
        for row in &rows {
            assert!(languages.contains(&row["language"]), "{row:?}");
            assert!(seen.insert(row["language"].clone()), "{row:?}");
            assert!(words(&row["words"]).all(|w| fold(w) == w), "{row:?}");
        }
        assert!(is_stopword("the") && is_stopword("les") && !is_stopword("backup"));
    }
}
