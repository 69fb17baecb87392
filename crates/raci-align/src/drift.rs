//! Drift of one locale of a page from its base locale: rows whose roles
//! differ, rows missing or extra, rows standing in another section.

use raci_model::Document;
use serde::Serialize;

use crate::{align, diff, ChangeKind};

/// What kind of drift a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DriftKind {
    /// A party's roles differ.
    Roles,
    /// A row of the base has no counterpart.
    Missing,
    /// A row has no counterpart in the base.
    Extra,
    /// The row stands in another section.
    Section,
}

impl DriftKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DriftKind::Roles => "roles",
            DriftKind::Missing => "missing",
            DriftKind::Extra => "extra",
            DriftKind::Section => "section",
        }
    }
}

/// One finding, with the activities it concerns by index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DriftFinding {
    pub kind: DriftKind,
    /// Index of the base's activity.
    pub base: Option<usize>,
    /// Index of the other locale's activity.
    pub other: Option<usize>,
    /// `Customer: RA → —`, or the two sections.
    pub detail: String,
}

/// The drift of `other` from `base`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drift {
    pub findings: Vec<DriftFinding>,
    /// Whether the two are in different languages.
    pub cross_language: bool,
}

/// Aligns `other` to `base` and lists how it drifted.
pub fn drift(base: &Document, other: &Document) -> Drift {
    let alignment = align(base, other);
    let changes = diff(base, other, &alignment).changes;
    let mut findings = Vec::new();
    for (pair, change) in alignment.pairs.iter().zip(&changes) {
        let (base_index, other_index) = (pair.old.first().copied(), pair.new.first().copied());
        let mut push = |kind, detail: String| {
            findings.push(DriftFinding {
                kind,
                base: base_index,
                other: other_index,
                detail,
            })
        };
        match change.kind {
            ChangeKind::Removed => push(DriftKind::Missing, "no counterpart".to_owned()),
            ChangeKind::Added => push(DriftKind::Extra, "not in the base".to_owned()),
            ChangeKind::Changed => {
                if !change.roles.is_empty() {
                    let roles: Vec<String> = change.roles.iter().map(|r| r.describe()).collect();
                    push(DriftKind::Roles, roles.join(", "));
                }
                if change.section_changed {
                    let section = |a: &Option<raci_model::Activity>| {
                        a.as_ref()
                            .and_then(|a| a.section.last().cloned())
                            .unwrap_or_default()
                    };
                    push(
                        DriftKind::Section,
                        format!("`{}` → `{}`", section(&change.old), section(&change.new)),
                    );
                }
            }
            ChangeKind::Unchanged => {}
        }
    }
    Drift {
        findings,
        cross_language: alignment.cross_language,
    }
}
