//! Heading levels for the section paths. The Markdown reader nests a
//! numbered heading by its number (`1.1.` is two deep, whatever its `#`s)
//! and any other heading by its level, so an unnumbered title must get a
//! level above every numbered section opened beneath it while it stays open,
//! and below its parent's. Titles are shown at `###` for the first depth,
//! `####` for the second, and so on, where these bounds allow.

use raci_model::number_depth;

/// Deepest Markdown heading level.
const DEEPEST: usize = 6;

/// For each path (one per table, in order): its headings to write, as
/// `(level, title)`; sections still open from the path before are not repeated.
pub(crate) fn plan(paths: &[&[String]]) -> Vec<Vec<(usize, String)>> {
    let mut bounds: Vec<Vec<usize>> = paths.iter().map(|path| upper_bounds(path)).collect();
    // A section stays open over consecutive paths sharing it: its bound is
    // the tightest over all of them.
    for at in (0..paths.len().saturating_sub(1)).rev() {
        let (this, next) = bounds.split_at_mut(at + 1);
        for (depth, bound) in this[at].iter_mut().enumerate() {
            if continues(paths, at + 1, depth) {
                *bound = (*bound).min(next[0][depth]);
            }
        }
    }
    let mut ranks: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (at, path) in paths.iter().enumerate() {
        let mut headings = Vec::new();
        // After the loop over a path, `ranks` holds the rank of each of its sections.
        ranks.truncate(path.len());
        for (depth, title) in path.iter().enumerate() {
            let carried = at > 0 && continues(paths, at, depth);
            if carried {
                continue;
            }
            ranks.truncate(depth);
            let parent = ranks.last().copied().unwrap_or(1);
            let shown = (depth + 3).min(DEEPEST);
            let (level, rank) = match number_depth(title) {
                Some(number) => (shown, number),
                None => {
                    let level = shown
                        .min(bounds[at][depth])
                        .max(parent + 1)
                        .clamp(2, DEEPEST);
                    (level, level)
                }
            };
            ranks.push(rank);
            headings.push((level, title.clone()));
        }
        out.push(headings);
    }
    out
}

/// Whether the section at `depth` of path `at` is the one already open from path `at - 1`.
fn continues(paths: &[&[String]], at: usize, depth: usize) -> bool {
    let (before, now) = (paths[at - 1], paths[at]);
    before.len() > depth && now.len() > depth && before[..=depth] == now[..=depth]
}

/// The highest rank each section of `path` may take so that the numbered
/// sections below it still nest.
fn upper_bounds(path: &[String]) -> Vec<usize> {
    let mut bounds = vec![DEEPEST; path.len()];
    let mut below = DEEPEST + 1;
    for (depth, title) in path.iter().enumerate().rev() {
        bounds[depth] = match number_depth(title) {
            Some(number) => number,
            None => (below - 1).min(DEEPEST),
        };
        below = bounds[depth];
    }
    bounds
}

#[cfg(test)]
mod tests {
    use super::plan;

    fn path(titles: &[&str]) -> Vec<String> {
        titles.iter().map(|t| (*t).to_owned()).collect()
    }

    fn levels(paths: &[Vec<String>]) -> Vec<Vec<usize>> {
        let borrowed: Vec<&[String]> = paths.iter().map(Vec::as_slice).collect();
        plan(&borrowed)
            .into_iter()
            .map(|headings| headings.into_iter().map(|(level, _)| level).collect())
            .collect()
    }

    #[test]
    fn numbered_sections_show_at_their_depth() {
        let paths = [
            path(&["1. A", "1.1. B"]),
            path(&["1. A", "1.2. C"]),
            path(&["2. D"]),
        ];
        assert_eq!(levels(&paths), [vec![3, 4], vec![4], vec![3]]);
    }

    #[test]
    fn an_unnumbered_parent_stays_above_the_numbers_opened_under_it() {
        let paths = [path(&["RACI", "Intro"]), path(&["RACI", "3.1.1. Deep"])];
        assert_eq!(levels(&paths), [vec![2, 4], vec![4]]);
        let paths = [path(&["1. A", "Notes", "More"])];
        assert_eq!(levels(&paths), [vec![3, 4, 5]]);
    }
}
