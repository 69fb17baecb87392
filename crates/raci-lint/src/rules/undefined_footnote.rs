use raci_diagnostics::{Diagnostic, RuleInfo, Severity};
use raci_model::Document;

use super::about;
use crate::Rule;

macro_rules! explanation {
    () => {
        r#"## What it does
Finds footnote marks (`*`, `(1)`, `¹`) in role cells or activity text that no
footnote below the table explains.

## Why is this bad?
A mark says "this role comes with a condition". Without the footnote the
condition is lost, and the reader takes a qualified role for a plain one.

## Example
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Restore the application data | RA* | I |
```

Use instead:
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Restore the application data | RA* | I |

*The provider can take this on under a separate support contract.
```
"#
    };
}

#[doc = explanation!()]
pub(crate) struct UndefinedFootnote;

const EXPLANATION: &str = explanation!();

impl Rule for UndefinedFootnote {
    fn info(&self) -> RuleInfo {
        RuleInfo {
            code: Self::CODE,
            name: "undefined-footnote",
            summary: "A footnote mark has no footnote.",
            explanation: EXPLANATION,
            default_severity: Severity::Warning,
        }
    }

    fn check(&self, document: &Document, out: &mut Vec<Diagnostic>) {
        let info = self.info();
        for activity in &document.activities {
            let row = &activity.row;
            let cell_marks = row.cells.iter().flat_map(|cell| &cell.marks);
            for mark in row
                .text_marks
                .iter()
                .chain(cell_marks)
                .filter(|mark| !mark.resolved)
            {
                let message = format!("footnote mark `{}` has no footnote", mark.mark);
                out.push(
                    about(&info, activity, mark.span, message).with_help(format!(
                        "add a footnote starting with `{}` below the table, or remove the mark",
                        mark.mark
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use raci_model::{FootnoteMark, Span};

    use super::*;
    use crate::test_support::{check, document, without_facts};

    #[test]
    fn unresolved_marks_in_cells_and_text_are_reported() {
        let document = document(&["Customer", "Provider"])
            .row("Restore the application data", &["RA*", "I"])
            .with_row(|activity| {
                activity.row.cells[0].marks[0].resolved = false;
                activity.row.text_marks.push(FootnoteMark {
                    mark: "(2)".into(),
                    span: Span::new(10, 31, 3),
                    resolved: false,
                });
            })
            .build();
        let found = check(&UndefinedFootnote, &document);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "footnote mark `(2)` has no footnote",
                "footnote mark `*` has no footnote"
            ]
        );
        assert_eq!(
            found[1].span,
            document.activities[0].row.cells[0].marks[0].span
        );
        assert!(check(&UndefinedFootnote, &without_facts(&document)).is_empty());
    }

    #[test]
    fn resolved_marks_are_fine() {
        let document = document(&["Customer", "Provider"])
            .row("Restore the application data", &["RA*", "I*"])
            .build();
        assert!(check(&UndefinedFootnote, &document).is_empty());
    }
}
