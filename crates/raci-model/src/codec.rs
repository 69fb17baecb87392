//! Reading and writing the canonical JSON and YAML forms.

use crate::{Document, SCHEMA};

/// The canonical form could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CodecError {
    #[error("invalid canonical JSON at line {line}, column {column}: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("invalid canonical YAML{}: {message}", location.map(|(l, c)| format!(" at line {l}, column {c}")).unwrap_or_default())]
    Yaml {
        location: Option<(usize, usize)>,
        message: String,
    },
    #[error("unsupported schema `{found}`: expected `{SCHEMA}`")]
    Schema { found: String },
    #[error(
        "activity `{activity}` gives roles to `{party}`, which is not among the document's parties"
    )]
    UnknownParty { activity: String, party: String },
    #[error("could not write the document: {0}")]
    Write(String),
}

impl Document {
    /// The canonical JSON, pretty-printed.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("the model always serializes")
    }

    /// The canonical YAML.
    pub fn to_yaml(&self) -> Result<String, CodecError> {
        serde_norway::to_string(self).map_err(|e| CodecError::Write(e.to_string()))
    }

    /// Reads canonical JSON and checks it against the model's invariants.
    pub fn from_json(text: &str) -> Result<Document, CodecError> {
        let document: Document = serde_json::from_str(text).map_err(|e| CodecError::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        document.validated()
    }

    /// Reads canonical YAML and checks it against the model's invariants.
    pub fn from_yaml(text: &str) -> Result<Document, CodecError> {
        let document: Document = serde_norway::from_str(text).map_err(|e| CodecError::Yaml {
            location: e.location().map(|l| (l.line(), l.column())),
            message: e.to_string(),
        })?;
        document.validated()
    }

    fn validated(self) -> Result<Document, CodecError> {
        if self.schema != SCHEMA {
            return Err(CodecError::Schema {
                found: self.schema.clone(),
            });
        }
        for activity in &self.activities {
            if let Some(party) = activity
                .roles
                .keys()
                .find(|party| !self.parties.contains(party))
            {
                return Err(CodecError::UnknownParty {
                    activity: activity.id.clone(),
                    party: party.clone(),
                });
            }
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Activity, Roles, Span};

    fn sample() -> Document {
        let mut document = Document::new();
        document.title = Some("Sample".into());
        document.parties = vec!["Customer".into(), "Provider".into()];
        let mut activity = Activity {
            id: "pick-a-region".into(),
            section: vec!["1. Start".into()],
            text: "Pick a region".into(),
            source: Span::line(7),
            ..Activity::default()
        };
        activity
            .roles
            .insert("Customer".into(), "RA".parse::<Roles>().unwrap());
        document.activities.push(activity);
        document
    }

    #[test]
    fn json_and_yaml_round_trip() {
        let document = sample();
        assert_eq!(Document::from_json(&document.to_json()).unwrap(), document);
        assert_eq!(
            Document::from_yaml(&document.to_yaml().unwrap()).unwrap(),
            document
        );
    }

    #[test]
    fn json_follows_the_contract() {
        let json: serde_json::Value = serde_json::from_str(&sample().to_json()).unwrap();
        assert_eq!(json["schema"], "raci/v1");
        assert_eq!(json["activities"][0]["roles"]["Customer"], "RA");
        assert_eq!(
            json["activities"][0]["source"],
            serde_json::json!({"line": 7})
        );
    }

    #[test]
    fn refuses_other_schemas_unknown_parties_and_bad_letters() {
        let json = sample().to_json();
        assert!(matches!(
            Document::from_json(&json.replace("raci/v1", "raci/v9")),
            Err(CodecError::Schema { .. })
        ));
        assert!(matches!(
            Document::from_json(&json.replace("\"Customer\": \"RA\"", "\"Nobody\": \"RA\"")),
            Err(CodecError::UnknownParty { .. })
        ));
        let error = Document::from_json(&json.replace("\"RA\"", "\"RX\"")).unwrap_err();
        assert!(error.to_string().contains("line"), "{error}");
    }
}
