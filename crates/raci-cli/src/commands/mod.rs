//! One module per subcommand.

pub mod diff;
pub mod drift;
pub mod lint;
pub mod parse;
pub mod rule;
