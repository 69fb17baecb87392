//! The controls view: per control of a framework, the activities of a matrix
//! that bear on it (through the taxonomy entry each falls in and our
//! mapping), each party's letters, and who owns the control.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use indexmap::IndexMap;
use raci_model::{Document, Roles};
use serde::{Deserialize, Serialize};

use crate::mapping::mapping;
use crate::ownership::{
    ownership_of, share_of, sides, ActivityShare, Inheritable, Ownership, Share, Side, ThirdParty,
};
use crate::Framework;

/// What a view was built from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// A responsibility matrix: activities and letters.
    Matrix,
    /// A FedRAMP CIS/CRM workbook: ownership per control and its text, no activities.
    FedrampCrm,
    /// CAIQ SSRM columns: ownership per CCM control and its text, no activities.
    Caiq,
}

/// The controls of one framework a matrix bears on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ControlsView {
    pub framework: Framework,
    pub source: Source,
    pub title: Option<String>,
    pub language: Option<String>,
    pub edition: Option<String>,
    /// The customer's column, if the matrix has one.
    pub customer: Option<String>,
    /// The provider's column (the first that is not the customer's).
    pub provider: Option<String>,
    /// Every column and its side, in column order.
    pub parties: Vec<PartySide>,
    /// In control order.
    pub controls: Vec<ControlRow>,
    /// Activities that bear on no control of the framework, and why.
    pub unmapped: Vec<UnmappedActivity>,
}

/// A party's column and its side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartySide {
    pub name: String,
    pub side: Side,
}

/// One control and who owns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ControlRow {
    /// Canonical id (`cp-9`, `BCR-08`).
    pub control: String,
    /// As readers write it (`CP-9`, `BCR-08`).
    pub label: String,
    pub ownership: Ownership,
    /// FedRAMP's "Can Be Inherited from CSP"; none when undetermined.
    pub inheritable: Option<Inheritable>,
    /// Whether third parties do the provider's part.
    pub third_party: ThirdParty,
    /// The activities that bear on it, in the order of the matrix.
    pub activities: Vec<ControlActivity>,
    /// What the provider does, as a workbook read back states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provided: Option<String>,
    /// What the customer must do, as a workbook read back states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsibilities: Option<String>,
}

/// An activity, as it bears on a control.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ControlActivity {
    /// Its index in the document's activities.
    pub index: usize,
    pub id: String,
    pub text: String,
    pub section: Vec<String>,
    pub line: u32,
    /// The taxonomy entry it falls in.
    pub entry: String,
    /// Why that entry bears on the control.
    pub reason: String,
    /// Every party's letters.
    pub roles: IndexMap<String, Roles>,
    pub share: Share,
    /// The provider itself holds R, S or A.
    #[serde(skip)]
    pub by_provider: bool,
    /// A third party holds R, S or A.
    #[serde(skip)]
    pub by_third_party: bool,
}

/// An activity that bears on no control, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnmappedActivity {
    pub index: usize,
    pub id: String,
    pub text: String,
    pub line: u32,
    /// The taxonomy entry it falls in, if any.
    pub entry: Option<String>,
    pub why: String,
}

impl ControlsView {
    /// The view of `document` in `framework`.
    pub fn of(document: &Document, framework: Framework) -> ControlsView {
        let sides = sides(&document.parties);
        let party = |wanted: Side| {
            sides
                .iter()
                .position(|side| *side == wanted)
                .map(|index| document.parties[index].clone())
        };
        let mapping = mapping();
        let mut rows: BTreeMap<ControlKey, Vec<ControlActivity>> = BTreeMap::new();
        let mut unmapped = Vec::new();
        for (index, activity) in document.activities.iter().enumerate() {
            let entry = raci_align::classify(activity).entry;
            let unmapped_because = |why: String| UnmappedActivity {
                index,
                id: activity.id.clone(),
                text: activity.text.clone(),
                line: activity.source.line,
                entry: entry.map(|e| e.id.to_owned()),
                why,
            };
            let Some(entry) = entry else {
                unmapped.push(unmapped_because(
                    "it falls in no entry of the taxonomy".to_owned(),
                ));
                continue;
            };
            let links: Vec<_> = mapping.links_of(entry.id, framework).collect();
            if links.is_empty() {
                let why = mapping
                    .gap_of(entry.id, framework)
                    .map_or_else(String::new, |gap| gap.reason.clone());
                unmapped.push(unmapped_because(why));
                continue;
            }
            let ActivityShare {
                share,
                provider,
                third_party,
            } = share_of(document, activity, &sides);
            for link in links {
                rows.entry(ControlKey(framework, link.control.clone()))
                    .or_default()
                    .push(ControlActivity {
                        index,
                        id: activity.id.clone(),
                        text: activity.text.clone(),
                        section: activity.section.clone(),
                        line: activity.source.line,
                        entry: entry.id.to_owned(),
                        reason: link.reason.clone(),
                        roles: activity.roles.clone(),
                        share,
                        by_provider: provider,
                        by_third_party: third_party,
                    });
            }
        }
        let controls = rows
            .into_iter()
            .map(|(ControlKey(_, control), activities)| {
                ControlRow::from_activities(framework, control, activities)
            })
            .collect();
        ControlsView {
            framework,
            source: Source::Matrix,
            title: document.title.clone(),
            language: document.language.clone(),
            edition: document.edition.clone(),
            customer: party(Side::Customer),
            provider: party(Side::Provider),
            parties: document
                .parties
                .iter()
                .zip(&sides)
                .map(|(name, side)| PartySide {
                    name: name.clone(),
                    side: *side,
                })
                .collect(),
            controls,
            unmapped,
        }
    }

    /// The side of the party named `name` (a third party when unknown).
    pub fn side_of(&self, name: &str) -> Side {
        self.parties
            .iter()
            .find(|p| p.name == name)
            .map_or(Side::ThirdParty, |p| p.side)
    }

    /// The provider's name, or `the provider`.
    pub fn provider_name(&self) -> &str {
        self.provider.as_deref().unwrap_or("the provider")
    }

    /// The row of `control` (canonical id), if the view has it.
    pub fn control(&self, control: &str) -> Option<&ControlRow> {
        self.controls.iter().find(|row| row.control == control)
    }

    /// How many controls have each ownership: provider, shared, customer, undetermined.
    pub fn counts(&self) -> [usize; 4] {
        let count = |o: Ownership| self.controls.iter().filter(|c| c.ownership == o).count();
        [
            count(Ownership::Provider),
            count(Ownership::Shared),
            count(Ownership::Customer),
            count(Ownership::Undetermined),
        ]
    }

    /// `14 controls: 6 provider (Yes), 5 shared (Partial), 3 customer (No)`.
    pub fn summary(&self) -> String {
        let [provider, shared, customer, undetermined] = self.counts();
        let mut out = format!(
            "{} controls of {}: {provider} provider (Yes), {shared} shared (Partial), {customer} customer (No)",
            self.controls.len(),
            self.framework.name()
        );
        if undetermined > 0 {
            out.push_str(&format!(", {undetermined} undetermined"));
        }
        if self.source == Source::Matrix {
            out.push_str(&format!(
                "; {} activities bear on no control",
                self.unmapped.len()
            ));
        }
        out
    }

    /// The view as a Markdown table.
    pub fn to_markdown(&self) -> String {
        crate::render::markdown(self)
    }
}

impl ControlRow {
    /// A row from the activities that bear on it.
    pub fn from_activities(
        framework: Framework,
        control: String,
        activities: Vec<ControlActivity>,
    ) -> ControlRow {
        let ownership = ownership_of(activities.iter().map(|a| a.share));
        let third_party = ThirdParty::of(
            activities
                .iter()
                .filter(|a| a.share != Share::Unassigned)
                .map(|a| ActivityShare {
                    share: a.share,
                    provider: a.by_provider,
                    third_party: a.by_third_party,
                }),
        );
        ControlRow {
            activities,
            ..ControlRow::stated(framework, control, ownership, third_party)
        }
    }

    /// A row as a workbook states it: ownership and text, no activities.
    pub fn stated(
        framework: Framework,
        control: String,
        ownership: Ownership,
        third_party: ThirdParty,
    ) -> ControlRow {
        ControlRow {
            label: framework.label(&control),
            control,
            ownership,
            inheritable: ownership.inheritable(),
            third_party,
            activities: Vec::new(),
            provided: None,
            responsibilities: None,
        }
    }

    /// The activities of this control with share `share`.
    pub fn with_share(&self, share: Share) -> impl Iterator<Item = &ControlActivity> {
        self.activities.iter().filter(move |a| a.share == share)
    }
}

/// A control id ordered the framework's way.
#[derive(PartialEq, Eq)]
struct ControlKey(Framework, String);

impl PartialOrd for ControlKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ControlKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.compare(&self.1, &other.1).then(self.1.cmp(&other.1))
    }
}
