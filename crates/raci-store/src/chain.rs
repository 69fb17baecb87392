//! The hash of one audit entry, chained to the previous one.

use sha2::{Digest, Sha256};

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

/// Hex sha256 of some bytes (token hashes, document content hashes).
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
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
}
