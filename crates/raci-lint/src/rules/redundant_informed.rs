use raci_diagnostics::{Applicability, Diagnostic, Fix, RuleInfo, Severity};
use raci_model::{Document, Role};

use super::{about, cell_of, fix_fits, row_span, without_role};
use crate::Rule;

macro_rules! explanation {
    () => {
        r#"## What it does
Finds parties that are informed (`I`) of an activity they are also
responsible (`R`) or accountable (`A`) for.

## Why is this bad?
A party that does the work or signs it off knows its outcome: telling it so
adds nothing. The extra `I` usually hides a mistake, such as a letter meant
for the other column, and makes the party's checklist longer for nothing.

## Example
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Choose the data centre | RAI | I |
```

Use instead:
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Choose the data centre | RA | I |
```
"#
    };
}

#[doc = explanation!()]
pub(crate) struct RedundantInformed;

const EXPLANATION: &str = explanation!();

impl Rule for RedundantInformed {
    fn info(&self) -> RuleInfo {
        RuleInfo {
            code: Self::CODE,
            name: "redundant-informed",
            summary: "A party is informed (I) of an activity it is responsible or accountable for.",
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
            for (party, roles) in activity.role_entries() {
                if !roles.contains(Role::Informed) {
                    continue;
                }
                let doing = match (
                    roles.contains(Role::Responsible),
                    roles.contains(Role::Accountable),
                ) {
                    (true, true) => "responsible and accountable",
                    (true, false) => "responsible",
                    (false, true) => "accountable",
                    (false, false) => continue,
                };
                let message = format!(
                    "`{party}` is {doing} and also informed (`{roles}`): being informed of one's own work is redundant"
                );
                let cell = cell_of(document, activity, party);
                let span = cell.map_or_else(|| row_span(activity), |cell| cell.span);
                let diagnostic = about(&info, activity, span, message);
                // Dropping the I keeps who does what: a safe fix.
                let fix = cell
                    .filter(|cell| fix_fits(cell))
                    .and_then(|cell| Some((cell, without_role(&cell.raw, Role::Informed)?)));
                out.push(match fix {
                    Some((cell, rewritten)) => diagnostic.with_fix(Fix::safe(
                        format!("drop the I of `{party}`: write `{rewritten}`"),
                        cell.span,
                        rewritten,
                    )),
                    None => diagnostic.with_help(format!("drop the I of `{party}`")),
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
    fn r_or_a_with_i_is_reported_at_the_cell() {
        let document = document(&["Customer", "Provider"])
            .row("Choose the data centre", &["RAI", "AI"])
            .build();
        let found = check(&RedundantInformed, &document);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].span, document.activities[0].row.cells[0].span);
        assert!(found[0]
            .message
            .starts_with("`Customer` is responsible and accountable and also informed (`RAI`)"));
        assert!(found[1]
            .message
            .starts_with("`Provider` is accountable and also informed (`AI`)"));
        let fix = found[0].fix.as_ref().expect("a fix");
        assert_eq!(
            (fix.replacement.as_str(), fix.applicability),
            ("RA", Applicability::Safe)
        );
        assert_eq!(
            found[1].fix.as_ref().map(|fix| fix.replacement.as_str()),
            Some("A")
        );
        let found = check(&RedundantInformed, &without_facts(&document));
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|d| d.fix.is_none() && d.help.is_some()));
        assert_eq!(found[0].span.line, document.activities[0].source.line);
    }

    #[test]
    fn i_alone_or_with_c_is_fine() {
        let document = document(&["Customer", "Provider"])
            .row("Choose the data centre", &["RA", "CI"])
            .build();
        assert!(check(&RedundantInformed, &document).is_empty());
    }
}
