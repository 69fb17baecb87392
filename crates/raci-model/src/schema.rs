//! The JSON Schema of the canonical form, generated from the model's types.

use crate::Document;

/// The JSON Schema (draft 2020-12) every canonical `raci/v1` document validates against.
pub fn json_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Document);
    schema.insert(
        "$id".to_owned(),
        "https://example.invalid/raci/v1.schema.json".into(),
    );
    schema.to_value()
}

#[cfg(test)]
mod tests {
    use super::json_schema;

    #[test]
    fn roles_are_strings_of_letters_in_canonical_order() {
        let schema = json_schema();
        let roles = &schema["$defs"]["Roles"];
        assert_eq!(roles["type"], "string");
        assert_eq!(roles["pattern"], "^R?A?S?C?I?$");
        assert_eq!(schema["properties"]["schema"]["const"], "raci/v1");
        let activity = &schema["$defs"]["Activity"]["properties"];
        assert!(activity.get("row").is_none(), "source facts stay out");
        assert!(schema["properties"].get("facts").is_none());
    }
}
