//! Counts of diagnostics, for the last line of a report and for exit codes.

use std::collections::BTreeSet;
use std::fmt;

use crate::{Diagnostic, Severity};

/// How many diagnostics of each severity, in how many files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files with at least one diagnostic.
    pub files: usize,
}

impl Summary {
    /// Counts `diagnostics`.
    pub fn of(diagnostics: &[Diagnostic]) -> Summary {
        let mut summary = Summary::default();
        let mut files = BTreeSet::new();
        for diagnostic in diagnostics {
            match diagnostic.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
            files.insert(diagnostic.file.as_str());
        }
        summary.files = files.len();
        summary
    }

    /// Whether any diagnostic is an error: what makes a check fail.
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// The most serious severity found, if any.
    pub fn worst(&self) -> Option<Severity> {
        [
            (self.errors, Severity::Error),
            (self.warnings, Severity::Warning),
            (self.infos, Severity::Info),
        ]
        .into_iter()
        .find(|(count, _)| *count > 0)
        .map(|(_, severity)| severity)
    }
}

fn counted(count: usize, singular: &str, plural: &str) -> String {
    format!("{count} {}", if count == 1 { singular } else { plural })
}

impl Summary {
    /// `3 errors, 2 warnings` (infos named only when there are some).
    pub fn counts(&self) -> String {
        let mut parts = vec![
            counted(self.errors, "error", "errors"),
            counted(self.warnings, "warning", "warnings"),
        ];
        if self.infos > 0 {
            parts.push(counted(self.infos, "info", "infos"));
        }
        parts.join(", ")
    }

    /// `3 errors, 2 warnings in 2 of 5 files checked`, or
    /// `no problems found in 5 files checked`: counting the files looked at,
    /// not only those with findings.
    pub fn of_checked(&self, checked: usize) -> String {
        let files = counted(checked, "file", "files");
        if self.worst().is_none() {
            format!("no problems found in {files} checked")
        } else {
            format!("{} in {} of {files} checked", self.counts(), self.files)
        }
    }
}

impl fmt::Display for Summary {
    /// `3 errors, 2 warnings in 2 files`; infos are named only when there are some.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.worst().is_none() {
            return f.write_str("no problems found");
        }
        write!(
            f,
            "{} in {}",
            self.counts(),
            counted(self.files, "file", "files")
        )
    }
}

#[cfg(test)]
mod tests {
    use raci_model::Span;

    use super::*;

    fn found(file: &str, severity: Severity) -> Diagnostic {
        Diagnostic::new("RACI001", "x", severity, Span::line(1), "m").in_file(file)
    }

    #[test]
    fn counts_severities_and_files() {
        let summary = Summary::of(&[
            found("a.md", Severity::Error),
            found("a.md", Severity::Warning),
            found("b.md", Severity::Error),
        ]);
        assert_eq!(summary.to_string(), "2 errors, 1 warning in 2 files");
        assert!(summary.has_errors());
        assert_eq!(summary.worst(), Some(Severity::Error));
    }

    #[test]
    fn names_infos_only_when_present_and_says_when_clean() {
        assert_eq!(Summary::of(&[]).to_string(), "no problems found");
        assert!(!Summary::of(&[]).has_errors());
        let summary = Summary::of(&[found("a.md", Severity::Info)]);
        assert_eq!(
            summary.to_string(),
            "0 errors, 0 warnings, 1 info in 1 file"
        );
        assert_eq!(summary.worst(), Some(Severity::Info));
        assert_eq!(
            summary.of_checked(4),
            "0 errors, 0 warnings, 1 info in 1 of 4 files checked"
        );
        assert_eq!(
            Summary::of(&[]).of_checked(1),
            "no problems found in 1 file checked"
        );
    }
}
