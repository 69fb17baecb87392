//! The leveraged and leveraging system security plans on our fixtures
//! (snapshots), their inner references, UUIDs stable across editions, and
//! the leveraging plan of NIST's own leveraged example (from
//! `../shared/standards`, skipped, saying so, where absent).

#![allow(clippy::print_stderr)] // says why a part is skipped

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use raci_model::Document;
use raci_oscal::ssp::{leveraged_ssp, leveraging_ssp, InheritOptions, ProfileInfo, SspOptions};
use raci_oscal::OscalError;
use serde_json::{json, Value};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn document(name: &str) -> Document {
    let path = workspace().join("tests/fixtures").join(name);
    let bytes = std::fs::read(&path).unwrap();
    raci_ingest::parse(&bytes, None, Some(&path.display().to_string())).unwrap()
}

fn options() -> SspOptions {
    SspOptions {
        profile_href: "profiles/moderate/profile.json".to_owned(),
        profile: None,
    }
}

fn inherit_options() -> InheritOptions {
    InheritOptions {
        leveraged_href: "system-security-plans/queue/system-security-plan.json".to_owned(),
        ..InheritOptions::default()
    }
}

/// Every value of `key` anywhere in `value`.
fn all<'a>(value: &'a Value, key: &str, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if k == key {
                    if let Some(s) = v.as_str() {
                        out.push(s);
                    }
                }
                all(v, key, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| all(v, key, out)),
        _ => {}
    }
}

fn values<'a>(value: &'a Value, key: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    all(value, key, &mut out);
    out
}

/// The uuids of every `provided` and every `responsibilities` statement of
/// the plan's exports, wherever they stand.
fn exported(plan: &Value) -> (HashSet<&str>, HashSet<&str>) {
    fn walk<'a>(value: &'a Value, provided: &mut HashSet<&'a str>, owed: &mut HashSet<&'a str>) {
        match value {
            Value::Object(map) => {
                if let Some(export) = map.get("export") {
                    for (key, set) in [
                        ("provided", &mut *provided),
                        ("responsibilities", &mut *owed),
                    ] {
                        for statement in export[key].as_array().into_iter().flatten() {
                            set.insert(statement["uuid"].as_str().unwrap());
                        }
                    }
                }
                map.values().for_each(|v| walk(v, provided, owed));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, provided, owed)),
            _ => {}
        }
    }
    let (mut provided, mut owed) = (HashSet::new(), HashSet::new());
    walk(plan, &mut provided, &mut owed);
    (provided, owed)
}

fn assert_unique_uuids(plan: &Value) {
    let uuids = values(plan, "uuid");
    let unique: HashSet<&&str> = uuids.iter().collect();
    assert_eq!(unique.len(), uuids.len(), "a uuid is used twice");
}

#[test]
fn the_leveraged_plan_of_a_fixture() {
    let plan = leveraged_ssp(&document("queue-service.en.md"), &options());
    assert!(plan.outside_profile.is_empty() && plan.undetermined.is_empty());
    assert_unique_uuids(&plan.value);
    // Every responsibility tied to a provided statement is tied to one of its own export.
    for requirement in plan.value["system-security-plan"]["control-implementation"]
        ["implemented-requirements"]
        .as_array()
        .unwrap()
    {
        let export = &requirement["statements"][0]["by-components"][0]["export"];
        let provided: HashSet<&str> = values(&export["provided"], "uuid").into_iter().collect();
        for tied in values(&export["responsibilities"], "provided-uuid") {
            assert!(provided.contains(tied), "{requirement:#}");
        }
        assert_eq!(
            requirement["statements"][0]["statement-id"],
            format!("{}_smt", requirement["control-id"].as_str().unwrap())
        );
    }
    insta::assert_json_snapshot!("leveraged_queue_en", plan.value);
}

#[test]
fn the_leveraging_plan_points_at_every_statement_of_the_leveraged_one() {
    let leveraged = leveraged_ssp(&document("queue-service.en.md"), &options()).value;
    let leveraging = leveraging_ssp(&leveraged, &inherit_options()).unwrap();
    assert_unique_uuids(&leveraging);
    let (provided, responsibilities) = exported(&leveraged);
    assert!(!provided.is_empty() && !responsibilities.is_empty());
    let inherited: HashSet<&str> = values(&leveraging, "provided-uuid").into_iter().collect();
    assert_eq!(
        inherited, provided,
        "one inherited statement per provided one"
    );
    let satisfied: HashSet<&str> = values(&leveraging, "responsibility-uuid")
        .into_iter()
        .collect();
    assert_eq!(
        satisfied, responsibilities,
        "one satisfied stub per responsibility"
    );
    let plan = &leveraging["system-security-plan"];
    let authorization = &plan["system-implementation"]["leveraged-authorizations"][0];
    let provider = &leveraged["system-security-plan"]["metadata"]["parties"][0];
    assert_eq!(authorization["party-uuid"], provider["uuid"]);
    assert_eq!(
        plan["import-profile"]["href"],
        "profiles/moderate/profile.json"
    );
    insta::assert_json_snapshot!("leveraging_queue_en", leveraging);
}

#[test]
fn uuids_are_stable_across_editions_of_a_page() {
    let old = leveraged_ssp(&document("editions/queue-service.2024-03.md"), &options()).value;
    let new = leveraged_ssp(&document("editions/queue-service.2024-09.md"), &options()).value;
    let plan = |v: &Value| v["system-security-plan"].clone();
    assert_eq!(plan(&old)["uuid"], plan(&new)["uuid"]);
    assert_ne!(
        plan(&old)["metadata"]["version"],
        plan(&new)["metadata"]["version"]
    );
    assert_eq!(
        plan(&old)["system-implementation"]["components"][0]["uuid"],
        plan(&new)["system-implementation"]["components"][0]["uuid"]
    );
    // Each statement of an activity found in both editions keeps its uuid.
    let by_activity = |v: &Value| -> HashMap<(String, String), String> {
        let mut out = HashMap::new();
        for requirement in plan(v)["control-implementation"]["implemented-requirements"]
            .as_array()
            .unwrap()
        {
            let control = requirement["control-id"].as_str().unwrap().to_owned();
            let export = &requirement["statements"][0]["by-components"][0]["export"];
            for provided in export["provided"].as_array().into_iter().flatten() {
                let activity = provided["props"][0]["value"].as_str().unwrap().to_owned();
                out.insert(
                    (control.clone(), activity),
                    provided["uuid"].as_str().unwrap().to_owned(),
                );
            }
        }
        out
    };
    let (a, b) = (by_activity(&old), by_activity(&new));
    let shared: Vec<_> = a.keys().filter(|k| b.contains_key(*k)).collect();
    assert!(!shared.is_empty());
    for key in shared {
        assert_eq!(a[key], b[key], "{key:?}");
    }
}

#[test]
fn a_profile_keeps_only_the_controls_it_includes() {
    let options = SspOptions {
        profile_href: "p.json".to_owned(),
        profile: Some(ProfileInfo {
            title: Some("Two controls".to_owned()),
            controls: Some(["cp-9".to_owned(), "si-2".to_owned()].into()),
        }),
    };
    let plan = leveraged_ssp(&document("queue-service.en.md"), &options);
    let controls = values(
        &plan.value["system-security-plan"]["control-implementation"],
        "control-id",
    );
    assert_eq!(controls, ["cp-9", "si-2"]);
    assert!(plan.outside_profile.contains(&"AC-2".to_owned()));
}

#[test]
fn inheriting_needs_a_plan_that_exports_something() {
    let not_a_plan = leveraging_ssp(&json!({"catalog": {}}), &inherit_options());
    assert!(matches!(not_a_plan, Err(OscalError::NotSsp(_))));
    let mut plan = leveraged_ssp(&document("queue-service.en.md"), &options()).value;
    plan["system-security-plan"]["control-implementation"]["implemented-requirements"] = json!([]);
    let error = leveraging_ssp(&plan, &inherit_options()).unwrap_err();
    assert!(matches!(error, OscalError::NoExports), "{error}");
}

#[test]
fn nists_leveraged_example_can_be_inherited() {
    let path = workspace().join("../shared/standards/oscal/oscal_leveraged-example_ssp.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: no NIST example at {}", path.display());
        return;
    };
    let example: Value = serde_json::from_str(&text).unwrap();
    let leveraging = leveraging_ssp(&example, &inherit_options()).unwrap();
    assert_unique_uuids(&leveraging);
    let (provided, responsibilities) = exported(&example);
    let inherited: HashSet<&str> = values(&leveraging, "provided-uuid").into_iter().collect();
    assert_eq!(inherited, provided);
    let satisfied: HashSet<&str> = values(&leveraging, "responsibility-uuid")
        .into_iter()
        .collect();
    assert_eq!(satisfied, responsibilities);
    // Its import-profile points into its back matter: the resource comes along.
    let plan = &leveraging["system-security-plan"];
    let href = plan["import-profile"]["href"].as_str().unwrap();
    let resource = href.strip_prefix('#').unwrap();
    assert!(values(&plan["back-matter"], "uuid").contains(&resource));
    // Two leveraged components export something: two components stand for them.
    let inherited_from = values(&plan["system-implementation"]["components"], "value");
    assert!(inherited_from.contains(&"11111111-0000-4000-9001-000000000001"));
    assert!(inherited_from.contains(&"11111111-0000-4000-9001-000000000002"));
}
