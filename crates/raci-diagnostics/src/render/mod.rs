//! One renderer per output format. Each turns diagnostics into a `String`;
//! printing it is the caller's business.

mod human;
mod json;
mod sarif;

pub use human::render_human;
pub use json::render_json;
pub use sarif::render_sarif;

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

#[cfg(test)]
mod tests {
    use super::byte_range;

    #[test]
    fn ranges_count_characters_and_stay_in_the_line() {
        assert_eq!(byte_range("| é | RI |", 7, 2), 7..9);
        assert_eq!(byte_range("abc", 2, 99), 1..3);
        assert_eq!(byte_range("abc", 50, 1), 3..3);
        assert_eq!(byte_range("abc  ", 2, 0), 1..3);
        assert_eq!(byte_range("abc", 0, 1), 0..1);
    }
}
