//! `raci duties FILE --party NAME`: one party's obligations as a checklist.

use anyhow::Result;

use crate::args::{DutiesArgs, DutiesFormat, Global};
use crate::exit::Outcome;
use crate::{input, output};

pub fn run(args: &DutiesArgs, global: &Global) -> Result<Outcome> {
    let loaded = input::load(&args.file, None)?;
    let duties = raci_views::duties::duties(&loaded.document, &args.party)
        .map_err(|e| anyhow::anyhow!("{}: {e}", loaded.name))?;
    let text = match args.format {
        DutiesFormat::Markdown => duties.to_markdown(),
        DutiesFormat::Json => serde_json::to_string_pretty(&duties)?,
        DutiesFormat::Html => duties.to_html()?,
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, &text)
                .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", path.display()))?;
            if !global.quiet {
                output::note(&format!("written to {}", path.display()));
            }
        }
        None => output::print(&text),
    }
    Ok(Outcome::Clean)
}
