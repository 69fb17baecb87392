//! Lint rules over a responsibility (RACI) matrix.
//!
//! Each rule lives in its own file under `rules/`, describes itself with a
//! [`RuleInfo`] and reports [`Diagnostic`]s with spans into the source. The
//! one table of codes is `codes.rs`. [`lint`] runs every rule a [`Config`]
//! leaves on and returns the findings in source order.

mod codes;
mod config;
pub mod discovery;
pub mod docs;
pub mod fix;
mod rule;
mod rules;
mod services;
pub mod suppress;
mod text;

#[cfg(test)]
mod test_support;

pub use config::{
    Config, ConfigError, ConfigErrors, Selection, Setting, UnknownSetting, CONFIG_KEYS,
};
pub use raci_diagnostics::{Applicability, Diagnostic, RuleInfo, Severity};
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

/// The address of a rule's page, `docs/rules/NAME.md` in the repository:
/// what SARIF's `helpUri` and the editor's diagnostics link to.
pub fn doc_uri(info: &RuleInfo) -> String {
    format!(
        "{}/blob/main/docs/rules/{}.md",
        env!("CARGO_PKG_REPOSITORY"),
        info.name
    )
}

/// The fix the rule with this code offers where it can, if any.
pub fn rule_fix(code: &str) -> Option<Applicability> {
    find_rule(code).and_then(|rule| rule.fix())
}

/// The rule name or code closest to `name`, for "did you mean".
pub fn suggest_rule(name: &str) -> Option<&'static str> {
    config::closest_rule(name)
}

/// The kinds of managed service `document` is about, by the labels of the
/// service lexicon the `foreign-service` rule uses (`Kubernetes`,
/// `message queue`): those its title names, else the one its headings and
/// prose name clearly most. Empty when it cannot tell.
pub fn service_kinds(document: &Document) -> Vec<&'static str> {
    services::services_of(document)
        .into_iter()
        .map(|kind| kind.label.as_str())
        .collect()
}

/// The kinds of managed service a sentence names the way a title does
/// (`… for the Managed Kubernetes service`), by their labels.
pub fn service_kinds_named_in(text: &str) -> Vec<&'static str> {
    services::named_in_title(text)
        .into_iter()
        .map(|kind| kind.label.as_str())
        .collect()
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

/// Lints a document read from `source`: [`lint`], then the page's inline
/// suppressions (`<!-- raci-ignore … -->`) drop what they silence, and
/// suppressions that silence nothing are reported (`unused-suppression`).
/// Sorted by line, column and code; `file` left empty.
pub fn lint_source(source: &str, document: &Document, config: &Config) -> Vec<Diagnostic> {
    let mut diagnostics = suppress::apply(source, document, config, lint(document, config));
    diagnostics.sort_by(|a, b| {
        (a.span.line, a.span.column, &a.code).cmp(&(b.span.line, b.span.column, &b.code))
    });
    diagnostics
}

#[cfg(test)]
mod tests {
    use raci_model::{Footnote, Span};

    use super::*;
    use crate::test_support::document;

    /// A Kubernetes matrix with one defect of most kinds.
    fn flawed_kubernetes_matrix() -> Document {
        document(&["Customer", "Provider"])
            .title("Managed Kubernetes - Responsibility model")
            .section(&["1. Before subscription"])
            .row("Choose the cluster region", &["R", "I"])
            .row("Size the node pools", &["RA", "AR"])
            .row("Pick the Kubernetes version", &["IR*", "A"])
            .row("Pick the Kubernetes  version.", &["RA", "I"])
            .section(&["2. Operations"])
            .row("Scan the Harbor registry images", &["RA", "I"])
            .row("Restart failed pods", &["", ""])
            .row("Patch the worker nodes", &["I", "X"])
            .row("Keep the API server available", &["RA"])
            .with_facts(|facts| {
                facts.empty_rows.push(Span::new(20, 1, 10));
                facts.footnotes.push(Footnote {
                    mark: "**".into(),
                    text: "Under a separate contract.".into(),
                    span: Span::new(22, 1, 28),
                    uses: 0,
                });
            })
            .build()
    }

    fn summary(diagnostics: &[Diagnostic]) -> String {
        diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{}:{} {} {} [{}] {}{}",
                    d.span.line,
                    d.span.column,
                    d.code,
                    d.severity,
                    d.activity.as_deref().unwrap_or("-"),
                    d.message,
                    d.fix
                        .as_ref()
                        .map(|fix| format!(" (fix: {})", fix.replacement))
                        .unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn diagnostics_of_a_flawed_matrix() {
        let diagnostics = lint(&flawed_kubernetes_matrix(), &Config::default());
        insta::assert_snapshot!(summary(&diagnostics));
    }

    #[test]
    fn diagnostics_of_the_same_matrix_read_from_canonical_json() {
        let document = Document::from_json(&flawed_kubernetes_matrix().to_json()).unwrap();
        insta::assert_snapshot!(summary(&lint(&document, &Config::default())));
    }

    #[test]
    fn a_clean_matrix_has_no_diagnostics() {
        let document = document(&["Customer", "Provider"])
            .title("Managed Kubernetes - Responsibility model")
            .section(&["1. Before subscription"])
            .row("Choose the cluster region", &["RA", "I"])
            .row("Size the node pools", &["C", "RA"])
            .build();
        assert_eq!(lint(&document, &Config::default()), []);
    }

    #[test]
    fn the_config_sets_severities_and_turns_rules_off() {
        let config = Config::from_toml(
            "[rules]\nmissing-accountable = \"info\"\nforeign-service = \"off\"\n",
        )
        .unwrap();
        let diagnostics = lint(&flawed_kubernetes_matrix(), &config);
        assert!(diagnostics.iter().all(|d| d.name != "foreign-service"));
        let missing: Vec<_> = diagnostics.iter().filter(|d| d.code == "RACI001").collect();
        assert!(!missing.is_empty() && missing.iter().all(|d| d.severity == Severity::Info));
    }

    #[test]
    fn diagnostics_come_in_source_order_with_no_file() {
        let diagnostics = lint(&flawed_kubernetes_matrix(), &Config::default());
        let keys: Vec<_> = diagnostics
            .iter()
            .map(|d| (d.span.line, d.span.column, d.code.clone()))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert!(diagnostics.iter().all(|d| d.file.is_empty()));
    }

    #[test]
    fn rules_are_found_by_name_or_code_in_any_case() {
        assert_eq!(
            find_rule("missing-accountable").map(|r| r.info().code),
            Some("RACI001")
        );
        assert_eq!(
            find_rule("raci015").map(|r| r.info().name),
            Some("unassigned-activity")
        );
        assert!(find_rule("check-everything").is_none());
        assert_eq!(rule_infos().len(), rules().len());
    }

    #[test]
    fn odd_documents_do_not_panic() {
        let huge = "Harbor registry ".repeat(20_000);
        let odd = [
            Document::new(),
            document(&[]).row("", &[]).build(),
            document(&["Customer"])
                .title("")
                .row(&huge, &["RA", "RA", "Ω*"])
                .build(),
            document(&["Customer", "Provider"])
                .title(&huge)
                .row("é", &["Ⅸ", "**"])
                .with_row(|activity| {
                    activity.row.cells[0].party = 99;
                    activity.row.cell_count = usize::MAX;
                    activity.row.attribution = Some(raci_model::Attribution {
                        parties: vec![usize::MAX],
                        reasoning: String::new(),
                        doubtful: true,
                    });
                })
                .with_facts(|facts| {
                    facts.tables.push(raci_model::TableFacts::default());
                    facts.prose.push(raci_model::Prose {
                        text: format!("{huge}\n\n.\n"),
                        span: Span::new(u32::MAX, u32::MAX, u32::MAX),
                    });
                })
                .build(),
        ];
        for document in &odd {
            let _ = lint(document, &Config::default());
        }
    }
}
