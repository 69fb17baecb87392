use crate::blocks::Parsed;

/// Reads an HTML page into blocks.
pub(crate) fn read(_text: &str) -> Parsed {
    Parsed::default()
}
