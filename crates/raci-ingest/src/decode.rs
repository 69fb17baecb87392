//! Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM.

use std::borrow::Cow;

use crate::IngestError;

/// The largest input accepted, so memory stays bounded.
pub const MAX_INPUT_BYTES: usize = 128 * 1024 * 1024;

/// Refuses inputs over [`MAX_INPUT_BYTES`].
pub(crate) fn check_size(bytes: &[u8]) -> Result<(), IngestError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(IngestError::TooLarge {
            size: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    Ok(())
}

pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, IngestError> {
    check_size(bytes)?;
    if let Some(text) = decode_utf16(bytes) {
        return text.map(Cow::Owned);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        return Err(IngestError::Binary {
            line: line_of(bytes, at),
        });
    }
    std::str::from_utf8(bytes)
        .map(Cow::Borrowed)
        .map_err(|error| {
            let at = error.valid_up_to();
            let line_start = bytes[..at]
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |p| p + 1);
            IngestError::InvalidUtf8 {
                line: line_of(bytes, at),
                column: String::from_utf8_lossy(&bytes[line_start..at])
                    .chars()
                    .count()
                    + 1,
            }
        })
}

fn decode_utf16(bytes: &[u8]) -> Option<Result<String, IngestError>> {
    let little_endian = match bytes.get(..2)? {
        [0xFF, 0xFE] => true,
        [0xFE, 0xFF] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks(2).map(|pair| match pair {
        [a, b] if little_endian => u16::from_le_bytes([*a, *b]),
        [a, b] => u16::from_be_bytes([*a, *b]),
        [a] => u16::from(*a),
        _ => 0,
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    for (index, unit) in char::decode_utf16(units).enumerate() {
        match unit {
            Ok('\0') => {
                return Some(Err(IngestError::Binary {
                    line: text.lines().count().max(1),
                }))
            }
            Ok(c) => text.push(c),
            Err(_) => {
                let line = text.matches('\n').count() + 1;
                let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                let _ = index;
                return Some(Err(IngestError::InvalidUtf8 { line, column }));
            }
        }
    }
    Some(Ok(text))
}

fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes[..at].iter().filter(|b| **b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_utf8_with_or_without_bom_and_utf16() {
        assert_eq!(decode(b"\xEF\xBB\xBFab").unwrap(), "ab");
        assert_eq!(decode("é".as_bytes()).unwrap(), "é");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).unwrap(), "hé");
    }

    #[test]
    fn names_the_line_of_bad_bytes() {
        assert!(matches!(
            decode(b"a\nb\n\0"),
            Err(IngestError::Binary { line: 3 })
        ));
        assert!(matches!(
            decode(b"ok\nab\xFFc"),
            Err(IngestError::InvalidUtf8 { line: 2, column: 3 })
        ));
    }
}
