use raci_model::Document;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{OrgRef, RolesView};

/// A service of a provider's catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ServiceView {
    pub id: i64,
    pub provider: OrgRef,
    pub slug: String,
    pub name: String,
    pub created_at: i64,
    /// How many editions are published.
    pub editions: i64,
    /// The latest edition, once one is published.
    pub latest_edition: Option<EditionRef>,
}

/// An edition named where another resource points at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EditionRef {
    pub id: i64,
    pub number: i64,
}

/// One published edition of a service's matrix, without the matrix (read
/// it with `GET /services/{id}/editions/{number}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EditionView {
    pub id: i64,
    pub service: i64,
    /// 1, 2, … in publication order.
    pub number: i64,
    pub published_at: i64,
    /// Hex sha256 of the canonical JSON document.
    pub content_hash: String,
    /// The document's own title, language and edition date, when it says them.
    pub title: Option<String>,
    pub language: Option<String>,
    pub date: Option<String>,
    /// Party names as the matrix's column headers spell them.
    pub parties: Vec<String>,
    /// How many activities (rows) the matrix has.
    pub activities: usize,
}

impl EditionView {
    pub(crate) fn of(e: &raci_store::Edition, doc: &Document) -> Self {
        EditionView {
            id: e.id,
            service: e.service,
            number: e.number,
            published_at: e.published_at,
            content_hash: e.content_hash.clone(),
            title: doc.title.clone(),
            language: doc.language.clone(),
            date: doc.edition.clone(),
            parties: doc.parties.clone(),
            activities: doc.activities.len(),
        }
    }
}

/// A matrix in the canonical `raci/v1` form (see the product's JSON contract).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DocumentView {
    /// Always `raci/v1`.
    pub schema: String,
    pub title: Option<String>,
    pub language: Option<String>,
    pub edition: Option<String>,
    pub parties: Vec<String>,
    pub activities: Vec<ActivityView>,
}

/// One row of a matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ActivityView {
    /// Stable within the document (a slug of the text, made unique).
    pub id: String,
    /// Headings above the row, outermost first.
    pub section: Vec<String>,
    pub text: String,
    /// Each party's letters, in the order R A S C I; a party with none is left out.
    #[schema(value_type = std::collections::HashMap<String, String>)]
    pub roles: RolesView,
    pub notes: Vec<String>,
    pub source: SourceView,
}

/// Where a row stands in the published source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SourceView {
    pub line: u32,
    /// Omitted when 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
}

impl From<&raci_model::Activity> for ActivityView {
    fn from(a: &raci_model::Activity) -> Self {
        ActivityView {
            id: a.id.clone(),
            section: a.section.clone(),
            text: a.text.clone(),
            roles: super::roles_view(&a.roles),
            notes: a.notes.clone(),
            source: SourceView {
                line: a.source.line,
                column: (a.source.column != 1).then_some(a.source.column),
            },
        }
    }
}

impl From<&Document> for DocumentView {
    fn from(d: &Document) -> Self {
        DocumentView {
            schema: d.schema.clone(),
            title: d.title.clone(),
            language: d.language.clone(),
            edition: d.edition.clone(),
            parties: d.parties.clone(),
            activities: d.activities.iter().map(ActivityView::from).collect(),
        }
    }
}

/// Counts of a diff between two editions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DiffSummary {
    pub unchanged: usize,
    pub changed: usize,
    /// Changed activities whose roles changed.
    pub role_changes: usize,
    pub added: usize,
    pub removed: usize,
}

/// What publishing changed, beside the edition itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PublishChanges {
    /// The number of the edition the diff is against.
    pub previous: i64,
    pub summary: DiffSummary,
    /// How many change notices were sent (one per subscription).
    pub notices: usize,
}

/// A published edition and, from the second one on, what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PublishedView {
    pub edition: EditionView,
    pub changes: Option<PublishChanges>,
    /// Warning- and info-level lint findings, which do not refuse a matrix.
    pub findings: Vec<crate::LintFinding>,
}

/// How an activity changed between two editions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Unchanged,
    Changed,
    Added,
    Removed,
}

/// One party's letters before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RoleChangeView {
    pub party: String,
    /// The letters before (empty: none).
    pub old: String,
    pub new: String,
}

/// One aligned pair of activities of a diff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DiffChangeView {
    pub kind: ChangeKind,
    pub old: Option<ActivityView>,
    pub new: Option<ActivityView>,
    /// How sure the alignment is, 0 to 1.
    pub score: f32,
    /// Parties whose letters differ.
    #[serde(default)]
    pub roles: Vec<RoleChangeView>,
    #[serde(default)]
    pub text_changed: bool,
    #[serde(default)]
    pub section_changed: bool,
    /// Further old rows merged into the new one (their ids).
    #[serde(default)]
    pub merged: Vec<String>,
    /// Further new rows the old one was split into (their ids).
    #[serde(default)]
    pub split: Vec<String>,
    /// What the alignment rests on, in words.
    #[serde(default)]
    pub evidence: Vec<String>,
}

/// The diff of an edition against the one before it, computed on publish.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct EditionDiffView {
    pub edition: i64,
    pub number: i64,
    pub previous_number: i64,
    pub summary: DiffSummary,
    pub changes: Vec<DiffChangeView>,
}
