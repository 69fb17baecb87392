//! The control frameworks we map to, and how their control ids are written.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A control framework.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Framework {
    /// NIST SP 800-53 revision 5; ids as OSCAL writes them (`ac-2`, `cp-9.1`).
    #[serde(rename = "nist-800-53")]
    Nist80053,
    /// CSA Cloud Controls Matrix v4; ids as the CCM writes them (`IAM-06`).
    #[serde(rename = "ccm")]
    Ccm,
}

impl Framework {
    /// Both frameworks.
    pub const ALL: [Framework; 2] = [Framework::Nist80053, Framework::Ccm];

    /// The key used in the mapping file and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Framework::Nist80053 => "nist-800-53",
            Framework::Ccm => "ccm",
        }
    }

    /// The framework's name for readers.
    pub fn name(self) -> &'static str {
        match self {
            Framework::Nist80053 => "NIST SP 800-53 rev5",
            Framework::Ccm => "CSA CCM v4",
        }
    }

    /// A control id of this framework in its canonical form (`AC-02 (1)` →
    /// `ac-2.1`, `iam-6` → `IAM-06`), or `None` when it is not one. A part of
    /// a control (`AC-2(a)`, `ac-2_smt.a`, `IAM-06.1`) gives its control.
    pub fn canonical(self, id: &str) -> Option<String> {
        match self {
            Framework::Nist80053 => nist_canonical(id),
            Framework::Ccm => ccm_canonical(id),
        }
    }

    /// How a control id is shown to readers: `AC-2`, `CP-9(1)`, `IAM-06`.
    pub fn label(self, id: &str) -> String {
        match self {
            Framework::Nist80053 => nist_label(id),
            Framework::Ccm => id.to_owned(),
        }
    }

    /// Orders two canonical ids of this framework: by family, then number,
    /// then enhancement (`ac-2` < `ac-2.1` < `ac-3` < `ac-10`).
    pub fn compare(self, a: &str, b: &str) -> Ordering {
        sort_key(a).cmp(&sort_key(b))
    }
}

impl fmt::Display for Framework {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A framework key that is none of ours.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("`{0}` is not a framework: expected nist-800-53 or ccm")]
pub struct UnknownFramework(pub String);

impl FromStr for Framework {
    type Err = UnknownFramework;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Framework::ALL
            .into_iter()
            .find(|f| f.key().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| UnknownFramework(text.to_owned()))
    }
}

/// `(family, number, enhancement)` of an id: letters, then the numbers in it.
fn sort_key(id: &str) -> (String, Vec<u32>) {
    let family: String = id
        .chars()
        .take_while(|c| !c.is_ascii_digit() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    let numbers = id
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .filter_map(|n| n.parse().ok())
        .collect();
    (family, numbers)
}

/// `AC-2`, `ac-02`, `AC-2 (1)`, `AC-2(1)(a)`, `ac-2.1`, `ac-2_smt.a` → `ac-2`
/// or `ac-2.1`.
fn nist_canonical(id: &str) -> Option<String> {
    let id = id.trim();
    let id = id.split("_smt").next().unwrap_or(id);
    let (family, rest) = id.split_once('-')?;
    if family.len() != 2 || !family.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let number: u32 = digits.parse().ok()?;
    let rest = rest[digits.len()..].trim_start();
    // An enhancement: `.1`, `(1)`, `( 1 )`; a part (`(a)`) is dropped.
    let enhancement = if let Some(after) = rest.strip_prefix('.') {
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        Some(digits.parse::<u32>().ok()?)
    } else if let Some(after) = rest.strip_prefix('(') {
        let inner = after.split(')').next().unwrap_or("").trim();
        inner.parse::<u32>().ok()
    } else if rest.is_empty() {
        None
    } else {
        return None;
    };
    if number == 0 || number > 99 || enhancement.is_some_and(|e| e == 0 || e > 99) {
        return None;
    }
    let family = family.to_ascii_lowercase();
    Some(match enhancement {
        Some(e) => format!("{family}-{number}.{e}"),
        None => format!("{family}-{number}"),
    })
}

/// `ac-2.1` → `AC-2(1)`.
fn nist_label(id: &str) -> String {
    match id.split_once('.') {
        Some((base, enhancement)) => format!("{}({enhancement})", base.to_ascii_uppercase()),
        None => id.to_ascii_uppercase(),
    }
}

/// `iam-6`, `IAM-06`, `IAM-06.1` (a CAIQ question) → `IAM-06`. The domain
/// must be one of the CCM's and the number within it.
fn ccm_canonical(id: &str) -> Option<String> {
    let id = id.trim();
    let (domain, rest) = id.rsplit_once('-')?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let tail = &rest[digits.len()..];
    if !(tail.is_empty() || tail.starts_with('.')) {
        return None;
    }
    let number: u32 = digits.parse().ok()?;
    let domain = domain.trim().to_ascii_uppercase();
    let size = crate::mapping::ccm_domain_size(&domain)?;
    (1..=size)
        .contains(&number)
        .then(|| format!("{domain}-{number:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nist_ids_in_every_spelling_become_oscal_ids() {
        let f = Framework::Nist80053;
        for (written, canonical) in [
            ("AC-2", "ac-2"),
            ("ac-02", "ac-2"),
            ("AC-2 (1)", "ac-2.1"),
            ("CP-9(1)", "cp-9.1"),
            ("AC-2(a)", "ac-2"),
            ("AC-6(1)(a)", "ac-6.1"),
            ("cp-9.1", "cp-9.1"),
            ("ac-2_smt.a", "ac-2"),
        ] {
            assert_eq!(
                f.canonical(written).as_deref(),
                Some(canonical),
                "{written}"
            );
        }
        for bad in [
            "", "AC", "A-2", "AC-", "AC-0", "AC-2x", "ACC-2", "AC-2.x", "AC-100",
        ] {
            assert_eq!(f.canonical(bad), None, "{bad}");
        }
        assert_eq!(f.label("cp-9.1"), "CP-9(1)");
        assert_eq!(f.label("ac-2"), "AC-2");
    }

    #[test]
    fn ccm_ids_are_checked_against_the_domains() {
        let f = Framework::Ccm;
        assert_eq!(f.canonical("iam-6").as_deref(), Some("IAM-06"));
        assert_eq!(f.canonical("A&A-02").as_deref(), Some("A&A-02"));
        assert_eq!(f.canonical("IAM-06.1").as_deref(), Some("IAM-06"));
        assert_eq!(f.canonical("IAM-17"), None, "IAM has 16 controls");
        assert_eq!(f.canonical("XYZ-01"), None);
        assert_eq!(f.canonical("IAM-00"), None);
        assert_eq!(f.canonical("IAM-6x"), None);
    }

    #[test]
    fn ids_sort_by_family_number_and_enhancement() {
        let f = Framework::Nist80053;
        let mut ids = vec!["ac-10", "ac-2.1", "cp-9", "ac-2", "ac-3"];
        ids.sort_by(|a, b| f.compare(a, b));
        assert_eq!(ids, ["ac-2", "ac-2.1", "ac-3", "ac-10", "cp-9"]);
    }

    #[test]
    fn frameworks_parse_from_their_keys() {
        assert_eq!("CCM".parse(), Ok(Framework::Ccm));
        assert_eq!("nist-800-53".parse(), Ok(Framework::Nist80053));
        assert!("iso-27001".parse::<Framework>().is_err());
    }
}
