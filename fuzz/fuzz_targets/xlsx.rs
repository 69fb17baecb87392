#![no_main]
//! XLSX: a ZIP archive (`PK…`) is read as it is; any other input becomes the
//! XML of the first sheet (and, after a 0xFF byte, of the shared strings) of
//! an otherwise valid workbook (see `workbook.rs`), so the fuzzer reaches the
//! sheet reader instead of stopping at the archive's checksums.

#[path = "common.rs"]
mod common;

#[path = "workbook.rs"]
mod workbook;

use workbook::workbook_around;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"PK") {
        common::run(data, Some(raci_ingest::InputFormat::Xlsx));
    } else {
        common::run(&workbook_around(data), Some(raci_ingest::InputFormat::Xlsx));
    }
});
