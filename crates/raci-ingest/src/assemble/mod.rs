//! Turns a reader's blocks into the canonical document: sections from the
//! headings, matrices from the tables (legends and other tables set apart),
//! roles from the cells, footnotes resolved, ids assigned.

mod attribution;
mod classify;
mod footnotes;
mod language;
mod sections;

use raci_model::{
    assign_ids, Activity, Attribution, Document, FootnoteMark, Prose, RoleCell, RowFacts,
    TableFacts,
};

use crate::blocks::{Block, Layout, Parsed, Row, Table};
use crate::cells::{marks_in_text, read_role_cell};
use crate::detect::InputFormat;
use classify::TableKind;
use sections::SectionStack;

pub(crate) fn assemble(parsed: Parsed, format: InputFormat) -> Document {
    let mut document = Document::new();
    document.title = parsed.meta.title;
    document.edition = parsed.meta.edition;
    document.facts.format = format.name().to_owned();
    let mut builder = Builder {
        document,
        sections: SectionStack::default(),
        footnotes: footnotes::Collector::default(),
        given_ids: Vec::new(),
    };
    for block in parsed.blocks {
        builder.block(block);
    }
    let mut document = builder.finish();
    document.language = parsed.meta.language.or_else(|| language::detect(&document));
    document
}

struct Builder {
    document: Document,
    sections: SectionStack,
    footnotes: footnotes::Collector,
    /// Ids the source gave, by activity index; they win over generated ones.
    given_ids: Vec<(usize, String)>,
}

impl Builder {
    fn block(&mut self, block: Block) {
        match block {
            Block::Heading { level: 1, text, .. } if self.document.title.is_none() => {
                self.document.title = Some(text);
            }
            Block::Heading { level: 1, .. } => {}
            Block::Heading { level, text, span } => {
                if let Some(path) = self.sections.push(level, &text) {
                    self.document
                        .facts
                        .headings
                        .push(raci_model::Heading { path, span });
                }
            }
            Block::Section { path, span } => {
                if let Some(path) = self.sections.set(&path) {
                    self.document
                        .facts
                        .headings
                        .push(raci_model::Heading { path, span });
                }
            }
            Block::Paragraph { text, raw, span } => {
                if !self.footnotes.read_definitions(&raw, span) {
                    self.document.facts.prose.push(Prose { text, span });
                }
            }
            Block::Table(table) => match classify::classify(&table) {
                TableKind::Legend(letters) => {
                    self.document
                        .facts
                        .legend
                        .get_or_insert(raci_model::Legend {
                            span: table.span,
                            letters,
                        });
                }
                TableKind::Matrix => self.matrix(table),
                TableKind::Other => {}
            },
        }
    }

    fn matrix(&mut self, table: Table) {
        let parties: Vec<String> = table
            .header
            .iter()
            .skip(1)
            .map(|c| c.text.clone())
            .collect();
        if self.document.parties.is_empty() {
            self.document.parties = parties.clone();
        }
        self.document.facts.tables.push(TableFacts {
            span: table.span,
            parties,
            columns: table.header_cells.max(table.header.len()),
        });
        self.footnotes.table_starts(table.span.line);
        let expected_cells = table.header.len();
        for row in table.rows {
            self.row(row, expected_cells, table.layout);
        }
    }

    fn row(&mut self, row: Row, expected_cells: usize, layout: Layout) {
        let Some((text_cell, role_cells)) = row.cells.split_first() else {
            self.document.facts.empty_rows.push(row.span);
            return;
        };
        if row.cells.iter().all(|cell| cell.text.trim().is_empty()) {
            self.document.facts.empty_rows.push(row.span);
            return;
        }
        let (text, text_marks) = marks_in_text(&text_cell.text);
        let party_count = self.document.parties.len();
        let read: Vec<_> = role_cells
            .iter()
            .map(|cell| read_role_cell(&cell.text))
            .collect();
        // Which party each role cell belongs to.
        let (columns, attribution) = match layout {
            Layout::Flattened if role_cells.len() < party_count => {
                let section = self.sections.path();
                let attribution = attribution::attribute(
                    &text,
                    section.last().map(String::as_str),
                    &read,
                    &self.document.parties,
                );
                (attribution.parties.clone(), Some(attribution))
            }
            _ => ((0..role_cells.len()).collect(), None),
        };
        // The reader's own doubt about the letters makes the row doubtful too.
        let attribution = match (attribution, row.doubt) {
            (attribution, None) => attribution,
            (Some(mut attribution), Some(doubt)) => {
                attribution.reasoning = format!("{}; {doubt}", attribution.reasoning);
                attribution.doubtful = true;
                Some(attribution)
            }
            (None, Some(doubt)) => Some(Attribution {
                parties: columns.clone(),
                reasoning: doubt,
                doubtful: true,
            }),
        };
        let mut activity = Activity {
            section: self.sections.path(),
            text,
            notes: row.notes,
            source: row.span,
            ..Activity::default()
        };
        if let Some(id) = row.id.filter(|id| !id.trim().is_empty()) {
            self.given_ids
                .push((self.document.activities.len(), id.trim().to_owned()));
        }
        let mut cells = Vec::new();
        for ((cell, parsed), party) in role_cells.iter().zip(read).zip(columns) {
            let Some(party_name) = self.document.parties.get(party) else {
                continue; // a cell past the header: the malformed-row rule reports it
            };
            if !parsed.roles.is_empty() {
                let roles = activity.roles.entry(party_name.clone()).or_default();
                for role in parsed.roles.iter() {
                    roles.insert(role);
                }
            }
            let marks = self.footnotes.marks(&parsed.marks, cell.span);
            cells.push(RoleCell {
                party,
                raw: cell.text.trim().to_owned(),
                span: cell.span,
                marks,
                unknown: parsed.unknown,
            });
        }
        // Keep the roles in party order, whatever order the cells came in.
        let order = &self.document.parties;
        activity
            .roles
            .sort_by_cached_key(|party, _| order.iter().position(|p| p == party));
        let text_marks: Vec<FootnoteMark> = self.footnotes.marks(&text_marks, text_cell.span);
        activity.row = RowFacts {
            cells,
            cell_count: row.cell_count,
            expected_cells: match layout {
                Layout::Positional => expected_cells,
                // A flattened row lost its empty cells: only too many is a defect.
                Layout::Flattened => row.cell_count.min(expected_cells),
            },
            attribution,
            text_marks,
            text_span: text_cell.span,
        };
        self.document.activities.push(activity);
    }

    fn finish(mut self) -> Document {
        self.footnotes.resolve(&mut self.document);
        assign_ids(&mut self.document);
        for (index, id) in self.given_ids {
            if let Some(activity) = self.document.activities.get_mut(index) {
                activity.id = id;
            }
        }
        self.document
    }
}
