//! What a rule says about itself: enough for `raci rule NAME` and for SARIF's
//! rule descriptors.

use raci_model::Span;

use crate::{Diagnostic, Severity};

/// The description of one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// The stable code, such as `RACI001`; never reused for another rule.
    pub code: &'static str,
    /// The kebab-case name, which reads as the defect: `missing-accountable`.
    pub name: &'static str,
    /// One line saying what the rule finds.
    pub summary: &'static str,
    /// What it does, why it matters and an example, in Markdown.
    pub explanation: &'static str,
    /// The severity it reports with unless configured otherwise.
    pub default_severity: Severity,
}

impl RuleInfo {
    /// A diagnostic of this rule at its default severity.
    pub fn diagnostic(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code, self.name, self.default_severity, span, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostics_carry_the_rule_identity_and_default_severity() {
        let info = RuleInfo {
            code: "RACI999",
            name: "sample-defect",
            summary: "s",
            explanation: "e",
            default_severity: Severity::Warning,
        };
        let diagnostic = info.diagnostic(Span::line(4), "found");
        assert_eq!(
            (diagnostic.code.as_str(), diagnostic.name.as_str()),
            ("RACI999", "sample-defect")
        );
        assert_eq!(diagnostic.severity, Severity::Warning);
        assert_eq!(diagnostic.span.line, 4);
        assert!(diagnostic.file.is_empty());
    }
}
