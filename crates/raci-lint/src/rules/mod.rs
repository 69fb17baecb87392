//! The rules, one per file, and what several of them share.

mod doubtful_column_attribution;
mod duplicate_activity;
mod empty_row;
mod foreign_service;
mod inconsistent_party_names;
mod malformed_row;
mod missing_accountable;
mod missing_responsible;
mod multiple_accountable;
mod non_canonical_letter_order;
mod redundant_informed;
mod unassigned_activity;
mod undefined_footnote;
mod unknown_role_letter;
mod unused_footnote;
pub(crate) mod unused_suppression;

pub(crate) use doubtful_column_attribution::DoubtfulColumnAttribution;
pub(crate) use duplicate_activity::DuplicateActivity;
pub(crate) use empty_row::EmptyRow;
pub(crate) use foreign_service::ForeignService;
pub(crate) use inconsistent_party_names::InconsistentPartyNames;
pub(crate) use malformed_row::MalformedRow;
pub(crate) use missing_accountable::MissingAccountable;
pub(crate) use missing_responsible::MissingResponsible;
pub(crate) use multiple_accountable::MultipleAccountable;
pub(crate) use non_canonical_letter_order::NonCanonicalLetterOrder;
pub(crate) use redundant_informed::RedundantInformed;
pub(crate) use unassigned_activity::UnassignedActivity;
pub(crate) use undefined_footnote::UndefinedFootnote;
pub(crate) use unknown_role_letter::UnknownRoleLetter;
pub(crate) use unused_footnote::UnusedFootnote;
pub(crate) use unused_suppression::UnusedSuppression;

use raci_diagnostics::{Diagnostic, RuleInfo};
use raci_model::{Activity, Role, RoleCell, Roles, Span};

/// How much of an activity's text a message quotes.
const QUOTED_CHARS: usize = 60;

/// Where a finding about a whole row points: the activity text as the parser
/// found it, else the row's source position.
pub(crate) fn row_span(activity: &Activity) -> Span {
    if activity.row.text_span.line > 0 {
        activity.row.text_span
    } else {
        activity.source
    }
}

/// `text` in backquotes, cut short so a message stays one readable line.
pub(crate) fn quoted(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= QUOTED_CHARS {
        format!("`{text}`")
    } else {
        let cut: String = text.chars().take(QUOTED_CHARS - 1).collect();
        format!("`{}…`", cut.trim_end())
    }
}

/// `A`, `A and B`, `A, B and C`, each name in backquotes.
pub(crate) fn listed<S: AsRef<str>>(names: &[S]) -> String {
    let quoted: Vec<String> = names
        .iter()
        .map(|name| format!("`{}`", name.as_ref()))
        .collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The parties holding `role` for `activity`, in party order.
pub(crate) fn holders(activity: &Activity, role: Role) -> Vec<&str> {
    activity
        .role_entries()
        .filter(|(_, roles)| roles.contains(role))
        .map(|(party, _)| party)
        .collect()
}

/// The cell's letters and what follows them (footnote marks), when the cell
/// is letters of the alphabet followed by nothing but marks.
pub(crate) fn cell_letters(raw: &str) -> Option<(Vec<Role>, &str)> {
    let letters: Vec<Role> = raw.chars().map_while(Role::from_letter).collect();
    // Role letters are ASCII, so the letter count is their byte length.
    let rest = &raw[letters.len()..];
    if rest.chars().any(char::is_alphanumeric) && !is_mark(rest) {
        return None;
    }
    Some((letters, rest))
}

/// Whether `text` is only footnote marks: `*`, `(1)`, `[2]`, `¹`, spaces.
pub(crate) fn is_mark(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii_digit() || "*()[] ¹²³⁴⁵⁶⁷⁸⁹⁰".contains(c))
}

/// The cell written again with `role` taken out, footnote marks kept.
pub(crate) fn without_role(raw: &str, role: Role) -> Option<String> {
    let (letters, rest) = cell_letters(raw)?;
    let roles: Roles = letters
        .into_iter()
        .filter(|letter| *letter != role)
        .collect();
    Some(format!("{roles}{rest}"))
}

/// A fix replaces the cell's span, so it is offered only when the span
/// covers exactly the text it rewrites (not markup such as `**IR**`).
pub(crate) fn fix_fits(cell: &RoleCell) -> bool {
    cell.span.line > 0 && cell.span.len as usize == cell.raw.chars().count()
}

/// The cell of `party` (by name) in the row of `activity`, if it was read.
pub(crate) fn cell_of<'a>(
    document: &raci_model::Document,
    activity: &'a Activity,
    party: &str,
) -> Option<&'a RoleCell> {
    let index = document.parties.iter().position(|name| name == party)?;
    activity
        .row
        .cells
        .iter()
        .find(|cell| cell.party == index && cell.span.line > 0)
}

/// Whether any party holds any role for `activity`.
pub(crate) fn is_assigned(activity: &Activity) -> bool {
    activity.roles.values().any(|roles| !roles.is_empty())
}

/// A diagnostic of `info` about `activity`, pointing at `span`.
pub(crate) fn about(
    info: &RuleInfo,
    activity: &Activity,
    span: Span,
    message: String,
) -> Diagnostic {
    let diagnostic = info.diagnostic(span, message);
    if activity.id.is_empty() {
        diagnostic
    } else {
        diagnostic.with_activity(activity.id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_short_and_on_one_line() {
        assert_eq!(quoted("Pick  the\nregion"), "`Pick the region`");
        let long = quoted(&"word ".repeat(100));
        assert!(
            long.chars().count() <= QUOTED_CHARS + 2 && long.ends_with("…`"),
            "{long}"
        );
        assert_eq!(quoted(""), "``");
    }

    #[test]
    fn lists_read_as_english() {
        assert_eq!(listed::<&str>(&[]), "");
        assert_eq!(listed(&["A"]), "`A`");
        assert_eq!(listed(&["A", "B", "C"]), "`A`, `B` and `C`");
    }

    #[test]
    fn row_findings_fall_back_to_the_source_line() {
        let mut activity = Activity {
            source: Span::line(7),
            ..Activity::default()
        };
        assert_eq!(row_span(&activity), Span::line(7));
        activity.row.text_span = Span::new(7, 3, 5);
        assert_eq!(row_span(&activity), Span::new(7, 3, 5));
    }
}
