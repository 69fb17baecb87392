//! Positions: raci's spans count lines from 1 and characters (Unicode scalar
//! values) from 1; LSP counts lines from 0 and UTF-16 code units from 0.

use lsp_types::{Position, Range};
use raci_model::Span;

/// The text of the 0-based `line`, without its line ending.
pub fn line_text(text: &str, line: u32) -> Option<&str> {
    text.split('\n')
        .nth(line as usize)
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
}

/// The UTF-16 offset of the 0-based character `chars` in `line`.
fn utf16_of(line: &str, chars: usize) -> u32 {
    line.chars().take(chars).map(char::len_utf16).sum::<usize>() as u32
}

/// The 0-based character at the UTF-16 offset `units` of `line`.
fn chars_of(line: &str, units: u32) -> usize {
    let mut seen = 0u32;
    let mut chars = 0;
    for c in line.chars() {
        if seen >= units {
            break;
        }
        seen += c.len_utf16() as u32;
        chars += 1;
    }
    chars
}

/// The LSP range of `span` in `text`. A span of unknown length runs to the
/// end of its line (without trailing blanks); a span outside the text is
/// placed at the start of its line or of the text.
pub fn range_of(text: &str, span: Span) -> Range {
    let line = span.line.saturating_sub(1);
    let Some(line_text) = line_text(text, line) else {
        return Range::default();
    };
    let first = span.column.saturating_sub(1) as usize;
    let last = if span.len == 0 {
        line_text.trim_end().chars().count().max(first)
    } else {
        first + span.len as usize
    };
    Range::new(
        Position::new(line, utf16_of(line_text, first)),
        Position::new(line, utf16_of(line_text, last)),
    )
}

/// The 1-based line and character column of an LSP position.
pub fn line_and_column(text: &str, position: Position) -> (u32, u32) {
    let column =
        line_text(text, position.line).map_or(0, |line| chars_of(line, position.character));
    (position.line + 1, column as u32 + 1)
}

/// The range covering the whole of `text`.
pub fn whole(text: &str) -> Range {
    let lines = text.split('\n').count() as u32;
    let last = text.rsplit('\n').next().unwrap_or("");
    Range::new(
        Position::new(0, 0),
        Position::new(
            lines.saturating_sub(1),
            utf16_of(last, last.chars().count()),
        ),
    )
}

/// Whether two ranges share a position (touching counts).
pub fn touches(a: &Range, b: &Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_become_utf16_ranges_and_back() {
        let text = "a\n| 𝔸é | IR |\r\nend";
        // `IR` is the 8th character of line 2; `𝔸` takes two UTF-16 units.
        let range = range_of(text, Span::new(2, 8, 2));
        assert_eq!(range, Range::new(Position::new(1, 8), Position::new(1, 10)));
        assert_eq!(line_and_column(text, Position::new(1, 8)), (2, 8));
        assert_eq!(range_of(text, Span::line(3)).end, Position::new(2, 3));
        assert_eq!(range_of(text, Span::new(9, 1, 1)), Range::default());
        assert_eq!(whole(text).end, Position::new(2, 3));
    }
}
