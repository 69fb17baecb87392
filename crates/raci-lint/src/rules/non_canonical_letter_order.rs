use raci_diagnostics::{Applicability, Diagnostic, Fix, RuleInfo, Severity};
use raci_model::{Document, Roles};

use super::{about, cell_letters, fix_fits};
use crate::Rule;

macro_rules! explanation {
    () => {
        r#"## What it does
Finds role cells whose letters are not written in the canonical order
R, A, S, C, I, such as `IR` or `AR`, and offers to rewrite them (`RI`, `RA`),
keeping any footnote mark (`IR*` becomes `RI*`).

## Why is this bad?
The same roles written in different orders look like different roles: a
reader comparing rows, editions or translations has to reorder letters in
their head, and a plain text diff reports a change where there is none.

## Example
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Apply the security patches | I | AR |
```

Use instead:
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Apply the security patches | I | RA |
```
"#
    };
}

#[doc = explanation!()]
pub(crate) struct NonCanonicalLetterOrder;

const EXPLANATION: &str = explanation!();

impl Rule for NonCanonicalLetterOrder {
    fn info(&self) -> RuleInfo {
        RuleInfo {
            code: Self::CODE,
            name: "non-canonical-letter-order",
            summary: "A role cell's letters are not in the order R, A, S, C, I.",
            explanation: EXPLANATION,
            default_severity: Severity::Warning,
        }
    }

    fn fix(&self) -> Option<Applicability> {
        Some(Applicability::Safe)
    }

    fn check(&self, document: &Document, out: &mut Vec<Diagnostic>) {
        let info = self.info();
        for activity in &document.activities {
            for cell in &activity.row.cells {
                let Some(rewritten) = canonical_form(&cell.raw) else {
                    continue;
                };
                let message = format!(
                    "`{}` is not in the order R, A, S, C, I: write `{rewritten}`",
                    cell.raw
                );
                let mut diagnostic = about(&info, activity, cell.span, message);
                if fix_fits(cell) {
                    diagnostic = diagnostic.with_fix(Fix::safe(
                        format!("write `{rewritten}`"),
                        cell.span,
                        rewritten,
                    ));
                }
                out.push(diagnostic);
            }
        }
    }
}

/// The cell rewritten with its letters in canonical order and anything after
/// them (footnote marks) kept, or `None` when it is already canonical or is
/// not plain letters (`Responsible`, `R A`, `RX`: other rules' business).
fn canonical_form(raw: &str) -> Option<String> {
    let (letters, rest) = cell_letters(raw)?;
    if letters.len() < 2 || letters.windows(2).all(|pair| pair[0] < pair[1]) {
        return None;
    }
    let roles: Roles = letters.into_iter().collect();
    Some(format!("{roles}{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check, document, without_facts};

    #[test]
    fn letters_out_of_order_are_rewritten_keeping_marks() {
        assert_eq!(canonical_form("IR").as_deref(), Some("RI"));
        assert_eq!(canonical_form("AR").as_deref(), Some("RA"));
        assert_eq!(canonical_form("IR*").as_deref(), Some("RI*"));
        assert_eq!(canonical_form("ICA (1)").as_deref(), Some("ACI (1)"));
        assert_eq!(canonical_form("RR").as_deref(), Some("R"));
    }

    #[test]
    fn canonical_cells_and_words_are_left_alone() {
        for raw in [
            "AI", "RACI", "RI*", "I", "", "Informed", "R A", "RX", "**IR**",
        ] {
            assert_eq!(canonical_form(raw), None, "{raw}");
        }
    }

    #[test]
    fn reports_the_cell_with_a_fix_that_replaces_it() {
        let document = document(&["Customer", "Provider"])
            .row("Apply the security patches", &["IR*", "AI"])
            .build();
        let found = check(&NonCanonicalLetterOrder, &document);
        assert_eq!(found.len(), 1);
        let cell = &document.activities[0].row.cells[0];
        assert_eq!(found[0].span, cell.span);
        let fix = found[0].fix.as_ref().expect("a fix");
        assert_eq!((fix.span, fix.replacement.as_str()), (cell.span, "RI*"));
        assert!(check(&NonCanonicalLetterOrder, &without_facts(&document)).is_empty());
    }

    #[test]
    fn no_fix_when_the_span_covers_markup() {
        let document = document(&["Customer", "Provider"])
            .row("Apply the security patches", &["I", "AR"])
            .with_row(|activity| activity.row.cells[1].span.len += 4)
            .build();
        let found = check(&NonCanonicalLetterOrder, &document);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].fix, None);
    }
}
