//! Values kept as JSON text in one column (a duty's roles and section), read
//! back into their types as rows are decoded.

use serde::{de::DeserializeOwned, Deserialize, Serialize};

/// A value stored as JSON text. Decoding a row fails (as a damaged column)
/// when the text is not the JSON of `T`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Stored<T>(pub T);

impl<T: DeserializeOwned> TryFrom<String> for Stored<T> {
    type Error = serde_json::Error;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        serde_json::from_str(&text).map(Stored)
    }
}

text_column!([T: DeserializeOwned] Stored<T>, |text| Stored::try_from(text));

impl<T: Serialize> Stored<T> {
    /// The text the column holds.
    pub fn to_text(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| "null".to_owned())
    }
}

impl<T> std::ops::Deref for Stored<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_other_json() {
        let s: Stored<Vec<String>> = Stored::try_from("[\"a\",\"b\"]".to_owned()).unwrap();
        assert_eq!(s.0, vec!["a", "b"]);
        assert_eq!(s.to_text(), "[\"a\",\"b\"]");
        assert!(Stored::<Vec<String>>::try_from("{}".to_owned()).is_err());
    }
}
