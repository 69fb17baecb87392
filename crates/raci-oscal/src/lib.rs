//! A responsibility (RACI) matrix as an OSCAL **component definition**, and
//! back.
//!
//! The matrix describes one service (the defined component, `type: service`);
//! each activity is an `implemented-requirement` of that component:
//!
//! | matrix | OSCAL |
//! | --- | --- |
//! | parties (columns) | `metadata.parties` (organizations), one `metadata.roles` entry each (`customer`, `provider`, …) tied by `metadata.responsible-parties` |
//! | activity text | `description` (Markdown-escaped) |
//! | R | `responsible-roles` (role id and party uuid) |
//! | A, C, I (and S) | props `raci-accountable`, `raci-consulted`, `raci-informed` (`raci-supportive`) whose value is the role id |
//! | id, section path, source line, notes | props `raci-activity-id`, `raci-section` (one per heading, outermost first), `raci-source-line`, `raci-note` |
//! | title, language, edition | `metadata.title`, props `raci-language`, `raci-edition` |
//!
//! Every prop of ours carries the namespace [`NAMESPACE`]. UUIDs are version
//! 5, derived from the document's title, language, edition and parties and,
//! for a requirement, from the activity id, so the same matrix always gives
//! the same output. [`from_oscal`] reads back what [`to_oscal`] writes into
//! the same model, and reads foreign component definitions as well as it can
//! (control ids as activity ids, `responsible-roles` as R).

mod markup;
pub mod ssp;
pub mod types;

use std::collections::HashMap;

use raci_model::{Activity, Document, Role, Roles, Span};
use serde_json::Value;
use uuid::Uuid;

use crate::markup::{escape, is_oscal_string, to_markup_line, to_oscal_string, unescape};
use crate::types::{
    BackMatter, ComponentDefinition, ControlImplementation, DefinedComponent,
    ImplementedRequirement, Link, Metadata, Party, Property, Resource, ResponsibleParty,
    ResponsibleRole, RoleDefinition, Root,
};

/// The namespace of our props.
pub const NAMESPACE: &str = "https://raci.dev/ns/oscal";

/// The OSCAL release the output conforms to.
pub const OSCAL_VERSION: &str = "1.2.1";

/// The fixed root of our version 5 UUIDs (itself the v5 UUID of [`NAMESPACE`]
/// in the URL namespace).
fn root_namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, NAMESPACE.as_bytes())
}

/// The names of our props.
mod prop {
    pub const ACTIVITY_ID: &str = "raci-activity-id";
    pub const SECTION: &str = "raci-section";
    pub const SOURCE_LINE: &str = "raci-source-line";
    pub const SOURCE_COLUMN: &str = "raci-source-column";
    pub const NOTE: &str = "raci-note";
    pub const ACCOUNTABLE: &str = "raci-accountable";
    pub const SUPPORTIVE: &str = "raci-supportive";
    pub const CONSULTED: &str = "raci-consulted";
    pub const INFORMED: &str = "raci-informed";
    pub const LANGUAGE: &str = "raci-language";
    pub const EDITION: &str = "raci-edition";
    pub const UNTITLED: &str = "raci-untitled";
    pub const PARTY_COLUMN: &str = "raci-party-column";
}

/// The prop that carries `role`; R is carried by `responsible-roles`.
fn role_prop(role: Role) -> Option<&'static str> {
    match role {
        Role::Responsible => None,
        Role::Accountable => Some(prop::ACCOUNTABLE),
        Role::Supportive => Some(prop::SUPPORTIVE),
        Role::Consulted => Some(prop::CONSULTED),
        Role::Informed => Some(prop::INFORMED),
    }
}

/// What went wrong reading OSCAL.
#[derive(Debug, thiserror::Error)]
pub enum OscalError {
    #[error("not an OSCAL component definition: {0}")]
    NotComponentDefinition(String),
    #[error("role `{0}` is used but neither defined in metadata.roles nor given a party")]
    UnknownRole(String),
    #[error("not an OSCAL system security plan: {0}")]
    NotSsp(String),
    #[error(
        "the system security plan exports nothing to inherit: no by-component has an `export` \
         with `provided` or `responsibilities`"
    )]
    NoExports,
    #[error("not an OSCAL profile: {0}")]
    NotProfile(String),
}

/// A prop of ours holding `text`. Where `text` is no valid OSCAL `string`
/// (several lines, blank ends), the value is its one-line form and the exact
/// text goes into the prop's remarks.
fn text_prop(name: &str, text: &str) -> Property {
    let exact = is_oscal_string(text);
    Property {
        name: name.to_owned(),
        ns: Some(NAMESPACE.to_owned()),
        value: if exact {
            text.to_owned()
        } else {
            to_oscal_string(text)
        },
        remarks: (!exact).then(|| escape(text)),
    }
}

/// The text a [`text_prop`] holds.
fn prop_text(property: &Property) -> String {
    match &property.remarks {
        Some(remarks) => unescape(remarks),
        None => property.value.clone(),
    }
}

fn is_ours(property: &Property, name: &str) -> bool {
    property.name == name && property.ns.as_deref() == Some(NAMESPACE)
}

/// An OSCAL token from a slug: letters, digits, `-`, `.`, `_`, starting with
/// a letter or `_`.
fn token(text: &str, prefix: &str) -> String {
    let mut token: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '.' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if !token.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        token.insert_str(0, prefix);
    }
    token
}

/// The role id of each party, by index: `customer` for the customer's
/// column, `provider` for the first other one, a token of the name for any
/// further party.
pub fn role_ids(parties: &[String]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::with_capacity(parties.len());
    let mut customer_taken = false;
    let mut provider_taken = false;
    for name in parties {
        let wanted = if !customer_taken && raci_model::is_customer(name) {
            customer_taken = true;
            "customer".to_owned()
        } else if !provider_taken && !raci_model::is_customer(name) {
            provider_taken = true;
            "provider".to_owned()
        } else {
            token(&raci_model::slug_of(name), "party-")
        };
        let mut id = wanted.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{wanted}-{n}");
            n += 1;
        }
        ids.push(id);
    }
    ids
}

/// A date-time for `last-modified`: midnight UTC of the edition when it is a
/// `YYYY-MM-DD` date, else the Unix epoch (the output must not depend on
/// when it was made).
fn last_modified(edition: Option<&str>) -> String {
    let is_date = |e: &str| {
        let b = e.as_bytes();
        b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    };
    match edition {
        Some(e) if is_date(e) => format!("{e}T00:00:00Z"),
        _ => "1970-01-01T00:00:00Z".to_owned(),
    }
}

/// The matrix as an OSCAL component definition (`{"component-definition": …}`).
pub fn to_oscal(document: &Document) -> Value {
    let title = document.title.as_deref().unwrap_or("Responsibility matrix");
    let definition_uuid = Uuid::new_v5(
        &root_namespace(),
        format!(
            "component-definition\n{}\n{}\n{}\n{}",
            document.title.as_deref().unwrap_or(""),
            document.language.as_deref().unwrap_or(""),
            document.edition.as_deref().unwrap_or(""),
            document.parties.join("\n")
        )
        .as_bytes(),
    );
    let derived = |what: &str| Uuid::new_v5(&definition_uuid, what.as_bytes()).to_string();
    let ids = role_ids(&document.parties);
    let party_uuids: Vec<String> = (0..document.parties.len())
        .map(|index| derived(&format!("party\n{index}")))
        .collect();
    let party_index: HashMap<&str, usize> = document
        .parties
        .iter()
        .enumerate()
        .map(|(index, name)| (name.as_str(), index))
        .collect();

    let mut metadata_props = Vec::new();
    if document.title.is_none() {
        metadata_props.push(text_prop(prop::UNTITLED, "true"));
    }
    if let Some(language) = &document.language {
        metadata_props.push(text_prop(prop::LANGUAGE, language));
    }
    if let Some(edition) = &document.edition {
        metadata_props.push(text_prop(prop::EDITION, edition));
    }
    let metadata = Metadata {
        title: to_markup_line(title),
        last_modified: last_modified(document.edition.as_deref()),
        version: document
            .edition
            .as_deref()
            .map_or_else(|| "unversioned".to_owned(), to_oscal_string),
        oscal_version: OSCAL_VERSION.to_owned(),
        props: metadata_props,
        roles: document
            .parties
            .iter()
            .zip(&ids)
            .map(|(name, id)| RoleDefinition {
                id: id.clone(),
                title: match id.as_str() {
                    "customer" => "Customer".to_owned(),
                    "provider" => "Provider".to_owned(),
                    _ => to_markup_line(name),
                },
                description: Some(format!(
                    "The party named {} in the responsibility matrix.",
                    escape(name)
                )),
            })
            .collect(),
        parties: document
            .parties
            .iter()
            .zip(&party_uuids)
            .map(|(name, uuid)| Party {
                uuid: uuid.clone(),
                kind: "organization".to_owned(),
                name: Some(to_oscal_string(name)),
                // The exact column header, where the name had to be trimmed.
                props: if is_oscal_string(name) {
                    Vec::new()
                } else {
                    vec![text_prop(prop::PARTY_COLUMN, name)]
                },
            })
            .collect(),
        responsible_parties: ids
            .iter()
            .zip(&party_uuids)
            .map(|(id, uuid)| ResponsibleParty {
                role_id: id.clone(),
                party_uuids: vec![uuid.clone()],
            })
            .collect(),
        remarks: Some(format!(
            "Generated by raci from the responsibility matrix. Responsible (R) parties are given by \
             `responsible-roles`; accountable (A), consulted (C) and informed (I) parties by props \
             in the {NAMESPACE} namespace whose value is a role id."
        )),
    };

    let requirements = document
        .activities
        .iter()
        .map(|activity| {
            requirement(
                activity,
                &derived(&format!("activity\n{}", activity.id)),
                &party_index,
                &ids,
                &party_uuids,
            )
        })
        .collect();
    let resource_uuid = derived("resource");
    let component = DefinedComponent {
        uuid: derived("component"),
        kind: "service".to_owned(),
        title: to_markup_line(title),
        description: format!(
            "The shared responsibility model of {} between {}.",
            escape(title),
            escape(&document.parties.join(", "))
        ),
        props: Vec::new(),
        links: vec![Link {
            href: format!("#{resource_uuid}"),
            rel: Some("reference".to_owned()),
        }],
        responsible_roles: ids
            .iter()
            .zip(&party_uuids)
            .map(|(id, uuid)| ResponsibleRole {
                role_id: id.clone(),
                party_uuids: vec![uuid.clone()],
            })
            .collect(),
        control_implementations: if document.activities.is_empty() {
            Vec::new()
        } else {
            vec![ControlImplementation {
                uuid: derived("control-implementation"),
                source: format!("#{resource_uuid}"),
                description: "The activities of the responsibility matrix, one implemented \
                              requirement each, in the order of the matrix."
                    .to_owned(),
                props: Vec::new(),
                implemented_requirements: requirements,
            }]
        },
    };
    let definition = ComponentDefinition {
        uuid: definition_uuid.to_string(),
        metadata,
        components: vec![component],
        back_matter: Some(BackMatter {
            resources: vec![Resource {
                uuid: resource_uuid,
                title: Some(to_markup_line(title)),
                description: Some(
                    "The responsibility matrix the activities were read from.".to_owned(),
                ),
                rlinks: Vec::new(),
            }],
        }),
    };
    serde_json::to_value(Root {
        component_definition: definition,
    })
    .expect("the OSCAL types serialize to JSON")
}

fn requirement(
    activity: &Activity,
    uuid: &str,
    party_index: &HashMap<&str, usize>,
    ids: &[String],
    party_uuids: &[String],
) -> ImplementedRequirement {
    let mut props = vec![text_prop(prop::ACTIVITY_ID, &activity.id)];
    props.extend(
        activity
            .section
            .iter()
            .map(|heading| text_prop(prop::SECTION, heading)),
    );
    props.push(text_prop(
        prop::SOURCE_LINE,
        &activity.source.line.to_string(),
    ));
    if activity.source.column != 1 {
        props.push(text_prop(
            prop::SOURCE_COLUMN,
            &activity.source.column.to_string(),
        ));
    }
    let mut responsible_roles = Vec::new();
    for role in Role::ALL {
        for (party, roles) in activity.role_entries() {
            let Some(&index) = party_index.get(party) else {
                continue;
            };
            if !roles.contains(role) {
                continue;
            }
            match role_prop(role) {
                None => responsible_roles.push(ResponsibleRole {
                    role_id: ids[index].clone(),
                    party_uuids: vec![party_uuids[index].clone()],
                }),
                Some(name) => props.push(text_prop(name, &ids[index])),
            }
        }
    }
    props.extend(
        activity
            .notes
            .iter()
            .map(|note| text_prop(prop::NOTE, note)),
    );
    let remarks = (!activity.notes.is_empty()).then(|| {
        activity
            .notes
            .iter()
            .map(|note| escape(note))
            .collect::<Vec<_>>()
            .join("\n\n")
    });
    ImplementedRequirement {
        uuid: uuid.to_owned(),
        control_id: token(&activity.id, "activity-"),
        description: escape(&activity.text),
        props,
        responsible_roles,
        remarks,
    }
}

/// Reads a component definition back into the model: what [`to_oscal`]
/// wrote gives back the same document; a foreign one gives one activity per
/// implemented requirement, in the component's section.
pub fn from_oscal(value: &Value) -> Result<Document, OscalError> {
    let definition: ComponentDefinition = match value.get("component-definition") {
        Some(inner) => serde_json::from_value(inner.clone()),
        None => serde_json::from_value(value.clone()),
    }
    .map_err(|e| OscalError::NotComponentDefinition(e.to_string()))?;
    let metadata = &definition.metadata;
    let meta_prop = |name: &str| {
        metadata
            .props
            .iter()
            .find(|p| is_ours(p, name))
            .map(prop_text)
    };

    let mut document = Document::new();
    document.title = if meta_prop(prop::UNTITLED).is_some() {
        None
    } else {
        Some(unescape(&metadata.title))
    };
    document.language = meta_prop(prop::LANGUAGE);
    document.edition = meta_prop(prop::EDITION);

    // Parties, in column order, and the party each role id stands for.
    let mut party_of_uuid: HashMap<&str, usize> = HashMap::new();
    for party in &metadata.parties {
        let name = party
            .props
            .iter()
            .find(|p| is_ours(p, prop::PARTY_COLUMN))
            .map(prop_text)
            .or_else(|| party.name.clone())
            .unwrap_or_else(|| party.uuid.clone());
        party_of_uuid.insert(&party.uuid, document.parties.len());
        document.parties.push(name);
    }
    let mut columns = Columns {
        of_uuid: party_of_uuid,
        of_role: HashMap::new(),
    };
    for responsible in &metadata.responsible_parties {
        if let Some(index) = columns.of_uuids(&responsible.party_uuids) {
            columns
                .of_role
                .entry(responsible.role_id.clone())
                .or_insert(index);
        }
    }

    for component in &definition.components {
        for implementation in &component.control_implementations {
            for requirement in &implementation.implemented_requirements {
                let ours =
                    |name: &'static str| requirement.props.iter().filter(move |p| is_ours(p, name));
                let mut given: Vec<(usize, Role)> = Vec::new();
                for responsible in &requirement.responsible_roles {
                    let index = columns.resolve(
                        &mut document,
                        metadata,
                        &responsible.role_id,
                        &responsible.party_uuids,
                    )?;
                    given.push((index, Role::Responsible));
                }
                for role in Role::ALL {
                    let Some(name) = role_prop(role) else {
                        continue;
                    };
                    for property in ours(name) {
                        let index =
                            columns.resolve(&mut document, metadata, &prop_text(property), &[])?;
                        given.push((index, role));
                    }
                }
                let mut per_party: Vec<Roles> = vec![Roles::NONE; document.parties.len()];
                for (index, role) in given {
                    per_party[index].insert(role);
                }
                let mut section: Vec<String> = ours(prop::SECTION).map(prop_text).collect();
                if section.is_empty() && ours(prop::ACTIVITY_ID).next().is_none() {
                    section.push(unescape(&component.title));
                }
                let number = |name: &'static str| {
                    ours(name)
                        .next()
                        .and_then(|p| prop_text(p).parse::<u32>().ok())
                };
                let mut activity = Activity {
                    id: ours(prop::ACTIVITY_ID)
                        .next()
                        .map(prop_text)
                        .unwrap_or_else(|| requirement.control_id.clone()),
                    section,
                    text: unescape(&requirement.description),
                    notes: ours(prop::NOTE).map(prop_text).collect(),
                    source: Span {
                        line: number(prop::SOURCE_LINE).unwrap_or(0),
                        column: number(prop::SOURCE_COLUMN).unwrap_or(1),
                        len: 0,
                    },
                    ..Activity::default()
                };
                for (index, roles) in per_party.iter().enumerate() {
                    if !roles.is_empty() {
                        activity
                            .roles
                            .insert(document.parties[index].clone(), *roles);
                    }
                }
                document.activities.push(activity);
            }
        }
    }
    Ok(document)
}

/// Which column of the document a party uuid or a role id stands for.
struct Columns<'a> {
    of_uuid: HashMap<&'a str, usize>,
    of_role: HashMap<String, usize>,
}

impl Columns<'_> {
    fn of_uuids(&self, uuids: &[String]) -> Option<usize> {
        uuids
            .iter()
            .find_map(|uuid| self.of_uuid.get(uuid.as_str()).copied())
    }

    /// The column of a role given to `uuids` (or to nobody in particular);
    /// a role with no party becomes a column of its own, named by its title.
    fn resolve(
        &mut self,
        document: &mut Document,
        metadata: &Metadata,
        role_id: &str,
        uuids: &[String],
    ) -> Result<usize, OscalError> {
        if let Some(index) = self.of_uuids(uuids) {
            return Ok(index);
        }
        if let Some(&index) = self.of_role.get(role_id) {
            return Ok(index);
        }
        let role = metadata
            .roles
            .iter()
            .find(|r| r.id == role_id)
            .ok_or_else(|| OscalError::UnknownRole(role_id.to_owned()))?;
        document.parties.push(unescape(&role.title));
        let index = document.parties.len() - 1;
        self.of_role.insert(role_id.to_owned(), index);
        Ok(index)
    }
}

#[cfg(test)]
mod tests;
