//! One party's obligations as a checklist: by lifecycle phase (the
//! outermost heading that tells activities apart), split into what the
//! party does (R), answers for (A), helps with (S, in RASCI matrices), is
//! consulted on (C) and is told of (I).
//!
//! An activity is listed once, under the first of the party's letters in
//! that order: a row the party is `RA` for is something it does (and the
//! item says it also answers for it).

use std::fmt::Write as _;

use askama::Template;
use indexmap::IndexMap;
use raci_model::{Document, Role, Roles};
use serde::Serialize;

use crate::markdown::escape;
use crate::words::word;
use crate::{find_party, PartyNotFound, Phases};

/// The checklist of one party.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Duties {
    pub title: Option<String>,
    pub language: Option<String>,
    pub edition: Option<String>,
    /// The party, as the document names it.
    pub party: String,
    /// How many activities the party holds each letter for.
    pub counts: IndexMap<char, usize>,
    /// Activities in the document.
    pub activities: usize,
    /// Activities in which the party has no role.
    pub not_involved: usize,
    pub phases: Vec<Phase>,
}

/// The duties of one lifecycle phase.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Phase {
    pub title: String,
    /// The non-empty groups, in the order R, A, S, C, I.
    pub groups: Vec<Group>,
}

/// The duties the party holds one kind of role for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    /// The letter: `R`, `A`, `S`, `C` or `I`.
    pub role: char,
    /// What it means for the party: "You do it".
    pub heading: &'static str,
    pub duties: Vec<Duty>,
}

/// One item of the checklist.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Duty {
    pub id: String,
    pub text: String,
    /// The headings below the phase, outermost first.
    pub subsection: Vec<String>,
    /// The party's letters.
    pub roles: Roles,
    /// The other parties' letters, for those that have any.
    pub others: IndexMap<String, Roles>,
    pub notes: Vec<String>,
    pub line: u32,
}

/// What a letter means for the party that holds it, in the page's language
/// (`You do it`, `Vous le réalisez`).
pub fn heading(role: Role, language: Option<&str>) -> &'static str {
    word(&role.letter().to_string(), language)
}

/// The checklist of the party `party` stands for (see [`find_party`]).
pub fn duties(document: &Document, party: &str) -> Result<Duties, PartyNotFound> {
    let index = find_party(document, party)?;
    let name = document.parties[index].clone();
    let mut counts: IndexMap<char, usize> = [Role::Responsible, Role::Accountable]
        .into_iter()
        .chain([Role::Consulted, Role::Informed])
        .map(|role| (role.letter(), 0))
        .collect();
    let mut phases: Vec<(String, Vec<Vec<Duty>>)> = Vec::new();
    let mut not_involved = 0;
    let lifecycle = Phases::of(document);
    for activity in &document.activities {
        let roles = document.roles_of(activity, index);
        let Some(first) = roles.iter().next() else {
            not_involved += 1;
            continue;
        };
        for role in roles.iter() {
            *counts.entry(role.letter()).or_default() += 1;
        }
        let phase = lifecycle.phase(activity);
        let position = match phases.iter().position(|(title, _)| title == phase) {
            Some(position) => position,
            None => {
                phases.push((phase.to_owned(), vec![Vec::new(); Role::ALL.len()]));
                phases.len() - 1
            }
        };
        let group = Role::ALL.iter().position(|r| *r == first).unwrap_or(0);
        phases[position].1[group].push(Duty {
            id: activity.id.clone(),
            text: activity.text.clone(),
            subsection: lifecycle.below(activity).to_vec(),
            roles,
            others: activity
                .role_entries()
                .filter(|(party, roles)| *party != name && !roles.is_empty())
                .map(|(party, roles)| (party.to_owned(), roles))
                .collect(),
            notes: activity.notes.clone(),
            line: activity.source.line,
        });
    }
    Ok(Duties {
        title: document.title.clone(),
        language: document.language.clone(),
        edition: document.edition.clone(),
        party: name,
        counts,
        activities: document.activities.len(),
        not_involved,
        phases: phases
            .into_iter()
            .map(|(title, groups)| Phase {
                title,
                groups: Role::ALL
                    .into_iter()
                    .zip(groups)
                    .filter(|(_, duties)| !duties.is_empty())
                    .map(|(role, duties)| Group {
                        role: role.letter(),
                        heading: heading(role, document.language.as_deref()),
                        duties,
                    })
                    .collect(),
            })
            .collect(),
    })
}

impl Duties {
    /// `R 7 · A 8 · C 0 · I 3`.
    pub fn counts_line(&self) -> String {
        self.counts
            .iter()
            .map(|(letter, count)| format!("{letter} {count}"))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// A word of the checklist in the page's language.
    pub fn word(&self, key: &str) -> &'static str {
        word(key, self.language.as_deref())
    }

    /// `Duties of Customer`, `Obligations de Client`.
    pub fn heading(&self) -> String {
        self.word("title").replace("{party}", &self.party)
    }

    /// Each letter with what it means for the party, S included.
    pub fn legend(&self) -> Vec<(char, &'static str)> {
        Role::ALL
            .into_iter()
            .map(|role| (role.letter(), heading(role, self.language.as_deref())))
            .collect()
    }

    /// `Managed Queue · en · edition 2024-03-18`.
    pub fn source_line(&self) -> String {
        let mut parts = vec![self
            .title
            .clone()
            .unwrap_or_else(|| self.word("untitled").to_owned())];
        parts.extend(self.language.clone());
        if let Some(edition) = &self.edition {
            parts.push(format!("{} {edition}", self.word("edition")));
        }
        parts.join(" · ")
    }

    /// The closing sentence of the summary: how many rows leave the party out.
    pub fn involvement(&self) -> String {
        self.word("involve")
            .replace("{n}", &(self.activities - self.not_involved).to_string())
            .replace("{total}", &self.activities.to_string())
            .replace("{party}", &self.party)
    }

    /// The checklist in Markdown (GitHub task lists).
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", escape(&self.heading()));
        let _ = writeln!(out, "{}\n", escape(&self.source_line()));
        let _ = writeln!(out, "{}: {}.\n", self.involvement(), self.counts_line());
        for phase in &self.phases {
            let _ = writeln!(out, "## {}\n", escape(&phase.title));
            for group in &phase.groups {
                let _ = writeln!(out, "### {} ({})\n", group.heading, group.role);
                for duty in &group.duties {
                    let _ = write!(
                        out,
                        "- [ ] {} — {}",
                        escape(&duty.text),
                        duty.roles_text(self.word("you"))
                    );
                    if !duty.subsection.is_empty() {
                        let _ = write!(out, " · _{}_", escape(&duty.subsection.join(" › ")));
                    }
                    let _ = writeln!(out, " ({} {})", self.word("line"), duty.line);
                    for note in &duty.notes {
                        let _ = writeln!(out, "  - {}: {}", self.word("note"), escape(note));
                    }
                }
                out.push('\n');
            }
        }
        if self.phases.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                self.word("none").replace("{party}", &escape(&self.party))
            );
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    }

    /// The checklist as one self-contained, printable HTML page.
    pub fn to_html(&self) -> Result<String, askama::Error> {
        DutiesPage { duties: self }.render()
    }
}

impl Duty {
    /// `you RA · Nimbus I` (`you` in the page's language).
    pub fn roles_text(&self, you: &str) -> String {
        let mut parts = vec![format!("{you} {}", self.roles)];
        parts.extend(
            self.others
                .iter()
                .map(|(party, roles)| format!("{} {roles}", escape(party))),
        );
        parts.join(" · ")
    }

    /// The other parties' letters, plain: `Nimbus I, Partner C`.
    pub fn others_text(&self) -> String {
        self.others
            .iter()
            .map(|(party, roles)| format!("{party} {roles}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Template)]
#[template(path = "duties.html")]
struct DutiesPage<'a> {
    duties: &'a Duties,
}

#[cfg(test)]
mod tests {
    use super::*;
    use raci_model::{Activity, Span};

    fn document() -> Document {
        let mut document = Document::new();
        document.title = Some("Queue <beta> & co".to_owned());
        document.parties = vec!["Customer".to_owned(), "Nimbus".to_owned()];
        let rows = [
            (&["1. Plan", "1.1. Size"][..], "Pick the region", "RA", "I"),
            (&["1. Plan"], "Approve the *plan*", "A", "R"),
            (&["2. Run"], "Patch the hosts", "I", "RA"),
            (&["2. Run"], "Tune <script>alert(1)</script>", "C", "RA"),
            (&["2. Run"], "Replace disks", "", "RA"),
        ];
        for (line, (section, text, customer, nimbus)) in rows.into_iter().enumerate() {
            let mut activity = Activity {
                id: raci_model::slug_of(text),
                section: section.iter().map(|s| s.to_string()).collect(),
                text: text.to_owned(),
                source: Span::line(line as u32 + 10),
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
        document.activities[0].notes = vec!["Only in Europe.".to_owned()];
        document
    }

    #[test]
    fn groups_by_phase_and_first_letter() {
        let duties = duties(&document(), "customer").unwrap();
        assert_eq!(duties.party, "Customer");
        assert_eq!(duties.not_involved, 1);
        assert_eq!(duties.counts_line(), "R 1 · A 2 · C 1 · I 1");
        let plan = &duties.phases[0];
        assert_eq!(plan.title, "1. Plan");
        let letters: Vec<char> = plan.groups.iter().map(|g| g.role).collect();
        assert_eq!(letters, ['R', 'A']);
        assert_eq!(plan.groups[0].duties[0].subsection, ["1.1. Size"]);
        let run = &duties.phases[1];
        let letters: Vec<char> = run.groups.iter().map(|g| g.role).collect();
        assert_eq!(letters, ['C', 'I']);
        assert!(super::duties(&document(), "nobody").is_err());
    }

    #[test]
    fn markdown_is_a_task_list_with_escaped_text() {
        let text = duties(&document(), "Customer").unwrap().to_markdown();
        assert!(text.contains("- [ ] Approve the \\*plan\\* — you A · Nimbus R (line 11)"));
        assert!(text.contains("### You do it (R)"));
        assert!(text.contains("  - Note: Only in Europe."));
    }

    #[test]
    fn html_is_escaped_self_contained_and_printable() {
        let html = duties(&document(), "Customer").unwrap().to_html().unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(
            html.contains("Queue &#60;beta&#62; &#38; co")
                || html.contains("Queue &lt;beta&gt; &amp; co")
        );
        assert!(!html.contains("<script>alert(1)</script>"));
        assert!(html.contains("@media print"));
        assert!(html.contains("type=\"checkbox\""));
        assert!(!html.contains("<link"), "no external stylesheet");
        assert!(!html.contains("src="), "no external resource");
    }
}
