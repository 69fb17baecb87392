use raci_diagnostics::{Diagnostic, Fix, RuleInfo, Severity};
use raci_model::{Document, Span};

use crate::config::closest_rule;
use crate::suppress::{Scope, SuppressedName, Suppression};
use crate::Rule;

macro_rules! explanation {
    () => {
        r#"## What it does
Finds `raci-ignore` comments that silence nothing: the rule they name found
nothing where they apply, no table follows them, or the name is no rule's.

## Why is this bad?
A suppression outlives the finding it was written for. Left in place, it
would silently hide the next real defect of that kind in the table, and a
misspelt rule name silences nothing while looking as if it did.

## Example
```markdown
<!-- raci-ignore RACI006 -->
| **Activity** | **Customer** | **Provider** |
| --- | --- | --- |
| Choose the data centre | RA | I |
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

/// Reported by the suppression pass (`suppress.rs`), which alone sees the
/// comments: [`Rule::check`] finds nothing in a document by itself.
#[doc = explanation!()]
pub(crate) struct UnusedSuppression;

const EXPLANATION: &str = explanation!();

impl UnusedSuppression {
    /// The rule's description, for the suppression pass.
    pub(crate) fn info_of() -> RuleInfo {
        UnusedSuppression.info()
    }
}

impl Rule for UnusedSuppression {
    fn info(&self) -> RuleInfo {
        RuleInfo {
            code: Self::CODE,
            name: "unused-suppression",
            summary: "A `raci-ignore` comment silences nothing.",
            explanation: EXPLANATION,
            default_severity: Severity::Warning,
        }
    }

    fn fix(&self) -> Option<raci_diagnostics::Applicability> {
        Some(raci_diagnostics::Applicability::Safe)
    }

    fn check(&self, _document: &Document, _out: &mut Vec<Diagnostic>) {}
}

/// The finding for the `unused` names of `suppression` (all of them when it
/// names none), with a fix that drops them when the comment is on one line.
pub(crate) fn report(
    info: &RuleInfo,
    suppression: &Suppression,
    unused: &[&SuppressedName],
    document: &Document,
) -> Diagnostic {
    let why = |name: &SuppressedName| match &name.codes {
        None => match closest_rule(&name.written) {
            Some(close) => format!("`{}` names no rule (did you mean `{close}`?)", name.written),
            None => format!("`{}` names no rule", name.written),
        },
        Some(_) => match suppression.scope {
            Scope::File => format!("`{}` found nothing in the file", name.written),
            Scope::Table(None) => {
                format!("no table follows, so `{}` silences nothing", name.written)
            }
            Scope::Table(Some(table)) => {
                let line = document.facts.tables[table].span.line;
                match &suppression.activity_prefix {
                    Some(prefix) => format!(
                        "`{}` found nothing in the rows starting with `{prefix}` of the table at line {line}",
                        name.written
                    ),
                    None => format!(
                        "`{}` found nothing in the table at line {line}",
                        name.written
                    ),
                }
            }
        },
    };
    let message = if suppression.names.is_empty() {
        "`raci-ignore` names no rule: write the codes or names to silence".to_owned()
    } else {
        let reasons: Vec<String> = unused.iter().map(|name| why(name)).collect();
        format!("unused suppression: {}", reasons.join("; "))
    };
    let diagnostic = info.diagnostic(suppression.span, message);
    match fix(suppression, unused) {
        Some(fix) => diagnostic.with_fix(fix),
        None => diagnostic.with_help("remove the comment, or the names that silence nothing"),
    }
}

/// Rewrites a one-line comment without the unused names, or removes it.
fn fix(suppression: &Suppression, unused: &[&SuppressedName]) -> Option<Fix> {
    if suppression.span.len == 0 {
        return None;
    }
    let kept: Vec<&str> = suppression
        .names
        .iter()
        .filter(|name| !unused.contains(name))
        .map(|name| name.written.as_str())
        .collect();
    let span = Span::new(
        suppression.span.line,
        suppression.span.column,
        suppression.span.len,
    );
    if kept.is_empty() {
        return Some(Fix::safe("remove the suppression", span, ""));
    }
    let form = match suppression.scope {
        Scope::File => "raci-ignore-file",
        Scope::Table(_) => "raci-ignore",
    };
    let prefix = suppression
        .activity_prefix
        .as_ref()
        .map(|prefix| format!(": {prefix}"))
        .unwrap_or_default();
    Some(Fix::safe(
        format!("keep only {}", kept.join(", ")),
        span,
        format!("<!-- {form} {}{prefix} -->", kept.join(", ")),
    ))
}
