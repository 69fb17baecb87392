//! Text copied from a web page where every table cell sits on its own line
//! and empty cells are gone: the activity line, then one line per non-empty
//! role cell. Which column a lone group of letters was in is lost.

use raci_model::Span;

use crate::blocks::{Cell, Parsed, Row, Table, MAX_COLUMNS};
use crate::flat_text;

/// Whether `line` is a cell holding only role letters (and footnote marks),
/// maybe set apart by commas or slashes (`C, I`).
pub(crate) fn is_role_line(line: &str) -> bool {
    let (letters, _) = crate::cells::split_trailing_marks(line);
    let mut count = 0;
    let all_letters = letters.split([',', '/']).all(|token| {
        let token = token.trim();
        count += token.chars().count();
        !token.is_empty()
            && token
                .chars()
                .all(|c| matches!(c, 'R' | 'A' | 'S' | 'C' | 'I'))
    });
    all_letters && (1..=5).contains(&count)
}

/// Whether the text looks like this format: a header cell alone on a line,
/// and role letters alone on later lines.
pub(crate) fn sniff(text: &str) -> bool {
    let mut saw_header = false;
    let mut role_lines = 0;
    for line in text.lines().take(2_000) {
        let line = line.trim();
        if flat_text::is_activity_word(line) {
            saw_header = true;
        } else if saw_header && is_role_line(line) {
            role_lines += 1;
        }
    }
    saw_header && role_lines >= 2
}

/// Reads the page.
pub(crate) fn read(text: &str) -> Parsed {
    let lines = flat_text::lines(text);
    let mut parsed = Parsed {
        meta: flat_text::metadata(&lines),
        blocks: Vec::new(),
    };
    let mut party_count: Option<usize> = None;
    let mut table: Option<Table> = None;
    let mut at = 0;
    while at < lines.len() {
        let (span, line) = lines[at];
        let followed_by_roles = lines
            .get(at + 1)
            .is_some_and(|(_, next)| is_role_line(next));
        if flat_text::is_activity_word(line) {
            flat_text::flush(&mut parsed, &mut table);
            let header = header_cells(&lines, at, party_count);
            at += header.len();
            party_count.get_or_insert(header.len() - 1);
            table = Some(Table::flattened(header, span));
            continue;
        }
        if followed_by_roles && !is_role_line(line) {
            let mut cells = vec![Cell::new(line, span)];
            at += 1;
            while let Some((role_span, role)) = lines.get(at).filter(|(_, l)| is_role_line(l)) {
                if cells.len() < MAX_COLUMNS {
                    cells.push(Cell::new(*role, *role_span));
                }
                at += 1;
            }
            let row_span = Span::new(span.line, span.column, span.len);
            let cell_count = cells.len();
            match table.as_mut() {
                Some(table) => table.rows.push(Row {
                    cells,
                    span: row_span,
                    cell_count,
                    ..Row::default()
                }),
                // Letters with no header above them: keep the text as prose.
                None => parsed.blocks.push(flat_text::paragraph(line, span)),
            }
            continue;
        }
        flat_text::flush(&mut parsed, &mut table);
        if flat_text::is_legend_entry(line) {
            parsed.blocks.push(flat_text::paragraph(line, span));
        } else if let Some(heading) = flat_text::heading(line, span) {
            parsed.blocks.push(heading);
        } else if !flat_text::is_chrome(line) {
            parsed.blocks.push(flat_text::paragraph(line, span));
        }
        at += 1;
    }
    flat_text::flush(&mut parsed, &mut table);
    parsed
}

/// The header cells starting at `at`: the activity word, then the party
/// names up to the first activity (the first line followed by role letters),
/// or exactly as many parties as the first header had.
fn header_cells(lines: &[(Span, &str)], at: usize, party_count: Option<usize>) -> Vec<Cell> {
    let mut cells = vec![Cell::new(lines[at].1, lines[at].0)];
    let mut next = at + 1;
    while let Some((span, line)) = lines.get(next) {
        let enough = party_count.is_some_and(|count| cells.len() > count);
        let starts_rows = lines.get(next + 1).is_some_and(|(_, l)| is_role_line(l));
        if enough || starts_rows || is_role_line(line) || cells.len() > MAX_COLUMNS {
            break;
        }
        cells.push(Cell::new(*line, *span));
        next += 1;
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::is_role_line;

    #[test]
    fn role_lines_hold_only_letters_maybe_set_apart() {
        for line in ["RA", "I", "C, I", "C,I", "C/I", "RA*", "I (1)"] {
            assert!(is_role_line(line), "{line}");
        }
        for line in ["Roles", ", I", "C,", "RACICI", "R A", "", "Client"] {
            assert!(!is_role_line(line), "{line}");
        }
    }
}
