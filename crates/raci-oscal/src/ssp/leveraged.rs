//! The provider's service as a **leveraged** system security plan: per
//! control the matrix bears on, one statement whose `by-component` (the
//! service, `this-system`) `export`s what the provider does (`provided`, one
//! per activity the provider's side owns) and what the customer must do
//! (`responsibilities`, one per activity the customer owns, tied by
//! `provided-uuid` to the provided statement of the same activity where both
//! own it). Shaped like NIST's leveraged example.
//!
//! UUIDs are version 5, derived from the page's title, language and provider
//! (not its edition) and from the control and activity ids, so the plans of
//! two editions of a page name the same statements with the same UUIDs.

use raci_controls::{ControlActivity, ControlRow, ControlsView, Framework, Ownership, Share, Side};
use raci_model::{Document, Role};
use serde_json::Value;
use uuid::Uuid;

use super::profile::ProfileInfo;
use super::types::{
    ByComponent, ControlImplementation, Described, Export, Impact, ImplementedRequirement,
    ImportProfile, InformationType, Provided, Responsibility, SspRoot, Statement, Status,
    SystemCharacteristics, SystemComponent, SystemId, SystemImplementation, SystemInformation,
    SystemSecurityPlan, SystemUser,
};
use crate::markup::{escape, to_markup_line, to_oscal_string};
use crate::types::{
    BackMatter, Link, Metadata, Party, Resource, ResponsibleParty, ResponsibleRole, RoleDefinition,
};
use crate::{last_modified, root_namespace, text_prop, OSCAL_VERSION};

/// The names of the props a plan carries in our namespace.
pub(crate) mod prop {
    pub const OWNERSHIP: &str = "raci-ownership";
    pub const INHERITABLE: &str = "raci-inheritable";
    pub const ACTIVITY_ID: &str = "raci-activity-id";
    pub const TAXONOMY_ENTRY: &str = "raci-taxonomy-entry";
    pub const SOURCE_LINE: &str = "raci-source-line";
    pub const EDITION: &str = "raci-edition";
    pub const LANGUAGE: &str = "raci-language";
}

/// Where the plan's `import-profile` points, and what that profile includes.
#[derive(Clone, Debug)]
pub struct SspOptions {
    pub profile_href: String,
    /// The profile's title and controls, when it was read.
    pub profile: Option<ProfileInfo>,
}

/// A leveraged plan, with what was left out of it.
#[derive(Clone, Debug)]
pub struct LeveragedSsp {
    /// `{"system-security-plan": …}`.
    pub value: Value,
    /// Controls the matrix bears on that the profile does not include.
    pub outside_profile: Vec<String>,
    /// Controls whose ownership is undetermined (no activity has an owner).
    pub undetermined: Vec<String>,
}

/// The document's service as a leveraged system security plan.
pub fn leveraged_ssp(document: &Document, options: &SspOptions) -> LeveragedSsp {
    let view = ControlsView::of(document, Framework::Nist80053);
    let provider = view.provider_name().to_owned();
    let customer = view
        .customer
        .clone()
        .unwrap_or_else(|| "Customer".to_owned());
    let title = document.title.as_deref().unwrap_or("Managed service");
    let namespace = Uuid::new_v5(
        &root_namespace(),
        format!(
            "leveraged-ssp\n{}\n{}\n{}",
            document.title.as_deref().unwrap_or(""),
            document.language.as_deref().unwrap_or(""),
            provider
        )
        .as_bytes(),
    );
    let derived = |what: &str| Uuid::new_v5(&namespace, what.as_bytes()).to_string();
    let provider_party = derived("party\nprovider");
    let customer_party = derived("party\ncustomer");
    let component = derived("component\nthis-system");
    let roles = Roles {
        provider: ResponsibleRole {
            role_id: "provider".to_owned(),
            party_uuids: vec![provider_party.clone()],
        },
        customer: ResponsibleRole {
            role_id: "customer".to_owned(),
            party_uuids: vec![customer_party.clone()],
        },
    };

    let mut outside_profile = Vec::new();
    let mut undetermined = Vec::new();
    let mut requirements = Vec::new();
    for row in &view.controls {
        if row.ownership == Ownership::Undetermined {
            undetermined.push(row.label.clone());
            continue;
        }
        if let Some(profile) = &options.profile {
            if !profile.includes(&row.control) {
                outside_profile.push(row.label.clone());
                continue;
            }
        }
        requirements.push(requirement(&view, row, &component, &roles, &derived));
    }

    let mut metadata_props = Vec::new();
    if let Some(language) = &document.language {
        metadata_props.push(text_prop(prop::LANGUAGE, language));
    }
    if let Some(edition) = &document.edition {
        metadata_props.push(text_prop(prop::EDITION, edition));
    }
    let matrix_resource = derived("resource\nmatrix");
    let profile_title = options
        .profile
        .as_ref()
        .and_then(|p| p.title.clone())
        .unwrap_or_else(|| "the profile this plan imports".to_owned());
    let plan = SystemSecurityPlan {
        uuid: derived("system-security-plan"),
        metadata: Metadata {
            title: to_markup_line(&format!("{title}: system security plan (leveraged)")),
            last_modified: last_modified(document.edition.as_deref()),
            version: document
                .edition
                .as_deref()
                .map_or_else(|| "unversioned".to_owned(), to_oscal_string),
            oscal_version: OSCAL_VERSION.to_owned(),
            props: metadata_props,
            roles: vec![
                RoleDefinition {
                    id: "provider".to_owned(),
                    title: "Provider".to_owned(),
                    description: Some(format!(
                        "{}, who runs the service and provides what the customer inherits.",
                        escape(&provider)
                    )),
                },
                RoleDefinition {
                    id: "customer".to_owned(),
                    title: "Customer".to_owned(),
                    description: Some(
                        "The customer whose systems leverage the service and who carries the \
                         responsibilities left to it."
                            .to_owned(),
                    ),
                },
            ],
            parties: vec![
                organization(&provider_party, &provider),
                organization(&customer_party, &customer),
            ],
            responsible_parties: vec![
                ResponsibleParty {
                    role_id: "provider".to_owned(),
                    party_uuids: vec![provider_party.clone()],
                },
                ResponsibleParty {
                    role_id: "customer".to_owned(),
                    party_uuids: vec![customer_party.clone()],
                },
            ],
            remarks: Some(format!(
                "Written by raci from the responsibility matrix {}. Which controls an activity \
                 bears on comes from raci's mapping of its activity taxonomy; who owns a \
                 control comes from the R, A, C and I letters of those activities.",
                escape(title)
            )),
        },
        import_profile: ImportProfile {
            href: options.profile_href.clone(),
            remarks: None,
        },
        system_characteristics: SystemCharacteristics {
            system_ids: vec![SystemId {
                identifier_type: Some("https://ietf.org/rfc/rfc4122".to_owned()),
                id: namespace.to_string(),
            }],
            system_name: to_oscal_string(title),
            description: format!(
                "{} as {} runs it, leveraged by the systems of its customers. For each control \
                 of {} that the responsibility matrix bears on, this plan states what {} \
                 provides and what is left to the customer.",
                escape(title),
                escape(&provider),
                escape(&profile_title),
                escape(&provider)
            ),
            props: Vec::new(),
            system_information: SystemInformation {
                information_types: vec![InformationType {
                    uuid: Some(derived("information-type")),
                    title: "Information the customers entrust to the service".to_owned(),
                    description: "The customers' workloads and data processed and stored by the \
                                  service. The categorization is the baseline's; confirm it."
                        .to_owned(),
                    confidentiality_impact: Some(moderate()),
                    integrity_impact: Some(moderate()),
                    availability_impact: Some(moderate()),
                }],
            },
            status: Status {
                state: "operational".to_owned(),
                remarks: None,
            },
            authorization_boundary: Described {
                description: format!(
                    "The service {} as {} runs it; the customers' own systems are outside.",
                    escape(title),
                    escape(&provider)
                ),
            },
            remarks: None,
        },
        system_implementation: SystemImplementation {
            leveraged_authorizations: Vec::new(),
            users: vec![
                SystemUser {
                    uuid: derived("user\nprovider"),
                    title: Some(format!("Staff of {}", to_markup_line(&provider))),
                    role_ids: vec!["provider".to_owned()],
                },
                SystemUser {
                    uuid: derived("user\ncustomer"),
                    title: Some("Administrators of the customer".to_owned()),
                    role_ids: vec!["customer".to_owned()],
                },
            ],
            components: vec![SystemComponent {
                uuid: component.clone(),
                kind: "this-system".to_owned(),
                // Tools write files named after it: no path separator.
                title: to_markup_line(title).replace(['/', '\\'], "-"),
                description: format!(
                    "The service as a whole, as the responsibility matrix describes it: what {} \
                     does and what it leaves to the customer.",
                    escape(&provider)
                ),
                props: Vec::new(),
                links: vec![Link {
                    href: format!("#{matrix_resource}"),
                    rel: Some("reference".to_owned()),
                }],
                status: Status {
                    state: "operational".to_owned(),
                    remarks: None,
                },
                responsible_roles: vec![roles.provider.clone()],
            }],
            remarks: None,
        },
        control_implementation: ControlImplementation {
            description: format!(
                "One implemented requirement per control the responsibility matrix bears on: \
                 what {} provides (provided) and what the customer must do (responsibilities), \
                 one statement per activity, with its letters.",
                escape(&provider)
            ),
            implemented_requirements: requirements,
        },
        back_matter: Some(BackMatter {
            resources: vec![Resource {
                uuid: matrix_resource.clone(),
                title: Some(to_markup_line(title)),
                description: Some(format!(
                    "The responsibility matrix this plan was written from{}.",
                    document
                        .edition
                        .as_deref()
                        .map(|e| format!(", edition {}", escape(e)))
                        .unwrap_or_default()
                )),
                rlinks: Vec::new(),
            }],
        }),
    };
    LeveragedSsp {
        value: serde_json::to_value(SspRoot {
            system_security_plan: plan,
        })
        .expect("the OSCAL types serialize to JSON"),
        outside_profile,
        undetermined,
    }
}

struct Roles {
    provider: ResponsibleRole,
    customer: ResponsibleRole,
}

fn moderate() -> Impact {
    Impact {
        base: "fips-199-moderate".to_owned(),
    }
}

fn organization(uuid: &str, name: &str) -> Party {
    Party {
        uuid: uuid.to_owned(),
        kind: "organization".to_owned(),
        name: Some(to_oscal_string(name)),
        props: Vec::new(),
    }
}

fn requirement(
    view: &ControlsView,
    row: &ControlRow,
    component: &str,
    roles: &Roles,
    derived: &dyn Fn(&str) -> String,
) -> ImplementedRequirement {
    let control = &row.control;
    let provider = view.provider_name();
    let mut provided = Vec::new();
    let mut responsibilities = Vec::new();
    for activity in &row.activities {
        let provided_uuid = derived(&format!("provided\n{control}\n{}", activity.id));
        let by_provider = matches!(activity.share, Share::Provider | Share::Shared);
        if by_provider {
            provided.push(Provided {
                uuid: provided_uuid.clone(),
                description: statement(view, activity, false),
                props: activity_props(activity),
                responsible_roles: vec![roles.provider.clone()],
            });
        }
        if matches!(activity.share, Share::Customer | Share::Shared) {
            responsibilities.push(Responsibility {
                uuid: derived(&format!("responsibility\n{control}\n{}", activity.id)),
                provided_uuid: by_provider.then_some(provided_uuid),
                description: statement(view, activity, true),
                props: activity_props(activity),
                responsible_roles: vec![roles.customer.clone()],
            });
        }
    }
    let (how, state) = match row.ownership {
        Ownership::Provider => (format!("{provider} does all of it"), "implemented"),
        Ownership::Shared => (format!("{provider} and the customer share it"), "partial"),
        _ => ("the customer does all of it".to_owned(), "not-applicable"),
    };
    let inheritable = row.inheritable.map_or("—", |i| i.as_str());
    let by_component = ByComponent {
        component_uuid: component.to_owned(),
        uuid: derived(&format!("by-component\n{control}")),
        description: format!(
            "{} of the responsibility matrix {} on {}: {}; the customer can inherit it: \
             {inheritable}.",
            match row.activities.len() {
                1 => "1 activity".to_owned(),
                n => format!("{n} activities"),
            },
            if row.activities.len() == 1 {
                "bears"
            } else {
                "bear"
            },
            row.label,
            escape(&how)
        ),
        props: Vec::new(),
        implementation_status: Some(Status {
            state: state.to_owned(),
            remarks: (state == "not-applicable").then(|| {
                format!(
                    "{} holds R or A on none of these activities; the customer does them.",
                    escape(provider)
                )
            }),
        }),
        export: Some(Export {
            description: Some(format!(
                "What {} provides for {} and what it leaves to the customer.",
                escape(provider),
                row.label
            )),
            provided,
            responsibilities,
        }),
        inherited: Vec::new(),
        satisfied: Vec::new(),
        responsible_roles: Vec::new(),
    };
    ImplementedRequirement {
        uuid: derived(&format!("requirement\n{control}")),
        control_id: control.clone(),
        props: vec![
            text_prop(prop::OWNERSHIP, row.ownership.as_str()),
            text_prop(prop::INHERITABLE, inheritable),
        ],
        statements: vec![Statement {
            statement_id: format!("{control}_smt"),
            uuid: derived(&format!("statement\n{control}")),
            by_components: vec![by_component],
            remarks: None,
        }],
        by_components: Vec::new(),
        remarks: None,
    }
}

fn activity_props(activity: &ControlActivity) -> Vec<crate::types::Property> {
    vec![
        text_prop(prop::ACTIVITY_ID, &activity.id),
        text_prop(prop::TAXONOMY_ENTRY, &activity.entry),
        text_prop(prop::SOURCE_LINE, &activity.line.to_string()),
    ]
}

/// `OVHcloud does and answers for: “Back up the brokers” (Customer I · OVHcloud RA).`
/// The owners named are the customer's side (`customer`) or the provider's.
fn statement(view: &ControlsView, activity: &ControlActivity, customer: bool) -> String {
    let owners: Vec<String> = activity
        .roles
        .iter()
        .filter(|(party, _)| (view.side_of(party) == Side::Customer) == customer)
        .filter_map(|(party, roles)| {
            let verbs: Vec<&str> = [
                (Role::Responsible, "does"),
                (Role::Supportive, "supports"),
                (Role::Accountable, "answers for"),
            ]
            .into_iter()
            .filter(|(role, _)| roles.contains(*role))
            .map(|(_, verb)| verb)
            .collect();
            (!verbs.is_empty()).then(|| format!("{party} {}", verbs.join(" and ")))
        })
        .collect();
    format!(
        "{}: {}.",
        escape(&owners.join(", ")),
        escape(&raci_controls::quoted(activity))
    )
}
