//! How serious a diagnostic is.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The severity of a diagnostic. Ordered from least to most serious, so
/// `Severity::Error` is the maximum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// Every severity, most serious first.
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// The lowercase name, as written in JSON and configuration files.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A word that names no severity.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a severity: expected error, warning or info")]
pub struct UnknownSeverity(pub String);

impl FromStr for Severity {
    type Err = UnknownSeverity;

    /// Reads a severity name, ignoring case and surrounding blanks.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim();
        Severity::ALL
            .into_iter()
            .find(|severity| severity.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownSeverity(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_the_most_serious() {
        assert!(Severity::Error > Severity::Warning);
        assert!(Severity::Warning > Severity::Info);
        assert_eq!(Severity::ALL.into_iter().max(), Some(Severity::Error));
    }

    #[test]
    fn names_round_trip_through_display_and_from_str() {
        for severity in Severity::ALL {
            assert_eq!(severity.to_string().parse::<Severity>(), Ok(severity));
        }
        assert_eq!(" Warning ".parse::<Severity>(), Ok(Severity::Warning));
        assert_eq!(
            "fatal".parse::<Severity>(),
            Err(UnknownSeverity("fatal".to_owned()))
        );
    }

    #[test]
    fn serializes_in_lower_case() {
        assert_eq!(serde_json::to_string(&Severity::Info).unwrap(), "\"info\"");
        let back: Severity = serde_json::from_str("\"error\"").unwrap();
        assert_eq!(back, Severity::Error);
    }
}
