//! Footnotes: definitions written as paragraphs after a table (`*Can be
//! delegated…`, `*(1) Hypervisors are…*`) and the marks that point to them
//! (`RA*`, `(operators*)`, `(1)`).

use raci_model::{Document, Footnote, FootnoteMark, Span};

#[derive(Debug, Default)]
pub(super) struct Collector {
    definitions: Vec<Footnote>,
    /// First line of every matrix table, in order: a `*` mark points to the
    /// definition after its own table, before the next one.
    table_lines: Vec<u32>,
}

impl Collector {
    pub fn table_starts(&mut self, line: u32) {
        self.table_lines.push(line);
    }

    /// Reads the footnote definitions a paragraph holds, one per line; returns
    /// whether the paragraph was footnotes.
    pub fn read_definitions(&mut self, raw: &str, span: Span) -> bool {
        let mut found = false;
        for (offset, line) in raw.lines().enumerate() {
            if let Some((mark, text)) = definition(line.trim()) {
                self.definitions.push(Footnote {
                    mark,
                    text,
                    span: Span::new(
                        span.line + offset as u32,
                        // Later lines of a paragraph start at its left edge.
                        if offset == 0 { span.column } else { 1 },
                        line.trim().chars().count() as u32,
                    ),
                    uses: 0,
                });
                found = true;
            }
        }
        found
    }

    /// The marks of a cell, not yet resolved.
    pub fn marks(&self, marks: &[String], span: Span) -> Vec<FootnoteMark> {
        marks
            .iter()
            .map(|mark| FootnoteMark {
                mark: mark.clone(),
                span,
                resolved: false,
            })
            .collect()
    }

    /// Points every mark to its definition, adds the definition's text to the
    /// activity's notes, and hands the definitions to the document.
    pub fn resolve(mut self, document: &mut Document) {
        for activity in &mut document.activities {
            let row = &mut activity.row;
            let marks = row
                .cells
                .iter_mut()
                .flat_map(|cell| cell.marks.iter_mut())
                .chain(row.text_marks.iter_mut());
            for mark in marks {
                let Some(index) = find(&self.definitions, &self.table_lines, mark) else {
                    continue;
                };
                let footnote = &mut self.definitions[index];
                footnote.uses += 1;
                mark.resolved = true;
                if !activity.notes.contains(&footnote.text) {
                    activity.notes.push(footnote.text.clone());
                }
            }
        }
        document.facts.footnotes = self.definitions;
    }
}

/// The definition a mark points to: a numbered mark to the definition with
/// its number; a star mark to the first definition with as many stars after
/// the mark and before the next table.
fn find(definitions: &[Footnote], table_lines: &[u32], mark: &FootnoteMark) -> Option<usize> {
    let line = mark.span.line;
    if !mark.mark.starts_with('*') {
        return definitions
            .iter()
            .position(|d| d.mark == mark.mark && d.span.line > line)
            .or_else(|| definitions.iter().position(|d| d.mark == mark.mark));
    }
    let next_table = table_lines
        .iter()
        .copied()
        .find(|&start| start > line)
        .unwrap_or(u32::MAX);
    definitions
        .iter()
        .position(|d| d.mark == mark.mark && d.span.line > line && d.span.line < next_table)
}

/// Reads one footnote definition line: `*text`, `**text`, `(1) text`,
/// `*(1) text*`, `¹ text`. An emphasised sentence (`*text*`) is not one.
fn definition(line: &str) -> Option<(String, String)> {
    // `*(1) text*` is an emphasised numbered footnote, possibly with its
    // closing star on a later line.
    let unstarred = line
        .strip_prefix('*')
        .filter(|l| l.starts_with('('))
        .unwrap_or(line);
    if let Some(rest) = unstarred.strip_prefix('(') {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if (1..=3).contains(&digits) && rest[digits..].starts_with(')') {
            let text = clean(&rest[digits + 1..]);
            return (!text.is_empty()).then(|| (format!("({})", &rest[..digits]), text));
        }
        return None;
    }
    if let Some(first) = line.chars().next().filter(|c| matches!(c, '¹' | '²' | '³')) {
        let text = clean(&line[first.len_utf8()..]);
        return (!text.is_empty()).then(|| (first.to_string(), text));
    }
    let escaped = line.strip_prefix('\\').unwrap_or(line);
    let stars = escaped.len() - escaped.trim_start_matches('*').len();
    let body = &escaped[stars..];
    let is_emphasis = line.trim_end().ends_with('*') && !line.starts_with('\\');
    // `**Bold words** go on` is emphasis, not a `**` footnote.
    let is_bold = stars >= 2 && body.contains("**");
    if stars == 0 || stars > 3 || body.starts_with(char::is_whitespace) || is_emphasis || is_bold {
        return None;
    }
    let text = clean(body);
    (!text.is_empty()).then(|| ("*".repeat(stars), text))
}

fn clean(text: &str) -> String {
    crate::markdown::collapse_spaces(&text.replace("**", "").replace("__", ""))
        .trim_end_matches('*')
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::definition;

    #[test]
    fn reads_definitions_in_the_forms_pages_use() {
        assert_eq!(
            definition("*May be delegated."),
            Some(("*".into(), "May be delegated.".into()))
        );
        assert_eq!(
            definition("*(2) Images are built by us.*"),
            Some(("(2)".into(), "Images are built by us.".into()))
        );
        assert_eq!(
            definition("(3) Plain."),
            Some(("(3)".into(), "Plain.".into()))
        );
        assert_eq!(
            definition("*(4) Closed on a later line"),
            Some(("(4)".into(), "Closed on a later line".into()))
        );
        assert_eq!(
            definition("**Bold note"),
            Some(("**".into(), "Bold note".into()))
        );
    }

    #[test]
    fn emphasis_and_lists_are_not_definitions() {
        assert_eq!(definition("*An emphasised sentence.*"), None);
        assert_eq!(definition("* a list item"), None);
        assert_eq!(definition("Plain prose."), None);
        assert_eq!(definition("**Important:** read this"), None);
        assert_eq!(definition("**\\***: a trademark notice"), None);
        assert_eq!(definition("(see above) text"), None);
    }
}
