//! Where and why a chain of audit entries breaks, without a database: used
//! on the live chain (for `raci audit verify`) and on an archive's chain
//! before it is imported.

use serde::{Deserialize, Serialize};

use crate::{audit_hash, AuditEntry, GENESIS_HASH};

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

#[cfg(test)]
mod tests {
    use super::*;

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
