//! `raci rule [NAME]`: the rules, or one rule's explanation.

use std::fmt::Write as _;

use anyhow::{bail, Result};
use raci_lint::RuleInfo;
use serde_json::json;

use crate::args::{Global, RuleArgs, RuleFormat};
use crate::exit::Outcome;
use crate::output;

pub fn run(args: &RuleArgs, _global: &Global) -> Result<Outcome> {
    let infos: Vec<RuleInfo> = match &args.name {
        Some(name) => match raci_lint::find_rule(name) {
            Some(rule) => vec![rule.info()],
            None => bail!("no rule named `{name}`: `raci rule` lists them"),
        },
        None => raci_lint::rule_infos(),
    };
    let text = match (args.format, args.name.is_some()) {
        (RuleFormat::Json, _) => {
            let values: Vec<_> = infos.iter().map(to_json).collect();
            let value = if args.name.is_some() {
                values[0].clone()
            } else {
                json!(values)
            };
            serde_json::to_string_pretty(&value)?
        }
        (RuleFormat::Human, true) => explain(&infos[0]),
        (RuleFormat::Human, false) => list(&infos),
    };
    output::print(&text);
    Ok(Outcome::Clean)
}

fn to_json(info: &RuleInfo) -> serde_json::Value {
    json!({
        "code": info.code,
        "name": info.name,
        "summary": info.summary,
        "severity": info.default_severity.as_str(),
        "explanation": info.explanation,
    })
}

fn list(infos: &[RuleInfo]) -> String {
    let width = infos.iter().map(|i| i.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for info in infos {
        let _ = writeln!(
            out,
            "{}  {:<width$}  {:<7}  {}",
            info.code,
            info.name,
            info.default_severity.as_str(),
            info.summary
        );
    }
    out
}

fn explain(info: &RuleInfo) -> String {
    format!(
        "{} {} ({} by default)\n\n{}\n\n{}",
        info.code,
        info.name,
        info.default_severity.as_str(),
        info.summary,
        info.explanation.trim()
    )
}
