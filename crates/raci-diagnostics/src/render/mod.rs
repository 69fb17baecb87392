//! One renderer per output format. Each turns diagnostics into a `String`;
//! printing it is the caller's business.

mod human;
mod json;
mod sarif;

pub use human::{render_findings, render_human};
pub use json::render_json;
pub use sarif::{render_sarif, SarifRun, Unreadable, SRCROOT};

/// The byte range in `line` of `len` characters from the 1-based character
/// `column`, clamped to the line. A length of 0 (unknown) runs to the end of
/// the line's text, so row-level findings underline the row.
pub(crate) fn byte_range(line: &str, column: u32, len: u32) -> std::ops::Range<usize> {
    let byte_at = |chars: usize| {
        line.char_indices()
            .nth(chars)
            .map_or(line.len(), |(at, _)| at)
    };
    let first = (column.max(1) - 1) as usize;
    let start = byte_at(first);
    let end = if len == 0 {
        line.trim_end().len().max(start)
    } else {
        byte_at(first.saturating_add(len as usize))
    };
    start..end
}

/// `range` without the blanks at its ends, so a caret sits under text; the
/// range itself when it holds nothing else.
pub(crate) fn without_blank_ends(
    line: &str,
    range: std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    let Some(text) = line.get(range.clone()) else {
        return range;
    };
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return range;
    }
    let start = range.start + (text.len() - text.trim_start().len());
    start..start + trimmed.len()
}

#[cfg(test)]
mod tests {
    use super::{byte_range, without_blank_ends};

    #[test]
    fn carets_skip_the_blanks_around_a_cell() {
        assert_eq!(without_blank_ends("| a | IR |", 5..9), 6..8);
        assert_eq!(without_blank_ends("|   |", 1..4), 1..4);
        assert_eq!(without_blank_ends("ab", 5..9), 5..9);
    }

    #[test]
    fn ranges_count_characters_and_stay_in_the_line() {
        assert_eq!(byte_range("| é | RI |", 7, 2), 7..9);
        assert_eq!(byte_range("abc", 2, 99), 1..3);
        assert_eq!(byte_range("abc", 50, 1), 3..3);
        assert_eq!(byte_range("abc  ", 2, 0), 1..3);
        assert_eq!(byte_range("abc", 0, 1), 0..1);
    }
}
