//! The one list of what an organization owns, table by table.
//!
//! Add a table here when you add it to the schema: its name, how a row
//! belongs to an organization, its foreign keys, and whether it travels.
//! Parents come before their children: import inserts in this order, purge
//! deletes in the reverse order.

/// How a table's rows belong to an organization.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Owner {
    /// The column holds the organization id.
    Org(&'static str),
    /// The column points at a row of the parent table, which belongs to it.
    Via(&'static str, &'static str),
    /// The column holds a value of a column of the parent table's rows
    /// (`login_failures.email` → `users.email`).
    Match(&'static str, &'static str, &'static str),
}

/// What export does with a table's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Transfer {
    /// Exported and imported.
    Travels,
    /// Never exported (secrets: token and session hashes), purged.
    StaysBehind,
}

/// One table an organization owns rows of.
#[derive(Debug)]
pub(crate) struct Table {
    pub name: &'static str,
    pub owner: Owner,
    /// Foreign keys, `(column, referenced table)`: remapped to the new ids
    /// on import; purge also deletes rows pointing at rows it deletes.
    pub refs: &'static [(&'static str, &'static str)],
    pub transfer: Transfer,
    /// Columns whose exported value is replaced: webhook secrets do not
    /// travel, and webhooks come back inactive.
    pub scrub: &'static [(&'static str, Scrub)],
}

/// The value a scrubbed column is exported with.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scrub {
    EmptyText,
    False,
}

use Owner::{Match, Org, Via};
use Transfer::{StaysBehind, Travels};

const ORGS: &str = "organizations";

macro_rules! table {
    ($name:literal, $owner:expr, [$(($c:literal, $t:expr)),* $(,)?]) => {
        table!($name, $owner, [$(($c, $t)),*], Travels, [])
    };
    ($name:literal, $owner:expr, [$(($c:literal, $t:expr)),* $(,)?], $transfer:expr,
     [$(($sc:literal, $sv:expr)),* $(,)?]) => {
        Table { name: $name, owner: $owner, refs: &[$(($c, $t)),*], transfer: $transfer,
                scrub: &[$(($sc, $sv)),*] }
    };
}

/// Every table holding rows of an organization, parents first.
#[rustfmt::skip]
pub(crate) const TABLES: &[Table] = &[
    table!("users", Org("org"), [("org", ORGS)]),
    table!("api_tokens", Via("user_id", "users"), [("user_id", "users")], StaysBehind, []),
    table!("sessions", Via("user_id", "users"), [("user_id", "users")], StaysBehind, []),
    // Failed logins name people by e-mail: they go when their user goes.
    table!("login_failures", Match("email", "users", "email"), [], StaysBehind, []),
    table!("teams", Org("org"), [("org", ORGS)]),
    table!("team_members", Via("team", "teams"), [("team", "teams"), ("user_id", "users")]),
    table!("services", Org("provider"), [("provider", ORGS)]),
    table!("editions", Via("service", "services"), [("service", "services")]),
    table!("edition_diffs", Via("edition", "editions"), [("edition", "editions"), ("previous", "editions")]),
    table!("subscriptions", Org("customer"), [("customer", ORGS), ("service", "services"), ("edition", "editions")]),
    table!("duties", Via("subscription", "subscriptions"), [("subscription", "subscriptions")]),
    table!("owners", Org("org"), [("org", ORGS), ("subscription", "subscriptions"), ("user_id", "users"), ("team_id", "teams")]),
    table!("evidence", Via("duty", "duties"), [("duty", "duties"), ("created_by", "users")]),
    table!("consultations", Via("duty", "duties"), [("duty", "duties"), ("user_id", "users"), ("team_id", "teams"), ("answered_by", "users")]),
    table!("signoffs", Via("duty", "duties"), [("duty", "duties"), ("by_user", "users")]),
    table!("change_notices", Via("subscription", "subscriptions"), [("subscription", "subscriptions"), ("from_edition", "editions"), ("to_edition", "editions")]),
    table!("events", Via("subscription", "subscriptions"), [("subscription", "subscriptions"), ("duty", "duties")]),
    table!("inbox", Org("org"), [("org", ORGS), ("user_id", "users")]),
    table!("webhooks", Org("org"), [("org", ORGS)], Travels, [("secret", Scrub::EmptyText), ("active", Scrub::False)]),
    table!("deliveries", Org("org"), [("org", ORGS), ("webhook", "webhooks")]),
    // The mail outbox is sending state: importing it would send again.
    table!("mails", Org("org"), [("org", ORGS), ("user_id", "users")], StaysBehind, []),
    table!("mail_digest_items", Org("org"), [("org", ORGS), ("user_id", "users"), ("mail", "mails")], StaysBehind, []),
    // Reminders already sent travel, so that an import does not send them again.
    table!("duty_alerts", Via("duty", "duties"), [("duty", "duties")]),
    table!("imported_audit", Org("org"), [("org", ORGS)]),
];

/// Statements run on the imported organization (`$1`) once its rows are in:
/// webhooks come back inactive, so what they still had to deliver fails as
/// it does when a webhook is deleted, instead of leaving with no secret.
pub(crate) const AFTER_IMPORT: &[&str] = &[
    "UPDATE deliveries SET status = 'failed', last_error = 'webhook inactive after import', \
     locked_until = NULL WHERE org = $1 AND status = 'pending'",
];

/// Tables handled apart: the organization row and its live audit chain
/// (exported, imported as `imported_audit`, purged last).
pub(crate) const SPECIAL: &[&str] = &["organizations", "audit_log"];

/// Tables of the instance, owned by no organization.
pub(crate) const INSTANCE: &[&str] = &["schema_migrations", "instance_keys", "destruction_records"];

/// Every table name the tenancy list accounts for.
pub fn declared_tables() -> Vec<&'static str> {
    TABLES
        .iter()
        .map(|t| t.name)
        .chain(SPECIAL.iter().copied())
        .chain(INSTANCE.iter().copied())
        .collect()
}

pub(crate) fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

/// `"name"`: identifiers here come from the list above or the database's
/// own catalog, never from a request; quoting keeps reserved words usable.
pub(crate) fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

/// The SQL condition (organization id bound as `$1`) selecting the rows of
/// `t` the organization owns: what export reads.
pub(crate) fn owned_where(t: &Table) -> String {
    match t.owner {
        Org(col) => format!("{} = $1", quote(col)),
        Via(col, parent) => in_owned(col, parent, "id"),
        Match(col, parent, parent_col) => in_owned(col, parent, parent_col),
    }
}

/// `col` holds the `parent_col` of a row of `parent` the organization owns.
fn in_owned(col: &str, parent: &str, parent_col: &str) -> String {
    match table(parent) {
        Some(p) => format!(
            "{} IN (SELECT {} FROM {} WHERE {})",
            quote(col),
            quote(parent_col),
            quote(parent),
            owned_where(p)
        ),
        None => "1 = 0".to_owned(),
    }
}

/// The condition selecting the rows purge deletes: those owned, and those
/// of any organization pointing at a row purge deletes (a provider's owner
/// row on a purged customer's subscription), which would otherwise block
/// the delete.
pub(crate) fn purged_where(t: &Table) -> String {
    let mut parts = vec![owned_where(t)];
    for &(col, parent) in t.refs {
        if parent == ORGS {
            parts.push(format!("{} = $1", quote(col)));
        } else if parent != t.name {
            if let Some(p) = table(parent) {
                parts.push(format!(
                    "{} IN (SELECT id FROM {} WHERE {})",
                    quote(col),
                    quote(parent),
                    purged_where(p)
                ));
            }
        }
    }
    parts.dedup();
    format!("({})", parts.join(" OR "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_come_before_children() {
        for (i, t) in TABLES.iter().enumerate() {
            for &(_, parent) in t.refs {
                if parent == ORGS {
                    continue;
                }
                let at = TABLES.iter().position(|p| p.name == parent);
                assert!(
                    matches!(at, Some(j) if j < i),
                    "{} refers to {parent}",
                    t.name
                );
            }
        }
    }

    #[test]
    fn conditions_follow_the_path_to_the_organization() {
        let evidence = table("evidence").unwrap();
        assert_eq!(
            owned_where(evidence),
            "\"duty\" IN (SELECT \"id\" FROM \"duties\" WHERE \"subscription\" IN \
             (SELECT \"id\" FROM \"subscriptions\" WHERE \"customer\" = $1))"
        );
        assert!(purged_where(evidence).contains("\"created_by\" IN (SELECT id FROM \"users\""));
        assert_eq!(
            owned_where(table("login_failures").unwrap()),
            "\"email\" IN (SELECT \"email\" FROM \"users\" WHERE \"org\" = $1)"
        );
    }
}
