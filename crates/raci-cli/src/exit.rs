//! Exit codes, the contract CI jobs rely on.

use std::process::ExitCode;

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Nothing at error level: exit 0.
    Clean,
    /// Findings at error level: exit 1.
    Findings,
    /// Unusable input or an internal error: exit 2.
    Unusable,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        ExitCode::from(match outcome {
            Outcome::Clean => 0,
            Outcome::Findings => 1,
            Outcome::Unusable => 2,
        })
    }
}
