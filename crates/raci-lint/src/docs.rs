//! A rule's page: what `raci rule NAME` prints and `docs/rules/NAME.md`
//! holds (a test keeps the files equal to it).

use raci_diagnostics::{Applicability, RuleInfo};

use crate::rule_fix;

/// Whether the rule has a fix, and how to apply it, in a sentence.
pub fn fix_sentence(info: &RuleInfo) -> &'static str {
    match rule_fix(info.code) {
        Some(Applicability::Safe) => {
            "Fix: yes, safe: `raci lint --fix` applies it where the cell can be rewritten exactly (and the editor offers it)."
        }
        Some(Applicability::Unsafe) => {
            "Fix: yes, unsafe (it changes who does what): `raci lint --fix --unsafe-fixes` applies it; review the result."
        }
        None => "Fix: none; the finding says what to change.",
    }
}

/// The ways to turn the rule off, as a Markdown list.
pub fn turn_off(info: &RuleInfo) -> String {
    let (name, code) = (info.name, info.code);
    format!(
        "- for a project, in `raci.toml`: `[rules]` then `{name} = \"off\"` (or `ignore = [\"{code}\"]`);\n\
         - for one run: `raci lint --ignore {code}`;\n\
         - for one table, in the page just above it: `<!-- raci-ignore {code} -->`;\n\
         - for some rows of it: `<!-- raci-ignore {code}: <start of the activity> -->`;\n\
         - for a whole page: `<!-- raci-ignore-file {code} -->`."
    )
}

/// The whole page of a rule, in Markdown.
pub fn rule_page(info: &RuleInfo) -> String {
    format!(
        "# {} {}\n\n{}\n\nDefault severity: {}. {}\n\n{}\n\n## How to turn it off\n{}\n",
        info.code,
        info.name,
        info.summary,
        info.default_severity,
        fix_sentence(info),
        info.explanation.trim(),
        turn_off(info)
    )
}
