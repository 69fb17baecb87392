//! The controls view, the workbooks and the diff by control on our own
//! fixtures (snapshots), and the workbooks read back into the view they
//! were written from.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use raci_controls::workbook::{caiq, crm, WorkbookError};
use raci_controls::{ControlsDiff, ControlsView, Framework, Ownership, Source};
use raci_model::Document;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

fn document(name: &str) -> Document {
    let path = fixture(name);
    let bytes = std::fs::read(&path).unwrap();
    raci_ingest::parse(&bytes, None, Some(&path.display().to_string())).unwrap()
}

/// Every sheet of a workbook as tab-separated rows, for snapshots.
fn cells(bytes: &[u8]) -> String {
    let mut workbook = Xlsx::new(Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for name in workbook.sheet_names() {
        out.push_str(&format!("== {name}\n"));
        let range = workbook.worksheet_range(&name).unwrap();
        for row in range.rows() {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string().replace('\n', "⏎"),
                })
                .collect();
            out.push_str(cells.join("\t").trim_end());
            out.push('\n');
        }
    }
    out
}

#[test]
fn the_controls_view_of_a_fixture() {
    let document = document("queue-service.en.md");
    let view = ControlsView::of(&document, Framework::Nist80053);
    insta::assert_snapshot!("view_nist_queue_en", view.to_markdown());
    let view = ControlsView::of(&document, Framework::Ccm);
    insta::assert_snapshot!("view_ccm_queue_en", view.to_markdown());
}

#[test]
fn a_translation_from_another_provider_gives_its_own_view() {
    let view = ControlsView::of(
        &document("queue-service.other-provider.fr.md"),
        Framework::Nist80053,
    );
    assert_eq!(view.customer.as_deref(), Some("Client"));
    assert_eq!(view.provider.as_deref(), Some("Stratus"));
    insta::assert_snapshot!("view_nist_other_provider_fr", view.to_markdown());
}

#[test]
fn the_fedramp_workbook_of_a_fixture() {
    let view = ControlsView::of(&document("queue-service.en.md"), Framework::Nist80053);
    let bytes = crm::write(&view).unwrap();
    assert_eq!(
        bytes,
        crm::write(&view).unwrap(),
        "the same view, the same bytes"
    );
    insta::assert_snapshot!("crm_queue_en", cells(&bytes));
}

#[test]
fn the_caiq_columns_of_a_fixture() {
    let view = ControlsView::of(&document("queue-service.en.md"), Framework::Ccm);
    let bytes = caiq::write(&view).unwrap();
    insta::assert_snapshot!("caiq_queue_en", cells(&bytes));
}

/// Ownership per control, as a view states it, undetermined ones left out.
fn ownerships(view: &ControlsView) -> Vec<(String, Ownership, raci_controls::ThirdParty)> {
    view.controls
        .iter()
        .filter(|row| row.ownership != Ownership::Undetermined)
        .map(|row| (row.control.clone(), row.ownership, row.third_party))
        .collect()
}

#[test]
fn workbooks_read_back_into_the_ownership_they_were_written_from() {
    for name in [
        "queue-service.en.md",
        "queue-service.fr.md",
        "queue-service.other-provider.fr.md",
        "queue-service.flat.txt",
        "queue-service.glued.txt",
    ] {
        let document = document(name);
        let nist = ControlsView::of(&document, Framework::Nist80053);
        let back = raci_controls::workbook::read(&crm::write(&nist).unwrap())
            .unwrap()
            .unwrap();
        assert_eq!(back.source, Source::FedrampCrm);
        assert_eq!(back.title, document.title, "{name}");
        assert_eq!(back.edition, document.edition, "{name}");
        let without_third_party = |v: &ControlsView| {
            ownerships(v)
                .into_iter()
                .map(|(c, o, _)| (c, o))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            without_third_party(&back),
            without_third_party(&nist),
            "{name}"
        );
        let ccm = ControlsView::of(&document, Framework::Ccm);
        let back = raci_controls::workbook::read(&caiq::write(&ccm).unwrap())
            .unwrap()
            .unwrap();
        assert_eq!(back.source, Source::Caiq);
        assert_eq!(ownerships(&back), ownerships(&ccm), "{name}");
        assert!(back.controls.iter().all(|c| c.provided.is_some()), "{name}");
    }
}

#[test]
fn a_workbook_of_the_wrong_framework_is_refused() {
    let view = ControlsView::of(&document("queue-service.en.md"), Framework::Ccm);
    assert!(matches!(
        crm::write(&view),
        Err(WorkbookError::WrongFramework { .. })
    ));
}

/// A CRM sheet as FedRAMP's template lays it out, with `rows` under the header.
fn crm_sheet(rows: &[[&str; 3]]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Moderate CRM").unwrap();
    sheet
        .write_string(0, 0, "Customer Responsibility Matrix (CRM) Worksheet")
        .unwrap();
    sheet.write_string(1, 0, "GUIDANCE: …").unwrap();
    for (column, header) in [
        crm::CONTROL_ID,
        crm::CAN_BE_INHERITED,
        crm::SPECIFIC_INHERITANCE,
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(2, column as u16, *header).unwrap();
    }
    for (n, row) in rows.iter().enumerate() {
        for (column, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet
                    .write_string(3 + n as u32, column as u16, *value)
                    .unwrap();
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}

#[test]
fn a_crm_sheet_by_control_part_merges_into_controls() {
    let bytes = crm_sheet(&[
        ["AC-2(a)", "Yes", ""],
        ["AC-2(b)", "No", "The customer approves the accounts."],
        ["CP-9(1)", "Partial", "Test restores."],
        ["AC-3", "", ""],
    ]);
    let view = raci_controls::workbook::read(&bytes).unwrap().unwrap();
    let got: Vec<(&str, Ownership)> = view
        .controls
        .iter()
        .map(|c| (c.control.as_str(), c.ownership))
        .collect();
    assert_eq!(
        got,
        [("ac-2", Ownership::Shared), ("cp-9.1", Ownership::Shared)],
        "parts of one control that differ make it shared; an unanswered row says nothing"
    );
    assert_eq!(
        view.controls[0].responsibilities.as_deref(),
        Some("The customer approves the accounts.")
    );
}

#[test]
fn a_bad_cell_is_named_with_what_was_expected() {
    let error = raci_controls::workbook::read(&crm_sheet(&[["AC-2", "Maybe", ""]])).unwrap_err();
    assert_eq!(
        error.to_string(),
        "sheet `Moderate CRM`, cell B4: `Maybe` is not Yes, Partial or No"
    );
    let error = raci_controls::workbook::read(&crm_sheet(&[["Access", "Yes", ""]])).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("cell A4: `Access` is not an SP 800-53 control id"),
        "{error}"
    );
}

#[test]
fn the_diff_by_control_of_two_editions() {
    let old = document("editions/queue-service.2024-03.md");
    let new = document("editions/queue-service.2024-09.md");
    let pairs: Vec<(usize, usize)> = raci_align::align(&old, &new)
        .pairs
        .iter()
        .flat_map(|p| {
            p.old
                .iter()
                .flat_map(|o| p.new.iter().map(move |n| (*o, *n)))
        })
        .collect();
    let diff = ControlsDiff::between(
        &ControlsView::of(&old, Framework::Nist80053),
        &ControlsView::of(&new, Framework::Nist80053),
        &pairs,
    );
    assert!(diff.ownership_changed());
    insta::assert_json_snapshot!("diff_editions_nist", diff);
}
