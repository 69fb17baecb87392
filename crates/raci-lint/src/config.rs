//! The lint configuration, read from `raci.toml`:
//!
//! ```toml
//! select = ["RACI001", "multiple-accountable"]   # only these rules (default: all)
//! ignore = ["foreign-service"]                   # never these
//!
//! [rules]
//! missing-accountable = "warning"   # error | warning | info | off
//! RACI013 = "off"                   # keys may be names or codes
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use raci_diagnostics::{RuleInfo, Severity};
use raci_model::LineIndex;
use serde::Deserialize;
use toml::Spanned;

use crate::find_rule;

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
    /// When set, only these codes run.
    select: Option<BTreeSet<&'static str>>,
    /// Codes that never run.
    ignore: BTreeSet<&'static str>,
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
        "unknown rule `{key}`{}: expected a rule name or code, such as `missing-accountable` or `RACI001`",
        at_line(*.line)
    )]
    UnknownRule { key: String, line: Option<usize> },
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

fn at_line(line: Option<usize>) -> String {
    line.map(|line| format!(" at line {line}"))
        .unwrap_or_default()
}

/// `raci.toml` as written, with spans to report errors by line.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
}

impl Config {
    /// Reads the text of a `raci.toml`.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let lines = LineIndex::new(text);
        let line_of = |at: usize| Some(lines.span(at, at).line as usize);
        let raw: RawConfig = toml::from_str(text).map_err(|error| ConfigError::Syntax {
            line: error.span().and_then(|span| line_of(span.start)),
            message: error.message().trim().to_owned(),
        })?;
        let code_of = |key: &Spanned<String>| {
            find_rule(key.get_ref())
                .map(|rule| rule.info().code)
                .ok_or_else(|| ConfigError::UnknownRule {
                    key: key.get_ref().clone(),
                    line: line_of(key.span().start),
                })
        };
        let mut config = Config::default();
        for (key, value) in &raw.rules {
            let code = code_of(key)?;
            let setting = value
                .get_ref()
                .as_str()
                .and_then(|text| text.parse().ok())
                .ok_or_else(|| ConfigError::BadSetting {
                    key: key.get_ref().clone(),
                    value: value_text(value.get_ref()),
                    line: line_of(value.span().start),
                })?;
            config.settings.insert(code, setting);
        }
        if let Some(select) = &raw.select {
            config.select = Some(select.iter().map(code_of).collect::<Result<_, _>>()?);
        }
        config.ignore = raw.ignore.iter().map(code_of).collect::<Result<_, _>>()?;
        Ok(config)
    }

    /// Sets one rule by name or code, as a command-line flag would.
    pub fn set(&mut self, name_or_code: &str, setting: Setting) -> Result<(), ConfigError> {
        let rule = find_rule(name_or_code).ok_or_else(|| ConfigError::UnknownRule {
            key: name_or_code.to_owned(),
            line: None,
        })?;
        self.settings.insert(rule.info().code, setting);
        Ok(())
    }

    /// The severity `rule` reports with, or `None` when it does not run.
    pub fn severity_of(&self, rule: &RuleInfo) -> Option<Severity> {
        let selected = self
            .select
            .as_ref()
            .is_none_or(|select| select.contains(rule.code));
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
    fn an_unknown_rule_is_named_with_its_line() {
        let error = Config::from_toml("[rules]\n\nmissing-acountable = \"off\"\n").unwrap_err();
        assert_eq!(
            error,
            ConfigError::UnknownRule {
                key: "missing-acountable".into(),
                line: Some(3)
            }
        );
        assert!(error.to_string().contains("`missing-acountable` at line 3"));
        let error = Config::from_toml("ignore = [\"RACI999\"]").unwrap_err();
        assert!(
            matches!(error, ConfigError::UnknownRule { key, line: Some(1) } if key == "RACI999")
        );
    }

    #[test]
    fn a_bad_value_is_named_with_its_key_and_line() {
        let error = Config::from_toml("[rules]\nempty-row = \"loud\"\n").unwrap_err();
        assert_eq!(
            error,
            ConfigError::BadSetting {
                key: "empty-row".into(),
                value: "loud".into(),
                line: Some(2)
            }
        );
        let error = Config::from_toml("[rules]\nempty-row = 3\n").unwrap_err();
        assert!(matches!(error, ConfigError::BadSetting { value, .. } if value == "3"));
    }

    #[test]
    fn syntax_errors_and_unknown_tables_say_where() {
        let error = Config::from_toml("[rules\n").unwrap_err();
        assert!(
            matches!(error, ConfigError::Syntax { line: Some(1), .. }),
            "{error:?}"
        );
        let error = Config::from_toml("\n[rule]\nempty-row = \"off\"\n").unwrap_err();
        assert!(
            matches!(&error, ConfigError::Syntax { line: Some(2), .. }),
            "{error:?}"
        );
        assert!(error.to_string().contains("rule"), "{error}");
    }

    #[test]
    fn set_overrides_and_refuses_unknown_rules() {
        let mut config = Config::default();
        config.set("RACI002", Setting::Off).unwrap();
        assert_eq!(config.severity_of(&info("multiple-accountable")), None);
        assert!(config.set("nonsense", Setting::Off).is_err());
    }

    #[test]
    fn settings_read_and_print_their_words() {
        for word in ["error", "warning", "info", "off"] {
            assert_eq!(word.parse::<Setting>().unwrap().to_string(), word);
        }
        assert!("loud".parse::<Setting>().is_err());
    }
}
