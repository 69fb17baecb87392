//! Spreadsheet matrices: XLSX workbooks made here with rust_xlsxwriter, and
//! CSV as people write it, read into the model.

use raci_ingest::{parse, IngestError, InputFormat};
use rust_xlsxwriter::Workbook;

fn roles(document: &raci_model::Document, line: u32) -> Vec<String> {
    let activity = document
        .activities
        .iter()
        .find(|a| a.source.line == line)
        .unwrap_or_else(|| panic!("no activity at line {line}"));
    (0..document.parties.len())
        .map(|party| document.roles_of(activity, party).to_string())
        .collect()
}

#[test]
fn the_matrix_is_found_on_a_later_sheet_below_its_title() {
    let mut workbook = Workbook::new();
    let notes = workbook.add_worksheet();
    notes.write_string(0, 0, "About this workbook").unwrap();
    let sheet = workbook.add_worksheet();
    sheet.write_string(1, 1, "Backup service duties").unwrap();
    sheet.write_string(2, 1, "Updated 2024-05-02").unwrap();
    for (column, name) in ["Task", "Customer", "Provider", "Notes"].iter().enumerate() {
        sheet.write_string(4, 1 + column as u16, *name).unwrap();
    }
    sheet.write_string(5, 1, "1. Setup").unwrap();
    sheet.write_string(6, 1, "Choose the retention").unwrap();
    sheet.write_string(6, 2, "ra").unwrap();
    sheet.write_string(6, 3, "I").unwrap();
    sheet.write_string(7, 1, "Run the nightly copy").unwrap();
    sheet.write_string(7, 3, "R, A").unwrap();
    sheet
        .write_string(7, 4, "Copies are kept 30 days.")
        .unwrap();
    sheet.write_number(8, 1, 42.0).unwrap();
    sheet.write_string(8, 2, "C").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();

    let document = parse(&bytes, None, None).unwrap();
    assert_eq!(document.facts.format, "xlsx");
    assert_eq!(document.title.as_deref(), Some("Backup service duties"));
    assert_eq!(document.edition.as_deref(), Some("2024-05-02"));
    assert_eq!(document.parties, ["Customer", "Provider"]);
    assert_eq!(document.activities.len(), 3);
    // Row numbers stand for lines; numbered rows are sections.
    assert_eq!(roles(&document, 7), ["RA", "I"]);
    assert_eq!(roles(&document, 8), ["", "RA"]);
    let copy = &document.activities[1];
    assert_eq!(copy.section, ["1. Setup"]);
    assert_eq!(copy.notes, ["Copies are kept 30 days."]);
    assert_eq!(document.activities[2].text, "42");
    assert_eq!(copy.row.cells[0].span.column, 3, "cells keep their column");
}

#[test]
fn a_workbook_without_a_matrix_says_what_was_expected() {
    let mut workbook = Workbook::new();
    workbook
        .add_worksheet()
        .write_string(0, 0, "Prices")
        .unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let error = parse(&bytes, Some(InputFormat::Xlsx), None).unwrap_err();
    assert!(matches!(error, IngestError::NoHeader { .. }), "{error}");
    assert!(error.to_string().contains("activity"), "{error}");
}

#[test]
fn csv_with_sections_ids_notes_and_a_bad_row() {
    let text = "\u{feff}id;section;Activité;Client;Fournisseur;notes\n\
                choisir;1. Avant > 1.1. Taille;Choisir la région;RA;I;\n\
                ;2. Pendant;Sauvegarder;RA*;I;\"Peut être délégué.\nEn option.\"\n\
                ;2. Pendant;Trop de cellules;R;A;;C\n";
    let document = parse(text.as_bytes(), None, Some("matrice.csv")).unwrap();
    assert_eq!(document.facts.format, "csv");
    assert_eq!(document.parties, ["Client", "Fournisseur"]);
    let ids: Vec<&str> = document.activities.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["choisir", "sauvegarder", "trop-de-cellules"]);
    assert_eq!(document.activities[0].section, ["1. Avant", "1.1. Taille"]);
    assert_eq!(
        document.activities[1].notes,
        ["Peut être délégué.", "En option."]
    );
    let too_many = &document.activities[2].row;
    assert_eq!((too_many.cell_count, too_many.expected_cells), (4, 3));
    assert_eq!(
        document.activities[2].source.line, 5,
        "the multi-line cell counts"
    );
    // Detected without the extension, from the header line.
    let detected = parse(text.as_bytes(), None, None).unwrap();
    assert_eq!(detected.facts.format, "csv");
}
