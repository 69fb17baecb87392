//! What a profile (or a resolved profile catalog) given to `--profile`
//! tells the SSP writer: its title and the controls it includes.

use std::collections::HashSet;

use serde_json::Value;

use crate::OscalError;

/// NIST's SP 800-53 rev5 moderate baseline, the `import-profile` of a plan
/// when no profile is given.
pub const MODERATE_BASELINE_HREF: &str = "https://raw.githubusercontent.com/usnistgov/oscal-content/main/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_MODERATE-baseline_profile.json";

/// A profile's title and the controls it includes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileInfo {
    pub title: Option<String>,
    /// The control ids it includes; `None` when it includes all of its
    /// sources' controls (`include-all`), which cannot be known without them.
    pub controls: Option<HashSet<String>>,
}

impl ProfileInfo {
    /// Whether the profile includes `control`.
    pub fn includes(&self, control: &str) -> bool {
        self.controls.as_ref().is_none_or(|c| c.contains(control))
    }
}

/// Reads an OSCAL profile (`{"profile": …}`: its imports' `include-controls`
/// and `exclude-controls`) or a resolved profile catalog (`{"catalog": …}`:
/// every control in it).
pub fn profile_info(value: &Value) -> Result<ProfileInfo, OscalError> {
    let title = |model: &Value| {
        model
            .pointer("/metadata/title")
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    if let Some(profile) = value.get("profile") {
        let imports = profile
            .get("imports")
            .and_then(Value::as_array)
            .ok_or_else(|| OscalError::NotProfile("a profile has `imports`".to_owned()))?;
        let with_ids = |import: &Value, key: &str| -> Vec<String> {
            import
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|selection| selection.get("with-ids").and_then(Value::as_array))
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        };
        let mut all = false;
        let mut included = HashSet::new();
        let mut excluded = HashSet::new();
        for import in imports {
            all |= import.get("include-all").is_some();
            included.extend(with_ids(import, "include-controls"));
            excluded.extend(with_ids(import, "exclude-controls"));
        }
        let controls = (!all).then(|| &included - &excluded);
        return Ok(ProfileInfo {
            title: title(profile),
            controls,
        });
    }
    if let Some(catalog) = value.get("catalog") {
        let mut controls = HashSet::new();
        collect_controls(catalog, &mut controls, 0);
        return Ok(ProfileInfo {
            title: title(catalog),
            controls: Some(controls),
        });
    }
    Err(OscalError::NotProfile(
        "expected an OSCAL profile or a resolved profile catalog".to_owned(),
    ))
}

/// Every control id under `node` (groups and controls nest).
fn collect_controls(node: &Value, out: &mut HashSet<String>, depth: usize) {
    if depth > 16 {
        return;
    }
    for key in ["groups", "controls"] {
        for child in node
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if key == "controls" {
                if let Some(id) = child.get("id").and_then(Value::as_str) {
                    out.insert(id.to_owned());
                }
            }
            collect_controls(child, out, depth + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_profile_includes_its_with_ids_less_its_exclusions() {
        let info = profile_info(&json!({"profile": {
            "metadata": {"title": "Baseline"},
            "imports": [{"href": "#x",
                "include-controls": [{"with-ids": ["ac-2", "cp-9"]}],
                "exclude-controls": [{"with-ids": ["cp-9"]}]}]}}))
        .unwrap();
        assert_eq!(info.title.as_deref(), Some("Baseline"));
        assert!(info.includes("ac-2"));
        assert!(!info.includes("cp-9"));
        assert!(!info.includes("sc-7"));
    }

    #[test]
    fn include_all_includes_everything_and_a_catalog_its_controls() {
        let info =
            profile_info(&json!({"profile": {"imports": [{"href": "#x", "include-all": {}}]}}))
                .unwrap();
        assert!(info.includes("anything"));
        let info = profile_info(&json!({"catalog": {"groups": [{"controls": [
            {"id": "ac-2", "controls": [{"id": "ac-2.1"}]}]}]}}))
        .unwrap();
        assert!(info.includes("ac-2.1"));
        assert!(!info.includes("ac-3"));
        assert!(profile_info(&json!({"component-definition": {}})).is_err());
    }
}
