//! Pieces every page shows: role letters, findings, links to matrices.

use raci_diagnostics::{Diagnostic, Severity};
use raci_model::{Role, Roles};

use crate::catalog::Catalog;

/// One letter of a role cell, with the class that colours it.
pub(crate) struct Letter {
    pub letter: char,
    pub name: &'static str,
}

/// The letters of `roles`, in canonical order, named in English.
pub(crate) fn letters(roles: Roles) -> Vec<Letter> {
    letters_in(roles, "en")
}

/// The letters of `roles`, in canonical order, named in `language`.
pub(crate) fn letters_in(roles: Roles, language: &str) -> Vec<Letter> {
    roles
        .iter()
        .map(|role| Letter {
            letter: role.letter(),
            name: role.meaning(language).name,
        })
        .collect()
}

/// The name of a role in English, for tooltips and the filter.
pub(crate) fn role_name(role: Role) -> &'static str {
    role.meaning("en").name
}

/// One party's roles for one activity.
pub(crate) struct PartyRoles {
    pub party: String,
    pub roles: String,
    pub letters: Vec<Letter>,
}

/// A lint finding as a page shows it.
pub(crate) struct Finding {
    /// `error`, `warning` or `info`: also its class.
    pub severity: &'static str,
    pub code: String,
    pub name: String,
    pub message: String,
    pub help: Option<String>,
    pub line: u32,
}

impl Finding {
    pub fn of(diagnostic: &Diagnostic) -> Finding {
        Finding {
            severity: diagnostic.severity.as_str(),
            code: diagnostic.code.clone(),
            name: diagnostic.name.clone(),
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
            line: diagnostic.span.line,
        }
    }
}

/// How many findings of each severity, most serious first, leaving out
/// the severities with none.
pub(crate) struct Count {
    pub severity: &'static str,
    /// `2 errors`, `1 warning`.
    pub label: String,
}

pub(crate) fn counts(diagnostics: &[Diagnostic]) -> Vec<Count> {
    Severity::ALL
        .into_iter()
        .filter_map(|severity| {
            let count = diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .count();
            let noun = match severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "note",
            };
            (count > 0).then(|| Count {
                severity: severity.as_str(),
                label: format!("{count} {noun}{}", if count == 1 { "" } else { "s" }),
            })
        })
        .collect()
}

/// A link to a matrix page.
pub(crate) struct MatrixLink {
    pub href: String,
    pub title: String,
    pub provider: String,
    pub language: String,
    pub locale: String,
    pub edition: String,
    pub path: String,
}

impl MatrixLink {
    /// A link to matrix `at`, from a page `root` away from the site's root.
    pub fn new(catalog: &Catalog, at: usize, root: &str) -> MatrixLink {
        let matrix = &catalog.matrices[at];
        MatrixLink {
            href: format!("{root}{}", matrix.file()),
            title: matrix.title(),
            provider: matrix.provider.clone().unwrap_or_else(|| "?".to_owned()),
            language: matrix.language(),
            locale: matrix.locale.clone().unwrap_or_default(),
            edition: matrix
                .document()
                .edition
                .clone()
                .unwrap_or_else(|| "—".to_owned()),
            path: matrix.input.path.clone(),
        }
    }
}

/// A link to one activity of a matrix, with its roles.
pub(crate) struct ActivityLink {
    pub href: String,
    pub text: String,
    pub line: u32,
    pub roles: Vec<PartyRoles>,
}

impl ActivityLink {
    pub fn new(
        catalog: &Catalog,
        at: usize,
        activity: &raci_model::Activity,
        root: &str,
    ) -> ActivityLink {
        let matrix = &catalog.matrices[at];
        ActivityLink {
            href: format!("{root}{}#{}", matrix.file(), anchor(&activity.id)),
            text: activity.text.clone(),
            line: activity.source.line,
            roles: matrix
                .document()
                .parties
                .iter()
                .map(|party| {
                    let roles = activity.roles.get(party).copied().unwrap_or_default();
                    PartyRoles {
                        party: party.clone(),
                        roles: roles.to_string(),
                        letters: letters(roles),
                    }
                })
                .collect(),
        }
    }
}

/// The anchor of an activity's row on its matrix page.
pub(crate) fn anchor(id: &str) -> String {
    format!("a-{id}")
}
