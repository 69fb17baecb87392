//! The canonical document: parties, activities in their sections, and the
//! facts about the source that lint rules need but the JSON contract leaves out.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Roles, Span};

/// The schema tag every canonical document carries.
pub const SCHEMA: &str = "raci/v1";

/// A responsibility matrix in its canonical form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "raci/v1 document")]
pub struct Document {
    /// Always `raci/v1`.
    #[schemars(extend("const" = "raci/v1"))]
    pub schema: String,
    pub title: Option<String>,
    pub language: Option<String>,
    pub edition: Option<String>,
    /// Party names as the column headers spell them, in column order.
    pub parties: Vec<String>,
    pub activities: Vec<Activity>,
    /// What the source looked like; empty for a document read from canonical JSON or YAML.
    #[serde(skip)]
    pub facts: SourceFacts,
}

/// One row of the matrix.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Activity {
    pub id: String,
    /// Headings above the row, outermost first.
    pub section: Vec<String>,
    pub text: String,
    /// The roles of each party that has any, in party order.
    pub roles: IndexMap<String, Roles>,
    /// Footnotes that apply to the row, resolved to their text.
    #[serde(default)]
    pub notes: Vec<String>,
    pub source: Span,
    #[serde(skip)]
    pub row: RowFacts,
}

/// How a row was written in the source.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowFacts {
    /// The role cells as written, markup removed, one per party column found.
    pub cells: Vec<RoleCell>,
    /// Cells the row has, the activity cell included.
    pub cell_count: usize,
    /// Cells the table header has.
    pub expected_cells: usize,
    /// Set when the source did not say which column a group of letters was in.
    pub attribution: Option<Attribution>,
    /// Footnote marks found in the activity text.
    pub text_marks: Vec<FootnoteMark>,
    /// Span of the activity text.
    pub text_span: Span,
}

/// One role cell as written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RoleCell {
    /// Index of the party in [`Document::parties`].
    pub party: usize,
    /// The cell's text, markup removed and trimmed, footnote marks included.
    pub raw: String,
    pub span: Span,
    /// Footnote marks found in the cell (`*`, `(1)`).
    pub marks: Vec<FootnoteMark>,
    /// Characters that are not letters of the alphabet.
    pub unknown: Vec<char>,
}

/// How groups of letters with no known column were given to parties.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attribution {
    /// The parties the row's groups were given to, by index.
    pub parties: Vec<usize>,
    /// Why, in a sentence.
    pub reasoning: String,
    /// True when the choice rests only on a guess.
    pub doubtful: bool,
}

impl Attribution {
    /// Every order-keeping way to put `groups` groups of letters into
    /// `parties` columns (none when there are more groups than columns, or so
    /// many columns that the ways would explode).
    pub fn placements(groups: usize, parties: usize) -> Vec<Vec<usize>> {
        fn extend(
            start: usize,
            left: usize,
            parties: usize,
            current: &mut Vec<usize>,
            out: &mut Vec<Vec<usize>>,
        ) {
            if left == 0 {
                out.push(current.clone());
                return;
            }
            for party in start..=parties.saturating_sub(left) {
                current.push(party);
                extend(party + 1, left - 1, parties, current, out);
                current.pop();
            }
        }
        let mut out = Vec::new();
        if groups <= parties && parties <= 8 {
            extend(0, groups, parties, &mut Vec::new(), &mut out);
        }
        out
    }
}

/// A footnote mark used in a row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FootnoteMark {
    /// The mark as written: `*`, `**`, `(1)`, `¹`.
    pub mark: String,
    pub span: Span,
    /// Whether a footnote with that mark was found for it.
    pub resolved: bool,
}

/// Facts about the whole source.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceFacts {
    /// The input format the document was read from (`markdown`, `web-text`…).
    pub format: String,
    /// Every matrix table's header, in order.
    pub tables: Vec<TableFacts>,
    /// Every heading, outermost first, with where it stands.
    pub headings: Vec<Heading>,
    /// Footnote definitions, with how many marks resolved to each.
    pub footnotes: Vec<Footnote>,
    /// Rows with no text and no roles.
    pub empty_rows: Vec<Span>,
    /// Paragraphs of prose outside the tables.
    pub prose: Vec<Prose>,
    /// Where the table defining the role letters stands, and the letters it defines.
    pub legend: Option<Legend>,
}

/// The header of one matrix table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableFacts {
    pub span: Span,
    /// The party columns' names as this table spells them.
    pub parties: Vec<String>,
    /// The header's cells as the source writes them, those past the bound a
    /// reader keeps included (0 where the reader does not count them).
    pub columns: usize,
}

/// A heading of the document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Heading {
    pub path: Vec<String>,
    pub span: Span,
}

/// A footnote definition.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Footnote {
    pub mark: String,
    pub text: String,
    pub span: Span,
    /// How many marks resolved to this footnote.
    pub uses: usize,
}

/// A paragraph of prose.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prose {
    pub text: String,
    pub span: Span,
}

/// The legend that defines the role letters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Legend {
    pub span: Span,
    /// The letters it defines, in the order it lists them.
    pub letters: String,
}

impl Document {
    /// An empty document with the schema tag set.
    pub fn new() -> Document {
        Document {
            schema: SCHEMA.to_owned(),
            ..Document::default()
        }
    }

    /// The roles of party `party` (by index) for `activity`, none when it has none.
    pub fn roles_of(&self, activity: &Activity, party: usize) -> Roles {
        self.parties
            .get(party)
            .and_then(|name| activity.roles.get(name))
            .copied()
            .unwrap_or_default()
    }
}

impl Activity {
    /// The roles of every party that has one, with the party's name.
    pub fn role_entries(&self) -> impl Iterator<Item = (&str, Roles)> {
        self.roles
            .iter()
            .map(|(party, roles)| (party.as_str(), *roles))
    }

    /// The section's innermost heading, if any.
    pub fn section_name(&self) -> Option<&str> {
        self.section.last().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::Attribution;

    #[test]
    fn placements_keep_column_order() {
        assert_eq!(Attribution::placements(1, 2), vec![vec![0], vec![1]]);
        assert_eq!(
            Attribution::placements(2, 3),
            vec![vec![0, 1], vec![0, 2], vec![1, 2]]
        );
        assert!(Attribution::placements(2, 20).is_empty());
        assert!(Attribution::placements(3, 2).is_empty());
    }
}
