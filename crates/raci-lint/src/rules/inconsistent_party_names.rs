use raci_diagnostics::{Diagnostic, RuleInfo, Severity};
use raci_model::Document;

use crate::Rule;

macro_rules! explanation {
    () => {
        r#"## What it does
Finds tables whose party columns are named differently from the first
table's, such as `Client` in one table and `Customer` in the next.

## Why is this bad?
The parties of a matrix are its columns: spelt two ways, they read as two
parties. Tools that list one party's duties, or compare editions, miss the
rows where the other spelling is used.

## Example
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Order the service | RA | I |

| **Activity** | **Client** | **Provider** |
| --- | --- | --- |
| Cancel the service | RA | I |
```

Use instead:
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Order the service | RA | I |

| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Cancel the service | RA | I |
```
"#
    };
}

#[doc = explanation!()]
pub(crate) struct InconsistentPartyNames;

const EXPLANATION: &str = explanation!();

impl Rule for InconsistentPartyNames {
    fn info(&self) -> RuleInfo {
        RuleInfo {
            code: Self::CODE,
            name: "inconsistent-party-names",
            summary: "A table names its party columns differently from the first table.",
            explanation: EXPLANATION,
            default_severity: Severity::Warning,
        }
    }

    fn check(&self, document: &Document, out: &mut Vec<Diagnostic>) {
        let info = self.info();
        if document.parties.is_empty() {
            return;
        }
        for table in &document.facts.tables {
            let differences: Vec<String> = document
                .parties
                .iter()
                .zip(&table.parties)
                .filter(|(first, here)| first.trim() != here.trim())
                .map(|(first, here)| {
                    format!(
                        "`{}` here, `{}` in the first table",
                        here.trim(),
                        first.trim()
                    )
                })
                .collect();
            let count_differs = table.parties.len() != document.parties.len();
            if differences.is_empty() && !count_differs {
                continue;
            }
            let mut parts = differences;
            if count_differs {
                parts.push(format!(
                    "{} party columns here, {} in the first table",
                    table.parties.len(),
                    document.parties.len()
                ));
            }
            out.push(
                info.diagnostic(
                    table.span,
                    format!("party names differ: {}", parts.join("; ")),
                )
                .with_help("spell each party the same way in every table header"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use raci_model::{Span, TableFacts};

    use super::*;
    use crate::test_support::{check, document, without_facts};

    fn table(line: u32, parties: &[&str]) -> TableFacts {
        TableFacts {
            span: Span::new(line, 1, 40),
            parties: parties.iter().map(|party| party.to_string()).collect(),
            columns: parties.len() + 1,
        }
    }

    #[test]
    fn a_respelt_or_extra_party_is_reported_at_the_table() {
        let document = document(&["Customer", "Provider"])
            .row("Order the service", &["RA", "I"])
            .with_facts(|facts| {
                facts.tables.push(table(20, &["Client", "Provider "]));
                facts
                    .tables
                    .push(table(30, &["Customer", "Provider", "Partner"]));
            })
            .build();
        let found = check(&InconsistentPartyNames, &document);
        let found: Vec<(u32, &str)> = found
            .iter()
            .map(|d| (d.span.line, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    20,
                    "party names differ: `Client` here, `Customer` in the first table"
                ),
                (
                    30,
                    "party names differ: 3 party columns here, 2 in the first table"
                ),
            ]
        );
        assert!(check(&InconsistentPartyNames, &without_facts(&document)).is_empty());
    }

    #[test]
    fn the_same_names_with_other_spacing_are_fine() {
        let document = document(&["Customer", "Provider"])
            .with_facts(|facts| facts.tables.push(table(20, &[" Customer", "Provider"])))
            .build();
        assert!(check(&InconsistentPartyNames, &document).is_empty());
    }
}
