//! The hash of one audit entry, chained to the previous one, and the check
//! of a whole chain: used on the live chain (`Store::verify_audit_chain`,
//! `raci audit verify`) and on an archive's chain before it is imported.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::AuditEntry;

/// The `prev_hash` of an organization's first audit entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// `sha256(prev_hash || canonical fields)`, hex. The canonical fields are a
/// JSON array `[org, seq, at, actor, action, subject, details_json]`, which
/// quotes and separates every field unambiguously.
#[allow(clippy::too_many_arguments)]
pub fn audit_hash(
    prev_hash: &str,
    org: i64,
    seq: i64,
    at: i64,
    actor: &str,
    action: &str,
    subject: &str,
    details_json: &str,
) -> String {
    let fields = serde_json::json!([org, seq, at, actor, action, subject, details_json]);
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    h.update(b"\n");
    h.update(fields.to_string().as_bytes());
    hex::encode(h.finalize())
}

/// The first entry of a chain that does not hold, and what broke there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainBreak {
    pub seq: i64,
    pub reason: String,
}

/// Checks entries sorted by `seq`: numbered 1, 2, …, each linked to the
/// previous hash and hashing to what it records; with `head` (the recorded
/// `(seq, hash)` of the last entry), a removed tail is seen too. Returns the
/// number of entries.
pub fn check_chain(entries: &[AuditEntry], head: Option<(i64, &str)>) -> Result<usize, ChainBreak> {
    let mut prev = GENESIS_HASH;
    let mut expected = 1;
    for e in entries {
        let broken = |reason: &str| ChainBreak {
            seq: expected,
            reason: reason.to_owned(),
        };
        if e.seq != expected {
            return Err(broken(&format!(
                "entry {expected} is missing (found seq {})",
                e.seq
            )));
        }
        if e.prev_hash != prev {
            return Err(broken("its prev_hash is not the previous entry's hash"));
        }
        let recomputed = audit_hash(
            &e.prev_hash,
            e.org,
            e.seq,
            e.at,
            &e.actor,
            &e.action,
            &e.subject,
            &e.details_json,
        );
        if recomputed != e.hash {
            return Err(broken("its content does not hash to its recorded hash"));
        }
        prev = &e.hash;
        expected += 1;
    }
    if let Some((seq, hash)) = head {
        if seq != expected - 1 || hash != prev {
            return Err(ChainBreak {
                seq: expected,
                reason: format!(
                    "the recorded head (entry {seq}) is not the last entry (entry {})",
                    expected - 1
                ),
            });
        }
    }
    Ok(entries.len())
}

/// Hex sha256 of some bytes (token hashes, document content hashes).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_changes_the_hash() {
        let base = audit_hash(GENESIS_HASH, 1, 1, 5, "a", "b", "c", "{}");
        assert_eq!(base.len(), 64);
        assert_ne!(
            base,
            audit_hash(GENESIS_HASH, 1, 1, 5, "a", "b", "c", "{\"x\":1}")
        );
        assert_ne!(base, audit_hash(GENESIS_HASH, 1, 2, 5, "a", "b", "c", "{}"));
        assert_ne!(base, audit_hash(&base, 1, 1, 5, "a", "b", "c", "{}"));
        // Field boundaries cannot be shifted.
        assert_ne!(
            audit_hash(GENESIS_HASH, 1, 1, 5, "ab", "c", "d", "{}"),
            audit_hash(GENESIS_HASH, 1, 1, 5, "a", "bc", "d", "{}")
        );
    }

    fn chain(n: i64) -> Vec<AuditEntry> {
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|seq| {
                let hash = audit_hash(&prev, 7, seq, seq * 10, "a", "x", "s", "{}");
                AuditEntry {
                    id: seq,
                    org: 7,
                    seq,
                    at: seq * 10,
                    actor: "a".into(),
                    action: "x".into(),
                    subject: "s".into(),
                    details_json: "{}".into(),
                    prev_hash: std::mem::replace(&mut prev, hash.clone()),
                    hash,
                }
            })
            .collect()
    }

    #[test]
    fn finds_the_first_broken_link_and_says_why() {
        let mut c = chain(4);
        let head = c[3].hash.clone();
        assert_eq!(check_chain(&c, Some((4, &head))), Ok(4));
        c[2].subject = "changed".into();
        let err = check_chain(&c, Some((4, &head))).unwrap_err();
        assert_eq!(err.seq, 3);
        assert!(err.reason.contains("hash"), "{}", err.reason);
        let c = chain(4);
        let err = check_chain(&c[..3], Some((4, &head))).unwrap_err();
        assert_eq!(err.seq, 4);
        assert!(err.reason.contains("head"));
    }
}
