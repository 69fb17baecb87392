use raci_diagnostics::{Diagnostic, RuleInfo, Severity};
use raci_model::Document;

use crate::Rule;

macro_rules! explanation {
    () => {
        r#"## What it does
Finds footnotes that no mark in the rows above refers to.

## Why is this bad?
A footnote with no mark qualifies nothing, or qualifies rows that lost their
mark: the reader cannot tell which roles the condition applies to.

## Example
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Restore the application data | RA | I |

*The provider can take this on under a separate support contract.
```

Use instead:
```markdown
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Restore the application data | RA* | I |

*The provider can take this on under a separate support contract.
```
"#
    };
}

#[doc = explanation!()]
pub(crate) struct UnusedFootnote;

const EXPLANATION: &str = explanation!();

impl Rule for UnusedFootnote {
    fn info(&self) -> RuleInfo {
        RuleInfo {
            code: Self::CODE,
            name: "unused-footnote",
            summary: "A footnote is not referred to by any mark.",
            explanation: EXPLANATION,
            default_severity: Severity::Warning,
        }
    }

    fn check(&self, document: &Document, out: &mut Vec<Diagnostic>) {
        let info = self.info();
        for footnote in document
            .facts
            .footnotes
            .iter()
            .filter(|footnote| footnote.uses == 0)
        {
            let message = format!(
                "footnote `{}` is not referred to by any mark",
                footnote.mark
            );
            out.push(info.diagnostic(footnote.span, message).with_help(format!(
                "mark the rows it applies to with `{}`, or remove it",
                footnote.mark
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use raci_model::{Footnote, Span};

    use super::*;
    use crate::test_support::{check, document, without_facts};

    fn footnote(line: u32, uses: usize) -> Footnote {
        Footnote {
            mark: "*".into(),
            text: "The provider can take this on under a separate contract.".into(),
            span: Span::new(line, 1, 20),
            uses,
        }
    }

    #[test]
    fn a_footnote_nobody_marks_is_reported() {
        let document = document(&["Customer", "Provider"])
            .row("Restore the application data", &["RA", "I"])
            .with_facts(|facts| facts.footnotes = vec![footnote(12, 0), footnote(20, 2)])
            .build();
        let found = check(&UnusedFootnote, &document);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.line, 12);
        assert_eq!(
            found[0].message,
            "footnote `*` is not referred to by any mark"
        );
        assert!(check(&UnusedFootnote, &without_facts(&document)).is_empty());
    }

    #[test]
    fn a_used_footnote_is_fine() {
        let document = document(&["Customer", "Provider"])
            .row("Restore the application data", &["RA*", "I"])
            .with_facts(|facts| facts.footnotes = vec![footnote(12, 1)])
            .build();
        assert!(check(&UnusedFootnote, &document).is_empty());
    }
}
