//! The customer's system as a **leveraging** system security plan, from a
//! leveraged plan (ours or anyone's): a `leveraged-authorizations` entry for
//! the leveraged system, a component standing for it, and for each
//! statement that exports something, `inherited` statements pointing at
//! each `provided` uuid and `satisfied` stubs pointing at each
//! `responsibilities` uuid, for the customer to complete.
//!
//! UUIDs are version 5, derived from the leveraged plan's uuid and the uuids
//! of its statements: inheriting the next edition of a plan whose uuids are
//! stable (ours are) gives the same uuids.

use std::collections::BTreeMap;

use serde_json::Value;
use uuid::Uuid;

use super::types::{
    ByComponent, ControlImplementation, Described, Export, ImplementedRequirement, ImportProfile,
    InformationType, Inherited, LeveragedAuthorization, Satisfied, SspRoot, Statement, Status,
    SystemCharacteristics, SystemComponent, SystemId, SystemImplementation, SystemInformation,
    SystemSecurityPlan, SystemUser,
};
use crate::markup::{escape, to_markup_line, to_oscal_string};
use crate::types::{
    BackMatter, Link, Metadata, Party, Property, Resource, ResponsibleParty, ResponsibleRole,
    Rlink, RoleDefinition,
};
use crate::{root_namespace, OscalError, OSCAL_VERSION};

/// How the leveraging plan refers to the leveraged one and to its profile.
#[derive(Clone, Debug, Default)]
pub struct InheritOptions {
    /// Where the leveraged plan is, as the leveraging plan should link to it.
    pub leveraged_href: String,
    /// The `import-profile` href; the leveraged plan's when `None`.
    pub profile_href: Option<String>,
    /// The leveraging system's name.
    pub system_name: Option<String>,
}

/// One by-component of the leveraged plan that exports something, and where it stands.
struct Exported<'a> {
    control_id: &'a str,
    statement_id: Option<&'a str>,
    component_uuid: &'a str,
    export: &'a Export,
}

/// The leveraging plan of a customer system that leverages `leveraged`.
pub fn leveraging_ssp(leveraged: &Value, options: &InheritOptions) -> Result<Value, OscalError> {
    let root: SspRoot =
        serde_json::from_value(leveraged.clone()).map_err(|e| OscalError::NotSsp(e.to_string()))?;
    let source = &root.system_security_plan;
    let mut exported = Vec::new();
    for requirement in &source.control_implementation.implemented_requirements {
        for by in &requirement.by_components {
            if let Some(export) = exporting(by) {
                exported.push(Exported {
                    control_id: &requirement.control_id,
                    statement_id: None,
                    component_uuid: &by.component_uuid,
                    export,
                });
            }
        }
        for statement in &requirement.statements {
            for by in &statement.by_components {
                if let Some(export) = exporting(by) {
                    exported.push(Exported {
                        control_id: &requirement.control_id,
                        statement_id: Some(&statement.statement_id),
                        component_uuid: &by.component_uuid,
                        export,
                    });
                }
            }
        }
    }
    if exported.is_empty() {
        return Err(OscalError::NoExports);
    }

    let namespace = Uuid::new_v5(
        &root_namespace(),
        format!("leveraging-ssp\n{}", source.uuid).as_bytes(),
    );
    let derived = |what: &str| Uuid::new_v5(&namespace, what.as_bytes()).to_string();
    let leveraged_name = unescaped_line(&source.system_characteristics.system_name);
    let system_name = options
        .system_name
        .clone()
        .unwrap_or_else(|| format!("Customer system leveraging {leveraged_name}"));

    // The leveraged system's provider: the party of its `provider` role, else
    // its first organization, else a party of our own.
    let provider = source
        .metadata
        .responsible_parties
        .iter()
        .find(|r| r.role_id == "provider")
        .and_then(|r| r.party_uuids.first())
        .and_then(|uuid| source.metadata.parties.iter().find(|p| &p.uuid == uuid))
        .or_else(|| {
            source
                .metadata
                .parties
                .iter()
                .find(|p| p.kind == "organization")
        })
        .cloned()
        .map(|mut party| {
            party.props.clear();
            party
        })
        .unwrap_or_else(|| Party {
            uuid: derived("party\nleveraged"),
            kind: "organization".to_owned(),
            name: Some(to_oscal_string(&leveraged_name)),
            props: Vec::new(),
        });
    let customer_party = derived("party\ncustomer");
    let customer_role = ResponsibleRole {
        role_id: "customer".to_owned(),
        party_uuids: vec![customer_party.clone()],
    };
    let authorization = derived("leveraged-authorization");
    let plan_resource = derived("resource\nleveraged-ssp");
    let this_system = derived("component\nthis-system");

    // One component per leveraged component that exports something.
    let mut components: BTreeMap<&str, String> = BTreeMap::new();
    for e in &exported {
        components
            .entry(e.component_uuid)
            .or_insert_with(|| derived(&format!("component\n{}", e.component_uuid)));
    }
    let title_of = |uuid: &str| {
        source
            .system_implementation
            .components
            .iter()
            .find(|c| c.uuid == uuid)
            .map(|c| unescaped_line(&c.title))
            .unwrap_or_else(|| leveraged_name.clone())
    };
    let mut system_components = vec![SystemComponent {
        uuid: this_system.clone(),
        kind: "this-system".to_owned(),
        title: to_markup_line(&system_name).replace(['/', '\\'], "-"),
        description: "To complete: the customer's system as a whole, within its authorization \
                      boundary."
            .to_owned(),
        props: Vec::new(),
        links: Vec::new(),
        status: Status {
            state: "under-development".to_owned(),
            remarks: None,
        },
        responsible_roles: vec![customer_role.clone()],
    }];
    for (leveraged_uuid, local_uuid) in &components {
        let core = |name: &str, value: &str| Property {
            name: name.to_owned(),
            ns: None,
            value: value.to_owned(),
            remarks: None,
        };
        system_components.push(SystemComponent {
            uuid: local_uuid.clone(),
            kind: "system".to_owned(),
            title: to_markup_line(&format!("Leveraged: {}", title_of(leveraged_uuid)))
                .replace(['/', '\\'], "-"),
            description: format!(
                "The leveraged system {}, authorized on its own; what this system inherits from it.",
                escape(&leveraged_name)
            ),
            props: vec![
                core("implementation-point", "external"),
                core("leveraged-authorization-uuid", &authorization),
                core("inherited-uuid", leveraged_uuid),
            ],
            links: vec![Link {
                href: format!("#{plan_resource}"),
                rel: Some("system-security-plan".to_owned()),
            }],
            status: Status {
                state: "operational".to_owned(),
                remarks: None,
            },
            responsible_roles: Vec::new(),
        });
    }

    // Requirements, in the leveraged plan's order, each with its statements.
    let mut requirements: Vec<ImplementedRequirement> = Vec::new();
    for e in &exported {
        let index = match requirements
            .iter()
            .position(|r| r.control_id == e.control_id)
        {
            Some(index) => index,
            None => {
                requirements.push(ImplementedRequirement {
                    uuid: derived(&format!("requirement\n{}", e.control_id)),
                    control_id: e.control_id.to_owned(),
                    props: Vec::new(),
                    statements: Vec::new(),
                    by_components: Vec::new(),
                    remarks: None,
                });
                requirements.len() - 1
            }
        };
        let by_components = by_components(e, &components, &this_system, &customer_role, &derived);
        let requirement = &mut requirements[index];
        match e.statement_id {
            None => requirement.by_components.extend(by_components),
            Some(statement_id) => {
                match requirement
                    .statements
                    .iter_mut()
                    .find(|s| s.statement_id == statement_id)
                {
                    Some(statement) => statement.by_components.extend(by_components),
                    None => requirement.statements.push(Statement {
                        statement_id: statement_id.to_owned(),
                        uuid: derived(&format!("statement\n{statement_id}")),
                        by_components,
                        remarks: None,
                    }),
                }
            }
        }
    }

    // The import-profile: given, or the leveraged plan's (with the resource
    // it points at, when it points into the back matter).
    let mut resources = vec![Resource {
        uuid: plan_resource.clone(),
        title: Some(source.metadata.title.clone()),
        description: Some("The system security plan of the leveraged system.".to_owned()),
        rlinks: vec![Rlink {
            href: options.leveraged_href.clone(),
            media_type: Some("application/oscal.ssp+json".to_owned()),
        }],
    }];
    let profile_href = match &options.profile_href {
        Some(href) => href.clone(),
        None => {
            let href = source.import_profile.href.clone();
            if let Some(uuid) = href.strip_prefix('#') {
                if let Some(resource) = source
                    .back_matter
                    .iter()
                    .flat_map(|b| &b.resources)
                    .find(|r| r.uuid == uuid)
                {
                    resources.push(resource.clone());
                }
            }
            href
        }
    };
    let date_authorized = source
        .metadata
        .last_modified
        .get(..10)
        .filter(|d| d.len() == 10)
        .unwrap_or("1970-01-01")
        .to_owned();

    let plan = SystemSecurityPlan {
        uuid: derived("system-security-plan"),
        metadata: Metadata {
            title: to_markup_line(&format!("{system_name}: system security plan (leveraging)")),
            last_modified: source.metadata.last_modified.clone(),
            version: "draft".to_owned(),
            oscal_version: OSCAL_VERSION.to_owned(),
            props: Vec::new(),
            roles: vec![
                RoleDefinition {
                    id: "customer".to_owned(),
                    title: "Customer".to_owned(),
                    description: Some(
                        "The organization that owns this system and satisfies the \
                         responsibilities the leveraged system leaves to it."
                            .to_owned(),
                    ),
                },
                RoleDefinition {
                    id: "leveraged-provider".to_owned(),
                    title: "Leveraged provider".to_owned(),
                    description: Some(format!("The provider of {}.", escape(&leveraged_name))),
                },
            ],
            parties: vec![
                Party {
                    uuid: customer_party.clone(),
                    kind: "organization".to_owned(),
                    name: Some("Customer (to complete)".to_owned()),
                    props: Vec::new(),
                },
                provider.clone(),
            ],
            responsible_parties: vec![
                ResponsibleParty {
                    role_id: "customer".to_owned(),
                    party_uuids: vec![customer_party.clone()],
                },
                ResponsibleParty {
                    role_id: "leveraged-provider".to_owned(),
                    party_uuids: vec![provider.uuid.clone()],
                },
            ],
            remarks: Some(
                "Written by raci from the leveraged system's plan: every `inherited` statement \
                 points at what it provides, every `satisfied` statement at a responsibility it \
                 leaves to this system and is to be completed."
                    .to_owned(),
            ),
        },
        import_profile: ImportProfile {
            href: profile_href,
            remarks: None,
        },
        system_characteristics: SystemCharacteristics {
            system_ids: vec![SystemId {
                identifier_type: Some("https://ietf.org/rfc/rfc4122".to_owned()),
                id: namespace.to_string(),
            }],
            system_name: to_oscal_string(&system_name),
            description: format!(
                "To complete: the customer's system, which leverages {}.",
                escape(&leveraged_name)
            ),
            props: Vec::new(),
            system_information: SystemInformation {
                information_types: vec![InformationType {
                    uuid: Some(derived("information-type")),
                    title: "To complete".to_owned(),
                    description: "To complete: the information this system processes.".to_owned(),
                    confidentiality_impact: None,
                    integrity_impact: None,
                    availability_impact: None,
                }],
            },
            status: Status {
                state: "under-development".to_owned(),
                remarks: None,
            },
            authorization_boundary: Described {
                description: format!(
                    "To complete. {} is outside it, authorized on its own.",
                    escape(&leveraged_name)
                ),
            },
            remarks: None,
        },
        system_implementation: SystemImplementation {
            leveraged_authorizations: vec![LeveragedAuthorization {
                uuid: authorization.clone(),
                title: to_markup_line(&leveraged_name),
                links: vec![Link {
                    href: format!("#{plan_resource}"),
                    rel: Some("system-security-plan".to_owned()),
                }],
                party_uuid: provider.uuid.clone(),
                date_authorized,
                remarks: Some(
                    "The date is that of the leveraged plan; replace it with the date its \
                     authorization was granted."
                        .to_owned(),
                ),
            }],
            users: vec![SystemUser {
                uuid: derived("user\ncustomer"),
                title: Some("Administrators of this system".to_owned()),
                role_ids: vec!["customer".to_owned()],
            }],
            components: system_components,
            remarks: None,
        },
        control_implementation: ControlImplementation {
            description: format!(
                "What this system inherits from {} and how it satisfies the responsibilities \
                 left to it, per statement of the leveraged plan.",
                escape(&leveraged_name)
            ),
            implemented_requirements: requirements,
        },
        back_matter: Some(BackMatter { resources }),
    };
    Ok(serde_json::to_value(SspRoot {
        system_security_plan: plan,
    })
    .expect("the OSCAL types serialize to JSON"))
}

/// The export of a by-component, when it exports something.
fn exporting(by: &ByComponent) -> Option<&Export> {
    by.export
        .as_ref()
        .filter(|e| !e.provided.is_empty() || !e.responsibilities.is_empty())
}

/// The by-components of one exported statement: what is inherited, on the
/// component standing for the leveraged system; what must be satisfied, on
/// this system.
fn by_components(
    e: &Exported,
    components: &BTreeMap<&str, String>,
    this_system: &str,
    customer: &ResponsibleRole,
    derived: &dyn Fn(&str) -> String,
) -> Vec<ByComponent> {
    let place = format!(
        "{}\n{}",
        e.statement_id.unwrap_or(e.control_id),
        e.component_uuid
    );
    let what = e.statement_id.unwrap_or(e.control_id);
    let mut out = Vec::new();
    if !e.export.provided.is_empty() {
        out.push(ByComponent {
            component_uuid: components[e.component_uuid].clone(),
            uuid: derived(&format!("inherited-by\n{place}")),
            description: format!("What this system inherits for {what}."),
            props: Vec::new(),
            implementation_status: None,
            export: None,
            inherited: e
                .export
                .provided
                .iter()
                .map(|provided| Inherited {
                    uuid: derived(&format!("inherited\n{}", provided.uuid)),
                    provided_uuid: Some(provided.uuid.clone()),
                    description: provided.description.clone(),
                    responsible_roles: Vec::new(),
                })
                .collect(),
            satisfied: Vec::new(),
            responsible_roles: Vec::new(),
        });
    }
    if !e.export.responsibilities.is_empty() {
        out.push(ByComponent {
            component_uuid: this_system.to_owned(),
            uuid: derived(&format!("satisfied-by\n{place}")),
            description: format!(
                "To complete: how this system meets the responsibilities left to it for {what}."
            ),
            props: Vec::new(),
            implementation_status: Some(Status {
                state: "planned".to_owned(),
                remarks: None,
            }),
            export: None,
            inherited: Vec::new(),
            satisfied: e
                .export
                .responsibilities
                .iter()
                .map(|responsibility| Satisfied {
                    uuid: derived(&format!("satisfied\n{}", responsibility.uuid)),
                    responsibility_uuid: Some(responsibility.uuid.clone()),
                    description: format!(
                        "To complete: how this system meets the responsibility: {}",
                        responsibility.description
                    ),
                    responsible_roles: vec![customer.clone()],
                })
                .collect(),
            responsible_roles: Vec::new(),
        });
    }
    out
}

/// A `markup-line` as plain text, for use in our own sentences.
fn unescaped_line(markup: &str) -> String {
    crate::markup::unescape(markup)
}
