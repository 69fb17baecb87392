//! Builds documents with source facts tersely, for the rules' unit tests.
//!
//! Rows are laid out as a Markdown table would write them,
//! `| text | cell | cell |`, one line each from line 10, so every span is
//! the one a parser would give.

use raci_diagnostics::Diagnostic;
use raci_model::{
    assign_ids, Activity, Document, FootnoteMark, RoleCell, RowFacts, SourceFacts, Span, TableFacts,
};

use crate::Rule;

/// The line of the first row.
pub(crate) const FIRST_ROW_LINE: u32 = 10;

pub(crate) struct DocumentBuilder {
    document: Document,
    section: Vec<String>,
    next_line: u32,
}

/// A document with these parties (the first table's header) and no row yet.
pub(crate) fn document(parties: &[&str]) -> DocumentBuilder {
    let mut document = Document::new();
    document.parties = parties.iter().map(|party| party.to_string()).collect();
    document.facts.format = "markdown".into();
    document.facts.tables.push(TableFacts {
        span: Span::new(FIRST_ROW_LINE - 2, 1, 0),
        parties: document.parties.clone(),
        columns: parties.len() + 1,
    });
    DocumentBuilder {
        document,
        section: Vec::new(),
        next_line: FIRST_ROW_LINE,
    }
}

impl DocumentBuilder {
    pub(crate) fn title(mut self, title: &str) -> Self {
        self.document.title = Some(title.into());
        self
    }

    /// The section the next rows are in.
    pub(crate) fn section(mut self, path: &[&str]) -> Self {
        self.section = path.iter().map(|title| title.to_string()).collect();
        self
    }

    /// A row: the activity text, then each party's cell as written (`RA`,
    /// `IR*`, ``). Trailing `*` are footnote marks, resolved.
    pub(crate) fn row(mut self, text: &str, cells: &[&str]) -> Self {
        let line = self.next_line;
        self.next_line += 1;
        let width = |text: &str| text.chars().count() as u32;
        let mut column = 3 + width(text) + 3;
        let mut activity = Activity {
            section: self.section.clone(),
            text: text.into(),
            source: Span::line(line),
            row: RowFacts {
                cell_count: 1 + cells.len(),
                expected_cells: 1 + self.document.parties.len(),
                text_span: Span::new(line, 3, width(text)),
                ..RowFacts::default()
            },
            ..Activity::default()
        };
        for (party, raw) in cells.iter().enumerate() {
            let body = raw.trim_end_matches('*');
            let (roles, unknown) = raci_model::Roles::parse_lenient(body);
            let span = Span::new(line, column, width(raw));
            let marks = if body.len() < raw.len() {
                vec![FootnoteMark {
                    mark: raw[body.len()..].into(),
                    span: Span::new(line, column + width(body), width(&raw[body.len()..])),
                    resolved: true,
                }]
            } else {
                Vec::new()
            };
            activity.row.cells.push(RoleCell {
                party,
                raw: raw.to_string(),
                span,
                marks,
                unknown,
            });
            if let Some(name) = self.document.parties.get(party) {
                if !roles.is_empty() {
                    activity.roles.insert(name.clone(), roles);
                }
            }
            column += width(raw) + 3;
        }
        self.document.activities.push(activity);
        self
    }

    /// Changes the facts of the last row.
    pub(crate) fn with_row(mut self, change: impl FnOnce(&mut Activity)) -> Self {
        if let Some(activity) = self.document.activities.last_mut() {
            change(activity);
        }
        self
    }

    /// Changes the facts of the whole source.
    pub(crate) fn with_facts(mut self, change: impl FnOnce(&mut SourceFacts)) -> Self {
        change(&mut self.document.facts);
        self
    }

    pub(crate) fn build(mut self) -> Document {
        assign_ids(&mut self.document);
        self.document
    }
}

/// What `rule` finds in `document`.
pub(crate) fn check(rule: &dyn Rule, document: &Document) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    rule.check(document, &mut found);
    found
}

/// The document as canonical JSON would give it back: the same rows, no facts.
pub(crate) fn without_facts(document: &Document) -> Document {
    Document::from_json(&document.to_json()).expect("a built document is valid")
}
