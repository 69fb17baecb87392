//! From the diff of two editions to what a change notice says and does:
//! the entries (duties whose roles change, with the direction for the
//! customer) and the steps that migrate the duties on acceptance.

use raci_align::{is_customer, ChangeKind, Diff};
use raci_model::{Activity, Document, Roles};
use raci_store::{MigrationStep, NoticePlan};
use serde::Serialize;
use serde_json::{json, Value};

/// Which way a change moves work for the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The customer's column gains letters, or the activity is added with some.
    OntoCustomer,
    /// The customer's column loses letters, or the activity is removed.
    OffCustomer,
    /// Other role changes.
    Changed,
}

/// Counts of a diff, for the publish response and the diff endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DiffSummary {
    pub unchanged: usize,
    pub changed: usize,
    /// Changed activities whose roles changed.
    pub role_changes: usize,
    pub added: usize,
    pub removed: usize,
}

impl DiffSummary {
    pub fn of(diff: &Diff) -> DiffSummary {
        let count = |kind| diff.changes.iter().filter(|c| c.kind == kind).count();
        DiffSummary {
            unchanged: count(ChangeKind::Unchanged),
            changed: count(ChangeKind::Changed),
            role_changes: diff
                .changes
                .iter()
                .filter(|c| c.kind == ChangeKind::Changed && !c.roles.is_empty())
                .count(),
            added: count(ChangeKind::Added),
            removed: count(ChangeKind::Removed),
        }
    }
}

/// The customer's letters of an activity (every customer column together).
fn customer_roles(activity: &Activity) -> Roles {
    activity
        .roles
        .iter()
        .filter(|(party, _)| is_customer(party))
        .flat_map(|(_, roles)| roles.iter())
        .collect()
}

/// Gaining letters only moves work onto the customer, losing only moves it
/// off; a mix is decided by R and A (who does and who answers for the work).
fn direction(old: Roles, new: Roles) -> Direction {
    let gains = |a: Roles, b: Roles| b.iter().filter(|r| !a.contains(*r)).collect::<Roles>();
    let (gained, lost) = (gains(old, new), gains(new, old));
    let weighty = |r: Roles| {
        r.contains(raci_model::Role::Responsible) || r.contains(raci_model::Role::Accountable)
    };
    match (gained.is_empty(), lost.is_empty()) {
        (false, true) => Direction::OntoCustomer,
        (true, false) => Direction::OffCustomer,
        (false, false) if weighty(gained) && !weighty(lost) => Direction::OntoCustomer,
        (false, false) if weighty(lost) && !weighty(gained) => Direction::OffCustomer,
        _ => Direction::Changed,
    }
}

fn roles_value(activity: Option<&Activity>) -> Value {
    activity.map_or(Value::Null, |a| json!(a.roles))
}

fn entry(kind: &str, old: Option<&Activity>, new: Option<&Activity>, dir: Direction) -> Value {
    json!({
        "kind": kind,
        "old_activity": old.map(|a| &a.id),
        "new_activity": new.map(|a| &a.id),
        "text": new.or(old).map(|a| &a.text),
        "old_roles": roles_value(old),
        "new_roles": roles_value(new),
        "direction": dir,
    })
}

/// The step that makes a duty the duty of `new` (moving `old`'s, if any).
fn step_to(old: Option<&str>, new: &Activity) -> MigrationStep {
    MigrationStep {
        old: old.map(str::to_owned),
        new: Some(new.id.clone()),
        text: new.text.clone(),
        section_json: json!(new.section).to_string(),
        roles_json: json!(new.roles).to_string(),
    }
}

fn retire(old: &str) -> MigrationStep {
    MigrationStep {
        old: Some(old.to_owned()),
        new: None,
        text: String::new(),
        section_json: String::new(),
        roles_json: String::new(),
    }
}

/// The notice for subscriptions bound to `from_edition`, from the diff of
/// that edition's document to the new one's. Entries are exactly the
/// changed activities with role changes, the added and the removed ones.
pub fn notice_plan(from_edition: i64, new: &Document, diff: &Diff) -> NoticePlan {
    let mut entries = Vec::new();
    let mut steps = Vec::new();
    for change in &diff.changes {
        let (old, new_activity) = (change.old.as_ref(), change.new.as_ref());
        match (old, new_activity) {
            (Some(a), Some(b)) => {
                steps.push(step_to(Some(&a.id), b));
                if !change.roles.is_empty() {
                    let dir = direction(customer_roles(a), customer_roles(b));
                    entries.push(entry("changed", Some(a), Some(b), dir));
                }
            }
            (Some(a), None) => {
                steps.push(retire(&a.id));
                entries.push(entry("removed", Some(a), None, Direction::OffCustomer));
            }
            (None, Some(b)) => {
                steps.push(step_to(None, b));
                let dir = if customer_roles(b).is_empty() {
                    Direction::Changed
                } else {
                    Direction::OntoCustomer
                };
                entries.push(entry("added", None, Some(b), dir));
            }
            (None, None) => {}
        }
        // Rows merged into one leave the matrix as rows of their own; rows
        // split from one come in as new duties.
        steps.extend(change.merged.iter().map(|id| retire(id)));
        for id in &change.split {
            if let Some(b) = new.activities.iter().find(|a| &a.id == id) {
                steps.push(step_to(None, b));
            }
        }
    }
    NoticePlan {
        from_edition,
        entries_json: Value::Array(entries).to_string(),
        steps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Roles {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn directions_follow_the_customer_letters() {
        assert_eq!(direction(roles("I"), roles("RA")), Direction::OntoCustomer);
        assert_eq!(direction(roles("RA"), roles("I")), Direction::OffCustomer);
        assert_eq!(direction(roles("C"), roles("")), Direction::OffCustomer);
        assert_eq!(direction(roles("R"), roles("A")), Direction::Changed);
        assert_eq!(direction(roles("RA"), roles("RA")), Direction::Changed);
    }
}
