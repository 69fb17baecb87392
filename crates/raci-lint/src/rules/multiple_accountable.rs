use raci_diagnostics::{Applicability, Diagnostic, Fix, RuleInfo, Severity};
use raci_model::{Document, Role};

use super::{about, cell_of, fix_fits, holders, listed, row_span, without_role};
use crate::Rule;

macro_rules! explanation {
    () => {
        r#"## What it does
Finds activities where more than one party is accountable (`A`).

## Why is this bad?
Accountability cannot be shared: the accountable party is the single one
that answers for the outcome. With two, each expects the other to sign the
work off, and a dispute has no referee.

## Example
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Secure the control plane | RA | RA |
```

Use instead:
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Secure the control plane | C | RA |
```
"#
    };
}

#[doc = explanation!()]
pub(crate) struct MultipleAccountable;

const EXPLANATION: &str = explanation!();

impl Rule for MultipleAccountable {
    fn info(&self) -> RuleInfo {
        RuleInfo {
            code: Self::CODE,
            name: "multiple-accountable",
            summary: "An activity has more than one accountable (A) party.",
            explanation: EXPLANATION,
            default_severity: Severity::Error,
        }
    }

    fn fix(&self) -> Option<Applicability> {
        Some(Applicability::Unsafe)
    }

    fn check(&self, document: &Document, out: &mut Vec<Diagnostic>) {
        let info = self.info();
        for activity in &document.activities {
            let accountable = holders(activity, Role::Accountable);
            if accountable.len() > 1 {
                let message = format!(
                    "{} parties are accountable (A): {}",
                    accountable.len(),
                    listed(&accountable)
                );
                let diagnostic = about(&info, activity, row_span(activity), message)
                    .with_help("keep A on the one party that answers for the outcome");
                // Which party answers is a decision: the fix (keep the first
                // A, drop the second) is offered as unsafe.
                let second = accountable[1];
                let fix = cell_of(document, activity, second)
                    .filter(|cell| fix_fits(cell))
                    .and_then(|cell| Some((cell, without_role(&cell.raw, Role::Accountable)?)));
                out.push(match fix {
                    Some((cell, rewritten)) => diagnostic.with_fix(Fix::unsafe_edit(
                        format!(
                            "keep `{}` accountable: drop the A of `{second}`",
                            accountable[0]
                        ),
                        cell.span,
                        rewritten,
                    )),
                    None => diagnostic,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check, document, without_facts};

    #[test]
    fn two_a_are_reported_with_both_names() {
        let document = document(&["Customer", "Provider"])
            .row("Secure the control plane", &["RA", "AR"])
            .build();
        let found = check(&MultipleAccountable, &document);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "2 parties are accountable (A): `Customer` and `Provider`"
        );
        let fix = found[0].fix.as_ref().expect("a fix");
        assert_eq!(fix.applicability, Applicability::Unsafe);
        assert_eq!(fix.span, document.activities[0].row.cells[1].span);
        assert_eq!(fix.replacement, "R");
        assert_eq!(
            check(&MultipleAccountable, &without_facts(&document)).len(),
            1
        );
    }

    #[test]
    fn one_a_or_none_is_fine() {
        let document = document(&["Customer", "Provider"])
            .row("Secure the control plane", &["C", "RA"])
            .row("Watch the dashboards", &["R", "I"])
            .build();
        assert!(check(&MultipleAccountable, &document).is_empty());
    }
}
