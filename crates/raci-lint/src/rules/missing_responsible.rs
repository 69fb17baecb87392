use raci_diagnostics::{Diagnostic, RuleInfo, Severity};
use raci_model::{Document, Role};

use super::{about, holders, is_assigned, quoted, row_span};
use crate::Rule;

macro_rules! explanation {
    () => {
        r#"## What it does
Finds activities where some party has a role but no party is responsible (`R`).

## Why is this bad?
The responsible party is the one that does the work. A row with an approver
and people to inform, but nobody to carry it out, describes work that will
not be done.

## Example
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Renew the TLS certificates | A | I |
```

Use instead:
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Renew the TLS certificates | RA | I |
```
"#
    };
}

#[doc = explanation!()]
pub(crate) struct MissingResponsible;

const EXPLANATION: &str = explanation!();

impl Rule for MissingResponsible {
    fn info(&self) -> RuleInfo {
        RuleInfo {
            code: Self::CODE,
            name: "missing-responsible",
            summary: "An activity has roles but no responsible (R) party.",
            explanation: EXPLANATION,
            default_severity: Severity::Error,
        }
    }

    fn check(&self, document: &Document, out: &mut Vec<Diagnostic>) {
        let info = self.info();
        for activity in &document.activities {
            // An activity with no role at all is `unassigned-activity`'s.
            if is_assigned(activity) && holders(activity, Role::Responsible).is_empty() {
                let message = format!("no party is responsible (R) for {}", quoted(&activity.text));
                out.push(
                    about(&info, activity, row_span(activity), message)
                        .with_help("give R to the party, or parties, that do the work"),
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
    fn a_row_without_r_is_reported() {
        let document = document(&["Customer", "Provider"])
            .row("Renew the TLS certificates", &["A", "I"])
            .build();
        let found = check(&MissingResponsible, &document);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span, document.activities[0].row.text_span);
        assert_eq!(
            check(&MissingResponsible, &without_facts(&document)).len(),
            1
        );
    }

    #[test]
    fn a_row_with_r_anywhere_or_with_no_role_is_fine() {
        let document = document(&["Customer", "Provider"])
            .row("Renew the TLS certificates", &["A", "R"])
            .row("Archive the logs", &["", "RA"])
            .row("Nobody does this", &["", ""])
            .build();
        assert!(check(&MissingResponsible, &document).is_empty());
    }
}
