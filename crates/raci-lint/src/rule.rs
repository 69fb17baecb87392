//! What every lint rule provides.

use raci_diagnostics::{Diagnostic, RuleInfo};
use raci_model::Document;

/// A lint rule: it describes itself and inspects a document.
///
/// Rules read the source facts a parser leaves on the document
/// ([`Document::facts`], `Activity::row`); a document read from canonical
/// JSON has none, and a rule that needs them then finds nothing.
pub trait Rule: Sync {
    /// The rule's code, name, summary, explanation and default severity.
    fn info(&self) -> RuleInfo;

    /// Appends what the rule finds in `document` to `out`, at the rule's
    /// default severity.
    fn check(&self, document: &Document, out: &mut Vec<Diagnostic>);
}
