//! `raci schema`: the JSON Schema of the canonical `raci/v1` form.

use anyhow::Result;

use crate::args::Global;
use crate::exit::Outcome;
use crate::output;

pub fn run(_global: &Global) -> Result<Outcome> {
    let schema = serde_json::to_string_pretty(&raci_model::json_schema())?;
    output::print(&schema);
    Ok(Outcome::Clean)
}
