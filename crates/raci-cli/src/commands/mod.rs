//! One module per subcommand.

pub mod lint;
pub mod parse;
pub mod rule;
