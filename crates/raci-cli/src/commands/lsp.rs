//! `raci lsp`: the language server (crate `raci-lsp`) on standard input and
//! output, for an editor to start.

use anyhow::Result;

use crate::exit::Outcome;

pub fn run() -> Result<Outcome> {
    raci_lsp::run_stdio()?;
    Ok(Outcome::Clean)
}
