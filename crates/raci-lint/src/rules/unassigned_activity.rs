use raci_diagnostics::{Diagnostic, RuleInfo, Severity};
use raci_model::Document;

use super::{about, is_assigned, quoted, row_span};
use crate::Rule;

macro_rules! explanation {
    () => {
        r#"## What it does
Finds activities where no party has any role.

## Why is this bad?
A row that names work but gives it to nobody is either unfinished or lost its
letters on the way (a copy from a web page drops empty-looking cells). Either
way, the reader cannot tell who does the work.

## Example
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Test the restore procedure |  |  |
```

Use instead:
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Test the restore procedure | RA | C |
```
"#
    };
}

#[doc = explanation!()]
pub(crate) struct UnassignedActivity;

const EXPLANATION: &str = explanation!();

impl Rule for UnassignedActivity {
    fn info(&self) -> RuleInfo {
        RuleInfo {
            code: Self::CODE,
            name: "unassigned-activity",
            summary: "An activity gives no role to any party.",
            explanation: EXPLANATION,
            default_severity: Severity::Error,
        }
    }

    fn check(&self, document: &Document, out: &mut Vec<Diagnostic>) {
        let info = self.info();
        for activity in document
            .activities
            .iter()
            .filter(|activity| !is_assigned(activity))
        {
            let message = format!("no party has a role in {}", quoted(&activity.text));
            out.push(
                about(&info, activity, row_span(activity), message)
                    .with_help("give R and A to the parties that do and answer for the work"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check, document, without_facts};

    #[test]
    fn a_row_with_no_letter_is_reported() {
        let document = document(&["Customer", "Provider"])
            .row("Test the restore procedure", &["", ""])
            .build();
        let found = check(&UnassignedActivity, &document);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "no party has a role in `Test the restore procedure`"
        );
        assert_eq!(
            check(&UnassignedActivity, &without_facts(&document)).len(),
            1
        );
    }

    #[test]
    fn a_row_with_any_letter_is_fine() {
        let document = document(&["Customer", "Provider"])
            .row("Test the restore procedure", &["", "I"])
            .build();
        assert!(check(&UnassignedActivity, &document).is_empty());
    }
}
