//! The lint configuration, read from `raci.toml`. Every key:
//!
//! ```toml
//! select = ["RACI001", "multiple-accountable"]   # only these rules (default: all; "ALL" is every rule)
//! extend-select = ["RACI016"]                    # these too, on top of `select`
//! ignore = ["foreign-service"]                   # never these
//!
//! [rules]
//! missing-accountable = "warning"   # error | warning | info | off
//! RACI013 = "off"                   # keys may be names or codes
//! ```
//!
//! Rules are named by name, code, or code prefix (`RACI01` is RACI010 to
//! RACI019). Every unknown key and name is reported, not only the first, with
//! the closest known name where one is close.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use raci_diagnostics::{RuleInfo, Severity};
use raci_model::LineIndex;
use serde::Deserialize;
use toml::Spanned;

use crate::{find_rule, rules};

/// The keys a `raci.toml` may hold at its top level.
pub const CONFIG_KEYS: &[&str] = &["select", "extend-select", "ignore", "rules"];

/// What the configuration says of one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    /// Report with this severity.
    Report(Severity),
    /// Do not run the rule.
    Off,
}

/// A word that names no setting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a setting: expected error, warning, info or off")]
pub struct UnknownSetting(pub String);

impl FromStr for Setting {
    type Err = UnknownSetting;

    /// Reads `error`, `warning`, `info` or `off`, ignoring case.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text.trim().eq_ignore_ascii_case("off") {
            return Ok(Setting::Off);
        }
        text.parse()
            .map(Setting::Report)
            .map_err(|_| UnknownSetting(text.to_owned()))
    }
}

impl fmt::Display for Setting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Setting::Report(severity) => severity.fmt(f),
            Setting::Off => f.write_str("off"),
        }
    }
}

/// Which rules run, and at which severity. The default runs every rule at
/// its default severity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// Settings by rule code.
    settings: BTreeMap<&'static str, Setting>,
    /// When set, only these codes run (and those of `extend_select`).
    select: Option<BTreeSet<&'static str>>,
    /// Codes that run on top of `select`.
    extend_select: BTreeSet<&'static str>,
    /// Codes that never run.
    ignore: BTreeSet<&'static str>,
}

/// Rule selections given on the command line (`--select`, `--extend-select`,
/// `--ignore`), which take precedence over the file's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
}

/// A configuration that cannot be used. Each variant names the offending key
/// and, where known, its line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("invalid raci.toml{}: {message}", at_line(*.line))]
    Syntax {
        line: Option<usize>,
        message: String,
    },
    #[error(
        "unknown key `{key}`{}: expected one of {}{}",
        at_line(*.line),
        CONFIG_KEYS.join(", "),
        did_you_mean(*.suggestion)
    )]
    UnknownKey {
        key: String,
        line: Option<usize>,
        suggestion: Option<&'static str>,
    },
    #[error(
        "unknown rule `{key}`{}: expected a rule name or code, such as `missing-accountable` or `RACI001`{}",
        at_line(*.line),
        did_you_mean(*.suggestion)
    )]
    UnknownRule {
        key: String,
        line: Option<usize>,
        suggestion: Option<&'static str>,
    },
    #[error(
        "rule `{key}`{}: `{value}` is not a setting: expected \"error\", \"warning\", \"info\" or \"off\"",
        at_line(*.line)
    )]
    BadSetting {
        key: String,
        value: String,
        line: Option<usize>,
    },
}

/// Every error found in one configuration, in the order of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl fmt::Display for ConfigErrors {
    /// One error a line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

impl std::error::Error for ConfigErrors {}

fn at_line(line: Option<usize>) -> String {
    line.map(|line| format!(" at line {line}"))
        .unwrap_or_default()
}

fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion
        .map(|name| format!("; did you mean `{name}`?"))
        .unwrap_or_default()
}

/// The known word closest to `wanted`, when it is close enough to be a typo.
pub(crate) fn closest<'a>(
    wanted: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wanted = wanted.trim().to_ascii_lowercase();
    known
        .into_iter()
        .map(|name| {
            (
                strsim::jaro_winkler(&wanted, &name.to_ascii_lowercase()),
                name,
            )
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

/// The codes `name` stands for: a rule's name or code, `ALL`, or a code
/// prefix such as `RACI01`; `None` when it names nothing.
pub(crate) fn codes_named(name: &str) -> Option<Vec<&'static str>> {
    let wanted = name.trim();
    if wanted.eq_ignore_ascii_case("all") {
        return Some(rules().iter().map(|rule| rule.info().code).collect());
    }
    if let Some(rule) = find_rule(wanted) {
        return Some(vec![rule.info().code]);
    }
    let upper = wanted.to_ascii_uppercase();
    let is_prefix = upper.len() > 4
        && upper.starts_with("RACI")
        && upper[4..].chars().all(|c| c.is_ascii_digit());
    let codes: Vec<&'static str> = rules()
        .iter()
        .map(|rule| rule.info().code)
        .filter(|code| is_prefix && code.starts_with(&upper))
        .collect();
    (!codes.is_empty()).then_some(codes)
}

/// The closest rule name or code to an unknown `name`.
pub(crate) fn closest_rule(name: &str) -> Option<&'static str> {
    let infos: Vec<RuleInfo> = rules().iter().map(|rule| rule.info()).collect();
    let known = infos.iter().flat_map(|info| [info.name, info.code]);
    closest(name, known.collect::<Vec<_>>())
}

/// `raci.toml` as written, with spans to report errors by line.
#[derive(Deserialize)]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    select: Option<Vec<Spanned<String>>>,
    #[serde(default, rename = "extend-select")]
    extend_select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
}

impl Config {
    /// Reads the text of a `raci.toml`, reporting every error it holds.
    pub fn from_toml(text: &str) -> Result<Config, ConfigErrors> {
        let lines = LineIndex::new(text);
        let line_of = |at: usize| Some(lines.span(at, at).line as usize);
        let syntax = |error: toml::de::Error| {
            ConfigErrors(vec![ConfigError::Syntax {
                line: error.span().and_then(|span| line_of(span.start)),
                message: error.message().trim().to_owned(),
            }])
        };
        // The keys first, so that every unknown one is reported.
        let keys: BTreeMap<Spanned<String>, serde::de::IgnoredAny> =
            toml::from_str(text).map_err(syntax)?;
        let raw: RawConfig = toml::from_str(text).map_err(syntax)?;
        let mut errors = Vec::new();
        let unknown = keys
            .keys()
            .filter(|key| !CONFIG_KEYS.contains(&key.get_ref().as_str()));
        for key in unknown {
            errors.push(ConfigError::UnknownKey {
                key: key.get_ref().clone(),
                line: line_of(key.span().start),
                suggestion: closest(key.get_ref(), CONFIG_KEYS.iter().copied()),
            });
        }
        let codes_of = |key: &Spanned<String>, errors: &mut Vec<ConfigError>| {
            codes_named(key.get_ref()).unwrap_or_else(|| {
                errors.push(ConfigError::UnknownRule {
                    key: key.get_ref().clone(),
                    line: line_of(key.span().start),
                    suggestion: closest_rule(key.get_ref()),
                });
                Vec::new()
            })
        };
        let mut config = Config::default();
        for (key, value) in &raw.rules {
            let codes = codes_of(key, &mut errors);
            let setting = value.get_ref().as_str().and_then(|text| text.parse().ok());
            match setting {
                Some(setting) => {
                    for code in codes {
                        config.settings.insert(code, setting);
                    }
                }
                None => errors.push(ConfigError::BadSetting {
                    key: key.get_ref().clone(),
                    value: value_text(value.get_ref()),
                    line: line_of(value.span().start),
                }),
            }
        }
        if let Some(select) = &raw.select {
            let codes = select.iter().flat_map(|key| codes_of(key, &mut errors));
            config.select = Some(codes.collect());
        }
        for key in &raw.extend_select {
            config.extend_select.extend(codes_of(key, &mut errors));
        }
        for key in &raw.ignore {
            config.ignore.extend(codes_of(key, &mut errors));
        }
        if errors.is_empty() {
            Ok(config)
        } else {
            errors.sort_by_key(|error| match error {
                ConfigError::Syntax { line, .. }
                | ConfigError::UnknownKey { line, .. }
                | ConfigError::UnknownRule { line, .. }
                | ConfigError::BadSetting { line, .. } => *line,
            });
            Err(ConfigErrors(errors))
        }
    }

    /// Sets one rule by name or code, as a command-line flag would.
    pub fn set(&mut self, name_or_code: &str, setting: Setting) -> Result<(), ConfigError> {
        let codes = codes_named(name_or_code).ok_or_else(|| ConfigError::UnknownRule {
            key: name_or_code.to_owned(),
            line: None,
            suggestion: closest_rule(name_or_code),
        })?;
        for code in codes {
            self.settings.insert(code, setting);
        }
        Ok(())
    }

    /// Applies the command line's selection over the file's: `select`
    /// replaces the file's `select`, and a rule the command line selects runs
    /// even where the file ignores or turns it off; `extend_select` adds
    /// rules; `ignore` adds to the file's `ignore`. Every unknown name is
    /// reported.
    pub fn with_selection(mut self, selection: &Selection) -> Result<Config, ConfigErrors> {
        let mut errors = Vec::new();
        let mut codes_of = |names: &[String]| -> Vec<&'static str> {
            names
                .iter()
                .flat_map(|name| {
                    codes_named(name).unwrap_or_else(|| {
                        errors.push(ConfigError::UnknownRule {
                            key: name.clone(),
                            line: None,
                            suggestion: closest_rule(name),
                        });
                        Vec::new()
                    })
                })
                .collect()
        };
        let selected: Option<Vec<&'static str>> = selection.select.as_deref().map(&mut codes_of);
        let extended = codes_of(&selection.extend_select);
        let ignored = codes_of(&selection.ignore);
        if !errors.is_empty() {
            return Err(ConfigErrors(errors));
        }
        for code in selected.iter().flatten().chain(&extended) {
            self.ignore.remove(code);
            if self.settings.get(code) == Some(&Setting::Off) {
                self.settings.remove(code);
            }
        }
        if let Some(selected) = selected {
            self.select = Some(selected.into_iter().collect());
        }
        self.extend_select.extend(extended);
        self.ignore.extend(ignored);
        Ok(self)
    }

    /// The severity `rule` reports with, or `None` when it does not run.
    pub fn severity_of(&self, rule: &RuleInfo) -> Option<Severity> {
        let selected = self
            .select
            .as_ref()
            .is_none_or(|select| select.contains(rule.code))
            || self.extend_select.contains(rule.code);
        if !selected || self.ignore.contains(rule.code) {
            return None;
        }
        match self.settings.get(rule.code) {
            Some(Setting::Off) => None,
            Some(Setting::Report(severity)) => Some(*severity),
            None => Some(rule.default_severity),
        }
    }
}

/// A TOML value as the user wrote it, for error messages.
fn value_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::find_rule;

    fn info(name: &str) -> RuleInfo {
        find_rule(name).expect("a rule of the table").info()
    }

    fn only_error(text: &str) -> ConfigError {
        let mut errors = Config::from_toml(text).unwrap_err().0;
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors.remove(0)
    }

    #[test]
    fn the_default_runs_every_rule_at_its_default_severity() {
        let config = Config::default();
        assert_eq!(
            config.severity_of(&info("missing-accountable")),
            Some(Severity::Error)
        );
        assert_eq!(
            config.severity_of(&info("empty-row")),
            Some(Severity::Warning)
        );
        assert_eq!(Config::from_toml("").unwrap(), config);
    }

    #[test]
    fn rules_are_set_by_name_or_code() {
        let config = Config::from_toml(
            "[rules]\nmissing-accountable = \"warning\"\nRACI014 = \"off\"\nempty-row = \"Info\"\n",
        )
        .unwrap();
        assert_eq!(
            config.severity_of(&info("missing-accountable")),
            Some(Severity::Warning)
        );
        assert_eq!(config.severity_of(&info("foreign-service")), None);
        assert_eq!(config.severity_of(&info("empty-row")), Some(Severity::Info));
        assert_eq!(
            config.severity_of(&info("multiple-accountable")),
            Some(Severity::Error)
        );
    }

    #[test]
    fn select_keeps_only_the_named_rules_and_ignore_drops_rules() {
        let config = Config::from_toml(
            "select = [\"RACI001\", \"multiple-accountable\"]\nignore = [\"multiple-accountable\"]\n",
        )
        .unwrap();
        assert_eq!(config.severity_of(&info("RACI001")), Some(Severity::Error));
        assert_eq!(config.severity_of(&info("multiple-accountable")), None);
        assert_eq!(config.severity_of(&info("empty-row")), None);
    }

    #[test]
    fn extend_select_adds_to_select_and_prefixes_and_all_name_several_rules() {
        let config =
            Config::from_toml("select = [\"RACI00\"]\nextend-select = [\"foreign-service\"]\n")
                .unwrap();
        assert!(config.severity_of(&info("RACI009")).is_some());
        assert!(config.severity_of(&info("RACI014")).is_some());
        assert_eq!(config.severity_of(&info("RACI010")), None);
        let config = Config::from_toml("select = [\"ALL\"]\nignore = [\"RACI01\"]\n").unwrap();
        assert!(config.severity_of(&info("RACI001")).is_some());
        assert_eq!(config.severity_of(&info("RACI013")), None);
    }

    #[test]
    fn an_unknown_rule_is_named_with_its_line_and_the_closest_name() {
        let error = only_error("[rules]\n\nmissing-acountable = \"off\"\n");
        assert_eq!(
            error,
            ConfigError::UnknownRule {
                key: "missing-acountable".into(),
                line: Some(3),
                suggestion: Some("missing-accountable"),
            }
        );
        assert!(error.to_string().contains("`missing-acountable` at line 3"));
        assert!(error
            .to_string()
            .ends_with("did you mean `missing-accountable`?"));
        let error = only_error("ignore = [\"RACI999\"]");
        assert!(
            matches!(error, ConfigError::UnknownRule { key, line: Some(1), .. } if key == "RACI999")
        );
        let error = only_error("ignore = [\"zzzz\"]");
        assert!(!error.to_string().contains("did you mean"), "{error}");
    }

    #[test]
    fn every_unknown_name_and_key_is_reported_in_file_order() {
        let errors = Config::from_toml(
            "selct = [\"RACI001\"]\nignore = [\"foriegn-service\", \"RACI001\", \"empty-rows\"]\n[rules]\nredundant-infomed = \"off\"\nempty-row = \"loud\"\n",
        )
        .unwrap_err();
        let text = errors.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 5, "{text}");
        assert!(
            lines[0].contains("unknown key `selct` at line 1")
                && lines[0].contains("did you mean `select`?"),
            "{text}"
        );
        assert!(
            lines[1].contains("`foriegn-service`") && lines[1].contains("`foreign-service`"),
            "{text}"
        );
        assert!(
            lines[2].contains("`empty-rows`") && lines[2].contains("`empty-row`"),
            "{text}"
        );
        assert!(lines[3].contains("`redundant-infomed` at line 4"), "{text}");
        assert!(lines[4].contains("`loud`"), "{text}");
    }

    #[test]
    fn a_bad_value_is_named_with_its_key_and_line() {
        let error = only_error("[rules]\nempty-row = \"loud\"\n");
        assert_eq!(
            error,
            ConfigError::BadSetting {
                key: "empty-row".into(),
                value: "loud".into(),
                line: Some(2)
            }
        );
        let error = only_error("[rules]\nempty-row = 3\n");
        assert!(matches!(error, ConfigError::BadSetting { value, .. } if value == "3"));
    }

    #[test]
    fn syntax_errors_and_unknown_tables_say_where() {
        let error = only_error("[rules\n");
        assert!(
            matches!(error, ConfigError::Syntax { line: Some(1), .. }),
            "{error:?}"
        );
        let error = only_error("\n[rule]\nempty-row = \"off\"\n");
        assert!(
            matches!(
                &error,
                ConfigError::UnknownKey {
                    line: Some(2),
                    suggestion: Some("rules"),
                    ..
                }
            ),
            "{error:?}"
        );
    }

    #[test]
    fn set_overrides_and_refuses_unknown_rules() {
        let mut config = Config::default();
        config.set("RACI002", Setting::Off).unwrap();
        assert_eq!(config.severity_of(&info("multiple-accountable")), None);
        assert!(config.set("nonsense", Setting::Off).is_err());
    }

    #[test]
    fn the_command_line_selection_wins_over_the_file() {
        let file = Config::from_toml(
            "select = [\"RACI001\"]\nignore = [\"RACI006\"]\n[rules]\nRACI005 = \"off\"\n",
        )
        .unwrap();
        let config = file
            .clone()
            .with_selection(&Selection {
                select: Some(vec!["RACI006".into(), "RACI002".into()]),
                extend_select: vec!["non-canonical-letter-order".into()],
                ignore: vec!["RACI002".into()],
            })
            .unwrap();
        assert!(config.severity_of(&info("RACI006")).is_some());
        assert!(config.severity_of(&info("RACI005")).is_some());
        assert_eq!(config.severity_of(&info("RACI001")), None);
        assert_eq!(config.severity_of(&info("RACI002")), None);
        let errors = file
            .with_selection(&Selection {
                select: Some(vec!["missing-acountable".into()]),
                extend_select: vec![],
                ignore: vec!["bogus".into()],
            })
            .unwrap_err();
        assert_eq!(errors.0.len(), 2, "{errors}");
        assert!(errors
            .to_string()
            .contains("did you mean `missing-accountable`?"));
    }

    #[test]
    fn settings_read_and_print_their_words() {
        for word in ["error", "warning", "info", "off"] {
            assert_eq!(word.parse::<Setting>().unwrap().to_string(), word);
        }
        assert!("loud".parse::<Setting>().is_err());
    }
}
