//! Giving groups of letters to parties when the page lost the empty cells:
//! `RA` alone under a row of a two-party matrix could be either party's.
//! The groups keep their column order; among the ways to place them, the
//! wording of the activity decides (who does something to whose things), and
//! the doubt is always reported.

use raci_model::{Attribution, Role};

use crate::cells::RoleCellText;

/// Names customers' columns go by.
const CUSTOMER_NAMES: &[&str] = &[
    "customer", "client", "kunde", "cliente", "klient", "tenant", "user",
];

/// Words that say the customer's own system is the object of the activity.
const CUSTOMER_CUES: &[&str] = &[
    " is ",
    " is.",
    " si ",
    " si.",
    "installed",
    "installé",
    "deployed",
    "déployé",
    "hosted is",
    "containers",
    "conteneurs",
    "workload",
    "application",
    "your ",
    "his ",
    "own ",
    "yaml",
    "inject",
    "launch",
    "démarrer",
    "migrate",
    "migrer",
    "transfer",
    "transférer",
    "encrypt",
    "chiffrer",
    "reversibility plan",
    "plan de réversibilité",
    "backup policy",
    "politique de backup",
    "native api",
    "api kubernetes",
    "network default",
    "configuration par défaut du réseau",
    "adapt service configuration",
    "adapter la configuration",
    "external data",
    "données externes",
    "persistent",
    "persistant",
    "inside kubernetes",
    "ressources gérées",
    "route packets",
    "router les paquets",
    "logs",
    "information system",
    "système d’information",
    "système d'information",
    "fallback",
    "repli",
    "images",
    "continuity and sustainability",
];

/// Words that say the provider's own platform is the object.
const PROVIDER_CUES: &[&str] = &[
    "teams",
    "équipes",
    "infrastructure",
    "provided",
    "mise à disposition",
    "control panel",
    "control plane",
    "physical",
    "physique",
    "hardware",
    "matériel",
    "datacenter",
    "patches",
    "patchs",
    "resiliation",
    "résiliation",
    "requested by the client",
    "demandées par le client",
    "client's data",
    "données métier du client",
    "related to the client",
    "propres au client",
    "restoration tests on the service",
    "continuity policy of the",
    "of the managed",
    "of the kubernetes managed",
    "du service",
    "sur le service",
    "managed kubernetes service",
    "kubernetes managed service",
    "service kubernetes managé",
    "kubernetes managé",
    "configuration of the",
    "relatives à la configuration",
    "fqdn",
    "tls",
    "impacting the service",
    "affectant le service",
    "managed components",
    "managed elements",
    "composants managés",
    "maintain the service",
    "maintenir le service",
    "device maintenance",
    "management infrastructure",
    "destroy",
    "détruire",
    "project information",
];

/// Places `groups` (in column order) among `parties`.
pub(super) fn attribute(text: &str, groups: &[RoleCellText], parties: &[String]) -> Attribution {
    let customer = parties
        .iter()
        .position(|p| {
            CUSTOMER_NAMES
                .iter()
                .any(|name| p.to_lowercase().contains(name))
        })
        .unwrap_or(0);
    let lowered = format!(" {} ", text.to_lowercase());
    let found = |cues: &[&'static str]| -> Vec<&'static str> {
        cues.iter()
            .copied()
            .filter(|cue| lowered.contains(cue))
            .collect()
    };
    let customer_found = found(CUSTOMER_CUES);
    let provider_found = found(PROVIDER_CUES);
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
