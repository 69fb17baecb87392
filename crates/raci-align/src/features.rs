//! What the aligner compares of an activity: its words, the English concepts
//! they stand for, the anchors that survive translation (numbers, acronyms,
//! product names), character trigrams for cognates, its section number and
//! its place in the document.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use raci_model::text::fold;
use raci_model::{Activity, Document};

use raci_lexicon as lexicon;

/// An activity made ready for comparison.
#[derive(Debug, Clone)]
pub(crate) struct Features {
    pub words: TokenSet,
    pub concepts: TokenSet,
    pub anchors: TokenSet,
    /// The anchors as written (lower case), for the evidence.
    pub anchor_names: Vec<String>,
    pub trigrams: TokenSet,
    /// The innermost section number (`3.1.2`), when the section has one.
    pub section_number: Option<String>,
    /// The innermost section's title, folded, numbers removed.
    pub section_title: String,
    /// Place in the document, from 0 to 1.
    pub position: f32,
    /// The row lost cells (fewer than its table's columns): its letters may
    /// stand in the wrong columns, so they say little about its partner.
    pub lost_cells: bool,
}

impl Features {
    pub fn of(activity: &Activity, index: usize, count: usize) -> Features {
        let folded = fold(&activity.text);
        let words: HashSet<String> = folded
            .split(' ')
            .filter(|w| w.chars().count() > 2 && !lexicon::is_stopword(w))
            .map(str::to_owned)
            .collect();
        // Word by word, and the expressions and capital acronyms the lexicon
        // knows: the short words that tell objects apart (`IS`, `SI`) count.
        let concepts = TokenSet::of(
            words
                .iter()
                .map(|w| lexicon::concept(w).map_or_else(|| stem(w), str::to_owned))
                .chain(
                    lexicon::concepts_in(&activity.text)
                        .into_iter()
                        .map(str::to_owned),
                ),
        );
        let mut anchor_names: Vec<String> = anchors(&activity.text).into_iter().collect();
        anchor_names.sort_unstable();
        let (section_number, section_title) = activity
            .section
            .last()
            .map(|s| split_number(s))
            .unwrap_or_default();
        Features {
            anchors: TokenSet::of(anchor_names.iter()),
            anchor_names,
            trigrams: TokenSet::of(trigrams(&folded)),
            words: TokenSet::of(words),
            concepts,
            section_number,
            section_title,
            lost_cells: activity.row.cell_count < activity.row.expected_cells,
            position: if count > 1 {
                index as f32 / (count - 1) as f32
            } else {
                0.0
            },
        }
    }

    /// Features of every activity of `document`.
    pub fn of_document(document: &Document) -> Vec<Features> {
        let count = document.activities.len();
        document
            .activities
            .iter()
            .enumerate()
            .map(|(index, activity)| Features::of(activity, index, count))
            .collect()
    }
}

/// A crude English stem, so `backups`/`backup` and `managed`/`manage` meet
/// even where the lexicon is silent.
fn stem(word: &str) -> String {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.chars().count() >= 4 {
                return stem.to_owned();
            }
        }
    }
    word.to_owned()
}

/// Numbers, acronyms and product names: what a translator leaves alone.
fn anchors(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .enumerate()
        .filter(|(index, token)| {
            let has_digit = token.chars().any(|c| c.is_ascii_digit());
            let capitals = token.chars().filter(|c| c.is_uppercase()).count();
            // `API`, `YAML`, `OVHcloud`, `Kubernetes` (not the sentence's first word).
            let acronym = token.chars().count() >= 2 && capitals >= 2;
            let name = *index > 0
                && capitals == 1
                && token.starts_with(char::is_uppercase)
                && token.chars().count() > 3;
            has_digit || acronym || name
        })
        .map(|(_, token)| token.to_lowercase())
        .collect()
}

fn trigrams(folded: &str) -> Vec<[char; 3]> {
    let chars: Vec<char> = folded.chars().collect();
    chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

/// `3.1.2. Access management` → (`3.1.2`, `access management`).
fn split_number(section: &str) -> (Option<String>, String) {
    let trimmed = section.trim();
    let number_len = trimmed
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(trimmed.len());
    let number = trimmed[..number_len].trim_end_matches('.');
    let title = fold(&trimmed[number_len..]);
    let number = (!number.is_empty() && number.starts_with(|c: char| c.is_ascii_digit()))
        .then(|| number.to_owned());
    (number, title)
}

/// A set of tokens kept as their sorted hashes: the aligner compares every
/// row with every row, and merging two short sorted lists is several times
/// faster than intersecting hash sets of strings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TokenSet(Vec<u64>);

impl TokenSet {
    pub fn of<T: Hash>(tokens: impl IntoIterator<Item = T>) -> TokenSet {
        let mut hashes: Vec<u64> = tokens
            .into_iter()
            .map(|token| {
                let mut hasher = DefaultHasher::new();
                token.hash(&mut hasher);
                hasher.finish()
            })
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        TokenSet(hashes)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, hash: u64) -> bool {
        self.0.binary_search(&hash).is_ok()
    }

    /// The tokens of both sets.
    pub fn common<'a>(&'a self, other: &'a TokenSet) -> impl Iterator<Item = u64> + 'a {
        let (mut i, mut j) = (0, 0);
        std::iter::from_fn(move || {
            while i < self.0.len() && j < other.0.len() {
                match self.0[i].cmp(&other.0[j]) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        i += 1;
                        j += 1;
                        return Some(self.0[i - 1]);
                    }
                }
            }
            None
        })
    }

    pub fn common_count(&self, other: &TokenSet) -> usize {
        self.common(other).count()
    }
}

/// |a ∩ b| / |a ∪ b|, 0 when both are empty.
pub(crate) fn jaccard(a: &TokenSet, b: &TokenSet) -> f32 {
    let common = a.common_count(b);
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f32 / union as f32
    }
}

/// 2|a ∩ b| / (|a| + |b|), 0 when both are empty.
pub(crate) fn dice(a: &TokenSet, b: &TokenSet) -> f32 {
    let total = a.len() + b.len();
    if total == 0 {
        0.0
    } else {
        2.0 * a.common_count(b) as f32 / total as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_what_translation_keeps() {
        let found = anchors("Use the Kubernetes API to export YAML files for 3 nodes");
        for anchor in ["kubernetes", "api", "yaml", "3"] {
            assert!(found.contains(anchor), "{anchor} in {found:?}");
        }
        assert!(!found.contains("use"));
    }

    #[test]
    fn section_numbers_are_split_from_titles() {
        assert_eq!(
            split_number("3.1.2. Access management"),
            (Some("3.1.2".into()), "access management".into())
        );
        assert_eq!(split_number("Sécurité"), (None, "securite".into()));
    }

    #[test]
    fn set_measures() {
        let a = TokenSet::of([1, 2, 3]);
        let b = TokenSet::of([2, 3, 4, 4]);
        assert!((jaccard(&a, &b) - 0.5).abs() < 1e-6);
        assert!((dice(&a, &b) - 2.0 / 3.0).abs() < 1e-6);
        assert_eq!(jaccard(&TokenSet::default(), &TokenSet::default()), 0.0);
        assert_eq!(a.common_count(&b), 2);
    }
}
