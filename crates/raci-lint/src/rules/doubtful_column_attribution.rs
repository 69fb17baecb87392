use raci_diagnostics::{Diagnostic, RuleInfo, Severity};
use raci_model::Document;

use super::{about, listed, row_span};
use crate::Rule;

macro_rules! explanation {
    () => {
        r#"## What it does
Finds rows whose letters had to be given to parties by guesswork, because
the source did not say which column they stood in: text copied from a web
page drops empty cells, so a lone `RA` could belong to either party.

## Why is this bad?
A guessed column can put a duty on the wrong side. Until someone confirms
the row against the original, nobody should rely on it.

## Example
```text
Keep the service available
RA
```

Use instead:
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Keep the service available |  | RA |
```
"#
    };
}

#[doc = explanation!()]
pub(crate) struct DoubtfulColumnAttribution;

const EXPLANATION: &str = explanation!();

impl Rule for DoubtfulColumnAttribution {
    fn info(&self) -> RuleInfo {
        RuleInfo {
            code: Self::CODE,
            name: "doubtful-column-attribution",
            summary: "A row's letters were given to parties by a guess.",
            explanation: EXPLANATION,
            default_severity: Severity::Warning,
        }
    }

    fn check(&self, document: &Document, out: &mut Vec<Diagnostic>) {
        let info = self.info();
        for activity in &document.activities {
            let Some(attribution) = activity.row.attribution.as_ref().filter(|a| a.doubtful) else {
                continue;
            };
            let chosen: Vec<String> = attribution
                .parties
                .iter()
                .map(|&index| {
                    document
                        .parties
                        .get(index)
                        .cloned()
                        .unwrap_or_else(|| format!("party {}", index.saturating_add(1)))
                })
                .collect();
            let reasoning = attribution.reasoning.trim().trim_end_matches('.');
            let mut message = String::from("the column of this row's letters is a guess");
            if !reasoning.is_empty() {
                message.push_str(&format!(": {reasoning}"));
            }
            // Name the parties unless the reasoning already does.
            if !chosen.is_empty()
                && !chosen
                    .iter()
                    .all(|party| reasoning.contains(party.as_str()))
            {
                message.push_str(&format!("; given to {}", listed(&chosen)));
            }
            out.push(about(&info, activity, row_span(activity), message).with_help(
                "check the row against the original page, or parse with --reference OTHER_EDITION",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use raci_model::Attribution;

    use super::*;
    use crate::test_support::{check, document, without_facts};

    fn attribution(doubtful: bool) -> Attribution {
        Attribution {
            parties: vec![1, 7],
            reasoning: "a lone group goes to the provider on operations rows.".into(),
            doubtful,
        }
    }

    #[test]
    fn a_doubtful_row_is_reported_with_reasoning_and_parties() {
        let document = document(&["Customer", "Provider"])
            .row("Keep the service available", &["RA"])
            .with_row(|activity| activity.row.attribution = Some(attribution(true)))
            .build();
        let found = check(&DoubtfulColumnAttribution, &document);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "the column of this row's letters is a guess: a lone group goes to the provider on operations rows; given to `Provider` and `party 8`"
        );
        assert!(check(&DoubtfulColumnAttribution, &without_facts(&document)).is_empty());
    }

    #[test]
    fn parties_the_reasoning_names_are_not_named_twice() {
        let document = document(&["Customer", "Provider"])
            .row("Keep the service available", &["RA"])
            .with_row(|activity| {
                activity.row.attribution = Some(Attribution {
                    parties: vec![1],
                    reasoning: "given to Provider: the text speaks of its platform".into(),
                    doubtful: true,
                })
            })
            .build();
        let found = check(&DoubtfulColumnAttribution, &document);
        assert_eq!(
            found[0].message,
            "the column of this row's letters is a guess: given to Provider: the text speaks of its platform"
        );
    }

    #[test]
    fn a_certain_attribution_is_fine() {
        let document = document(&["Customer", "Provider"])
            .row("Keep the service available", &["RA"])
            .with_row(|activity| activity.row.attribution = Some(attribution(false)))
            .build();
        assert!(check(&DoubtfulColumnAttribution, &document).is_empty());
    }
}
