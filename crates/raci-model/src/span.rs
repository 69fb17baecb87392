//! Where something stands in the source it was read from.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A position in the source text: 1-based line and column (in characters),
/// and how many characters the item covers on that line (0 when unknown).
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub struct Span {
    pub line: u32,
    #[serde(default = "first_column", skip_serializing_if = "is_first_column")]
    pub column: u32,
    #[serde(default, skip)]
    pub len: u32,
}

fn first_column() -> u32 {
    1
}

fn is_first_column(column: &u32) -> bool {
    *column == 1
}

impl Span {
    /// A span at `line`, `column`, covering `len` characters.
    pub fn new(line: u32, column: u32, len: u32) -> Span {
        Span { line, column, len }
    }

    /// The start of `line`, with no known length.
    pub fn line(line: u32) -> Span {
        Span {
            line,
            column: 1,
            len: 0,
        }
    }
}

/// Turns byte offsets of one text into line and column spans.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        LineIndex { text, line_starts }
    }

    /// The span of the byte range `start..end` (clamped to the text and to the
    /// first line it starts on).
    pub fn span(&self, start: usize, end: usize) -> Span {
        let start = self.floor_char_boundary(start.min(self.text.len()));
        let line_index = self.line_starts.partition_point(|&s| s <= start) - 1;
        let line_start = self.line_starts[line_index];
        let column = self.text[line_start..start].chars().count() as u32 + 1;
        let line_end = self
            .line_starts
            .get(line_index + 1)
            .map_or(self.text.len(), |next| next - 1);
        let end = self.floor_char_boundary(end.clamp(start, line_end.max(start)));
        let len = self.text[start..end].chars().count() as u32;
        Span::new(line_index as u32 + 1, column, len)
    }

    /// The text of the 1-based `line`, without its line ending.
    pub fn line_text(&self, line: u32) -> Option<&'a str> {
        let index = (line as usize).checked_sub(1)?;
        let start = *self.line_starts.get(index)?;
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        Some(self.text[start..end].trim_end_matches('\r'))
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    fn floor_char_boundary(&self, mut at: usize) -> usize {
        while at > 0 && !self.text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_count_lines_and_characters_from_one() {
        let text = "ab\nçé|x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.span(0, 2), Span::new(1, 1, 2));
        let bar = text.find('|').unwrap();
        assert_eq!(index.span(bar, bar + 1), Span::new(2, 3, 1));
        assert_eq!(index.line_text(2), Some("çé|x"));
        assert_eq!(index.line_text(9), None);
    }

    #[test]
    fn spans_never_panic_on_offsets_out_of_range_or_inside_a_character() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.span(1, 99).line, 1);
        assert_eq!(index.span(99, 1).line, 1);
    }
}
