//! The kinds of managed service and their terms: data, `services.toml`,
//! embedded at build time and read once; the tests in `mod.rs` check it.

use std::sync::LazyLock;

use serde::Deserialize;

use super::ServiceKind;

#[derive(Deserialize)]
struct File {
    kind: Vec<ServiceKind>,
}

const SERVICES_TOML: &str = include_str!("services.toml");

static KINDS: LazyLock<Vec<ServiceKind>> = LazyLock::new(|| {
    toml::from_str::<File>(SERVICES_TOML)
        .map(|file| file.kind)
        .unwrap_or_else(|error| panic!("embedded data file services.toml: {error}"))
});

/// Every kind of service, in the order of `services.toml`.
pub(crate) fn kinds() -> &'static [ServiceKind] {
    &KINDS
}

#[cfg(test)]
pub(super) fn parse() -> Result<Vec<ServiceKind>, toml::de::Error> {
    toml::from_str::<File>(SERVICES_TOML).map(|file| file.kind)
}
