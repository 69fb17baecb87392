//! From the diff of two editions to what a change notice says and does: the
//! entries (duties whose roles change, with the direction for the customer)
//! and the steps that migrate the duties on acceptance. Pure.

use raci_align::Diff;
use raci_model::is_customer;
use raci_model::{Activity, Document, Role, Roles};
use raci_store::MigrationStep;

use crate::views::{roles_view, DiffSummary, Direction, EntryKind, NoticeEntry};

/// Counts of a diff, for the publish answer and the diff view.
pub fn summary(diff: &Diff) -> DiffSummary {
    use raci_align::ChangeKind;
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
pub fn direction(old: Roles, new: Roles) -> Direction {
    let gains = |a: Roles, b: Roles| b.iter().filter(|r| !a.contains(*r)).collect::<Roles>();
    let (gained, lost) = (gains(old, new), gains(new, old));
    let weighty = |r: Roles| r.contains(Role::Responsible) || r.contains(Role::Accountable);
    match (gained.is_empty(), lost.is_empty()) {
        (false, true) => Direction::OntoCustomer,
        (true, false) => Direction::OffCustomer,
        (false, false) if weighty(gained) && !weighty(lost) => Direction::OntoCustomer,
        (false, false) if weighty(lost) && !weighty(gained) => Direction::OffCustomer,
        _ => Direction::Changed,
    }
}

fn entry(
    kind: EntryKind,
    old: Option<&Activity>,
    new: Option<&Activity>,
    dir: Direction,
) -> NoticeEntry {
    NoticeEntry {
        kind,
        duty: None,
        old_activity: old.map(|a| a.id.clone()),
        new_activity: new.map(|a| a.id.clone()),
        text: new.or(old).map(|a| a.text.clone()),
        old_roles: old.map(|a| roles_view(&a.roles)),
        new_roles: new.map(|a| roles_view(&a.roles)),
        direction: dir,
    }
}

/// The step that makes a duty the duty of `new` (moving `old`'s, if any).
fn step_to(old: Option<&str>, new: &Activity) -> MigrationStep {
    MigrationStep {
        old: old.map(str::to_owned),
        new: Some(new.id.clone()),
        text: new.text.clone(),
        section: new.section.clone(),
        roles: new.roles.clone(),
    }
}

fn retire(old: &str) -> MigrationStep {
    MigrationStep {
        old: Some(old.to_owned()),
        new: None,
        text: String::new(),
        section: Vec::new(),
        roles: Default::default(),
    }
}

/// What a notice for subscriptions bound to one edition tells and does.
#[derive(Debug, Clone, PartialEq)]
pub struct NoticePlan {
    pub from_edition: i64,
    pub entries: Vec<NoticeEntry>,
    pub steps: Vec<MigrationStep>,
}

/// The notice for subscriptions bound to `from_edition`, from the diff of
/// that edition's document to the new one's. Entries are exactly the
/// changed activities with role changes, the added and the removed ones.
pub fn notice_plan(from_edition: i64, new: &Document, diff: &Diff) -> NoticePlan {
    let mut entries = Vec::new();
    let mut steps = Vec::new();
    for change in &diff.changes {
        match (change.old.as_ref(), change.new.as_ref()) {
            (Some(a), Some(b)) => {
                steps.push(step_to(Some(&a.id), b));
                if !change.roles.is_empty() {
                    let dir = direction(customer_roles(a), customer_roles(b));
                    entries.push(entry(EntryKind::Changed, Some(a), Some(b), dir));
                }
            }
            (Some(a), None) => {
                steps.push(retire(&a.id));
                entries.push(entry(
                    EntryKind::Removed,
                    Some(a),
                    None,
                    Direction::OffCustomer,
                ));
            }
            (None, Some(b)) => {
                steps.push(step_to(None, b));
                let dir = if customer_roles(b).is_empty() {
                    Direction::Changed
                } else {
                    Direction::OntoCustomer
                };
                entries.push(entry(EntryKind::Added, None, Some(b), dir));
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
        entries,
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

    #[test]
    fn a_plan_lists_role_changes_and_moves_every_duty() {
        let old: Document = raci_ingest::parse_str(
            "# M\n\n| Activity | Customer | Nimbus |\n| --- | --- | --- |\n\
             | Back up the data | RA | I |\n| Patch the nodes | I | RA |\n",
            raci_ingest::InputFormat::Markdown,
        )
        .unwrap();
        let new: Document = raci_ingest::parse_str(
            "# M\n\n| Activity | Customer | Nimbus |\n| --- | --- | --- |\n\
             | Back up the data | I | RA |\n| Patch the nodes | I | RA |\n\
             | Rotate the keys | RA | |\n",
            raci_ingest::InputFormat::Markdown,
        )
        .unwrap();
        let diff = raci_align::diff(&old, &new, &raci_align::align(&old, &new));
        let plan = notice_plan(1, &new, &diff);
        let kinds: Vec<_> = plan.entries.iter().map(|e| (e.kind, e.direction)).collect();
        assert_eq!(
            kinds,
            vec![
                (EntryKind::Changed, Direction::OffCustomer),
                (EntryKind::Added, Direction::OntoCustomer)
            ]
        );
        assert_eq!(plan.steps.len(), 3);
        assert_eq!(summary(&diff).role_changes, 1);
    }
}
