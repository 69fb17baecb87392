//! Lint rules over a responsibility (RACI) matrix.
//!
//! Each rule lives in its own file under `rules/`, describes itself with a
//! [`RuleInfo`] and reports [`Diagnostic`]s with spans into the source. The
//! one table of codes is [`codes`]. [`lint`] runs every rule a [`Config`]
//! leaves on and returns the findings in source order.

pub mod codes;
mod config;
mod rule;
mod rules;
mod services;
mod text;

#[cfg(test)]
mod test_support;

pub use config::{Config, ConfigError, Setting};
pub use raci_diagnostics::{Diagnostic, RuleInfo, Severity};
pub use rule::Rule;

use raci_model::Document;

/// Every rule, in code order.
pub fn rules() -> &'static [&'static dyn Rule] {
    codes::RULES
}

/// The description of every rule, in code order: what SARIF output lists.
pub fn rule_infos() -> Vec<RuleInfo> {
    rules().iter().map(|rule| rule.info()).collect()
}

/// The rule with this name or code (`missing-accountable`, `RACI001`),
/// ignoring case.
pub fn find_rule(name_or_code: &str) -> Option<&'static dyn Rule> {
    let wanted = name_or_code.trim();
    rules().iter().copied().find(|rule| {
        let info = rule.info();
        info.name.eq_ignore_ascii_case(wanted) || info.code.eq_ignore_ascii_case(wanted)
    })
}

/// Runs every rule `config` leaves on over `document`. The findings carry the
/// severity `config` gives their rule, leave `file` empty for the caller to
/// fill, and come sorted by line, column and code.
pub fn lint(document: &Document, config: &Config) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for rule in rules() {
        let info = rule.info();
        let Some(severity) = config.severity_of(&info) else {
            continue;
        };
        let first_new = diagnostics.len();
        rule.check(document, &mut diagnostics);
        for diagnostic in &mut diagnostics[first_new..] {
            diagnostic.severity = severity;
        }
    }
    diagnostics.sort_by(|a, b| {
        (a.span.line, a.span.column, &a.code).cmp(&(b.span.line, b.span.column, &b.code))
    });
    diagnostics
}
