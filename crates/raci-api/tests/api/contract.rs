//! The OpenAPI document as a contract a generated client can rely on.

use std::collections::BTreeSet;

use serde_json::Value;

fn document() -> Value {
    serde_json::to_value(raci_api::openapi_document()).unwrap()
}

fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            out.push((path.clone(), method.clone(), op.clone()));
        }
    }
    out
}

/// A schema, following one `$ref` into the components.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => &doc["components"]["schemas"][r.trim_start_matches("#/components/schemas/")],
        None => schema,
    }
}

#[test]
fn the_document_is_openapi_3_1_with_unique_action_named_operations() {
    let doc = document();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let ops = operations(&doc);
    assert!(ops.len() >= 55, "{} operations", ops.len());
    let mut ids = BTreeSet::new();
    for (path, method, op) in &ops {
        let id = op["operationId"]
            .as_str()
            .unwrap_or_else(|| panic!("{method} {path}: no operationId"));
        assert!(ids.insert(id.to_owned()), "operationId {id} twice");
        assert!(
            id.chars().next().unwrap().is_ascii_lowercase() && !id.contains('_'),
            "{id}"
        );
        assert!(op["tags"].is_array(), "{id}: no tag");
    }
}

#[test]
fn parameters_are_where_they_are_used() {
    let doc = document();
    for (path, method, op) in operations(&doc) {
        let in_path: BTreeSet<String> = path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(str::to_owned)
            .collect();
        let mut declared = BTreeSet::new();
        for p in op["parameters"].as_array().into_iter().flatten() {
            let name = p["name"].as_str().unwrap().to_owned();
            match p["in"].as_str().unwrap() {
                "path" => {
                    assert!(
                        in_path.contains(&name),
                        "{method} {path}: {name} is not in the path"
                    );
                    declared.insert(name);
                }
                "query" => assert!(!in_path.contains(&name), "{method} {path}: {name}"),
                other => panic!("{method} {path}: {name} in {other}"),
            }
        }
        assert_eq!(declared, in_path, "{method} {path}: path parameters");
    }
}

#[test]
fn every_answer_has_a_schema_and_every_error_is_documented() {
    let doc = document();
    let codes: Vec<&str> = doc["components"]["schemas"]["ErrorCode"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    for code in [
        "bad_request",
        "unauthorized",
        "too_large",
        "lint_errors",
        "too_many_requests",
        "internal",
    ] {
        assert!(
            codes.contains(&code),
            "{code} is not a documented error code: {codes:?}"
        );
    }
    for (path, method, op) in operations(&doc) {
        let responses = op["responses"].as_object().unwrap();
        let ok: Vec<_> = responses.keys().filter(|s| s.starts_with('2')).collect();
        assert_eq!(ok.len(), 1, "{method} {path}");
        let ok = &responses[ok[0].as_str()];
        if ok.get("content").is_none() {
            assert!(ok.get("description").is_some());
            continue;
        }
        for (media, body) in ok["content"].as_object().unwrap() {
            let schema = &body["schema"];
            assert!(
                schema.is_object() && !schema.as_object().unwrap().is_empty(),
                "{method} {path} {media}: no schema"
            );
            if media.contains("spreadsheet")
                || media == "application/octet-stream"
                || media == "application/gzip"
            {
                assert_eq!(
                    resolve(&doc, schema)["format"],
                    "binary",
                    "{method} {path} {media}"
                );
            }
        }
        if op.get("security").is_some() {
            assert!(responses.contains_key("401"), "{method} {path}: 401");
        }
        if op
            .get("requestBody")
            .is_some_and(|b| b["content"].get("application/json").is_some())
        {
            for status in ["400", "413", "415", "422"] {
                assert!(responses.contains_key(status), "{method} {path}: {status}");
            }
        }
    }
}

#[test]
fn no_response_carries_json_inside_a_string() {
    let doc = document();
    let text = doc["components"]["schemas"].to_string();
    for field in [
        "roles_json",
        "section_json",
        "details_json",
        "payload_json",
        "entries_json",
        "document_json",
    ] {
        assert!(!text.contains(field), "{field} is still in a schema");
    }
    let duty = &doc["components"]["schemas"]["DutyView"]["properties"];
    assert_eq!(duty["roles"]["type"], "object");
    assert_eq!(duty["section"]["type"], "array");
}

#[test]
fn field_rules_are_stated_as_the_use_cases_check_them() {
    let doc = document();
    let schemas = &doc["components"]["schemas"];
    let slug = &schemas["NewService"]["properties"]["slug"];
    assert_eq!(slug["pattern"], raci_app::validate::patterns::SLUG);
    assert_eq!(slug["maxLength"], raci_app::validate::SLUG_MAX);
    assert_eq!(
        schemas["NewService"]["properties"]["name"]["maxLength"],
        raci_app::validate::NAME_MAX
    );
    // Every rule of every input is on its schema.
    for (schema, rules) in raci_app::input_rules() {
        let text = schemas[&schema].to_string();
        for (field, rule) in rules {
            let pattern = serde_json::to_string(rule.pattern()).unwrap();
            assert!(
                text.contains(&pattern),
                "{schema}.{field}: pattern not stated"
            );
        }
    }
    // The owner map says what the server takes: one owner for R and A, lists for C and I.
    let letters = &schemas["LetterOwnersInput"]["properties"];
    assert_eq!(letters["C"]["type"], "array");
    assert!(letters["R"].to_string().contains("Assignee"));
}

#[test]
fn uploads_and_downloads_say_their_media_types() {
    let doc = document();
    let publish = &doc["paths"]["/api/v1/services/{id}/editions"]["post"]["requestBody"]["content"];
    for media in [
        "text/markdown",
        "text/csv",
        "application/json",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ] {
        assert!(publish.get(media).is_some(), "publish: {media}");
    }
    let evidence = &doc["paths"]["/api/v1/duties/{id}/evidence"]["post"]["requestBody"]["content"];
    assert!(evidence.get("application/octet-stream").is_some());
    let name = doc["paths"]["/api/v1/duties/{id}/evidence"]["post"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "name")
        .unwrap()
        .clone();
    assert_eq!(name["in"], "query");
    assert_eq!(
        name["schema"]["pattern"],
        raci_app::validate::patterns::FILE_NAME
    );
}

#[test]
fn every_operation_says_when_to_retry() {
    let doc = document();
    for shared in ["TooManyRequests", "Unavailable"] {
        assert!(
            doc["components"]["responses"][shared]["headers"]
                .get("Retry-After")
                .is_some(),
            "{shared} says no Retry-After"
        );
    }
    for (path, method, op) in operations(&doc) {
        let id = op["operationId"].as_str().unwrap();
        let responses = op["responses"].as_object().unwrap();
        // The health check is neither rate-limited nor stored; the document
        // itself is rate-limited but reads no database.
        let (limited, stored) = match id {
            "getHealth" => (false, false),
            "getOpenApi" => (true, false),
            _ => (true, true),
        };
        assert_eq!(
            responses.contains_key("429"),
            limited,
            "{method} {path}: 429"
        );
        assert_eq!(
            responses.contains_key("503"),
            stored,
            "{method} {path}: 503"
        );
    }
}
