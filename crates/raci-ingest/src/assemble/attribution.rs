//! Giving groups of letters to parties when the page lost the empty cells:
//! `RA` alone under a row of a two-party matrix could be either party's.
//! The groups keep their column order; among the ways to place them, the
//! wording of the activity decides (who does something to whose things, in
//! any language the lexicon knows), and the doubt is always reported.

use raci_model::text::fold;
use raci_model::{Attribution, Role};

use crate::cells::RoleCellText;
use crate::vocabulary::{self, CueKind, Side};

/// How much a concept cue of the row's innermost heading counts, against
/// the same cue in the row's own text.
const HEADING_SHARE: f32 = 0.5;
/// How much the text naming the provider (`the Cloud Temple platform`,
/// `OVHcloud SLA`) counts for the provider acting.
const PROVIDER_NAMED: f32 = 2.0;

/// What the wording of a row says of whose thing it is about.
#[derive(Debug, Default)]
pub(super) struct Lean {
    customer: f32,
    provider: f32,
    customer_cues: Vec<String>,
    provider_cues: Vec<String>,
}

impl Lean {
    /// Positive when the activity is about the customer's own things.
    fn sign(&self) -> i32 {
        let difference = self.customer - self.provider;
        if difference.abs() < f32::EPSILON {
            0
        } else if difference > 0.0 {
            1
        } else {
            -1
        }
    }

    fn add(&mut self, side: Side, weight: f32, cue: String) {
        let (score, cues) = match side {
            Side::Customer => (&mut self.customer, &mut self.customer_cues),
            Side::Provider => (&mut self.provider, &mut self.provider_cues),
        };
        *score += weight;
        if !cues.contains(&cue) {
            cues.push(cue);
        }
    }
}

/// Weighs the cues of `text` and of its innermost `heading`: text cues and
/// lexicon concepts (`attribution_cues.csv`), and the provider's name.
pub(super) fn lean(text: &str, heading: Option<&str>, parties: &[String], customer: usize) -> Lean {
    let mut lean = Lean::default();
    let lowered = format!(" {} ", text.to_lowercase());
    let concepts = raci_lexicon::concepts_of(text);
    let heading_concepts = heading.map(raci_lexicon::concepts_of).unwrap_or_default();
    for cue in vocabulary::attribution_cues() {
        match cue.kind {
            CueKind::Text if lowered.contains(cue.cue.as_str()) => {
                lean.add(cue.side, cue.weight, cue.cue.trim().to_owned());
            }
            CueKind::Concept if concepts.contains(&cue.cue.as_str()) => {
                lean.add(cue.side, cue.weight, cue.cue.clone());
            }
            CueKind::Concept | CueKind::Heading if heading_concepts.contains(&cue.cue.as_str()) => {
                lean.add(cue.side, cue.weight * HEADING_SHARE, cue.cue.clone());
            }
            _ => {}
        }
    }
    let folded = format!(" {} ", fold(text));
    for (index, party) in parties.iter().enumerate() {
        let name = raci_model::party_core_name(party);
        if index != customer && !name.is_empty() && folded.contains(&format!(" {name} ")) {
            lean.add(Side::Provider, PROVIDER_NAMED, party.clone());
        }
    }
    lean
}

/// Places `groups` (in column order) among `parties`, the row's text and
/// innermost heading telling whose things the activity is about.
pub(super) fn attribute(
    text: &str,
    heading: Option<&str>,
    groups: &[RoleCellText],
    parties: &[String],
) -> Attribution {
    let customer = parties
        .iter()
        .position(|p| raci_model::may_be_customer(p))
        .unwrap_or(0);
    let lean = lean(text, heading, parties, customer);
    let sign = lean.sign();
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
                let agrees = if acts == on_customer { 1 } else { -1 };
                agrees * sign * 2 + i32::from(on_customer && sign == 0 && acts)
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
    let evidence = match sign {
        1 => format!(
            "the text speaks of the customer's own system ({})",
            quote(&lean.customer_cues)
        ),
        -1 => format!(
            "the text speaks of the provider's platform ({})",
            quote(&lean.provider_cues)
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

fn quote(cues: &[String]) -> String {
    cues.iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cells::read_role_cell;

    fn attribute_one(text: &str, letters: &str) -> Attribution {
        let parties = vec!["Customer".to_owned(), "Provider".to_owned()];
        attribute(text, None, &[read_role_cell(letters)], &parties)
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
    fn the_provider_acts_on_its_platform_in_every_language_of_the_lexicon() {
        // `Rechenzentrum` is no text cue: the lexicon knows it as a datacenter.
        for (text, letters, party) in [
            ("Replace faulty hardware in the datacenter", "RA", 1),
            ("Replace faulty hardware in the datacenter", "I", 0),
            ("Die Geräte im Rechenzentrum austauschen", "RA", 1),
            ("Elegir la ubicación del servicio", "RA", 0),
        ] {
            assert_eq!(attribute_one(text, letters).parties, vec![party], "{text}");
        }
    }

    #[test]
    fn the_provider_named_in_the_text_points_to_the_provider() {
        let parties = vec!["Client".to_owned(), "Cloud Temple".to_owned()];
        let read = [read_role_cell("RA")];
        let attribution = attribute(
            "Keep the Cloud Temple console reachable",
            None,
            &read,
            &parties,
        );
        assert_eq!(attribution.parties, vec![1], "{}", attribution.reasoning);
        assert!(attribution.reasoning.contains("`Cloud Temple`"));
    }
}
