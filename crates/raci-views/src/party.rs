//! Finding a party from what a user typed.

use raci_model::text::fold;
use raci_model::Document;

/// No party of the document answers to the name given.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("no party `{name}` in this matrix; its parties are {}", .parties.join(", "))]
pub struct PartyNotFound {
    pub name: String,
    pub parties: Vec<String>,
}

/// The index of the party `name` stands for: a column's name, case and
/// accents ignored; `customer` (or any name a customer's column goes by:
/// `client`, `Kunde`…) for the customer's column; `provider` for the first
/// column that is not the customer's.
pub fn find_party(document: &Document, name: &str) -> Result<usize, PartyNotFound> {
    let wanted = fold(name);
    let is_customer = |party: &String| raci_model::is_customer(party);
    document
        .parties
        .iter()
        .position(|party| fold(party) == wanted)
        .or_else(|| match wanted.as_str() {
            "provider" | "fournisseur" | "prestataire" => {
                document.parties.iter().position(|p| !is_customer(p))
            }
            _ if raci_model::is_customer(name) => document.parties.iter().position(is_customer),
            _ => None,
        })
        .ok_or_else(|| PartyNotFound {
            name: name.to_owned(),
            parties: document.parties.clone(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(parties: &[&str]) -> Document {
        let mut document = Document::new();
        document.parties = parties.iter().map(|p| p.to_string()).collect();
        document
    }

    #[test]
    fn names_any_case_and_aliases() {
        let d = document(&["Client", "Cloud Temple"]);
        assert_eq!(find_party(&d, "cloud temple"), Ok(1));
        assert_eq!(find_party(&d, "CLIENT"), Ok(0));
        assert_eq!(find_party(&d, "customer"), Ok(0));
        assert_eq!(find_party(&d, "provider"), Ok(1));
        let d = document(&["OVHcloud", "Customer"]);
        assert_eq!(find_party(&d, "provider"), Ok(0));
        assert_eq!(find_party(&d, "Kunde"), Ok(1));
        let error = find_party(&d, "Nimbus").unwrap_err();
        assert_eq!(
            error.to_string(),
            "no party `Nimbus` in this matrix; its parties are OVHcloud, Customer"
        );
    }
}
