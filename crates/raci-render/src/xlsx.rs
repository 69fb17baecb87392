//! XLSX, one row per activity (see the layout in `rows.rs`) under the title
//! and edition, written with rust_xlsxwriter: a bold, frozen header row with
//! filters, wrapped long texts.

use raci_model::Document;
use rust_xlsxwriter::{DocProperties, Format, Workbook};

use crate::{rows, RenderError};

const TEXT_WIDTH: f64 = 60.0;
const ROLE_WIDTH: f64 = 12.0;

/// The document as an XLSX workbook of one sheet. The title and edition, when
/// known, stand in the rows above the header, where the XLSX reader finds them.
pub fn write(document: &Document) -> Result<Vec<u8>, RenderError> {
    let error = |e: rust_xlsxwriter::XlsxError| RenderError::Xlsx(e.to_string());
    let mut workbook = Workbook::new();
    let mut properties = DocProperties::new();
    if let Some(title) = &document.title {
        properties = properties.set_title(title);
    }
    workbook.set_properties(&properties);
    let sheet = workbook.add_worksheet();
    sheet.set_name("RACI").map_err(error)?;
    let bold = Format::new().set_bold();
    let wrapped = Format::new().set_text_wrap();

    let mut row: u32 = 0;
    if let Some(title) = &document.title {
        sheet
            .write_string_with_format(row, 0, title, &Format::new().set_bold().set_font_size(14))
            .map_err(error)?;
        row += 1;
    }
    if let Some(edition) = &document.edition {
        sheet.write_string(row, 0, edition).map_err(error)?;
        row += 1;
    }
    if row > 0 {
        row += 1;
    }
    let header = rows::header(document);
    let last_column = (header.len() - 1) as u16;
    for (column, name) in header.iter().enumerate() {
        sheet
            .write_string_with_format(row, column as u16, name, &bold)
            .map_err(error)?;
    }
    let header_row = row;
    for record in rows::records(document) {
        row += 1;
        for (column, value) in record.iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            let column = column as u16;
            if column == 2 || column == last_column {
                sheet
                    .write_string_with_format(row, column, value, &wrapped)
                    .map_err(error)?;
            } else {
                sheet.write_string(row, column, value).map_err(error)?;
            }
        }
    }
    sheet.set_column_width(0, 24).map_err(error)?;
    sheet.set_column_width(1, 36).map_err(error)?;
    sheet.set_column_width(2, TEXT_WIDTH).map_err(error)?;
    for column in 3..last_column {
        sheet.set_column_width(column, ROLE_WIDTH).map_err(error)?;
    }
    sheet
        .set_column_width(last_column, TEXT_WIDTH)
        .map_err(error)?;
    sheet.set_freeze_panes(header_row + 1, 0).map_err(error)?;
    sheet
        .autofilter(header_row, 0, row.max(header_row), last_column)
        .map_err(error)?;
    workbook.save_to_buffer().map_err(error)
}
