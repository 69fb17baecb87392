use std::collections::HashMap;

use raci_diagnostics::{Diagnostic, RuleInfo, Severity};
use raci_model::Document;

use super::{about, quoted, row_span};
use crate::text::Folded;
use crate::Rule;

macro_rules! explanation {
    () => {
        r#"## What it does
Finds an activity written twice in the same section, ignoring case, spacing
and punctuation.

## Why is this bad?
Two rows for one activity either say the same thing, and one is noise, or
give different roles, and the matrix contradicts itself. Either way a reader
cannot tell which row is the rule.

## Example
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Monitor the disk usage | RA | I |
| Monitor the disk usage. | I | RA |
```

Use instead:
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Monitor the disk usage | RA | I |
```
"#
    };
}

#[doc = explanation!()]
pub(crate) struct DuplicateActivity;

const EXPLANATION: &str = explanation!();

impl Rule for DuplicateActivity {
    fn info(&self) -> RuleInfo {
        RuleInfo {
            code: Self::CODE,
            name: "duplicate-activity",
            summary: "The same activity appears twice in one section.",
            explanation: EXPLANATION,
            default_severity: Severity::Warning,
        }
    }

    fn check(&self, document: &Document, out: &mut Vec<Diagnostic>) {
        let info = self.info();
        // The first activity seen for each (section, folded text).
        let mut first_seen: HashMap<(&[String], String), usize> = HashMap::new();
        for (index, activity) in document.activities.iter().enumerate() {
            let key = Folded::new(&activity.text).words().to_owned();
            if key.is_empty() {
                continue;
            }
            let first = *first_seen.entry((&activity.section, key)).or_insert(index);
            if first == index {
                continue;
            }
            let first_line = row_span(&document.activities[first]).line;
            let message = format!(
                "{} is already listed in this section at line {first_line}",
                quoted(&activity.text)
            );
            out.push(
                about(&info, activity, row_span(activity), message)
                    .with_help("keep one row, with the roles that are right"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check, document, without_facts, FIRST_ROW_LINE};

    #[test]
    fn the_second_copy_is_reported_naming_the_first() {
        let document = document(&["Customer", "Provider"])
            .section(&["3. Operations"])
            .row("Monitor the disk usage", &["RA", "I"])
            .row("Check the backups", &["RA", "I"])
            .row("monitor the  DISK usage.", &["I", "RA"])
            .build();
        let found = check(&DuplicateActivity, &document);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.line, FIRST_ROW_LINE + 2);
        assert!(
            found[0]
                .message
                .ends_with(&format!("at line {FIRST_ROW_LINE}")),
            "{}",
            found[0].message
        );
        assert_eq!(
            check(&DuplicateActivity, &without_facts(&document)).len(),
            1
        );
    }

    #[test]
    fn the_same_text_in_another_section_is_fine() {
        let document = document(&["Customer", "Provider"])
            .section(&["1. Set-up"])
            .row("Monitor the disk usage", &["RA", "I"])
            .section(&["2. Run"])
            .row("Monitor the disk usage", &["RA", "I"])
            .row("***", &["RA", "I"])
            .row("---", &["RA", "I"])
            .build();
        assert!(check(&DuplicateActivity, &document).is_empty());
    }
}
