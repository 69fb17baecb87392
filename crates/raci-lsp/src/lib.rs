//! `raci lsp`: a language server over standard input and output (the
//! `lsp-server` and `lsp-types` crates, as ruff's server uses), so that a
//! matrix is checked where it is written:
//!
//! - diagnostics on open, change and save of any format the reader detects,
//!   each with its rule code linking to the rule's page;
//! - code actions: each finding's fix (unsafe ones marked), a fix-all of the
//!   safe fixes, and "ignore this rule for the table" (an HTML comment);
//! - formatting: what `raci fmt` does to a Markdown page's tables;
//! - hover: on a role cell, every party's letters for the row and what each
//!   letter means; on a finding, the rule's explanation;
//! - the configuration: the `raci.toml` nearest above each file, read again
//!   whenever one changes.

// `lsp_types::Uri` keeps parsed parts in a cell, but hashes and compares by
// its text, which never changes: a sound key.
#![allow(clippy::mutable_key_type)]

mod analysis;
mod convert;
mod hover;
mod server;

pub use server::{serve, Server};

/// Serves the editor on standard input and output until it says `exit`.
pub fn run_stdio() -> anyhow::Result<()> {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    serve(connection)?;
    io_threads.join()?;
    Ok(())
}
