use raci_diagnostics::{Diagnostic, RuleInfo, Severity};
use raci_model::Document;

use crate::Rule;

macro_rules! explanation {
    () => {
        r#"## What it does
Finds table rows with no activity text and no role.

## Why is this bad?
An empty row is left over from editing, or marks an activity that was never
written. It splits the table visually, and some renderers end the table at
it, leaving the rows below as plain text.

## Example
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Order the service | RA | I |
|  |  |  |
| Configure the firewall | RA |  |
```

Use instead:
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Order the service | RA | I |
| Configure the firewall | RA |  |
```
"#
    };
}

#[doc = explanation!()]
pub(crate) struct EmptyRow;

const EXPLANATION: &str = explanation!();

impl Rule for EmptyRow {
    fn info(&self) -> RuleInfo {
        RuleInfo {
            code: Self::CODE,
            name: "empty-row",
            summary: "A table row has no activity text and no role.",
            explanation: EXPLANATION,
            default_severity: Severity::Warning,
        }
    }

    fn check(&self, document: &Document, out: &mut Vec<Diagnostic>) {
        let info = self.info();
        for span in &document.facts.empty_rows {
            out.push(
                info.diagnostic(*span, "empty row: no activity and no role")
                    .with_help("remove the row, or write the activity it stands for"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use raci_model::Span;

    use super::*;
    use crate::test_support::{check, document, without_facts};

    #[test]
    fn each_empty_row_is_reported_where_it_stands() {
        let document = document(&["Customer", "Provider"])
            .row("Order the service", &["RA", "I"])
            .with_facts(|facts| facts.empty_rows = vec![Span::new(11, 1, 10), Span::new(14, 1, 10)])
            .build();
        let found = check(&EmptyRow, &document);
        let lines: Vec<u32> = found.iter().map(|d| d.span.line).collect();
        assert_eq!(lines, [11, 14]);
        assert_eq!(found[0].activity, None);
        assert!(check(&EmptyRow, &without_facts(&document)).is_empty());
    }

    #[test]
    fn a_table_without_empty_rows_is_fine() {
        let document = document(&["Customer", "Provider"])
            .row("Order the service", &["RA", "I"])
            .build();
        assert!(check(&EmptyRow, &document).is_empty());
    }
}
