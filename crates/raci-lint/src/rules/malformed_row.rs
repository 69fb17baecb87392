use raci_diagnostics::{Diagnostic, RuleInfo, Severity};
use raci_model::Document;

use super::{about, row_span};
use crate::Rule;

macro_rules! explanation {
    () => {
        r#"## What it does
Finds table rows with more or fewer cells than the table's header.

## Why is this bad?
When a row is short, the letters it has may sit under the wrong party: the
reader cannot tell whether the missing cell was empty or was lost, and the
parser has to guess which column each letter belongs to.

## Example
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Keep the service available | RA |
```

Use instead:
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Keep the service available | RA |  |
```
"#
    };
}

#[doc = explanation!()]
pub(crate) struct MalformedRow;

const EXPLANATION: &str = explanation!();

impl Rule for MalformedRow {
    fn info(&self) -> RuleInfo {
        RuleInfo {
            code: Self::CODE,
            name: "malformed-row",
            summary: "A table row has more or fewer cells than its header.",
            explanation: EXPLANATION,
            default_severity: Severity::Error,
        }
    }

    fn check(&self, document: &Document, out: &mut Vec<Diagnostic>) {
        let info = self.info();
        // A table wider than a reader keeps is said once, at its header, and
        // its rows as wide as the header are not reported one by one.
        let tables = &document.facts.tables;
        for table in tables {
            let kept = table.parties.len() + 1;
            if table.columns > kept {
                let last = table.parties.last().map(String::as_str).unwrap_or("");
                out.push(
                    info.diagnostic(
                        table.span,
                        format!(
                            "the table has {} columns, more than the {kept} raci reads: the {} after `{last}` are left out",
                            table.columns,
                            table.columns - kept
                        ),
                    )
                    .with_help("split the matrix into tables of a few parties each, or remove the columns that are no party"),
                );
            }
        }
        for activity in &document.activities {
            let row = &activity.row;
            if row.expected_cells == 0 || row.cell_count == row.expected_cells {
                continue;
            }
            let table = tables
                .iter()
                .rev()
                .find(|table| table.span.line > 0 && table.span.line <= activity.source.line);
            if table.is_some_and(|table| {
                table.columns > row.expected_cells && row.cell_count == table.columns
            }) {
                continue;
            }
            let message = format!(
                "row has {} cell{}, the header has {}",
                row.cell_count,
                if row.cell_count == 1 { "" } else { "s" },
                row.expected_cells
            );
            let help = if row.cell_count < row.expected_cells {
                "add the missing cells; leave a cell empty where a party has no role"
            } else {
                "remove the extra cells, or add their column to the header"
            };
            out.push(about(&info, activity, row_span(activity), message).with_help(help));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check, document, without_facts};

    #[test]
    fn short_and_long_rows_are_reported() {
        let document = document(&["Customer", "Provider"])
            .row("Keep the service available", &["RA"])
            .row("Plan the capacity", &["RA", "C", "I"])
            .build();
        let found = check(&MalformedRow, &document);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "row has 2 cells, the header has 3",
                "row has 4 cells, the header has 3"
            ]
        );
        assert!(check(&MalformedRow, &without_facts(&document)).is_empty());
    }

    #[test]
    fn a_table_wider_than_read_is_said_once_at_its_header() {
        let document = document(&["Customer", "Provider"])
            .row("Keep the service available", &["RA", "I", "I", "I"])
            .row("Plan the capacity", &["RA", "C"])
            .with_facts(|facts| facts.tables[0].columns = 5)
            .build();
        let found = check(&MalformedRow, &document);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            ["the table has 5 columns, more than the 3 raci reads: the 2 after `Provider` are left out"]
        );
    }

    #[test]
    fn full_rows_and_rows_with_no_header_are_fine() {
        let document = document(&["Customer", "Provider"])
            .row("Keep the service available", &["RA", ""])
            .row("Flattened text row", &["RA"])
            .with_row(|activity| activity.row.expected_cells = 0)
            .build();
        assert!(check(&MalformedRow, &document).is_empty());
    }
}
