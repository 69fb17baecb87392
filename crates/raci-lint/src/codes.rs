//! The one table of rule codes.
//!
//! A code names one rule forever: when a rule is removed its code is retired,
//! never given to another rule. New rules take the next free number.

use crate::rule::Rule;
use crate::rules::*;

/// Declares each rule's `CODE` and the list of every rule, from one table.
macro_rules! code_table {
    ($($code:literal => $rule:ident,)*) => {
        $(impl $rule {
            /// The rule's code, from the table in `codes.rs`.
            pub const CODE: &'static str = $code;
        })*

        /// Every rule, in code order.
        pub(crate) static RULES: &[&dyn Rule] = &[$(&$rule),*];
    };
}

code_table! {
    "RACI001" => MissingAccountable,
    "RACI002" => MultipleAccountable,
    "RACI003" => MissingResponsible,
    "RACI004" => UnknownRoleLetter,
    "RACI005" => NonCanonicalLetterOrder,
    "RACI006" => RedundantInformed,
    "RACI007" => MalformedRow,
    "RACI008" => EmptyRow,
    "RACI009" => DuplicateActivity,
    "RACI010" => DoubtfulColumnAttribution,
    "RACI011" => InconsistentPartyNames,
    "RACI012" => UndefinedFootnote,
    "RACI013" => UnusedFootnote,
    "RACI014" => ForeignService,
    "RACI015" => UnassignedActivity,
    "RACI016" => UnusedSuppression,
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::RULES;

    #[test]
    fn codes_are_unique_increasing_and_well_formed() {
        let codes: Vec<&str> = RULES.iter().map(|rule| rule.info().code).collect();
        assert!(codes.windows(2).all(|pair| pair[0] < pair[1]), "{codes:?}");
        for code in &codes {
            assert!(code.len() == 7 && code.starts_with("RACI"), "{code}");
            assert!(code[4..].chars().all(|c| c.is_ascii_digit()), "{code}");
        }
    }

    #[test]
    fn names_are_unique_kebab_case_and_never_start_with_check_or_no() {
        let mut seen = HashSet::new();
        for rule in RULES {
            let name = rule.info().name;
            assert!(seen.insert(name), "{name} twice");
            assert!(
                name.split('-')
                    .all(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase())),
                "{name}"
            );
            assert!(
                !name.starts_with("check-") && !name.starts_with("no-"),
                "{name}"
            );
        }
    }

    #[test]
    fn every_explanation_has_the_four_parts() {
        for rule in RULES {
            let info = rule.info();
            for part in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "Use instead:",
            ] {
                assert!(
                    info.explanation.contains(part),
                    "{} lacks {part}",
                    info.name
                );
            }
            assert!(
                !info.summary.contains('\n'),
                "{}: summary is one line",
                info.name
            );
        }
    }
}
