use raci_diagnostics::{Diagnostic, RuleInfo, Severity};
use raci_model::{Document, Prose, SourceFacts, Span};

use super::{about, row_span};
use crate::services::{foreign_mention, services_of, Mention, ServiceKind};
use crate::Rule;

macro_rules! explanation {
    () => {
        r#"## What it does
Finds activities and sentences of prose that belong to another managed
service than the document's: a Kubernetes page with rows about the Harbor
registry, a registry page whose introduction describes database engines.
The document's service comes from its title (or, failing that, from its
headings and prose); a row is foreign when it names terms distinctive of
another kind of service and nothing of its own.

## Why is this bad?
Responsibility pages are often written by copying a sibling page. Rows that
were not adapted describe duties of a service the customer did not buy, and
hide the duties of the one they did.

## Example
```markdown
---
title: Managed Kubernetes - Responsibility model
---

| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Scan the Harbor registry images for vulnerabilities | RA | I |
```

Use instead:
```markdown
---
title: Managed Kubernetes - Responsibility model
---

| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Scan the images deployed on the cluster for vulnerabilities | RA | I |
```
"#
    };
}

#[doc = explanation!()]
pub(crate) struct ForeignService;

const EXPLANATION: &str = explanation!();

/// How many of the terms found a message quotes.
const QUOTED_TERMS: usize = 4;

impl Rule for ForeignService {
    fn info(&self) -> RuleInfo {
        RuleInfo {
            code: Self::CODE,
            name: "foreign-service",
            summary: "An activity or a sentence is about another service than the document's.",
            explanation: EXPLANATION,
            default_severity: Severity::Warning,
        }
    }

    fn check(&self, document: &Document, out: &mut Vec<Diagnostic>) {
        let info = self.info();
        let own = own_services(document);
        if own.is_empty() {
            return;
        }
        for activity in &document.activities {
            if let Some(mention) = foreign_mention(&activity.text, &own) {
                out.push(about(&info, activity, row_span(activity), message(&mention, &own)).with_help(
                    "move the row to the matrix of that service, or reword it if it belongs here",
                ));
            }
        }
        for prose in &document.facts.prose {
            for (offset, sentence) in sentences(&prose.text) {
                if let Some(mention) = foreign_mention(sentence, &own) {
                    out.push(
                        info.diagnostic(
                            span_in(prose.span, &prose.text[..offset]),
                            message(&mention, &own),
                        )
                        .with_help("rewrite the sentence for this document's service"),
                    );
                }
            }
        }
    }
}

/// The services `document` is about: by its title, headings and prose, else
/// (a page copied from a browser, whose title names no service and whose
/// service is named in its rows) by its headings, prose and activities, as a
/// reader that found no table would have read them all as prose.
fn own_services(document: &Document) -> Vec<&'static ServiceKind> {
    let own = services_of(document);
    if !own.is_empty() || document.activities.is_empty() {
        return own;
    }
    let mut prose = document.facts.prose.clone();
    prose.extend(document.activities.iter().map(|activity| Prose {
        text: activity.text.clone(),
        span: activity.source,
    }));
    let everything = Document {
        facts: SourceFacts {
            headings: document.facts.headings.clone(),
            prose,
            ..SourceFacts::default()
        },
        ..Document::default()
    };
    services_of(&everything)
}

fn message(mention: &Mention<'_>, own: &[&ServiceKind]) -> String {
    let mut terms: Vec<&str> = Vec::new();
    for term in &mention.strong {
        if !terms.iter().any(|seen| seen.eq_ignore_ascii_case(term)) {
            terms.push(term);
        }
    }
    terms.truncate(QUOTED_TERMS);
    let own: Vec<&str> = own.iter().map(|kind| kind.label.as_str()).collect();
    format!(
        "mentions {} ({}), but this document is about {}",
        mention.kind.label,
        terms
            .iter()
            .map(|term| format!("`{term}`"))
            .collect::<Vec<_>>()
            .join(", "),
        own.join(" and ")
    )
}

/// The sentences of a paragraph, with their byte offsets.
fn sentences(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    let mut pieces = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next_is_blank = chars.peek().is_none_or(|(_, next)| next.is_whitespace());
        if c == '\n' || (matches!(c, '.' | '!' | '?' | ';') && next_is_blank) {
            let end = at + c.len_utf8();
            pieces.push((start, &text[start..end]));
            start = end;
        }
    }
    pieces.push((start, &text[start..]));
    pieces
        .into_iter()
        .map(|(at, piece)| (at + (piece.len() - piece.trim_start().len()), piece.trim()))
        .filter(|(_, piece)| !piece.is_empty())
}

/// Where a sentence stands, given the paragraph's span and the text before
/// it: its line is exact; its column is the paragraph's on the first line
/// and the line start after, since prose text may have lost its markup.
fn span_in(paragraph: Span, before: &str) -> Span {
    let newlines = before.matches('\n').count() as u32;
    if newlines == 0 {
        Span::new(paragraph.line, paragraph.column, 0)
    } else {
        Span::line(paragraph.line.saturating_add(newlines))
    }
}

#[cfg(test)]
mod tests {
    use raci_model::Prose;

    use super::*;
    use crate::test_support::{check, document, without_facts};

    fn kubernetes_page() -> crate::test_support::DocumentBuilder {
        document(&["Customer", "Provider"]).title("Managed Kubernetes - Responsibility model")
    }

    #[test]
    fn a_row_of_another_service_is_reported_with_its_terms() {
        let document = kubernetes_page()
            .row(
                "Scan the Harbor registry images for vulnerabilities",
                &["RA", "I"],
            )
            .build();
        let found = check(&ForeignService, &document);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "mentions container registry (`registry`, `Harbor`), but this document is about Kubernetes"
        );
        assert_eq!(found[0].span, document.activities[0].row.text_span);
        assert_eq!(check(&ForeignService, &without_facts(&document)).len(), 1);
    }

    #[test]
    fn rows_of_the_service_or_of_generic_work_are_fine() {
        let document = kubernetes_page()
            .row(
                "Store container images in a registry used by the cluster",
                &["RA", "I"],
            )
            .row("Back up the service data", &["RA", "I"])
            .row("Attach block storage volumes to the nodes", &["RA", "I"])
            .build();
        assert!(check(&ForeignService, &document).is_empty());
    }

    #[test]
    fn a_sentence_of_prose_about_another_service_is_reported_on_its_line() {
        let document = document(&["Customer", "Provider"])
            .title("Managed Private Registry - Responsibility model")
            .with_facts(|facts| {
                facts.prose.push(Prose {
                    text: "This page covers the Harbor registry.\nHere a service means a MySQL or Kafka engine."
                        .into(),
                    span: Span::new(5, 1, 40),
                });
            })
            .build();
        let found = check(&ForeignService, &document);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span, Span::line(6));
        assert_eq!(
            found[0].message,
            "mentions databases (`MySQL`, `Kafka`), but this document is about container registry"
        );
    }

    #[test]
    fn a_document_of_unknown_service_is_left_alone() {
        let document = document(&["Customer", "Provider"])
            .title("Responsibility model")
            .row("Scan the Harbor registry images", &["RA", "I"])
            .build();
        assert!(check(&ForeignService, &document).is_empty());
    }

    #[test]
    fn sentences_split_at_stops_and_lines() {
        let split: Vec<(usize, &str)> = sentences("One. Two v1.2 here!\n Three").collect();
        assert_eq!(split, [(0, "One."), (5, "Two v1.2 here!"), (21, "Three")]);
        assert_eq!(sentences("").count(), 0);
    }
}
