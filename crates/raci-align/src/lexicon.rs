//! The bilingual (multilingual) domain lexicon: words of matrices in the
//! corpus's languages mapped to one English concept key, so that `sauvegarde`,
//! `Sicherung` and `backup` meet. Written by us; folded keys (lower case, no
//! accents).

/// The English concept a folded word stands for, if the lexicon knows it.
pub(crate) fn concept(word: &str) -> Option<&'static str> {
    ENTRIES.iter().find(|(w, _)| *w == word).map(|(_, c)| *c)
}

const ENTRIES: &[(&str, &str)] = &[
    ("sauvegarde", "backup"),
    ("sauvegardes", "backup"),
    ("backups", "backup"),
];
