//! Our mapping from the entries of the activity taxonomy
//! ([`raci_align::taxonomy`]) to security controls, each link with a short
//! reason; and, for every entry and framework with no control, why.
//!
//! The mapping is data: `data/mapping.csv` (`entry,framework,control,reason`)
//! and `data/unmapped.csv` (`entry,framework,reason`), embedded at build time
//! and checked by the tests below (every entry of the taxonomy is either
//! mapped or said to have no control, for each framework; every id is well
//! formed) and, against NIST's catalog, by `tests/catalog.rs`.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::Framework;

const MAPPING: &str = include_str!("../data/mapping.csv");
const UNMAPPED: &str = include_str!("../data/unmapped.csv");
const CCM_DOMAINS: &str = include_str!("../data/ccm-domains.csv");

/// One link from a taxonomy entry to a control.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The taxonomy entry's id (`backup.service`).
    pub entry: String,
    pub framework: Framework,
    /// The control's canonical id (`cp-9`, `BCR-08`).
    pub control: String,
    /// Why the entry bears on the control, in a sentence of ours.
    pub reason: String,
}

/// A taxonomy entry with no control in a framework, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    pub entry: String,
    pub framework: Framework,
    pub reason: String,
}

/// The whole mapping.
#[derive(Debug)]
pub struct Mapping {
    pub links: Vec<Link>,
    pub gaps: Vec<Gap>,
    by_entry: HashMap<(String, Framework), Vec<usize>>,
}

impl Mapping {
    /// The links of `entry` in `framework`, in the order of the file.
    pub fn links_of(&self, entry: &str, framework: Framework) -> impl Iterator<Item = &Link> {
        self.by_entry
            .get(&(entry.to_owned(), framework))
            .into_iter()
            .flatten()
            .map(|&index| &self.links[index])
    }

    /// Why `entry` has no control in `framework`, when it has none.
    pub fn gap_of(&self, entry: &str, framework: Framework) -> Option<&Gap> {
        self.gaps
            .iter()
            .find(|gap| gap.entry == entry && gap.framework == framework)
    }

    /// Every control of `framework` some entry maps to, in control order.
    pub fn controls(&self, framework: Framework) -> Vec<&str> {
        let mut controls: Vec<&str> = self
            .links
            .iter()
            .filter(|link| link.framework == framework)
            .map(|link| link.control.as_str())
            .collect();
        controls.sort_by(|a, b| framework.compare(a, b));
        controls.dedup();
        controls
    }
}

#[derive(Debug, Deserialize)]
struct LinkRow {
    entry: String,
    framework: String,
    control: String,
    reason: String,
}

#[derive(Deserialize)]
struct GapRow {
    entry: String,
    framework: String,
    reason: String,
}

#[derive(Deserialize)]
struct DomainRow {
    domain: String,
    controls: u32,
}

/// A defect of the embedded data, with the file and line; the tests make
/// sure none ships.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{file}:{line}: {message}")]
pub struct DataError {
    pub file: &'static str,
    pub line: u64,
    pub message: String,
}

fn rows<T: for<'de> Deserialize<'de>>(
    file: &'static str,
    text: &str,
) -> Result<Vec<(u64, T)>, DataError> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let error = |line: u64, message: String| DataError {
        file,
        line,
        message,
    };
    let headers = reader
        .headers()
        .map_err(|e| error(1, e.to_string()))?
        .clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            error(line, e.to_string())
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let row = record
            .deserialize(Some(&headers))
            .map_err(|e| error(line, e.to_string()))?;
        rows.push((line, row));
    }
    Ok(rows)
}

fn framework(file: &'static str, line: u64, key: &str) -> Result<Framework, DataError> {
    key.parse()
        .map_err(|e: crate::framework::UnknownFramework| DataError {
            file,
            line,
            message: e.to_string(),
        })
}

/// Reads the three data files; what [`mapping`] and [`ccm_domain_size`] use.
pub fn parse() -> Result<(Mapping, HashMap<String, u32>), DataError> {
    let domains: HashMap<String, u32> = rows::<DomainRow>("data/ccm-domains.csv", CCM_DOMAINS)?
        .into_iter()
        .map(|(_, row)| (row.domain, row.controls))
        .collect();
    let mut links = Vec::new();
    for (line, row) in rows::<LinkRow>("data/mapping.csv", MAPPING)? {
        let framework = framework("data/mapping.csv", line, &row.framework)?;
        let control = match framework {
            Framework::Ccm => ccm_in(&domains, &row.control),
            Framework::Nist80053 => framework.canonical(&row.control),
        }
        .filter(|canonical| *canonical == row.control)
        .ok_or_else(|| DataError {
            file: "data/mapping.csv",
            line,
            message: format!(
                "`{}` is not a {} control id as written in canonical form",
                row.control,
                framework.name()
            ),
        })?;
        links.push(Link {
            entry: row.entry,
            framework,
            control,
            reason: row.reason,
        });
    }
    let mut gaps = Vec::new();
    for (line, row) in rows::<GapRow>("data/unmapped.csv", UNMAPPED)? {
        gaps.push(Gap {
            framework: framework("data/unmapped.csv", line, &row.framework)?,
            entry: row.entry,
            reason: row.reason,
        });
    }
    let mut by_entry: HashMap<(String, Framework), Vec<usize>> = HashMap::new();
    for (index, link) in links.iter().enumerate() {
        by_entry
            .entry((link.entry.clone(), link.framework))
            .or_default()
            .push(index);
    }
    Ok((
        Mapping {
            links,
            gaps,
            by_entry,
        },
        domains,
    ))
}

/// `id` as a CCM id when its domain is in `domains` and its number within it.
fn ccm_in(domains: &HashMap<String, u32>, id: &str) -> Option<String> {
    let (domain, number) = id.rsplit_once('-')?;
    let size = *domains.get(domain)?;
    let number: u32 = number.parse().ok()?;
    (1..=size)
        .contains(&number)
        .then(|| format!("{domain}-{number:02}"))
}

static DATA: LazyLock<(Mapping, HashMap<String, u32>)> =
    LazyLock::new(|| parse().expect("the embedded mapping is checked by the tests"));

/// The mapping (parsed once from the embedded data).
pub fn mapping() -> &'static Mapping {
    &DATA.0
}

/// How many controls the CCM domain `domain` (`IAM`) has, if it is one.
pub fn ccm_domain_size(domain: &str) -> Option<u32> {
    DATA.1.get(domain).copied()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn the_data_files_parse() {
        let (mapping, domains) = parse().unwrap();
        assert!(mapping.links.len() > 150, "{}", mapping.links.len());
        assert_eq!(domains.len(), 17, "the CCM v4 has 17 domains");
        assert_eq!(domains.values().sum::<u32>(), 197, "and 197 controls");
    }

    #[test]
    fn every_link_names_an_entry_of_the_taxonomy_and_says_why() {
        let ids: HashSet<&str> = raci_align::taxonomy().iter().map(|e| e.id).collect();
        for link in &mapping().links {
            assert!(ids.contains(link.entry.as_str()), "{link:?}");
            assert!(
                link.reason.len() >= 20 && link.reason.ends_with('.'),
                "{link:?}"
            );
        }
        for gap in &mapping().gaps {
            assert!(ids.contains(gap.entry.as_str()), "{gap:?}");
            assert!(
                gap.reason.len() >= 20 && gap.reason.ends_with('.'),
                "{gap:?}"
            );
        }
    }

    #[test]
    fn every_entry_is_mapped_or_said_to_have_no_control_in_each_framework() {
        let m = mapping();
        for entry in raci_align::taxonomy() {
            for framework in Framework::ALL {
                let mapped = m.links_of(entry.id, framework).count() > 0;
                let gap = m.gap_of(entry.id, framework).is_some();
                assert!(
                    mapped != gap,
                    "{} in {framework}: mapped {mapped}, said to have no control {gap}",
                    entry.id
                );
            }
        }
    }

    #[test]
    fn no_link_is_written_twice() {
        let mut seen = HashSet::new();
        for link in &mapping().links {
            assert!(
                seen.insert((&link.entry, link.framework, &link.control)),
                "{link:?}"
            );
        }
        let mut seen = HashSet::new();
        for gap in &mapping().gaps {
            assert!(seen.insert((&gap.entry, gap.framework)), "{gap:?}");
        }
    }

    #[test]
    fn the_examples_of_the_issue_hold() {
        let m = mapping();
        let controls = |entry: &str| -> Vec<&str> {
            m.links_of(entry, Framework::Nist80053)
                .map(|l| l.control.as_str())
                .collect()
        };
        assert!(controls("backup.service").contains(&"cp-9"));
        for control in ["ac-2", "ac-3", "ac-6"] {
            assert!(controls("access.service").contains(&control), "{control}");
        }
        assert!(controls("monitoring.service").contains(&"si-4"));
        assert!(controls("monitoring.service").contains(&"au-6"));
        assert!(controls("security.patching").contains(&"si-2"));
        assert!(controls("change.apply").contains(&"cm-3"));
        assert!(controls("incident.service").contains(&"ir-4"));
        assert!(controls("incident.notify").contains(&"ir-6"));
        assert!(controls("network.flows-security").contains(&"sc-7"));
        assert!(controls("security.encryption").contains(&"sc-28"));
        assert!(controls("end.data-destruction").contains(&"mp-6"));
    }

    #[test]
    fn a_malformed_control_id_is_reported_with_its_line() {
        let domains: HashMap<String, u32> = [("IAM".to_owned(), 16)].into();
        assert_eq!(ccm_in(&domains, "IAM-06").as_deref(), Some("IAM-06"));
        assert_eq!(ccm_in(&domains, "IAM-17"), None);
        assert_eq!(ccm_in(&domains, "XYZ-01"), None);
        let error = rows::<LinkRow>("x.csv", "entry,framework,control,reason\na,b\n").unwrap_err();
        assert_eq!(error.file, "x.csv");
        assert_eq!(error.line, 2, "{error}");
    }
}
