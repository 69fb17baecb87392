//! What the two plain-text readers share: pages copied from a browser lose
//! their markup, so headings, header rows and dates are recognised by shape.

use raci_model::Span;

use crate::blocks::{Block, Metadata, Parsed, Table};
use crate::{dates, numbering, vocabulary};

/// The activity word a line starts with, and what follows it.
pub(crate) fn strip_activity_word(line: &str) -> Option<&str> {
    vocabulary::activity_words()
        .filter_map(|word| line.strip_prefix(word))
        .min_by_key(|rest| rest.len())
}

/// Whether `line` is the activity header cell on its own.
pub(crate) fn is_activity_word(line: &str) -> bool {
    strip_activity_word(line).is_some_and(str::is_empty)
}

/// Whether `line` is browser chrome rather than the page's text.
pub(crate) fn is_chrome(line: &str) -> bool {
    vocabulary::page_chrome().any(|marker| line.contains(marker))
}

/// Whether `line` is a legend entry (`R: Is in charge…`).
pub(crate) fn is_legend_entry(line: &str) -> bool {
    let mut chars = line.chars();
    matches!(chars.next(), Some('R' | 'A' | 'S' | 'C' | 'I' | 'E'))
        && chars.as_str().trim_start().starts_with(':')
}

/// A numbered heading block for `line`, if it is one.
pub(crate) fn heading(line: &str, span: Span) -> Option<Block> {
    let depth = numbering::depth(line)?;
    (line.chars().count() <= 160).then(|| Block::Heading {
        level: (depth + 1).min(6) as u8,
        text: line.to_owned(),
        span,
    })
}

/// Title and edition date of a page copied from a browser: the first line of
/// the page's own text, and the first date near the top.
pub(crate) fn metadata(lines: &[(Span, &str)]) -> Metadata {
    let title = lines
        .iter()
        .map(|(_, line)| *line)
        .find(|line| {
            !is_chrome(line) && dates::find_date(line).is_none() && line.chars().count() <= 200
        })
        .map(str::to_owned);
    let edition = lines
        .iter()
        .take(15)
        .find_map(|(_, line)| dates::find_date(line));
    Metadata {
        title,
        edition,
        language: None,
    }
}

/// The non-empty lines of `text` with their spans, trimmed.
pub(crate) fn lines(text: &str) -> Vec<(Span, &str)> {
    text.lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let trimmed = line.trim();
            let indent = line.len() - line.trim_start().len();
            let column = line[..indent].chars().count() as u32 + 1;
            (!trimmed.is_empty()).then(|| {
                (
                    Span::new(index as u32 + 1, column, trimmed.chars().count() as u32),
                    trimmed,
                )
            })
        })
        .collect()
}

/// A line of prose as a paragraph block.
pub(crate) fn paragraph(line: &str, span: Span) -> Block {
    Block::Paragraph {
        text: line.to_owned(),
        raw: line.to_owned(),
        span,
    }
}

/// Ends the open table, if any, and adds it to the blocks.
pub(crate) fn flush(parsed: &mut Parsed, table: &mut Option<Table>) {
    if let Some(table) = table.take() {
        parsed.blocks.push(Block::Table(table));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_legend_entries() {
        assert!(is_legend_entry("R: Is in charge"));
        assert!(is_legend_entry("A : approves"));
        assert!(!is_legend_entry("RA"));
        assert!(!is_legend_entry("Roles"));
    }

    #[test]
    fn title_skips_browser_chrome_and_dates() {
        let text = "You signed in with another tab. Reload to refresh your session.\nShared duties\n2023-07-06\n";
        let meta = metadata(&lines(text));
        assert_eq!(meta.title.as_deref(), Some("Shared duties"));
        assert_eq!(meta.edition.as_deref(), Some("2023-07-06"));
    }
}
