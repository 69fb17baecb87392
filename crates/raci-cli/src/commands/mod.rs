//! One module per subcommand.

pub mod admin;
pub mod audit;
pub mod compare;
pub mod controls;
pub mod convert;
pub mod database;
pub mod diff;
pub mod drift;
pub mod duties;
pub mod fmt;
pub mod inherit;
pub mod lint;
pub mod lsp;
pub mod oscal;
pub mod parse;
pub mod remote;
pub mod rule;
pub mod schema;
pub mod serve;
pub mod site;
pub mod stats;
pub mod who;
