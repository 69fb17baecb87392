//! Settling the doubtful columns of a flattened page from another edition or
//! translation of the same page: align the two, and where an aligned row of
//! the reference shows which party holds which letters, place the groups so.

use raci_model::{Attribution, Document, Roles};
use serde::Serialize;

use crate::align::align;

/// What the reference settled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ReferenceReport {
    /// Rows whose groups now stand in the columns the reference gives.
    pub resolved: usize,
    /// Rows the reference pairs, but with roles no placement of the groups gives.
    pub conflicting: usize,
    /// Doubtful rows the alignment found no counterpart for.
    pub unmatched: usize,
}

/// Resolves the doubtful attributions of `document` from `reference`.
pub fn resolve_from_reference(
    document: &mut Document,
    reference: &Document,
    reference_name: &str,
) -> ReferenceReport {
    let alignment = align(document, reference);
    let mut report = ReferenceReport::default();
    let doubtful: Vec<usize> = (0..document.activities.len())
        .filter(|i| {
            document.activities[*i]
                .row
                .attribution
                .as_ref()
                .is_some_and(|a| a.doubtful)
        })
        .collect();
    for index in doubtful {
        let counterpart = alignment
            .pairs
            .iter()
            .find(|pair| pair.old == [index] && pair.new.len() == 1)
            .map(|pair| pair.new[0]);
        let Some(counterpart) = counterpart else {
            report.unmatched += 1;
            continue;
        };
        let other = &reference.activities[counterpart];
        // The roles each of our parties holds in the reference.
        let expected: Vec<Option<Roles>> = (0..document.parties.len())
            .map(|p| {
                alignment
                    .parties
                    .new_of(p)
                    .map(|q| reference.roles_of(other, q))
            })
            .collect();
        let activity = &mut document.activities[index];
        let groups: Vec<Roles> = activity
            .row
            .cells
            .iter()
            .map(|cell| Roles::parse_lenient(&cell.raw).0)
            .collect();
        let placement = Attribution::placements(groups.len(), document.parties.len())
            .into_iter()
            .find(|placement| {
                (0..document.parties.len()).all(|p| {
                    let held = placement
                        .iter()
                        .zip(&groups)
                        .filter(|(party, _)| **party == p)
                        .map(|(_, roles)| *roles)
                        .next()
                        .unwrap_or_default();
                    expected[p].is_none_or(|e| e == held)
                })
            });
        let Some(attribution) = activity.row.attribution.as_mut() else {
            continue;
        };
        match placement {
            Some(placement) => {
                activity.roles.clear();
                for ((cell, roles), party) in
                    activity.row.cells.iter_mut().zip(&groups).zip(&placement)
                {
                    cell.party = *party;
                    if !roles.is_empty() {
                        activity
                            .roles
                            .insert(document.parties[*party].clone(), *roles);
                    }
                }
                let order = &document.parties;
                activity
                    .roles
                    .sort_by_cached_key(|party, _| order.iter().position(|p| p == party));
                attribution.parties = placement;
                attribution.doubtful = false;
                attribution.reasoning = format!(
                    "resolved from {reference_name}, line {}: the aligned row gives these columns",
                    other.source.line
                );
                report.resolved += 1;
            }
            None => {
                attribution.reasoning.push_str(&format!(
                    "; {reference_name} (line {}) has roles no placement of these letters gives",
                    other.source.line
                ));
                report.conflicting += 1;
            }
        }
    }
    report
}
