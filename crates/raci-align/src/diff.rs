//! What changed between two aligned documents, activity by activity, with
//! role changes per party (`Customer: RA → —`, `OVHcloud: — → RA`).

use raci_model::text::fold;
use raci_model::{Activity, Document, Roles};
use serde::Serialize;

use crate::align::Alignment;

/// How an aligned activity changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Unchanged,
    Changed,
    Added,
    Removed,
}

/// One party's roles before and after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleChange {
    /// The party as the new document names it (the old name where it has no counterpart).
    pub party: String,
    pub old: Roles,
    pub new: Roles,
}

impl RoleChange {
    /// `Customer: RA → —`.
    pub fn describe(&self) -> String {
        format!(
            "{}: {} → {}",
            self.party,
            roles_or_dash(self.old),
            roles_or_dash(self.new)
        )
    }
}

/// `RA`, or `—` for no role.
pub fn roles_or_dash(roles: Roles) -> String {
    if roles.is_empty() {
        "—".to_owned()
    } else {
        roles.to_string()
    }
}

/// One entry of the diff.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub old: Option<Activity>,
    pub new: Option<Activity>,
    pub score: f32,
    /// Parties whose roles differ.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleChange>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub text_changed: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub section_changed: bool,
    /// Further old rows merged into the new one (their ids).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
    /// Further new rows the old one was split into (their ids).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub split: Vec<String>,
    pub evidence: Vec<String>,
}

/// What identifies a document in a diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DocumentHeader {
    pub title: Option<String>,
    pub language: Option<String>,
    pub edition: Option<String>,
}

impl DocumentHeader {
    pub fn of(document: &Document) -> DocumentHeader {
        DocumentHeader {
            title: document.title.clone(),
            language: document.language.clone(),
            edition: document.edition.clone(),
        }
    }
}

/// The diff of two documents.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diff {
    pub old: DocumentHeader,
    pub new: DocumentHeader,
    pub changes: Vec<Change>,
}

impl Diff {
    /// Whether any party's roles changed, or an activity came or went.
    pub fn roles_changed(&self) -> bool {
        self.changes.iter().any(|c| {
            !c.roles.is_empty() || matches!(c.kind, ChangeKind::Added | ChangeKind::Removed)
        })
    }

    /// Whether anything at all changed.
    pub fn any_change(&self) -> bool {
        self.changes.iter().any(|c| c.kind != ChangeKind::Unchanged)
    }
}

/// The diff of `old` and `new` along `alignment`.
pub fn diff(old: &Document, new: &Document, alignment: &Alignment) -> Diff {
    let changes = alignment
        .pairs
        .iter()
        .map(|pair| {
            let old_activity = pair.old.first().map(|i| &old.activities[*i]);
            let new_activity = pair.new.first().map(|j| &new.activities[*j]);
            let mut change = Change {
                kind: ChangeKind::Unchanged,
                old: old_activity.cloned(),
                new: new_activity.cloned(),
                score: pair.score,
                roles: Vec::new(),
                text_changed: false,
                section_changed: false,
                merged: pair
                    .old
                    .iter()
                    .skip(1)
                    .map(|i| old.activities[*i].id.clone())
                    .collect(),
                split: pair
                    .new
                    .iter()
                    .skip(1)
                    .map(|j| new.activities[*j].id.clone())
                    .collect(),
                evidence: pair.evidence.clone(),
            };
            match (old_activity, new_activity) {
                (Some(a), Some(b)) => {
                    change.roles = role_changes(old, a, new, b, alignment);
                    if !alignment.cross_language {
                        change.text_changed = fold(&a.text) != fold(&b.text);
                        change.section_changed = a
                            .section
                            .iter()
                            .map(|s| fold(s))
                            .ne(b.section.iter().map(|s| fold(s)));
                    } else {
                        change.section_changed = section_number(a) != section_number(b);
                    }
                    let grouped = !change.merged.is_empty() || !change.split.is_empty();
                    if grouped
                        || change.text_changed
                        || change.section_changed
                        || !change.roles.is_empty()
                    {
                        change.kind = ChangeKind::Changed;
                    }
                }
                (Some(_), None) => change.kind = ChangeKind::Removed,
                (None, Some(_)) => change.kind = ChangeKind::Added,
                (None, None) => {}
            }
            change
        })
        .collect();
    Diff {
        old: DocumentHeader::of(old),
        new: DocumentHeader::of(new),
        changes,
    }
}

fn section_number(activity: &Activity) -> Option<&str> {
    let section = activity.section.last()?;
    let end = section
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(section.len());
    let number = section[..end].trim_end_matches('.');
    (!number.is_empty()).then_some(number)
}

/// The parties whose roles differ, matched parties first, then parties
/// only one side has.
fn role_changes(
    old: &Document,
    a: &Activity,
    new: &Document,
    b: &Activity,
    alignment: &Alignment,
) -> Vec<RoleChange> {
    let mut changes = Vec::new();
    for (o, n) in &alignment.parties.pairs {
        let (before, after) = (old.roles_of(a, *o), new.roles_of(b, *n));
        if before != after {
            changes.push(RoleChange {
                party: new.parties[*n].clone(),
                old: before,
                new: after,
            });
        }
    }
    for (o, party) in old.parties.iter().enumerate() {
        if alignment.parties.new_of(o).is_none() && !old.roles_of(a, o).is_empty() {
            changes.push(RoleChange {
                party: party.clone(),
                old: old.roles_of(a, o),
                new: Roles::NONE,
            });
        }
    }
    for (n, party) in new.parties.iter().enumerate() {
        if alignment.parties.old_of(n).is_none() && !new.roles_of(b, n).is_empty() {
            changes.push(RoleChange {
                party: party.clone(),
                old: Roles::NONE,
                new: new.roles_of(b, n),
            });
        }
    }
    changes
}
