//! Every SP 800-53 control our mapping names is a control of NIST's catalog
//! (the moderate baseline, resolved, in `../shared/standards/oscal/`), read
//! here at test time; and the statement each plan writes (`ac-2_smt`) is a
//! part of it. Skipped, saying so, where the standards are absent.

#![allow(clippy::print_stderr)] // says why the test is skipped

use std::collections::HashSet;
use std::path::Path;

use raci_controls::{mapping, Framework};
use serde_json::Value;

const CATALOG: &str = "../shared/standards/oscal/NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog-min.json";

/// The ids of every control and every part in the catalog.
fn ids(catalog: &Value) -> (HashSet<String>, HashSet<String>) {
    fn walk(node: &Value, controls: &mut HashSet<String>, parts: &mut HashSet<String>) {
        for key in ["groups", "controls", "parts"] {
            for child in node
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(id) = child.get("id").and_then(Value::as_str) {
                    match key {
                        "controls" => controls.insert(id.to_owned()),
                        "parts" => parts.insert(id.to_owned()),
                        _ => false,
                    };
                }
                walk(child, controls, parts);
            }
        }
    }
    let mut controls = HashSet::new();
    let mut parts = HashSet::new();
    walk(&catalog["catalog"], &mut controls, &mut parts);
    (controls, parts)
}

#[test]
fn every_mapped_control_is_in_nists_catalog() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(CATALOG);
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: no NIST catalog at {}", path.display());
        return;
    };
    let catalog: Value = serde_json::from_str(&text).unwrap();
    let (controls, parts) = ids(&catalog);
    assert!(
        controls.len() > 200,
        "the moderate baseline has 287 controls and enhancements"
    );
    let mapped = mapping().controls(Framework::Nist80053);
    assert!(mapped.len() > 50, "{}", mapped.len());
    let missing: Vec<&&str> = mapped
        .iter()
        .filter(|id| !controls.contains(**id))
        .collect();
    assert!(missing.is_empty(), "not in the catalog: {missing:?}");
    let no_statement: Vec<String> = mapped
        .iter()
        .map(|id| format!("{id}_smt"))
        .filter(|statement| !parts.contains(statement))
        .collect();
    assert!(
        no_statement.is_empty(),
        "no such statement: {no_statement:?}"
    );
}
