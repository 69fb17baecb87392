//! The instance's Ed25519 key: destruction records are signed with it so
//! that anyone holding the public key can check what a purge destroyed.

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

use crate::{Result, StoreError};

/// A fresh key pair as `(public hex, secret hex)`.
pub(crate) fn new_instance_key() -> Result<(String, String)> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed)
        .map_err(|e| StoreError::Unusable(format!("no randomness for a key: {e}")))?;
    let key = SigningKey::from_bytes(&seed);
    Ok((
        hex::encode(key.verifying_key().to_bytes()),
        hex::encode(seed),
    ))
}

/// The signing key kept as hex in `instance_keys`.
pub(crate) fn instance_key_from_hex(secret_hex: &str) -> Result<SigningKey> {
    let bytes: [u8; 32] = hex::decode(secret_hex)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| StoreError::Unusable("the stored instance key is malformed".into()))?;
    Ok(SigningKey::from_bytes(&bytes))
}

/// The hex signature of `message`.
pub(crate) fn sign(key: &SigningKey, message: &str) -> String {
    hex::encode(key.sign(message.as_bytes()).to_bytes())
}

/// Checks that `signature_hex` is the signature of exactly `record_json` by
/// the key `public_key_hex`; any changed byte fails.
pub fn verify_destruction_record(
    record_json: &str,
    signature_hex: &str,
    public_key_hex: &str,
) -> Result<()> {
    let key: [u8; 32] = hex::decode(public_key_hex.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| StoreError::Unusable("the public key is not 32 bytes of hex".into()))?;
    let key = VerifyingKey::from_bytes(&key)
        .map_err(|_| StoreError::Unusable("the public key is not a valid Ed25519 key".into()))?;
    let signature = hex::decode(signature_hex.trim())
        .ok()
        .and_then(|b| Signature::from_slice(&b).ok())
        .ok_or_else(|| StoreError::Unusable("the signature is not 64 bytes of hex".into()))?;
    key.verify_strict(record_json.as_bytes(), &signature)
        .map_err(|_| StoreError::Unusable("the signature does not match the record".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_record_verifies_and_a_changed_byte_does_not() {
        let (public, secret) = new_instance_key().unwrap();
        let key = instance_key_from_hex(&secret).unwrap();
        let record = r#"{"org":1,"name":"Acme"}"#;
        let signature = sign(&key, record);
        assert!(verify_destruction_record(record, &signature, &public).is_ok());
        let changed = record.replace("Acme", "Acne");
        assert!(verify_destruction_record(&changed, &signature, &public).is_err());
        let (other, _) = new_instance_key().unwrap();
        assert!(verify_destruction_record(record, &signature, &other).is_err());
    }
}
