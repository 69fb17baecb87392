//! Diagnostics: what a check found, where, how bad it is and how to fix it,
//! and one renderer per output format (human, JSON, SARIF).
//!
//! The types here know nothing of the rules that produce them; a rule set
//! describes itself with [`RuleInfo`] so the SARIF renderer can list it.

mod diagnostic;
pub mod render;
mod rule_info;
mod severity;
mod summary;

pub use diagnostic::{sort, Applicability, Diagnostic, Fix};
pub use render::{render_human, render_json, render_sarif, SarifRun, Unreadable};
pub use rule_info::RuleInfo;
pub use severity::{Severity, UnknownSeverity};
pub use summary::Summary;
