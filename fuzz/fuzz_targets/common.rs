//! What every target does with the bytes: parse them (in the target's
//! format, or detected), then lint and serialize what parsed. Any panic, in
//! the reader, the assembler, a rule or the serializer, is a finding.

use raci_ingest::InputFormat;

pub fn run(data: &[u8], format: Option<InputFormat>) {
    let Ok(document) = raci_ingest::parse(data, format, None) else {
        return;
    };
    let _ = raci_lint::lint(&document, &raci_lint::Config::default());
    let _ = document.to_json();
}
