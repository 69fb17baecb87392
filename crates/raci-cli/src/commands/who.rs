//! `raci who FILE QUERY…`: the activities matching some words or a taxonomy
//! entry, with each party's role.

use anyhow::Result;

use crate::args::{Global, WhoArgs, WhoFormat};
use crate::exit::Outcome;
use crate::{input, output};

pub fn run(args: &WhoArgs, _global: &Global) -> Result<Outcome> {
    let loaded = input::load(&args.file, None)?;
    let report = raci_views::who::who(&loaded.document, &args.query.join(" "));
    let text = match args.format {
        WhoFormat::Human => report.to_human(),
        WhoFormat::Json => serde_json::to_string_pretty(&report)?,
    };
    output::print(&text);
    // Like grep: no match is exit 1, so a script can tell.
    Ok(if report.matches.is_empty() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
