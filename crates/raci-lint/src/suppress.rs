//! Inline suppressions: HTML comments in the page, which keep a Markdown
//! table rendering (a comment between rows would end it on GitHub).
//!
//! - `<!-- raci-ignore RACI006 -->` before a table silences the rule in that
//!   table (the next one below the comment);
//! - `<!-- raci-ignore RACI006: Back up the databases -->` only in the rows
//!   of that table whose activity starts with the text after the colon
//!   (case and spacing ignored);
//! - `<!-- raci-ignore-file RACI006 -->` anywhere silences it in the file.
//!
//! Rules are named by code, name or code prefix, several separated by commas
//! or spaces; `ALL` names every rule. A suppression that silences nothing,
//! or names no rule, is reported by `unused-suppression` (RACI016).

use raci_diagnostics::Diagnostic;
use raci_model::{Document, Span};

use crate::config::codes_named;
use crate::rules::unused_suppression;
use crate::Config;

const TABLE_FORM: &str = "raci-ignore";
const FILE_FORM: &str = "raci-ignore-file";

/// One rule name as a suppression writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuppressedName {
    /// The name as written.
    pub written: String,
    /// The codes it stands for; `None` when it names no rule.
    pub codes: Option<Vec<&'static str>>,
}

/// What a suppression covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The whole file.
    File,
    /// The table with this index in [`raci_model::SourceFacts::tables`], or
    /// `None` when no table follows the comment.
    Table(Option<usize>),
}

/// One `raci-ignore` comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// Where the comment starts; `len` covers it when it is on one line.
    pub span: Span,
    pub scope: Scope,
    pub names: Vec<SuppressedName>,
    /// Only rows whose activity starts with this (case and spacing ignored).
    pub activity_prefix: Option<String>,
}

/// Every suppression comment of `source`, skipping Markdown code fences.
pub fn suppressions(source: &str, document: &Document) -> Vec<Suppression> {
    let mut found = Vec::new();
    let mut in_fence = false;
    let mut pending: Option<(u32, u32, String)> = None;
    for (index, line) in source.lines().enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let trimmed = line.trim_start();
        if pending.is_none() && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let mut rest = line;
        let mut offset = 0;
        loop {
            if let Some((start_line, column, mut body)) = pending.take() {
                match rest.find("-->") {
                    Some(end) => {
                        body.push(' ');
                        body.push_str(&rest[..end]);
                        if let Some(suppression) =
                            parse(&body, Span::new(start_line, column, 0), document)
                        {
                            found.push(suppression);
                        }
                        offset += end + 3;
                        rest = &rest[end + 3..];
                    }
                    None => {
                        body.push(' ');
                        body.push_str(rest);
                        pending = Some((start_line, column, body));
                        break;
                    }
                }
            }
            let Some(open) = rest.find("<!--") else {
                break;
            };
            let column = line[..offset + open].chars().count() as u32 + 1;
            let after = &rest[open + 4..];
            match after.find("-->") {
                Some(end) => {
                    let len = rest[open..open + 4 + end + 3].chars().count() as u32;
                    if let Some(suppression) =
                        parse(&after[..end], Span::new(number, column, len), document)
                    {
                        found.push(suppression);
                    }
                    offset += open + 4 + end + 3;
                    rest = &after[end + 3..];
                }
                None => {
                    pending = Some((number, column, after.to_owned()));
                    break;
                }
            }
        }
    }
    found
}

/// Reads the inside of one comment, `None` when it is no suppression.
fn parse(body: &str, span: Span, document: &Document) -> Option<Suppression> {
    let body = body.trim();
    let (scope, rest) = if let Some(rest) = word_after(body, FILE_FORM) {
        (Scope::File, rest)
    } else if let Some(rest) = word_after(body, TABLE_FORM) {
        (Scope::Table(table_after(document, span.line)), rest)
    } else {
        return None;
    };
    let rest = if scope == Scope::File {
        rest.trim_start().trim_start_matches(':')
    } else {
        rest
    };
    let (names, prefix) = match rest.split_once(':') {
        Some((names, prefix)) if scope != Scope::File => (names, Some(prefix.trim().to_owned())),
        _ => (rest, None),
    };
    let names = names
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|name| !name.is_empty())
        .map(|name| SuppressedName {
            written: name.to_owned(),
            codes: codes_named(name),
        })
        .collect();
    Some(Suppression {
        span,
        scope,
        names,
        activity_prefix: prefix.filter(|prefix| !prefix.is_empty()),
    })
}

/// What follows `word` in `text` when `text` starts with it as a whole word.
fn word_after<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(word)?;
    (rest.is_empty() || rest.starts_with(char::is_whitespace) || rest.starts_with(':'))
        .then_some(rest)
}

/// Lowercase, with runs of blanks made one space.
fn normalized(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The index of the first table that starts below `line`.
fn table_after(document: &Document, line: u32) -> Option<usize> {
    document
        .facts
        .tables
        .iter()
        .position(|table| table.span.line > line)
}

/// The index of the table `line` is in: the last one starting at or above it.
fn table_of(document: &Document, line: u32) -> Option<usize> {
    document
        .facts
        .tables
        .iter()
        .rposition(|table| table.span.line > 0 && table.span.line <= line)
}

/// The line that places a finding in a table: its activity's row, else its own.
fn line_of(document: &Document, diagnostic: &Diagnostic) -> u32 {
    diagnostic
        .activity
        .as_deref()
        .and_then(|id| document.activities.iter().find(|a| a.id == id))
        .map_or(diagnostic.span.line, |activity| activity.source.line)
}

fn covers(suppression: &Suppression, document: &Document, diagnostic: &Diagnostic) -> bool {
    let named = suppression
        .names
        .iter()
        .flat_map(|name| name.codes.iter().flatten())
        .any(|code| *code == diagnostic.code);
    if !named {
        return false;
    }
    match suppression.scope {
        Scope::File => true,
        Scope::Table(None) => false,
        Scope::Table(Some(table)) => {
            if table_of(document, line_of(document, diagnostic)) != Some(table) {
                return false;
            }
            let Some(prefix) = &suppression.activity_prefix else {
                return true;
            };
            diagnostic
                .activity
                .as_deref()
                .and_then(|id| document.activities.iter().find(|a| a.id == id))
                .is_some_and(|activity| normalized(&activity.text).starts_with(&normalized(prefix)))
        }
    }
}

/// Drops the findings the page's suppressions silence, and reports (as
/// `unused-suppression`, when `config` runs it) each name of a suppression
/// that names no rule or silences nothing. A suppression of a rule `config`
/// does not run is not reported: nobody can tell what it would silence.
pub fn apply(
    source: &str,
    document: &Document,
    config: &Config,
    diagnostics: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let suppressions = suppressions(source, document);
    if suppressions.is_empty() {
        return diagnostics;
    }
    let mut used = vec![Vec::<&'static str>::new(); suppressions.len()];
    let mut kept = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics {
        let mut silenced = false;
        for (index, suppression) in suppressions.iter().enumerate() {
            if covers(suppression, document, &diagnostic) {
                silenced = true;
                let code = crate::find_rule(&diagnostic.code).map(|rule| rule.info().code);
                used[index].extend(code);
            }
        }
        if !silenced {
            kept.push(diagnostic);
        }
    }
    let info = unused_suppression::UnusedSuppression::info_of();
    let Some(severity) = config.severity_of(&info) else {
        return kept;
    };
    for (suppression, used) in suppressions.iter().zip(&used) {
        let runs = |code: &str| {
            crate::find_rule(code).is_some_and(|rule| config.severity_of(&rule.info()).is_some())
        };
        let unused: Vec<&SuppressedName> = suppression
            .names
            .iter()
            .filter(|name| match &name.codes {
                None => true,
                Some(codes) => codes.iter().all(|code| !used.contains(code) && runs(code)),
            })
            .collect();
        if unused.is_empty() && !suppression.names.is_empty() {
            continue;
        }
        let mut diagnostic = unused_suppression::report(&info, suppression, &unused, document);
        diagnostic.severity = severity;
        kept.push(diagnostic);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint_source;

    const PAGE: &str = "\
# Backups

<!-- raci-ignore RACI006: Back up  the databases -->
| Activity | Customer | Provider |
| --- | --- | --- |
| Back up the databases daily | RAI | I |
| Back up the volumes | RAI | I |

<!-- raci-ignore redundant-informed, RACI002 -->

| Activity | Customer | Provider |
| --- | --- | --- |
| Restore a backup | RAI | I |

```markdown
<!-- raci-ignore-file RACI001 -->
```
";

    fn lint_page(page: &str) -> Vec<Diagnostic> {
        let document = raci_ingest::parse(page.as_bytes(), None, Some("page.md")).unwrap();
        lint_source(page, &document, &Config::default())
    }

    fn summary(diagnostics: &[Diagnostic]) -> Vec<String> {
        diagnostics
            .iter()
            .map(|d| format!("{} {} {}", d.span.line, d.code, d.message))
            .collect()
    }

    #[test]
    fn a_suppression_before_a_table_silences_its_rows_or_those_named() {
        let found = summary(&lint_page(PAGE));
        // Line 6 is silenced by the first comment, line 13 by the second;
        // the second's RACI002 silences nothing; the fenced one is an example.
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].starts_with("7 RACI006"), "{found:#?}");
        assert!(
            found[1].starts_with("9 RACI016") && found[1].contains("`RACI002`"),
            "{found:#?}"
        );
    }

    #[test]
    fn a_file_suppression_silences_everywhere_and_unknown_names_are_reported() {
        let page = format!("<!-- raci-ignore-file RACI006 nonsense-rule -->\n{PAGE}");
        let found = summary(&lint_page(&page));
        assert!(
            found.iter().all(|line| !line.contains("RACI006")),
            "{found:#?}"
        );
        let unknown: Vec<_> = found
            .iter()
            .filter(|line| line.contains("nonsense-rule"))
            .collect();
        assert_eq!(unknown.len(), 1, "{found:#?}");
        assert!(unknown[0].starts_with("1 RACI016"), "{found:#?}");
    }

    #[test]
    fn a_suppression_with_no_table_below_silences_nothing() {
        let page = format!("{PAGE}\n<!-- raci-ignore RACI006 -->\n");
        let found = summary(&lint_page(&page));
        assert!(found.last().unwrap().contains("RACI016"), "{found:#?}");
    }

    #[test]
    fn comments_spanning_lines_and_several_per_line_are_read() {
        let document = raci_ingest::parse(PAGE.as_bytes(), None, Some("page.md")).unwrap();
        let text = "<!-- a --> <!-- raci-ignore\n RACI005 -->\n<!-- raci-ignore-file: x -->";
        let found = suppressions(text, &document);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].span.line, 1);
        assert_eq!(found[0].span.column, 12);
        assert_eq!(found[0].names[0].codes, Some(vec!["RACI005"]));
        assert_eq!(found[1].scope, Scope::File);
        assert_eq!(found[1].activity_prefix, None);
        assert!(suppressions("<!-- raci-ignored -->", &document).is_empty());
    }
}
