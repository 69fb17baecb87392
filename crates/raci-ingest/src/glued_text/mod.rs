//! Text copied from a web page where each row became one line with the role
//! letters glued to the end of the activity (`Choose the service locationRAI`),
//! and the header row one word (`ActivityCustomerOVHcloud`).

use raci_model::Span;

mod split;

use crate::blocks::{Cell, Parsed, Row, Table};
use crate::flat_text;
use split::{split_glued, Letters};

/// Whether the text looks like this format: a glued header row.
pub(crate) fn sniff(text: &str) -> bool {
    text.lines()
        .take(2_000)
        .any(|line| header_parties(line.trim()).is_some_and(|p| p.len() >= 2))
}

/// The party names of a glued header row (`ActivityCustomerOVHcloud`).
pub(crate) fn header_parties(line: &str) -> Option<Vec<String>> {
    let rest = flat_text::strip_activity_word(line)?;
    if rest.is_empty() || !rest.starts_with(char::is_uppercase) || rest.chars().count() > 120 {
        return None;
    }
    let mut parties: Vec<String> = Vec::new();
    let mut previous: Option<char> = None;
    for c in rest.chars() {
        // A new party starts where a capital follows a lower-case letter.
        if c.is_uppercase() && previous.is_some_and(char::is_lowercase) || parties.is_empty() {
            parties.push(String::new());
        }
        if let Some(last) = parties.last_mut() {
            last.push(c);
        }
        previous = Some(c);
    }
    let parties: Vec<String> = parties.iter().map(|p| p.trim().to_owned()).collect();
    (parties.len() >= 2 && parties.iter().all(|p| !p.is_empty())).then_some(parties)
}

/// Reads the page.
pub(crate) fn read(text: &str) -> Parsed {
    let letters = Letters::of_page(text);
    let lines = flat_text::lines(text);
    let mut parsed = Parsed {
        meta: flat_text::metadata(&lines),
        blocks: Vec::new(),
    };
    let mut table: Option<Table> = None;
    for &(span, line) in &lines {
        if let Some(parties) = header_parties(line) {
            flat_text::flush(&mut parsed, &mut table);
            let word_len =
                line.chars().count() - parties.iter().map(|p| p.chars().count()).sum::<usize>();
            let mut header = vec![Cell::new(
                &line[..line.len() - parties.concat().len()],
                span,
            )];
            let mut column = span.column + word_len as u32;
            for party in parties {
                let len = party.chars().count() as u32;
                header.push(Cell::new(party, Span::new(span.line, column, len)));
                column += len;
            }
            table = Some(Table::flattened(header, span));
            continue;
        }
        if let Some(heading) = flat_text::heading(line, span) {
            flat_text::flush(&mut parsed, &mut table);
            parsed.blocks.push(heading);
            continue;
        }
        let party_count = table
            .as_ref()
            .map_or(0, |t| t.header.len().saturating_sub(1));
        match (table.as_mut(), split_glued(line, party_count, letters)) {
            (Some(table), Some(split)) => {
                // Each piece is a slice of `line`: its column is where it starts.
                let piece = |part: &str| {
                    let offset = part.as_ptr() as usize - line.as_ptr() as usize;
                    let column = span.column + line[..offset].chars().count() as u32;
                    Cell::new(
                        part,
                        Span::new(span.line, column, part.chars().count() as u32),
                    )
                };
                let mut cells = vec![piece(split.text)];
                cells.extend(split.groups.iter().map(|group| piece(group)));
                let cell_count = cells.len();
                table.rows.push(Row {
                    cells,
                    span,
                    cell_count,
                    doubt: split.doubt,
                    ..Row::default()
                });
            }
            _ => {
                flat_text::flush(&mut parsed, &mut table);
                if !flat_text::is_chrome(line) {
                    parsed.blocks.push(flat_text::paragraph(line, span));
                }
            }
        }
    }
    flat_text::flush(&mut parsed, &mut table);
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_rows_give_the_parties() {
        assert_eq!(
            header_parties("ActivityCustomerProvider").unwrap(),
            ["Customer", "Provider"]
        );
        assert_eq!(
            header_parties("ActivitéClientCloud Temple").unwrap(),
            ["Client", "Cloud Temple"]
        );
        assert_eq!(
            header_parties("ActivityCustomerOVHcloud").unwrap(),
            ["Customer", "OVHcloud"]
        );
        assert!(header_parties("Activity").is_none());
        assert!(header_parties("Activity log").is_none());
    }
}
