//! The stack of open sections. Numbered headings nest by their number
//! (`3.1.2.` is three deep, whatever its `#` count, since pages get the
//! levels wrong); unnumbered ones by their heading level.

use crate::numbering;

/// Bold paragraphs standing as headings sit below every real heading level.
const BOLD_HEADING_RANK: usize = 7;

#[derive(Debug, Default)]
pub(super) struct SectionStack {
    open: Vec<(usize, String)>,
}

impl SectionStack {
    /// Opens the section of a heading; returns its path, or `None` for an
    /// empty heading.
    pub fn push(&mut self, level: u8, text: &str) -> Option<Vec<String>> {
        let text = text.trim().trim_matches(['*', '_']).trim().to_owned();
        if text.is_empty() {
            return None;
        }
        let rank = numbering::depth(&text).unwrap_or(match level {
            0 => BOLD_HEADING_RANK,
            level => usize::from(level),
        });
        while self
            .open
            .last()
            .is_some_and(|(open_rank, _)| *open_rank >= rank)
        {
            self.open.pop();
        }
        self.open.push((rank, text));
        Some(self.path())
    }

    /// Opens exactly the sections of `path`, whatever their numbers; returns
    /// the path, or `None` when it is the one already open.
    pub fn set(&mut self, path: &[String]) -> Option<Vec<String>> {
        let path: Vec<String> = path
            .iter()
            .map(|title| title.trim().to_owned())
            .filter(|title| !title.is_empty())
            .collect();
        if path == self.path() {
            return None;
        }
        self.open = path
            .into_iter()
            .enumerate()
            .map(|(depth, title)| (depth + 1, title))
            .collect();
        (!self.open.is_empty()).then(|| self.path())
    }

    /// The headings of the open sections, outermost first.
    pub fn path(&self) -> Vec<String> {
        self.open.iter().map(|(_, text)| text.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_decide_nesting_over_heading_levels() {
        let mut stack = SectionStack::default();
        stack.push(2, "Goal");
        stack.push(3, "1. Before");
        stack.push(4, "1.1. Specify");
        assert_eq!(stack.path(), ["1. Before", "1.1. Specify"]);
        stack.push(3, "3. Use");
        stack.push(4, "3.1. Operations");
        stack.push(5, "3.1.1. Daily");
        assert_eq!(stack.path(), ["3. Use", "3.1. Operations", "3.1.1. Daily"]);
        // A page that wrote `####` for a third-level number still nests by number.
        stack.push(4, "3.1.2. Access");
        assert_eq!(stack.path(), ["3. Use", "3.1. Operations", "3.1.2. Access"]);
    }

    #[test]
    fn unnumbered_headings_nest_by_level() {
        let mut stack = SectionStack::default();
        stack.push(2, "RACI");
        stack.push(3, "Security");
        stack.push(0, "Sub-topic");
        assert_eq!(stack.path(), ["RACI", "Security", "Sub-topic"]);
        stack.push(3, "Backups");
        assert_eq!(stack.path(), ["RACI", "Backups"]);
        assert!(stack.push(2, " ** ").is_none());
    }
}
