//! What every lint rule provides.

use raci_diagnostics::{Applicability, Diagnostic, RuleInfo};
use raci_model::Document;

/// A lint rule: it describes itself and inspects a document.
///
/// Rules read the source facts a parser leaves on the document
/// ([`Document::facts`], `Activity::row`); a document read from canonical
/// JSON has none, and a rule that needs them then finds nothing.
pub trait Rule: Sync {
    /// The rule's code, name, summary, explanation and default severity.
    fn info(&self) -> RuleInfo;

    /// Whether the rule offers a fix where it can, and of which kind:
    /// `Safe` fixes keep the matrix's meaning (`--fix` applies them),
    /// `Unsafe` ones change who does what (`--unsafe-fixes`).
    fn fix(&self) -> Option<Applicability> {
        None
    }

    /// Appends what the rule finds in `document` to `out`, at the rule's
    /// default severity.
    fn check(&self, document: &Document, out: &mut Vec<Diagnostic>);
}
