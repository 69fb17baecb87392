use raci_diagnostics::{Diagnostic, RuleInfo, Severity};
use raci_model::{Document, Role};

use super::{about, holders, is_assigned, quoted, row_span};
use crate::Rule;

macro_rules! explanation {
    () => {
        r#"## What it does
Finds activities where some party has a role but no party is accountable (`A`).

## Why is this bad?
The accountable party answers for the outcome and signs the work off. Without
one, nobody owns the result: when the activity goes wrong, each side can say
it was the other's to approve.

## Example
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Rotate the access keys | R | I |
```

Use instead:
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Rotate the access keys | RA | I |
```
"#
    };
}

#[doc = explanation!()]
pub(crate) struct MissingAccountable;

const EXPLANATION: &str = explanation!();

impl Rule for MissingAccountable {
    fn info(&self) -> RuleInfo {
        RuleInfo {
            code: Self::CODE,
            name: "missing-accountable",
            summary: "An activity has roles but no accountable (A) party.",
            explanation: EXPLANATION,
            default_severity: Severity::Error,
        }
    }

    fn check(&self, document: &Document, out: &mut Vec<Diagnostic>) {
        let info = self.info();
        for activity in &document.activities {
            // An activity with no role at all is `unassigned-activity`'s.
            if is_assigned(activity) && holders(activity, Role::Accountable).is_empty() {
                let message = format!("no party is accountable (A) for {}", quoted(&activity.text));
                out.push(
                    about(&info, activity, row_span(activity), message)
                        .with_help("give A to the one party that answers for the outcome"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check, document, without_facts};

    #[test]
    fn a_row_without_a_is_reported_at_its_text() {
        let document = document(&["Customer", "Provider"])
            .row("Rotate the access keys", &["R", "I"])
            .build();
        let found = check(&MissingAccountable, &document);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span, document.activities[0].row.text_span);
        assert_eq!(found[0].activity.as_deref(), Some("rotate-the-access-keys"));
        assert!(found[0].message.contains("`Rotate the access keys`"));
        assert_eq!(
            check(&MissingAccountable, &without_facts(&document)).len(),
            1
        );
    }

    #[test]
    fn a_row_with_a_or_with_no_role_at_all_is_fine() {
        let document = document(&["Customer", "Provider"])
            .row("Rotate the access keys", &["RA", "I"])
            .row("Approve the change", &["A", "R"])
            .row("Nobody does this", &["", ""])
            .build();
        assert!(check(&MissingAccountable, &document).is_empty());
    }
}
