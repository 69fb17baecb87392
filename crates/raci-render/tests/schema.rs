//! The canonical JSON of every fixture and seed validates against the JSON
//! Schema generated from the model's types; documents breaking the contract do not.

#![allow(clippy::print_stderr)] // the corpus tests say why they skip

mod common;

use serde_json::{json, Value};

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&raci_model::json_schema()).expect("a valid JSON Schema")
}

#[test]
fn the_canonical_json_of_every_fixture_and_seed_validates() {
    let validator = validator();
    let inputs = common::all();
    for input in &inputs {
        let json: Value = serde_json::from_str(&input.document.to_json()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {}", input.name, errors.join("; "));
    }
    eprintln!("{} canonical documents validate", inputs.len());
}

#[test]
fn documents_breaking_the_contract_do_not_validate() {
    let validator = validator();
    let document = common::fixtures().remove(0).document;
    let good: Value = serde_json::from_str(&document.to_json()).unwrap();
    assert!(validator.is_valid(&good));
    let with = |pointer: &str, value: Value| {
        let mut bad = good.clone();
        *bad.pointer_mut(pointer).expect("the field exists") = value;
        bad
    };
    let party = document.parties[0].clone();
    for bad in [
        with("/schema", json!("raci/v2")),
        with(&format!("/activities/0/roles/{party}"), json!("AR")),
        with(&format!("/activities/0/roles/{party}"), json!("RR")),
        with(&format!("/activities/0/roles/{party}"), json!("X")),
        with("/activities/0/source", json!({"column": 3})),
        with("/parties", json!("Customer")),
    ] {
        assert!(!validator.is_valid(&bad), "{bad}");
    }
}
