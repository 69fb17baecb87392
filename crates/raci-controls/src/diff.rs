//! Ownership changes per control between two views: the change log
//! compliance teams write by hand when a provider publishes a new edition.

use std::collections::HashMap;

use raci_align::DocumentHeader;
use serde::{Deserialize, Serialize};

use crate::ownership::{Inheritable, Ownership, Share};
use crate::view::{ControlRow, ControlsView};
use crate::Framework;

/// The changes per control between two views of the same framework.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ControlsDiff {
    pub framework: Framework,
    pub old: DocumentHeader,
    pub new: DocumentHeader,
    /// Every control of either view, in control order.
    pub changes: Vec<ControlChange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ControlChangeKind {
    /// Same ownership in both.
    Unchanged,
    /// The ownership (and so what the customer can inherit) differs.
    Changed,
    /// Only the new edition bears on the control.
    Added,
    /// Only the old edition bears on it.
    Removed,
}

/// One control's ownership before and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ControlChange {
    pub control: String,
    pub label: String,
    pub kind: ControlChangeKind,
    pub old: Option<Owned>,
    pub new: Option<Owned>,
    /// The activities of the control whose owner changed, that came or went.
    pub moves: Vec<ActivityMove>,
}

/// An ownership and its FedRAMP answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owned {
    pub ownership: Ownership,
    pub inheritable: Option<Inheritable>,
}

/// An activity of a control whose share changed between the editions, or
/// that bears on the control in one edition only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivityMove {
    pub text: String,
    pub old: Option<Share>,
    pub new: Option<Share>,
    pub old_line: Option<u32>,
    pub new_line: Option<u32>,
}

impl ControlsDiff {
    /// The changes from `old` to `new`. `pairs` says which activity of the
    /// old document (by index) became which of the new one, as an alignment
    /// found it; views read from workbooks have no activities and need none.
    pub fn between(
        old: &ControlsView,
        new: &ControlsView,
        pairs: &[(usize, usize)],
    ) -> ControlsDiff {
        let framework = new.framework;
        let old_to_new: HashMap<usize, usize> = pairs.iter().copied().collect();
        let new_to_old: HashMap<usize, usize> = pairs.iter().map(|&(o, n)| (n, o)).collect();
        let mut ids: Vec<&str> = old
            .controls
            .iter()
            .chain(&new.controls)
            .map(|row| row.control.as_str())
            .collect();
        ids.sort_by(|a, b| framework.compare(a, b).then(a.cmp(b)));
        ids.dedup();
        let changes = ids
            .into_iter()
            .map(|id| {
                let before = old.control(id);
                let after = new.control(id);
                let owned = |row: &ControlRow| Owned {
                    ownership: row.ownership,
                    inheritable: row.inheritable,
                };
                let kind = match (before, after) {
                    (Some(a), Some(b)) if a.ownership == b.ownership => {
                        ControlChangeKind::Unchanged
                    }
                    (Some(_), Some(_)) => ControlChangeKind::Changed,
                    (None, _) => ControlChangeKind::Added,
                    (_, None) => ControlChangeKind::Removed,
                };
                ControlChange {
                    control: id.to_owned(),
                    label: framework.label(id),
                    kind,
                    old: before.map(owned),
                    new: after.map(owned),
                    moves: moves(before, after, &old_to_new, &new_to_old),
                }
            })
            .collect();
        let header = |view: &ControlsView| DocumentHeader {
            title: view.title.clone(),
            language: view.language.clone(),
            edition: view.edition.clone(),
        };
        ControlsDiff {
            framework,
            old: header(old),
            new: header(new),
            changes,
        }
    }

    /// Whether any control's ownership changed, or a control came or went.
    pub fn ownership_changed(&self) -> bool {
        self.changes
            .iter()
            .any(|c| c.kind != ControlChangeKind::Unchanged)
    }

    /// `2 changed, 1 added, 0 removed, 14 unchanged`.
    pub fn summary(&self) -> String {
        let count = |kind| self.changes.iter().filter(|c| c.kind == kind).count();
        format!(
            "{} controls changed owner, {} added, {} removed, {} unchanged",
            count(ControlChangeKind::Changed),
            count(ControlChangeKind::Added),
            count(ControlChangeKind::Removed),
            count(ControlChangeKind::Unchanged)
        )
    }
}

fn moves(
    before: Option<&ControlRow>,
    after: Option<&ControlRow>,
    old_to_new: &HashMap<usize, usize>,
    new_to_old: &HashMap<usize, usize>,
) -> Vec<ActivityMove> {
    let old_activities = before.map_or(&[][..], |row| &row.activities[..]);
    let new_activities = after.map_or(&[][..], |row| &row.activities[..]);
    let mut moves = Vec::new();
    for activity in new_activities {
        let counterpart = new_to_old
            .get(&activity.index)
            .and_then(|o| old_activities.iter().find(|a| a.index == *o));
        match counterpart {
            Some(old) if old.share == activity.share => {}
            Some(old) => moves.push(ActivityMove {
                text: activity.text.clone(),
                old: Some(old.share),
                new: Some(activity.share),
                old_line: Some(old.line),
                new_line: Some(activity.line),
            }),
            None => moves.push(ActivityMove {
                text: activity.text.clone(),
                old: None,
                new: Some(activity.share),
                old_line: None,
                new_line: Some(activity.line),
            }),
        }
    }
    for activity in old_activities {
        let kept = old_to_new
            .get(&activity.index)
            .is_some_and(|n| new_activities.iter().any(|a| a.index == *n));
        if !kept {
            moves.push(ActivityMove {
                text: activity.text.clone(),
                old: Some(activity.share),
                new: None,
                old_line: Some(activity.line),
                new_line: None,
            });
        }
    }
    moves
}
