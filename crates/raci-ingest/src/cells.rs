//! Role cells as written (`RA`, `**I**`, `RA*`, `I (1)`, `-`) and footnote
//! marks in activity text.

use raci_model::{Role, Roles};

use crate::vocabulary;

/// A role cell, read.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct RoleCellText {
    pub roles: Roles,
    /// Characters that are not letters of the alphabet.
    pub unknown: Vec<char>,
    /// Footnote marks after the letters.
    pub marks: Vec<String>,
}

/// Reads one role cell.
pub(crate) fn read_role_cell(raw: &str) -> RoleCellText {
    let (body, marks) = split_trailing_marks(raw.trim());
    let body = body.trim();
    let mut cell = RoleCellText {
        marks,
        ..RoleCellText::default()
    };
    if vocabulary::is_explicit_none(&body.to_lowercase()) {
        return cell;
    }
    for token in body.split(|c: char| !c.is_alphanumeric()) {
        if token.is_empty() {
            continue;
        }
        let lower = token.to_lowercase();
        if let Some(Some(role)) = vocabulary::role_word(&lower) {
            cell.roles.insert(role);
        } else if token.chars().count() <= 5
            && (token.chars().all(|c| Role::from_letter(c).is_some())
                || token.chars().all(char::is_uppercase))
        {
            let (roles, unknown) = Roles::parse_lenient(token);
            for role in roles.iter() {
                cell.roles.insert(role);
            }
            cell.unknown.extend(unknown);
        } else {
            cell.unknown.extend(token.chars());
        }
    }
    cell
}

/// Splits footnote marks off the end of `text`: `*`, `**`, `(1)`, `*(2)*`,
/// `¹`, `[1]`. Returns the text without them and the marks in order.
pub(crate) fn split_trailing_marks(text: &str) -> (&str, Vec<String>) {
    let mut rest = text.trim_end();
    let mut marks = Vec::new();
    loop {
        let before = rest;
        if let Some(stripped) = strip_numbered_mark(rest, &mut marks) {
            rest = stripped.trim_end();
        } else if rest.ends_with('*') && rest.trim_end_matches('*').len() < rest.len() {
            let stars = rest.len() - rest.trim_end_matches('*').len();
            let body = rest.trim_end_matches('*');
            // `**RA**` is bold markup, not a mark; a mark has no opening twin.
            if body.starts_with("**") || body.is_empty() {
                break;
            }
            marks.push("*".repeat(stars));
            rest = body.trim_end();
        } else if let Some(last) = rest.chars().last().filter(|c| is_superscript_digit(*c)) {
            marks.push(last.to_string());
            rest = rest[..rest.len() - last.len_utf8()].trim_end();
        }
        if rest == before {
            break;
        }
    }
    marks.reverse();
    (rest, marks)
}

/// Strips `(1)`, `*(1)*`, `[1]` from the end of `text`.
fn strip_numbered_mark<'a>(text: &'a str, marks: &mut Vec<String>) -> Option<&'a str> {
    let unstarred = text.strip_suffix('*').unwrap_or(text);
    let (open, close) = match unstarred.chars().last()? {
        ')' => ('(', ')'),
        ']' => ('[', ']'),
        _ => return None,
    };
    let open_at = unstarred.rfind(open)?;
    let inner = &unstarred[open_at + 1..unstarred.len() - close.len_utf8()];
    if inner.is_empty() || inner.len() > 3 || !inner.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    marks.push(format!("({inner})"));
    let before = &unstarred[..open_at];
    Some(before.strip_suffix('*').unwrap_or(before))
}

fn is_superscript_digit(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹')
}

/// Footnote marks inside an activity's text: `(opérateurs*)`, `hypervisors *(1)*`,
/// `word*`. Returns the text with the marks removed and the marks.
pub(crate) fn marks_in_text(text: &str) -> (String, Vec<String>) {
    let (body, mut marks) = split_trailing_marks(text);
    let mut cleaned = String::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    let bytes = body.as_bytes();
    while let Some((at, c)) = chars.next() {
        let after_word = at > 0 && body[..at].chars().last().is_some_and(char::is_alphanumeric);
        let before_boundary = bytes
            .get(at + 1)
            .is_none_or(|b| matches!(b, b')' | b' ' | b',' | b'.' | b';' | b':'));
        if c == '*' && after_word && before_boundary {
            marks.push("*".to_owned());
            continue;
        }
        cleaned.push(c);
        if c == '(' {
            // `(1)` in the middle of a sentence is a mark too.
            let rest = &body[at + 1..];
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            if (1..=2).contains(&digits) && rest[digits..].starts_with(')') {
                cleaned.pop();
                marks.push(format!("({})", &rest[..digits]));
                for _ in 0..=digits {
                    chars.next();
                }
            }
        }
    }
    (
        crate::markdown::collapse_spaces(&cleaned.replace("**", "")),
        marks,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(raw: &str) -> String {
        read_role_cell(raw).roles.to_string()
    }

    #[test]
    fn reads_letters_in_any_order_case_and_markup() {
        assert_eq!(roles("RA"), "RA");
        assert_eq!(roles(" IR "), "RI");
        assert_eq!(roles("R, A"), "RA");
        assert_eq!(roles("r/a"), "RA");
        assert_eq!(roles("Responsible"), "R");
        assert_eq!(roles("—"), "");
        assert_eq!(roles(""), "");
    }

    #[test]
    fn keeps_footnote_marks_apart() {
        let cell = read_role_cell("RA*");
        assert_eq!(cell.roles.to_string(), "RA");
        assert_eq!(cell.marks, vec!["*"]);
        assert_eq!(read_role_cell("CI (2)").marks, vec!["(2)"]);
        assert_eq!(read_role_cell("I¹").marks, vec!["¹"]);
        assert_eq!(read_role_cell("I**").marks, vec!["**"]);
    }

    #[test]
    fn reports_foreign_letters() {
        let cell = read_role_cell("X");
        assert!(cell.roles.is_empty());
        assert_eq!(cell.unknown, vec!['X']);
        assert_eq!(read_role_cell("RE").unknown, vec!['E']);
        assert_eq!(read_role_cell("Yes please").unknown.len(), 9);
    }

    #[test]
    fn finds_marks_inside_activity_text() {
        let (text, marks) = marks_in_text("Update the deployed apps (operators*)");
        assert_eq!(text, "Update the deployed apps (operators)");
        assert_eq!(marks, vec!["*"]);
        let (text, marks) = marks_in_text("Keep the hypervisors patched *(1)*");
        assert_eq!(text, "Keep the hypervisors patched");
        assert_eq!(marks, vec!["(1)"]);
        let (text, marks) = marks_in_text("Pick 2 (or 3) zones");
        assert_eq!(text, "Pick 2 (or 3) zones");
        assert!(marks.is_empty());
        let (text, _) = marks_in_text("a * b");
        assert_eq!(text, "a * b");
    }
}
