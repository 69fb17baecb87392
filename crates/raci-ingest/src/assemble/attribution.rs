//! Giving groups of letters to parties when the page lost the empty cells:
//! `RA` alone under a row of a two-party matrix could be either party's.
//! The groups keep their column order; among the ways to place them, the
//! wording of the activity decides (who does something to whose things), and
//! the doubt is always reported.

use raci_model::{Attribution, Role};

use crate::cells::RoleCellText;
use crate::vocabulary::{self, Side};

/// Places `groups` (in column order) among `parties`.
pub(super) fn attribute(text: &str, groups: &[RoleCellText], parties: &[String]) -> Attribution {
    let customer = parties
        .iter()
        .position(|p| raci_model::may_be_customer(p))
        .unwrap_or(0);
    let lowered = format!(" {} ", text.to_lowercase());
    let found = |side| -> Vec<&'static str> {
        vocabulary::attribution_cues(side)
            .filter(|cue| lowered.contains(cue))
            .collect()
    };
    let customer_found = found(Side::Customer);
    let provider_found = found(Side::Provider);
    // Positive: the activity is about the customer's own things.
    let lean = customer_found.len() as i32 - provider_found.len() as i32;

    let mut best: Option<(i32, Vec<usize>)> = None;
    let mut candidates = Attribution::placements(groups.len(), parties.len());
    if candidates.is_empty() {
        // Wide tables: order alone is a fair guess.
        candidates.push((0..groups.len()).collect());
    }
    for placement in candidates {
        let score: i32 = placement
            .iter()
            .zip(groups)
            .map(|(party, group)| {
                let acts = group.roles.contains(Role::Responsible)
                    || group.roles.contains(Role::Accountable);
                let on_customer = *party == customer;
                // Doing the work on one's own things is the natural reading;
                // being consulted or informed about the other party's, too.
                let sign = if acts == on_customer { 1 } else { -1 };
                sign * lean.signum() * 2 + i32::from(on_customer && lean == 0 && acts)
            })
            .sum();
        if best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, placement));
        }
    }
    let chosen = best.map(|(_, p)| p).unwrap_or_default();
    let letters: Vec<String> = groups.iter().map(|g| g.roles.to_string()).collect();
    let names: Vec<&str> = chosen
        .iter()
        .filter_map(|p| parties.get(*p))
        .map(String::as_str)
        .collect();
    let evidence = match lean.signum() {
        1 => format!(
            "the text speaks of the customer's own system ({})",
            quote(&customer_found)
        ),
        -1 => format!(
            "the text speaks of the provider's platform ({})",
            quote(&provider_found)
        ),
        _ => "nothing in the text tells; the customer is assumed to act".to_owned(),
    };
    Attribution {
        reasoning: format!(
            "the page dropped its empty cells, so the column of `{}` is unknown; given to {}: {}",
            letters.join("`, `"),
            names.join(", "),
            evidence
        ),
        parties: chosen,
        doubtful: true,
    }
}

fn quote(cues: &[&str]) -> String {
    cues.iter()
        .map(|c| format!("`{}`", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cells::read_role_cell;

    fn attribute_one(text: &str, letters: &str) -> Attribution {
        let parties = vec!["Customer".to_owned(), "Provider".to_owned()];
        attribute(text, &[read_role_cell(letters)], &parties)
    }

    #[test]
    fn the_customer_acts_on_its_own_system() {
        let attribution = attribute_one("Keep the logs of the installed IS", "RA");
        assert_eq!(attribution.parties, vec![0]);
        assert!(attribution.doubtful);
        assert!(
            attribution.reasoning.contains("installed"),
            "{}",
            attribution.reasoning
        );
    }

    #[test]
    fn the_provider_acts_on_its_platform() {
        assert_eq!(
            attribute_one("Replace faulty hardware in the datacenter", "RA").parties,
            vec![1]
        );
        assert_eq!(
            attribute_one("Replace faulty hardware in the datacenter", "I").parties,
            vec![0]
        );
    }
}
