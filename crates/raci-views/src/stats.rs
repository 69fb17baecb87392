//! How the work falls: per party, how many activities it is R, A, C or I
//! for (S too, in RASCI matrices), in each lifecycle phase (the outermost
//! heading that tells activities apart) and in all.

use std::fmt::Write as _;

use raci_model::{Document, Role};
use serde::Serialize;

use crate::markdown::escape;
use crate::Phases;

/// How many activities hold each letter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    #[serde(rename = "R")]
    pub r: usize,
    #[serde(rename = "A")]
    pub a: usize,
    #[serde(rename = "S", skip_serializing_if = "is_zero")]
    pub s: usize,
    #[serde(rename = "C")]
    pub c: usize,
    #[serde(rename = "I")]
    pub i: usize,
    /// Activities with no letter at all for the party.
    pub none: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Counts {
    fn add(&mut self, roles: raci_model::Roles) {
        for role in roles.iter() {
            *self.get_mut(role) += 1;
        }
        if roles.is_empty() {
            self.none += 1;
        }
    }

    fn get_mut(&mut self, role: Role) -> &mut usize {
        match role {
            Role::Responsible => &mut self.r,
            Role::Accountable => &mut self.a,
            Role::Supportive => &mut self.s,
            Role::Consulted => &mut self.c,
            Role::Informed => &mut self.i,
        }
    }

    /// The count of `role`.
    pub fn get(&self, role: Role) -> usize {
        match role {
            Role::Responsible => self.r,
            Role::Accountable => self.a,
            Role::Supportive => self.s,
            Role::Consulted => self.c,
            Role::Informed => self.i,
        }
    }
}

/// The counts of one document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentStats {
    /// The file, as the user named it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub title: Option<String>,
    pub language: Option<String>,
    pub edition: Option<String>,
    pub activities: usize,
    /// The phases, in document order, with how many activities each holds.
    pub phases: Vec<PhaseSize>,
    pub parties: Vec<PartyStats>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PhaseSize {
    pub phase: String,
    pub activities: usize,
}

/// One party's counts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartyStats {
    pub party: String,
    pub total: Counts,
    /// One entry per phase, in the order of [`DocumentStats::phases`].
    pub phases: Vec<Counts>,
}

/// The counts of `document`.
pub fn stats(document: &Document, file: Option<&str>) -> DocumentStats {
    let mut phases: Vec<PhaseSize> = Vec::new();
    let mut phase_index = Vec::with_capacity(document.activities.len());
    let lifecycle = Phases::of(document);
    for activity in &document.activities {
        let phase = lifecycle.phase(activity);
        let index = match phases.iter().position(|p| p.phase == phase) {
            Some(index) => index,
            None => {
                phases.push(PhaseSize {
                    phase: phase.to_owned(),
                    activities: 0,
                });
                phases.len() - 1
            }
        };
        phases[index].activities += 1;
        phase_index.push(index);
    }
    let parties = document
        .parties
        .iter()
        .enumerate()
        .map(|(party, name)| {
            let mut total = Counts::default();
            let mut per_phase = vec![Counts::default(); phases.len()];
            for (activity, &phase) in document.activities.iter().zip(&phase_index) {
                let roles = document.roles_of(activity, party);
                total.add(roles);
                per_phase[phase].add(roles);
            }
            PartyStats {
                party: name.clone(),
                total,
                phases: per_phase,
            }
        })
        .collect();
    DocumentStats {
        file: file.map(str::to_owned),
        title: document.title.clone(),
        language: document.language.clone(),
        edition: document.edition.clone(),
        activities: document.activities.len(),
        phases,
        parties,
    }
}

impl DocumentStats {
    /// The letters worth a column: R, A, C, I, and S when any party holds it.
    fn letters(&self) -> Vec<Role> {
        let uses_s = self.parties.iter().any(|p| p.total.s > 0);
        Role::ALL
            .into_iter()
            .filter(|role| *role != Role::Supportive || uses_s)
            .collect()
    }

    fn heading(&self) -> String {
        let mut heading = self.title.clone().unwrap_or_else(|| "(untitled)".into());
        let details: Vec<String> = self
            .language
            .iter()
            .cloned()
            .chain(self.edition.iter().map(|e| format!("edition {e}")))
            .collect();
        if !details.is_empty() {
            let _ = write!(heading, " ({})", details.join(", "));
        }
        heading
    }

    /// The rows of the table: one per phase, then the total, each with the
    /// phase's size and every party's letter counts.
    fn rows(&self) -> Vec<(String, usize, Vec<usize>)> {
        let letters = self.letters();
        let cells = |pick: &dyn Fn(&PartyStats) -> Counts| {
            self.parties
                .iter()
                .flat_map(|party| {
                    let counts = pick(party);
                    letters
                        .iter()
                        .map(move |role| counts.get(*role))
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        };
        let mut rows: Vec<(String, usize, Vec<usize>)> = self
            .phases
            .iter()
            .enumerate()
            .map(|(index, phase)| {
                (
                    phase.phase.clone(),
                    phase.activities,
                    cells(&|party: &PartyStats| party.phases[index]),
                )
            })
            .collect();
        rows.push((
            "total".to_owned(),
            self.activities,
            cells(&|party: &PartyStats| party.total),
        ));
        rows
    }

    /// An aligned table for the terminal.
    pub fn to_human(&self) -> String {
        let letters = self.letters();
        let rows = self.rows();
        let mut out = String::new();
        let _ = writeln!(out, "{}", self.heading());
        if let Some(file) = &self.file {
            let _ = writeln!(out, "  {file}");
        }
        let phase_width = rows
            .iter()
            .map(|(phase, _, _)| phase.chars().count())
            .max()
            .unwrap_or(0)
            .max("phase".len());
        // Each party's block: its letters, 4 characters each, or its name if wider.
        let block_width =
            |party: &PartyStats| (letters.len() * 4).max(party.party.chars().count() + 2);
        let mut line = format!("  {:phase_width$}  {:>4}", "", "");
        for party in &self.parties {
            let width = block_width(party);
            let _ = write!(line, "  {:<width$}", party.party);
        }
        let _ = writeln!(out, "{}", line.trim_end());
        let mut line = format!("  {:phase_width$}  {:>4}", "phase", "acts");
        for party in &self.parties {
            let width = block_width(party);
            let block: String = letters
                .iter()
                .map(|r| format!("{:>3} ", r.letter()))
                .collect();
            let _ = write!(line, "  {block:<width$}");
        }
        let _ = writeln!(out, "{}", line.trim_end());
        for (phase, activities, cells) in rows {
            let mut line = format!("  {phase:phase_width$}  {activities:>4}");
            for (party_index, party) in self.parties.iter().enumerate() {
                let width = block_width(party);
                let block: String = cells[party_index * letters.len()..][..letters.len()]
                    .iter()
                    .map(|n| format!("{n:>3} "))
                    .collect();
                let _ = write!(line, "  {block:<width$}");
            }
            let _ = writeln!(out, "{}", line.trim_end());
        }
        out
    }

    /// A Markdown section with one table.
    pub fn to_markdown(&self) -> String {
        let letters = self.letters();
        let mut out = String::new();
        let _ = writeln!(out, "## {}\n", escape(&self.heading()));
        if let Some(file) = &self.file {
            let _ = writeln!(out, "`{file}` · {} activities\n", self.activities);
        }
        let mut header = "| phase | activities |".to_owned();
        let mut rule = "| --- | ---: |".to_owned();
        for party in &self.parties {
            for role in &letters {
                let _ = write!(header, " {} {} |", escape(&party.party), role.letter());
                rule.push_str(" ---: |");
            }
        }
        let _ = writeln!(out, "{header}\n{rule}");
        for (phase, activities, cells) in self.rows() {
            let phase = if phase == "total" {
                "**total**".to_owned()
            } else {
                escape(&phase)
            };
            let cells: Vec<String> = cells.iter().map(ToString::to_string).collect();
            let _ = writeln!(out, "| {phase} | {activities} | {} |", cells.join(" | "));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use raci_model::Activity;

    fn document() -> Document {
        let mut document = Document::new();
        document.title = Some("Queue".to_owned());
        document.language = Some("en".to_owned());
        document.parties = vec!["Customer".to_owned(), "Nimbus".to_owned()];
        for (section, customer, nimbus) in [
            ("1. Plan", "RA", "I"),
            ("1. Plan", "A", "R"),
            ("2. Run", "", "RA"),
            ("2. Run", "C", "RA"),
        ] {
            let mut activity = Activity {
                section: vec![section.to_owned(), "sub".to_owned()],
                ..Activity::default()
            };
            for (party, letters) in [("Customer", customer), ("Nimbus", nimbus)] {
                if !letters.is_empty() {
                    activity
                        .roles
                        .insert(party.to_owned(), letters.parse().unwrap());
                }
            }
            document.activities.push(activity);
        }
        document
    }

    #[test]
    fn counts_per_party_and_phase() {
        let stats = stats(&document(), Some("q.md"));
        assert_eq!(stats.phases.len(), 2);
        assert_eq!(stats.phases[1].activities, 2);
        let customer = &stats.parties[0];
        assert_eq!(
            (customer.total.r, customer.total.a, customer.total.c),
            (1, 2, 1)
        );
        assert_eq!(customer.total.none, 1);
        assert_eq!(customer.phases[0].a, 2);
        assert_eq!(stats.parties[1].phases[1].r, 2);
        let json = serde_json::to_value(&stats).unwrap();
        assert_eq!(json["parties"][0]["total"]["A"], 2);
        assert!(json["parties"][0]["total"].get("S").is_none());
    }

    #[test]
    fn tables_line_up() {
        let stats = stats(&document(), None);
        let human = stats.to_human();
        assert!(
            human.contains("  total       4    1   2   1   0     3   2   0   1"),
            "{human}"
        );
        let markdown = stats.to_markdown();
        assert!(markdown.contains("| phase | activities | Customer R | Customer A |"));
        assert!(
            markdown.contains("| **total** | 4 | 1 | 2 | 1 | 0 | 3 | 2 | 0 | 1 |"),
            "{markdown}"
        );
    }
}
