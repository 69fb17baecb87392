use raci_diagnostics::{Diagnostic, RuleInfo, Severity};
use raci_model::{Document, Role};

use super::{about, listed, row_span};
use crate::Rule;

macro_rules! explanation {
    () => {
        r#"## What it does
Finds role cells holding characters that are not letters of the alphabet
R, A, S, C, I (S only in RASCI matrices), such as `X` or `E`.

## Why is this bad?
A letter outside the alphabet has no agreed meaning: `X` may mean "does it",
"not applicable" or nothing at all. The parser keeps the letters it knows and
drops the rest, so the party's real role is lost.

## Example
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Patch the hosts | I | X |
```

Use instead:
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Patch the hosts | I | RA |
```
"#
    };
}

#[doc = explanation!()]
pub(crate) struct UnknownRoleLetter;

const EXPLANATION: &str = explanation!();

impl Rule for UnknownRoleLetter {
    fn info(&self) -> RuleInfo {
        RuleInfo {
            code: Self::CODE,
            name: "unknown-role-letter",
            summary: "A role cell holds a letter outside R, A, S, C, I.",
            explanation: EXPLANATION,
            default_severity: Severity::Error,
        }
    }

    fn check(&self, document: &Document, out: &mut Vec<Diagnostic>) {
        let info = self.info();
        let alphabet: Vec<String> = Role::ALL
            .iter()
            .map(|role| role.letter().to_string())
            .collect();
        for activity in &document.activities {
            for cell in activity
                .row
                .cells
                .iter()
                .filter(|cell| !cell.unknown.is_empty())
            {
                let mut unknown: Vec<String> = Vec::new();
                for c in &cell.unknown {
                    if !unknown.iter().any(|seen| seen.starts_with(*c)) {
                        unknown.push(c.to_string());
                    }
                }
                let verb = if unknown.len() == 1 {
                    "is not a role letter"
                } else {
                    "are not role letters"
                };
                let message = format!(
                    "{} in `{}` {verb}: the alphabet is {}",
                    listed(&unknown),
                    cell.raw,
                    alphabet.join(", ")
                );
                let span = if cell.span.line > 0 {
                    cell.span
                } else {
                    row_span(activity)
                };
                out.push(about(&info, activity, span, message).with_help(
                    "write the party's role with R, A, C or I, or leave the cell empty",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check, document, without_facts};

    #[test]
    fn a_foreign_letter_is_reported_at_its_cell() {
        let document = document(&["Customer", "Provider"])
            .row("Patch the hosts", &["I", "XE"])
            .build();
        let found = check(&UnknownRoleLetter, &document);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span, document.activities[0].row.cells[1].span);
        assert_eq!(
            found[0].message,
            "`X` and `E` in `XE` are not role letters: the alphabet is R, A, S, C, I"
        );
        assert!(check(&UnknownRoleLetter, &without_facts(&document)).is_empty());
    }

    #[test]
    fn known_letters_and_marks_are_fine() {
        let document = document(&["Customer", "Provider"])
            .row("Patch the hosts", &["I*", "RASCI"])
            .build();
        assert!(check(&UnknownRoleLetter, &document).is_empty());
    }
}
