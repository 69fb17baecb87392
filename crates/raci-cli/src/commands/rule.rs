//! `raci rule [NAME]`: the rules, or one rule's explanation.

use std::fmt::Write as _;

use anyhow::{bail, Result};
use raci_lint::{Applicability, RuleInfo};
use serde_json::json;

use crate::args::{Global, RuleArgs, RuleFormat};
use crate::exit::Outcome;
use crate::output;

pub fn run(args: &RuleArgs, _global: &Global) -> Result<Outcome> {
    let infos: Vec<RuleInfo> = match &args.name {
        Some(name) => match raci_lint::find_rule(name) {
            Some(rule) => vec![rule.info()],
            None => match raci_lint::suggest_rule(name) {
                Some(close) => bail!(
                    "no rule named `{name}`: did you mean `{close}`? (`raci rule` lists them)"
                ),
                None => bail!("no rule named `{name}`: `raci rule` lists them"),
            },
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

/// `safe`, `unsafe` or `none`: the fix a rule offers where it can.
fn fix_word(info: &RuleInfo) -> &'static str {
    match raci_lint::rule_fix(info.code) {
        Some(Applicability::Safe) => "safe",
        Some(Applicability::Unsafe) => "unsafe",
        None => "none",
    }
}

fn to_json(info: &RuleInfo) -> serde_json::Value {
    json!({
        "code": info.code,
        "name": info.name,
        "summary": info.summary,
        "severity": info.default_severity.as_str(),
        "fix": fix_word(info),
        "explanation": info.explanation,
    })
}

fn list(infos: &[RuleInfo]) -> String {
    let width = infos.iter().map(|i| i.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for info in infos {
        let fix = match fix_word(info) {
            "safe" => "fix",
            "unsafe" => "fix!",
            _ => "",
        };
        let _ = writeln!(
            out,
            "{}  {:<width$}  {:<7}  {fix:<4}  {}",
            info.code,
            info.name,
            info.default_severity.as_str(),
            info.summary
        );
    }
    out.push_str("\n`fix`: `raci lint --fix` fixes it where it can; `fix!`: an unsafe fix, applied with `--fix --unsafe-fixes`.\n");
    out
}

fn explain(info: &RuleInfo) -> String {
    format!(
        "{} {} ({} by default)\n\n{}\n\n{}\n\n{}\n\n## How to turn it off\n{}",
        info.code,
        info.name,
        info.default_severity.as_str(),
        info.summary,
        info.explanation.trim(),
        raci_lint::docs::fix_sentence(info),
        raci_lint::docs::turn_off(info),
    )
}
