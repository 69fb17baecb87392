//! `raci oscal inherit LEVERAGED-SSP.json`: the customer's leveraging system
//! security plan, with `inherited` statements and `satisfied` stubs pointing
//! at what the leveraged plan provides and leaves to it.

use anyhow::{anyhow, Context, Result};

use crate::args::{Global, OscalInheritArgs};
use crate::exit::Outcome;
use crate::{files, input, output};

pub fn run(args: &OscalInheritArgs, global: &Global) -> Result<Outcome> {
    let (name, bytes) = input::read(&args.file)?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).with_context(|| {
        format!("{name}: not JSON (an OSCAL system security plan was expected)")
    })?;
    let options = raci_oscal::ssp::InheritOptions {
        leveraged_href: args.leveraged_href.clone().unwrap_or_else(|| name.clone()),
        profile_href: args.profile.clone(),
        system_name: args.system_name.clone(),
    };
    let plan =
        raci_oscal::ssp::leveraging_ssp(&value, &options).map_err(|e| anyhow!("{name}: {e}"))?;
    let text = format!("{}\n", serde_json::to_string_pretty(&plan)?);
    match &args.output {
        Some(path) => {
            files::replace(path, text.as_bytes())?;
            if !global.quiet {
                output::note(&format!(
                    "{name}: the leveraging plan written to {}; complete its `satisfied` statements",
                    path.display()
                ));
            }
        }
        None => output::print(&text),
    }
    Ok(Outcome::Clean)
}
