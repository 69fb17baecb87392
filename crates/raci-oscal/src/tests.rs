use raci_model::{Activity, Document, Roles, Span};
use serde_json::json;

use super::*;

fn activity(id: &str, section: &[&str], text: &str, roles: &[(&str, &str)]) -> Activity {
    Activity {
        id: id.to_owned(),
        section: section.iter().map(|s| s.to_string()).collect(),
        text: text.to_owned(),
        roles: roles
            .iter()
            .map(|(party, letters)| (party.to_string(), letters.parse::<Roles>().unwrap()))
            .collect(),
        notes: Vec::new(),
        source: Span::line(10),
        ..Activity::default()
    }
}

fn sample() -> Document {
    let mut document = Document::new();
    document.title = Some("Managed Queue *beta*".to_owned());
    document.language = Some("en".to_owned());
    document.edition = Some("2024-03-18".to_owned());
    document.parties = vec!["Customer".to_owned(), "Nimbus".to_owned()];
    let mut backup = activity(
        "back-up-the-queues",
        &["2. Run", "2.2. Backups"],
        "Back up the queues <daily>",
        &[("Customer", "RA"), ("Nimbus", "CI")],
    );
    backup.notes = vec![
        "Nimbus can do it under contract.".to_owned(),
        " two\nlines ".to_owned(),
    ];
    backup.source = Span::new(41, 3, 0);
    document.activities = vec![
        activity(
            "1-plan--pick-the-region",
            &["1. Plan"],
            "Pick the region",
            &[("Customer", "RA"), ("Nimbus", "I")],
        ),
        backup,
        activity("orphan", &[], "No one holds this", &[]),
    ];
    document
}

#[test]
fn roles_map_to_responsible_roles_and_namespaced_props() {
    let value = to_oscal(&sample());
    let definition = &value["component-definition"];
    assert_eq!(definition["metadata"]["oscal-version"], OSCAL_VERSION);
    assert_eq!(
        definition["metadata"]["roles"][0]["id"],
        json!("customer"),
        "{definition:#}"
    );
    assert_eq!(definition["metadata"]["roles"][1]["id"], json!("provider"));
    assert_eq!(
        definition["metadata"]["parties"][1]["name"],
        json!("Nimbus")
    );
    let requirements =
        &definition["components"][0]["control-implementations"][0]["implemented-requirements"];
    let backup = &requirements[1];
    assert_eq!(backup["control-id"], json!("back-up-the-queues"));
    assert_eq!(
        backup["description"],
        json!(r"Back up the queues \<daily\>")
    );
    assert_eq!(
        backup["responsible-roles"],
        json!([{"role-id": "customer", "party-uuids": [definition["metadata"]["parties"][0]["uuid"]]}])
    );
    let props: Vec<(String, String)> = backup["props"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            assert_eq!(p["ns"], json!(NAMESPACE));
            (
                p["name"].as_str().unwrap().to_owned(),
                p["value"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let has = |name: &str, value: &str| props.iter().any(|(n, v)| n == name && v == value);
    assert!(has("raci-accountable", "customer"));
    assert!(has("raci-consulted", "provider"));
    assert!(has("raci-informed", "provider"));
    assert!(has("raci-section", "2.2. Backups"));
    assert!(has("raci-source-line", "41"));
    assert!(has("raci-source-column", "3"));
    assert!(has("raci-note", "two lines"), "{props:?}");
    // A control id must start with a letter.
    assert_eq!(
        requirements[0]["control-id"],
        json!("activity-1-plan--pick-the-region")
    );
}

#[test]
fn import_gives_back_the_same_document() {
    let document = sample();
    let back = from_oscal(&to_oscal(&document)).unwrap();
    assert_eq!(back, document);
}

#[test]
fn output_is_stable_and_uuids_are_version_5() {
    let a = to_oscal(&sample());
    assert_eq!(a, to_oscal(&sample()));
    let uuid = a["component-definition"]["uuid"].as_str().unwrap();
    assert_eq!(Uuid::parse_str(uuid).unwrap().get_version_num(), 5);
    let mut other = sample();
    other.edition = Some("2024-09-01".to_owned());
    assert_ne!(
        to_oscal(&other)["component-definition"]["uuid"],
        a["component-definition"]["uuid"]
    );
    assert_eq!(
        a["component-definition"]["metadata"]["last-modified"],
        json!("2024-03-18T00:00:00Z")
    );
}

#[test]
fn untitled_documents_and_odd_party_names_survive() {
    let mut document = sample();
    document.title = None;
    document.edition = None;
    document.language = None;
    document.parties = vec![
        " Client ".to_owned(),
        "Nimbus".to_owned(),
        "3rd party".to_owned(),
    ];
    for activity in &mut document.activities {
        activity.roles = activity
            .roles
            .iter()
            .map(|(party, roles)| {
                let party = if party == "Customer" {
                    " Client "
                } else {
                    party.as_str()
                };
                (party.to_owned(), *roles)
            })
            .collect();
    }
    document.activities[0]
        .roles
        .insert("3rd party".to_owned(), "C".parse().unwrap());
    let value = to_oscal(&document);
    let roles = &value["component-definition"]["metadata"]["roles"];
    assert_eq!(roles[2]["id"], json!("party-3rd-party"));
    assert_eq!(from_oscal(&value).unwrap(), document);
}

#[test]
fn role_ids_name_customer_and_provider() {
    let names = |list: &[&str]| role_ids(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    assert_eq!(names(&["Client", "Cloud Temple"]), ["customer", "provider"]);
    assert_eq!(names(&["OVHcloud", "Customer"]), ["provider", "customer"]);
    assert_eq!(
        names(&["Customer", "Nimbus", "Partner", "Client"]),
        ["customer", "provider", "partner", "client"]
    );
}

#[test]
fn foreign_component_definitions_are_read_as_well_as_they_can_be() {
    let value = json!({
        "component-definition": {
            "uuid": "8223d65f-57a9-4689-8f06-2a975ae2ad72",
            "metadata": {
                "title": "Vendor component",
                "last-modified": "2024-02-01T13:57:28Z",
                "version": "1",
                "oscal-version": "1.1.2",
                "roles": [{"id": "maintainer", "title": "Maintainer"}]
            },
            "components": [{
                "uuid": "b036a6ac-6cff-4066-92bc-74ddfd9ad6fa",
                "type": "software",
                "title": "Auth module",
                "description": "Authentication.",
                "control-implementations": [{
                    "uuid": "cfcdd674-8595-4f98-a9d1-3ac70825c49f",
                    "source": "#x",
                    "description": "Partial.",
                    "implemented-requirements": [{
                        "uuid": "d1016df0-9b5c-4839-86cd-f9c1d113077b",
                        "control-id": "ac-2.3",
                        "description": "Inactive accounts are *disabled*.",
                        "responsible-roles": [{"role-id": "maintainer"}]
                    }]
                }]
            }]
        }
    });
    let document = from_oscal(&value).unwrap();
    assert_eq!(document.parties, ["Maintainer"]);
    let activity = &document.activities[0];
    assert_eq!(activity.id, "ac-2.3");
    assert_eq!(activity.section, ["Auth module"]);
    assert_eq!(activity.roles["Maintainer"].to_string(), "R");
    assert!(from_oscal(&json!({"catalog": {}})).is_err());
    let mut unknown = value.clone();
    unknown["component-definition"]["metadata"]["roles"] = json!([]);
    assert!(matches!(
        from_oscal(&unknown),
        Err(OscalError::UnknownRole(role)) if role == "maintainer"
    ));
}
