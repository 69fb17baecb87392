//! One finding of a check.

use raci_model::Span;

use crate::Severity;

/// A finding: which rule, how serious, where, and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's stable code, such as `RACI001`.
    pub code: String,
    /// The rule's name, such as `missing-accountable`.
    pub name: String,
    pub severity: Severity,
    /// The file the finding is in; left empty by the checks, filled by the caller.
    pub file: String,
    pub span: Span,
    pub message: String,
    /// The id of the activity the finding is about, if it is about one.
    pub activity: Option<String>,
    /// A sentence on how to resolve it.
    pub help: Option<String>,
    /// A replacement that resolves it, where one is certain.
    pub fix: Option<Fix>,
}

/// A suggested edit of the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the edit does, in a few words.
    pub message: String,
    /// The text the replacement takes the place of.
    pub span: Span,
    pub replacement: String,
    /// Whether the edit keeps the meaning of the matrix.
    pub applicability: Applicability,
}

/// Whether a fix may be applied without a person deciding (ruff's terms).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// The edit keeps what the matrix means (`IR` → `RI`): `--fix` applies it.
    #[default]
    Safe,
    /// The edit changes who does what (dropping a second A is a decision):
    /// applied only with `--unsafe-fixes`.
    Unsafe,
}

impl Applicability {
    /// `safe` or `unsafe`, as JSON and messages write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

impl Fix {
    /// An edit that keeps the meaning of the matrix.
    pub fn safe(message: impl Into<String>, span: Span, replacement: impl Into<String>) -> Fix {
        Fix {
            message: message.into(),
            span,
            replacement: replacement.into(),
            applicability: Applicability::Safe,
        }
    }

    /// An edit that changes who does what: a decision for a person.
    pub fn unsafe_edit(
        message: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
    ) -> Fix {
        Fix {
            applicability: Applicability::Unsafe,
            ..Fix::safe(message, span, replacement)
        }
    }
}

impl Diagnostic {
    /// A diagnostic with no file, activity, help or fix.
    pub fn new(
        code: impl Into<String>,
        name: impl Into<String>,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code: code.into(),
            name: name.into(),
            severity,
            file: String::new(),
            span,
            message: message.into(),
            activity: None,
            help: None,
            fix: None,
        }
    }

    /// The same diagnostic, about the activity with id `activity`.
    #[must_use]
    pub fn with_activity(mut self, activity: impl Into<String>) -> Diagnostic {
        self.activity = Some(activity.into());
        self
    }

    /// The same diagnostic, with a help sentence.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// The same diagnostic, with a suggested fix.
    #[must_use]
    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(fix);
        self
    }

    /// The same diagnostic, in `file`.
    #[must_use]
    pub fn in_file(mut self, file: impl Into<String>) -> Diagnostic {
        self.file = file.into();
        self
    }

    /// The order diagnostics are reported in: by file, position, then code.
    pub fn sort_key(&self) -> (&str, u32, u32, &str) {
        (&self.file, self.span.line, self.span.column, &self.code)
    }
}

/// Sorts diagnostics by file, line, column and code, keeping the order in
/// which equal keys were found.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders_fill_the_optional_parts() {
        let fix = Fix::safe("write the letters in order", Span::new(3, 20, 2), "RI");
        let diagnostic = Diagnostic::new(
            "RACI005",
            "non-canonical-letter-order",
            Severity::Warning,
            Span::new(3, 20, 2),
            "m",
        )
        .with_activity("run-it")
        .with_help("h")
        .with_fix(fix.clone())
        .in_file("a.md");
        assert_eq!(diagnostic.activity.as_deref(), Some("run-it"));
        assert_eq!(diagnostic.help.as_deref(), Some("h"));
        assert_eq!(diagnostic.fix, Some(fix));
        assert_eq!(diagnostic.file, "a.md");
    }

    #[test]
    fn sorts_by_file_then_position_then_code() {
        let at = |file: &str, line, column, code: &str| {
            Diagnostic::new(code, "x", Severity::Info, Span::new(line, column, 0), "m")
                .in_file(file)
        };
        let mut diagnostics = vec![
            at("b", 1, 1, "RACI001"),
            at("a", 2, 1, "RACI001"),
            at("a", 1, 5, "RACI002"),
            at("a", 1, 5, "RACI001"),
        ];
        sort(&mut diagnostics);
        let keys: Vec<_> = diagnostics
            .iter()
            .map(|d| (d.file.as_str(), d.span.line, d.span.column, d.code.as_str()))
            .collect();
        assert_eq!(
            keys,
            [
                ("a", 1, 5, "RACI001"),
                ("a", 1, 5, "RACI002"),
                ("a", 2, 1, "RACI001"),
                ("b", 1, 1, "RACI001")
            ]
        );
    }
}
