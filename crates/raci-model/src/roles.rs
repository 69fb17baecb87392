//! Role letters and the set of roles one party holds for one activity.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One letter of the model's alphabet. The declaration order is the canonical
/// order in which letters are written (R A S C I).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Does the work (French: Réalisation).
    Responsible,
    /// Answers for it and signs it off (French: Approbation).
    Accountable,
    /// Supports the responsible party (RASCI matrices only).
    Supportive,
    /// Is asked before the work is closed (French: Consulté).
    Consulted,
    /// Is told once it is done (French: Informé).
    Informed,
}

impl Role {
    /// Every role, in canonical order.
    pub const ALL: [Role; 5] = [
        Role::Responsible,
        Role::Accountable,
        Role::Supportive,
        Role::Consulted,
        Role::Informed,
    ];

    /// The letter that writes this role.
    pub fn letter(self) -> char {
        match self {
            Role::Responsible => 'R',
            Role::Accountable => 'A',
            Role::Supportive => 'S',
            Role::Consulted => 'C',
            Role::Informed => 'I',
        }
    }

    /// The role a letter writes, case-insensitively; `None` for any other character.
    pub fn from_letter(letter: char) -> Option<Role> {
        match letter.to_ascii_uppercase() {
            'R' => Some(Role::Responsible),
            'A' => Some(Role::Accountable),
            'S' => Some(Role::Supportive),
            'C' => Some(Role::Consulted),
            'I' => Some(Role::Informed),
            _ => None,
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// The set of roles a party holds for an activity. Always written in canonical
/// order, each letter once, so two equal sets print the same.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Roles(u8);

impl Roles {
    /// No role at all.
    pub const NONE: Roles = Roles(0);

    /// Whether the set holds no role.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether the set holds `role`.
    pub fn contains(self, role: Role) -> bool {
        self.0 & role.bit() != 0
    }

    /// Adds `role` to the set.
    pub fn insert(&mut self, role: Role) {
        self.0 |= role.bit();
    }

    /// The same set with `role` added.
    #[must_use]
    pub fn with(mut self, role: Role) -> Roles {
        self.insert(role);
        self
    }

    /// The roles in canonical order.
    pub fn iter(self) -> impl Iterator<Item = Role> {
        Role::ALL
            .into_iter()
            .filter(move |role| self.contains(*role))
    }

    /// How many roles the set holds.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Reads letters of the alphabet, in any order and case. Characters that
    /// are not role letters are returned apart, so the caller can report them.
    pub fn parse_lenient(text: &str) -> (Roles, Vec<char>) {
        let mut roles = Roles::NONE;
        let mut unknown = Vec::new();
        for c in text.chars() {
            match Role::from_letter(c) {
                Some(role) if c.is_alphabetic() => roles.insert(role),
                _ if c.is_alphanumeric() => unknown.push(c),
                _ => {}
            }
        }
        (roles, unknown)
    }
}

impl fmt::Display for Roles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for role in self.iter() {
            write!(f, "{}", role.letter())?;
        }
        Ok(())
    }
}

impl FromIterator<Role> for Roles {
    fn from_iter<T: IntoIterator<Item = Role>>(iter: T) -> Self {
        let mut roles = Roles::NONE;
        for role in iter {
            roles.insert(role);
        }
        roles
    }
}

/// The canonical string could not be read back as roles.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("`{0}` is not a role value: expected letters among R, A, S, C, I, each once")]
pub struct InvalidRoles(pub String);

impl std::str::FromStr for Roles {
    type Err = InvalidRoles;

    /// Strict reading, as used for canonical JSON: only role letters, each once.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut roles = Roles::NONE;
        for c in text.chars() {
            let role = Role::from_letter(c)
                .filter(|_| c.is_ascii_uppercase())
                .ok_or_else(|| InvalidRoles(text.to_owned()))?;
            if roles.contains(role) {
                return Err(InvalidRoles(text.to_owned()));
            }
            roles.insert(role);
        }
        Ok(roles)
    }
}

impl Serialize for Roles {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl schemars::JsonSchema for Roles {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Roles".into()
    }

    /// A string of role letters in canonical order, each once.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^R?A?S?C?I?$",
            "description": "Role letters in the order R A S C I, each once: Responsible, Accountable, Supportive (RASCI only), Consulted, Informed."
        })
    }
}

impl<'de> Deserialize<'de> for Roles {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_in_canonical_order_whatever_the_input_order() {
        let (roles, unknown) = Roles::parse_lenient("IR");
        assert_eq!(roles.to_string(), "RI");
        assert!(unknown.is_empty());
        assert_eq!(Roles::parse_lenient("ica r").0.to_string(), "RACI");
    }

    #[test]
    fn lenient_reading_reports_foreign_letters() {
        let (roles, unknown) = Roles::parse_lenient("RX-E");
        assert_eq!(roles.to_string(), "R");
        assert_eq!(unknown, vec!['X', 'E']);
    }

    #[test]
    fn strict_reading_refuses_repeats_lower_case_and_foreign_letters() {
        assert_eq!("RASCI".parse::<Roles>().unwrap().len(), 5);
        assert!("RR".parse::<Roles>().is_err());
        assert!("ra".parse::<Roles>().is_err());
        assert!("RX".parse::<Roles>().is_err());
        assert!("".parse::<Roles>().unwrap().is_empty());
    }

    #[test]
    fn serializes_as_a_string() {
        let roles = Roles::NONE.with(Role::Informed).with(Role::Responsible);
        assert_eq!(serde_json::to_string(&roles).unwrap(), "\"RI\"");
        let back: Roles = serde_json::from_str("\"RI\"").unwrap();
        assert_eq!(back, roles);
    }
}
