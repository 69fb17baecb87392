#![no_main]
//! FedRAMP CIS/CRM and CAIQ workbooks read back (`raci parse x.xlsx`): a ZIP
//! archive is read as it is, any other input becomes the first sheet of a
//! valid workbook (see `workbook.rs`); what reads back is written again.

#[path = "workbook.rs"]
mod workbook;

use raci_controls::workbook::{caiq, crm, read};
use raci_controls::Framework;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let bytes = if data.starts_with(b"PK") {
        data.to_vec()
    } else {
        workbook::workbook_around(data)
    };
    if let Ok(Some(view)) = read(&bytes) {
        let _ = match view.framework {
            Framework::Nist80053 => crm::write(&view),
            Framework::Ccm => caiq::write(&view),
        };
        let _ = view.to_markdown();
    }
});
