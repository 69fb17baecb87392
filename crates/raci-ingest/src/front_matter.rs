//! YAML front matter (`title`, `updated`, `lang`…), read with a YAML parser.

use serde_norway::Value;

use crate::blocks::Metadata;
use crate::dates;

/// Reads the fields the model needs from a front matter block. A block that
/// is not valid YAML yields nothing: the page's body is still read.
pub(crate) fn read(yaml: &str) -> Metadata {
    let Ok(Value::Mapping(fields)) = serde_norway::from_str::<Value>(yaml) else {
        return Metadata::default();
    };
    let field = |names: &[&str]| {
        names.iter().find_map(|name| match fields.get(*name)? {
            Value::String(text) => Some(text.trim().to_owned()),
            Value::Number(number) => Some(number.to_string()),
            _ => None,
        })
    };
    Metadata {
        title: field(&["title"]).filter(|t| !t.is_empty()),
        edition: field(&["updated", "date", "last_update", "edition"])
            .and_then(|d| dates::find_date(&d)),
        language: field(&["lang", "language", "locale"]).filter(|l| !l.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_title_date_and_language() {
        let meta = read("title: \"Shared duties\"\nupdated: 2024-02-29\nlang: fr-fr\n");
        assert_eq!(meta.title.as_deref(), Some("Shared duties"));
        assert_eq!(meta.edition.as_deref(), Some("2024-02-29"));
        assert_eq!(meta.language.as_deref(), Some("fr-fr"));
    }

    #[test]
    fn invalid_yaml_yields_nothing() {
        let meta = read("title: [unclosed\n");
        assert!(meta.title.is_none());
    }
}
