//! The alignment: an order-keeping dynamic programme over the two documents'
//! activities (editions and translations keep their order), then rows that
//! moved, then rows that were split or merged.

use raci_model::{Document, Roles};
use serde::Serialize;

use crate::features::{dice, jaccard, Features, TokenSet};
use crate::parties::{match_parties, PartyMatch};

/// Activities of the old document paired with activities of the new one:
/// 1:1, 1:0 (removed), 0:1 (added), or n:m where rows were split or merged.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pair {
    /// Indexes into the old document's activities.
    pub old: Vec<usize>,
    /// Indexes into the new document's activities.
    pub new: Vec<usize>,
    /// How sure the pairing is, from 0 to 1 (0 for added and removed rows).
    pub score: f32,
    /// Why the activities were paired, in short phrases.
    pub evidence: Vec<String>,
}

/// The alignment of two documents.
#[derive(Clone, Debug, PartialEq)]
pub struct Alignment {
    pub pairs: Vec<Pair>,
    pub parties: PartyMatch,
    /// Whether the two documents are in different languages (text is then
    /// compared through the lexicon and anchors only).
    pub cross_language: bool,
}

/// Weights of the evidence, per kind of comparison.
struct Weights {
    text: f32,
    section: f32,
    position: f32,
    roles: f32,
    /// Below this a pair is not made.
    threshold: f32,
    /// Nor below this text similarity, whatever the structure says: in one
    /// language, rows that share section, place and roles but no words are
    /// different rows.
    min_text: f32,
}

/// In one language the words decide: agreeing roles weigh as much as a text
/// similarity gap of 0.15, so a row whose cell lost its column still meets
/// its own wording rather than a sibling row with the same roles (measured on
/// the gold alignments in `tests/gold`).
const SAME_LANGUAGE: Weights = Weights {
    text: 0.65,
    section: 0.15,
    position: 0.1,
    roles: 0.1,
    threshold: 0.42,
    min_text: 0.25,
};

const CROSS_LANGUAGE: Weights = Weights {
    text: 0.35,
    section: 0.25,
    position: 0.2,
    roles: 0.2,
    threshold: 0.45,
    min_text: 0.10,
};

/// Rows that moved must be more alike than rows found in order.
const MOVED_MARGIN: f32 = 0.15;

/// How much of a row's words must stand in another row for a split or a merge.
const CONTAINMENT: f32 = 0.6;

/// Aligns the activities of `old` with those of `new`.
pub fn align(old: &Document, new: &Document) -> Alignment {
    let parties = match_parties(old, new);
    let cross_language = languages_differ(old, new);
    let weights = if cross_language {
        &CROSS_LANGUAGE
    } else {
        &SAME_LANGUAGE
    };
    let old_features = Features::of_document(old);
    let new_features = Features::of_document(new);
    let scorer = Scorer {
        old_roles: role_table(old),
        new_roles: role_table(new),
        old_features: &old_features,
        new_features: &new_features,
        parties: &parties,
        cross_language,
        weights,
    };
    let (n, m) = (old.activities.len(), new.activities.len());
    let scores: Vec<f32> = (0..n * m)
        .map(|k| scorer.score(k / m.max(1), k % m.max(1)))
        .collect();
    let score = |i: usize, j: usize| scores[i * m + j];

    let mut old_pair: Vec<Option<usize>> = vec![None; n];
    let mut new_pair: Vec<Option<usize>> = vec![None; m];
    let mut pairs: Vec<Pair> = Vec::new();
    for (i, j) in ordered_matches(n, m, &score, weights.threshold) {
        old_pair[i] = Some(pairs.len());
        new_pair[j] = Some(pairs.len());
        pairs.push(Pair {
            old: vec![i],
            new: vec![j],
            score: score(i, j),
            evidence: scorer.evidence(i, j),
        });
    }
    // Rows that moved out of order: the best remaining pairs, if clear.
    let mut moved: Vec<(f32, usize, usize)> = (0..n)
        .filter(|i| old_pair[*i].is_none())
        .flat_map(|i| {
            (0..m)
                .filter(|j| new_pair[*j].is_none())
                .map(move |j| (i, j))
        })
        .map(|(i, j)| (score(i, j), i, j))
        .filter(|(s, _, _)| *s >= weights.threshold + MOVED_MARGIN)
        .collect();
    moved.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (s, i, j) in moved {
        if old_pair[i].is_none() && new_pair[j].is_none() {
            old_pair[i] = Some(pairs.len());
            new_pair[j] = Some(pairs.len());
            let mut evidence = scorer.evidence(i, j);
            evidence.push("moved".to_owned());
            pairs.push(Pair {
                old: vec![i],
                new: vec![j],
                score: s,
                evidence,
            });
        }
    }
    if !cross_language {
        join_splits_and_merges(&scorer, &mut pairs, &mut old_pair, &mut new_pair);
    }
    for (i, _) in old_pair.iter().enumerate().filter(|(_, p)| p.is_none()) {
        pairs.push(Pair {
            old: vec![i],
            new: vec![],
            score: 0.0,
            evidence: vec!["no counterpart".to_owned()],
        });
    }
    for (j, _) in new_pair.iter().enumerate().filter(|(_, p)| p.is_none()) {
        pairs.push(Pair {
            old: vec![],
            new: vec![j],
            score: 0.0,
            evidence: vec!["no counterpart".to_owned()],
        });
    }
    sort_in_document_order(&mut pairs);
    Alignment {
        pairs,
        parties,
        cross_language,
    }
}

/// The roles of every activity, by party index.
fn role_table(document: &Document) -> Vec<Vec<Roles>> {
    document
        .activities
        .iter()
        .map(|activity| {
            (0..document.parties.len())
                .map(|p| document.roles_of(activity, p))
                .collect()
        })
        .collect()
}

fn languages_differ(old: &Document, new: &Document) -> bool {
    let base = |doc: &Document| {
        doc.language
            .as_deref()
            .map(|l| l.get(..2).unwrap_or(l).to_ascii_lowercase())
    };
    matches!((base(old), base(new)), (Some(a), Some(b)) if a != b)
}

/// The order-keeping matching with the greatest total margin over the
/// threshold (Needleman–Wunsch with free gaps).
fn ordered_matches(
    n: usize,
    m: usize,
    score: &dyn Fn(usize, usize) -> f32,
    threshold: f32,
) -> Vec<(usize, usize)> {
    let width = m + 1;
    let mut best = vec![0f32; (n + 1) * width];
    for i in 1..=n {
        for j in 1..=m {
            let gain = score(i - 1, j - 1) - threshold;
            let diagonal = if gain > 0.0 {
                best[(i - 1) * width + j - 1] + gain
            } else {
                f32::MIN
            };
            best[i * width + j] = diagonal
                .max(best[(i - 1) * width + j])
                .max(best[i * width + j - 1]);
        }
    }
    let mut matches = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        let here = best[i * width + j];
        if here == best[(i - 1) * width + j] {
            i -= 1;
        } else if here == best[i * width + j - 1] {
            j -= 1;
        } else {
            matches.push((i - 1, j - 1));
            i -= 1;
            j -= 1;
        }
    }
    matches.reverse();
    matches
}

/// An unmatched row whose words stand mostly in a paired row of the other
/// side joins that pair: a row split in two, or two rows merged.
fn join_splits_and_merges(
    scorer: &Scorer<'_>,
    pairs: &mut [Pair],
    old_pair: &mut [Option<usize>],
    new_pair: &mut [Option<usize>],
) {
    let unmatched_old: Vec<usize> = (0..old_pair.len())
        .filter(|i| old_pair[*i].is_none())
        .collect();
    for i in unmatched_old {
        let best = (0..new_pair.len())
            .filter_map(|j| new_pair[j].map(|p| (j, p)))
            .filter(|(j, p)| {
                let partners = pairs[*p].old.iter().map(|o| &scorer.old_features[*o].words);
                adds_coverage(
                    &scorer.old_features[i].words,
                    &scorer.new_features[*j].words,
                    partners,
                )
            })
            .map(|(j, p)| {
                (
                    containment(&scorer.old_features[i].words, &scorer.new_features[j].words),
                    j,
                    p,
                )
            })
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((share, j, p)) = best.filter(|(share, _, _)| *share >= CONTAINMENT) {
            old_pair[i] = Some(p);
            pairs[p].old.push(i);
            pairs[p].old.sort_unstable();
            pairs[p].evidence.push(format!(
                "merged: {:.0}% of old row {} stands in new row {}",
                share * 100.0,
                i + 1,
                j + 1
            ));
        }
    }
    let unmatched_new: Vec<usize> = (0..new_pair.len())
        .filter(|j| new_pair[*j].is_none())
        .collect();
    for j in unmatched_new {
        let best = (0..old_pair.len())
            .filter_map(|i| old_pair[i].map(|p| (i, p)))
            .filter(|(i, p)| {
                let partners = pairs[*p].new.iter().map(|n| &scorer.new_features[*n].words);
                adds_coverage(
                    &scorer.new_features[j].words,
                    &scorer.old_features[*i].words,
                    partners,
                )
            })
            .map(|(i, p)| {
                (
                    containment(&scorer.new_features[j].words, &scorer.old_features[i].words),
                    i,
                    p,
                )
            })
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((share, i, p)) = best.filter(|(share, _, _)| *share >= CONTAINMENT) {
            new_pair[j] = Some(p);
            pairs[p].new.push(j);
            pairs[p].new.sort_unstable();
            pairs[p].evidence.push(format!(
                "split: {:.0}% of new row {} stands in old row {}",
                share * 100.0,
                j + 1,
                i + 1
            ));
        }
    }
}

/// Whether `part` accounts for words of `whole` that the rows already paired
/// with `whole` do not: the other half of a split, not a duplicate row.
fn adds_coverage<'a>(
    part: &TokenSet,
    whole: &TokenSet,
    partners: impl Iterator<Item = &'a TokenSet>,
) -> bool {
    let partners: Vec<&TokenSet> = partners.collect();
    part.common(whole)
        .any(|word| !partners.iter().any(|partner| partner.contains(word)))
}

/// The share of `part`'s words that stand in `whole`.
fn containment(part: &TokenSet, whole: &TokenSet) -> f32 {
    if part.len() < 2 {
        return 0.0;
    }
    part.common_count(whole) as f32 / part.len() as f32
}

/// Pairs in the new document's order, removed rows after the row that
/// preceded them.
fn sort_in_document_order(pairs: &mut [Pair]) {
    let mut last_new_of_old: Vec<(usize, f32)> = pairs
        .iter()
        .filter_map(|p| Some((*p.old.first()?, *p.new.first()? as f32)))
        .collect();
    last_new_of_old.sort_by_key(|(old, _)| *old);
    let key = |pair: &Pair| -> f32 {
        match (pair.old.first(), pair.new.first()) {
            (_, Some(new)) => *new as f32,
            (Some(old), None) => last_new_of_old
                .iter()
                .take_while(|(o, _)| o < old)
                .last()
                .map_or(-0.5, |(_, new)| new + 0.5),
            (None, None) => f32::MAX,
        }
    };
    pairs.sort_by(|a, b| key(a).total_cmp(&key(b)));
}

struct Scorer<'a> {
    /// Each activity's roles, by party index: looked up once, compared often.
    old_roles: Vec<Vec<Roles>>,
    new_roles: Vec<Vec<Roles>>,
    old_features: &'a [Features],
    new_features: &'a [Features],
    parties: &'a PartyMatch,
    cross_language: bool,
    weights: &'a Weights,
}

impl Scorer<'_> {
    fn text(&self, i: usize, j: usize) -> f32 {
        let (a, b) = (&self.old_features[i], &self.new_features[j]);
        if self.cross_language {
            let anchors = if a.anchors.is_empty() && b.anchors.is_empty() {
                0.5
            } else {
                jaccard(&a.anchors, &b.anchors)
            };
            0.45 * jaccard(&a.concepts, &b.concepts)
                + 0.2 * anchors
                + 0.35 * dice(&a.trigrams, &b.trigrams)
        } else {
            let words = jaccard(&a.words, &b.words).max(jaccard(&a.concepts, &b.concepts));
            0.55 * words + 0.45 * dice(&a.trigrams, &b.trigrams)
        }
    }

    fn section(&self, i: usize, j: usize) -> f32 {
        let (a, b) = (&self.old_features[i], &self.new_features[j]);
        match (&a.section_number, &b.section_number) {
            (Some(x), Some(y)) if x == y => 1.0,
            (Some(x), Some(y)) if x.split('.').next() == y.split('.').next() => 0.4,
            (Some(_), Some(_)) => 0.0,
            _ if !a.section_title.is_empty() && a.section_title == b.section_title => 1.0,
            _ if self.cross_language => 0.3,
            _ => 0.0,
        }
    }

    fn position(&self, i: usize, j: usize) -> f32 {
        (1.0 - (self.old_features[i].position - self.new_features[j].position).abs() * 4.0).max(0.0)
    }

    /// The share of matched parties whose roles are the same; neither for
    /// nor against where a row lost cells (its letters may have moved).
    fn roles(&self, i: usize, j: usize) -> f32 {
        let pairs = &self.parties.pairs;
        if pairs.is_empty() {
            return 0.0;
        }
        if self.old_features[i].lost_cells || self.new_features[j].lost_cells {
            return 0.5;
        }
        let same = pairs
            .iter()
            .filter(|(o, n)| self.old_roles[i].get(*o) == self.new_roles[j].get(*n))
            .count();
        same as f32 / pairs.len() as f32
    }

    fn score(&self, i: usize, j: usize) -> f32 {
        let w = self.weights;
        let text = self.text(i, j);
        if text < w.min_text {
            return 0.0;
        }
        w.text * text
            + w.section * self.section(i, j)
            + w.position * self.position(i, j)
            + w.roles * self.roles(i, j)
    }

    fn evidence(&self, i: usize, j: usize) -> Vec<String> {
        let mut evidence = vec![format!(
            "text {:.2}{}",
            self.text(i, j),
            if self.cross_language {
                " (lexicon, anchors, cognates)"
            } else {
                ""
            }
        )];
        if self.section(i, j) >= 1.0 {
            match &self.old_features[i].section_number {
                Some(number) => evidence.push(format!("same section {number}")),
                None => evidence.push("same section title".to_owned()),
            }
        }
        let theirs = &self.new_features[j].anchor_names;
        let anchors: Vec<&str> = self.old_features[i]
            .anchor_names
            .iter()
            .filter(|anchor| theirs.contains(anchor))
            .map(String::as_str)
            .collect();
        if !anchors.is_empty() {
            evidence.push(format!("shared anchors: {}", anchors.join(", ")));
        }
        if self.roles(i, j) >= 1.0 {
            evidence.push("same roles".to_owned());
        }
        evidence
    }
}

#[cfg(test)]
mod tests {
    use raci_model::Document;

    use super::*;

    /// A two-party Markdown page in `language` with these table rows.
    fn page(language: &str, rows: &[&str]) -> Document {
        let text = format!(
            "---\nlang: {language}\n---\n\n## 3.1. Operations\n\n| Activity | Customer | Provider |\n| --- | --- | --- |\n{}\n",
            rows.join("\n")
        );
        raci_ingest::parse(text.as_bytes(), None, Some("page.md")).expect("a page")
    }

    #[test]
    fn a_row_that_lost_a_cell_meets_its_own_wording_not_its_letters() {
        // The row lost its empty customer cell: its `RA` reads as the
        // customer's, like the letters of its translation's neighbour.
        let old = page(
            "en",
            &["| Manage acessibility and fuctioning of managed Nimbs queues | RA |"],
        );
        let new = page(
            "fr",
            &[
                "| Veiller à l'accessibilité et au fonctionnement correct des files Nimbus managées |  | RA |",
                "| Veiller à l'accessibilité et au fonctionnement correct du SI que le client a installé | RA |  |",
            ],
        );
        let alignment = align(&old, &new);
        let pairs: Vec<(Vec<usize>, Vec<usize>)> = alignment
            .pairs
            .iter()
            .map(|pair| (pair.old.clone(), pair.new.clone()))
            .collect();
        assert_eq!(pairs, [(vec![0], vec![0]), (vec![], vec![1])]);
        // Its letters count neither for nor against a partner; a whole
        // row's do.
        let (old_features, new_features) =
            (Features::of_document(&old), Features::of_document(&new));
        let parties = match_parties(&old, &new);
        let mut scorer = Scorer {
            old_roles: role_table(&old),
            new_roles: role_table(&new),
            old_features: &old_features,
            new_features: &new_features,
            parties: &parties,
            cross_language: true,
            weights: &CROSS_LANGUAGE,
        };
        assert_eq!((scorer.roles(0, 0), scorer.roles(0, 1)), (0.5, 0.5));
        let whole = Features::of_document(&page("en", &["| Manage queues | RA |  |"]));
        scorer.old_features = &whole;
        assert_eq!((scorer.roles(0, 0), scorer.roles(0, 1)), (0.0, 1.0));
    }
}
