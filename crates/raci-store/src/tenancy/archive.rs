//! The export archive: a gzipped tar of `manifest.json`, which records the
//! sha256 of every other file, then `catalog.json`, `tables/<table>.json`
//! and `files/<sha256>` (binary column values, stored once each).

use std::collections::BTreeMap;
use std::io::Read;

use serde::{Deserialize, Serialize};

use super::{EXPORT_FORMAT, EXPORT_VERSION};
use crate::chain::sha256_hex;
use crate::{Edition, OrgKind, Result, Service, StoreError};

/// The most an archive may hold once decompressed (1 GiB): a bound on what
/// an import reads into memory.
const MAX_UNPACKED: u64 = 1 << 30;
/// The most entries an archive may hold.
const MAX_ENTRIES: usize = 1_000_000;

/// What `manifest.json` says.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Manifest {
    pub format: String,
    pub version: u32,
    /// The exporting instance's public key, hex.
    pub instance: String,
    pub exported_at: i64,
    pub organization: ExportedOrg,
    /// Rows exported, per table.
    pub tables: BTreeMap<String, u64>,
    /// sha256 of every other file of the archive, by path.
    pub files: BTreeMap<String, String>,
}

/// The organization row, with the head of its audit chain.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ExportedOrg {
    pub id: i64,
    pub name: String,
    pub kind: OrgKind,
    pub created_at: i64,
    pub audit_seq: i64,
    pub audit_head: String,
}

/// What an organization's rows depend on elsewhere, so that its export
/// stands alone: the services and editions a customer subscribes to, their
/// providers' names, and the other organizations' users its rows name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Catalog {
    /// Provider id → name.
    pub providers: BTreeMap<i64, String>,
    pub services: Vec<Service>,
    pub editions: Vec<Edition>,
    /// Users of other organizations the rows point at (a provider's user
    /// who signed off a customer's duty), id → e-mail: on import they are
    /// matched by e-mail to users of the new instance.
    #[serde(default)]
    pub users: BTreeMap<i64, String>,
}

/// One table's rows in `tables/<table>.json`: column names, then each row's
/// values in that order (integers, text, booleans, null, and binary values
/// as `{"file": "<sha256>"}` naming `files/<sha256>`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct TableDump {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<serde_json::Value>>,
}

/// Builds the archive; `manifest.files` is filled in here.
pub(crate) fn write_archive(
    mut manifest: Manifest,
    entries: &BTreeMap<String, Vec<u8>>,
) -> Result<Vec<u8>> {
    manifest.files = entries
        .iter()
        .map(|(path, bytes)| (path.clone(), sha256_hex(bytes)))
        .collect();
    let manifest_json = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| StoreError::Unusable(format!("cannot write the manifest: {e}")))?;
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    let mtime = u64::try_from(manifest.exported_at / 1000).unwrap_or(0);
    let io = |e: std::io::Error| StoreError::Unusable(format!("cannot write the archive: {e}"));
    for (path, bytes) in std::iter::once(("manifest.json", &manifest_json))
        .chain(entries.iter().map(|(p, b)| (p.as_str(), b)))
    {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(mtime);
        tar.append_data(&mut header, path, bytes.as_slice())
            .map_err(io)?;
    }
    tar.into_inner().map_err(io)?.finish().map_err(io)
}

/// Reads an archive and checks it: a known format version, only expected
/// paths, and every file present with the sha256 the manifest records.
pub(crate) fn read_archive(bytes: &[u8]) -> Result<(Manifest, BTreeMap<String, Vec<u8>>)> {
    let bad = |m: String| StoreError::Unusable(format!("not a usable export archive: {m}"));
    let gz = flate2::read::GzDecoder::new(bytes).take(MAX_UNPACKED);
    let mut tar = tar::Archive::new(gz);
    let mut files = BTreeMap::new();
    let mut manifest_bytes = None;
    for entry in tar.entries().map_err(|e| bad(e.to_string()))? {
        let mut entry = entry.map_err(|e| bad(e.to_string()))?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let path = entry
            .path()
            .map_err(|e| bad(e.to_string()))?
            .to_str()
            .map(str::to_owned)
            .ok_or_else(|| bad("a path is not UTF-8".into()))?;
        let mut data = Vec::new();
        entry
            .read_to_end(&mut data)
            .map_err(|e| bad(e.to_string()))?;
        if path == "manifest.json" {
            manifest_bytes = Some(data);
        } else if allowed_path(&path) {
            if files.len() >= MAX_ENTRIES || files.insert(path.clone(), data).is_some() {
                return Err(bad(format!("{path} appears twice or too many files")));
            }
        } else {
            return Err(bad(format!("unexpected file {path:?}")));
        }
    }
    let manifest_bytes = manifest_bytes.ok_or_else(|| bad("manifest.json is missing".into()))?;
    let head: serde_json::Value =
        serde_json::from_slice(&manifest_bytes).map_err(|e| bad(format!("manifest.json: {e}")))?;
    if head.get("format").and_then(|f| f.as_str()) != Some(EXPORT_FORMAT) {
        return Err(bad(format!(
            "manifest.json is not a {EXPORT_FORMAT} manifest"
        )));
    }
    let version = head.get("version").and_then(|v| v.as_u64());
    if version != Some(u64::from(EXPORT_VERSION)) {
        return Err(StoreError::Unusable(format!(
            "unknown export format version {}: this instance reads version {EXPORT_VERSION}",
            version.map_or("(none)".to_owned(), |v| v.to_string())
        )));
    }
    let manifest: Manifest =
        serde_json::from_value(head).map_err(|e| bad(format!("manifest.json: {e}")))?;
    for (path, expected) in &manifest.files {
        let data = files
            .get(path)
            .ok_or_else(|| bad(format!("{path} is listed in the manifest but missing")))?;
        let actual = sha256_hex(data);
        if &actual != expected {
            return Err(StoreError::Unusable(format!(
                "{path} does not match the manifest: sha256 {actual}, expected {expected}"
            )));
        }
    }
    if let Some(extra) = files.keys().find(|p| !manifest.files.contains_key(*p)) {
        return Err(bad(format!("{extra} is not listed in the manifest")));
    }
    Ok((manifest, files))
}

fn allowed_path(path: &str) -> bool {
    let simple = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    path == "catalog.json"
        || path
            .strip_prefix("tables/")
            .and_then(|p| p.strip_suffix(".json"))
            .is_some_and(simple)
        || path
            .strip_prefix("files/")
            .is_some_and(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        Manifest {
            format: EXPORT_FORMAT.into(),
            version: EXPORT_VERSION,
            instance: "k".into(),
            exported_at: 1_700_000_000_000,
            organization: ExportedOrg {
                id: 1,
                name: "Acme".into(),
                kind: OrgKind::Customer,
                created_at: 1,
                audit_seq: 0,
                audit_head: crate::GENESIS_HASH.into(),
            },
            tables: BTreeMap::new(),
            files: BTreeMap::new(),
        }
    }

    #[test]
    fn round_trips_and_refuses_a_changed_file() {
        let mut entries = BTreeMap::new();
        entries.insert("tables/users.json".to_owned(), b"{}".to_vec());
        let bytes = write_archive(manifest(), &entries).unwrap();
        let (m, files) = read_archive(&bytes).unwrap();
        assert_eq!(m.files.len(), 1);
        assert_eq!(files["tables/users.json"], b"{}");

        let mut m = manifest();
        m.files
            .insert("tables/users.json".into(), sha256_hex(b"[]"));
        // Written with a wrong hash by hand: the reader refuses it.
        let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        let mut tar = tar::Builder::new(gz);
        for (path, data) in [
            ("manifest.json", serde_json::to_vec(&m).unwrap()),
            ("tables/users.json", b"{}".to_vec()),
        ] {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            tar.append_data(&mut h, path, data.as_slice()).unwrap();
        }
        let bytes = tar.into_inner().unwrap().finish().unwrap();
        let err = read_archive(&bytes).unwrap_err().to_string();
        assert!(err.contains("does not match the manifest"), "{err}");
    }

    #[test]
    fn refuses_an_unknown_version() {
        let mut m = manifest();
        m.version = 99;
        let bytes = write_archive(m, &BTreeMap::new()).unwrap();
        let err = read_archive(&bytes).unwrap_err().to_string();
        assert!(err.contains("unknown export format version 99"), "{err}");
    }
}
