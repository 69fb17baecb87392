//! GitHub-flavoured pipe tables with aligned columns.

use unicode_width::UnicodeWidthStr;

/// The narrowest a column's delimiter may be (`---`).
const MIN_WIDTH: usize = 3;

/// A pipe table: `header` cells, then `rows`, each column padded to its
/// widest cell (by display width, so wide characters line up in a terminal).
/// Cells must already be escaped. Every line ends with `newline`.
pub(crate) fn aligned(header: &[String], rows: &[Vec<String>], newline: &str) -> String {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|c| c.width().max(MIN_WIDTH)).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = String>| {
        let cells: Vec<String> = cells.collect();
        out.push('|');
        for cell in cells {
            out.push(' ');
            out.push_str(&cell);
            out.push_str(" |");
        }
        out.push_str(newline);
    };
    let pad =
        |cell: &str, width: usize| format!("{cell}{}", " ".repeat(width - cell.width().min(width)));
    line(&mut header.iter().zip(&widths).map(|(c, w)| pad(c, *w)));
    line(&mut widths.iter().map(|w| "-".repeat(*w)));
    for row in rows {
        line(&mut (0..columns).map(|at| pad(row.get(at).map_or("", String::as_str), widths[at])));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::aligned;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn pads_every_column_to_its_widest_cell() {
        let table = aligned(
            &strings(&["Activity", "Us"]),
            &[
                strings(&["Pick", "RA"]),
                strings(&["Choisir la région", ""]),
            ],
            "\n",
        );
        assert_eq!(
            table,
            "| Activity          | Us  |\n\
             | ----------------- | --- |\n\
             | Pick              | RA  |\n\
             | Choisir la région |     |\n"
        );
    }

    #[test]
    fn wide_characters_count_twice() {
        let table = aligned(&strings(&["活動", "X"]), &[strings(&["abcd", "R"])], "\n");
        assert!(
            table.starts_with("| 活動 | X   |\n| ---- | --- |\n| abcd | R   |"),
            "{table}"
        );
    }
}
