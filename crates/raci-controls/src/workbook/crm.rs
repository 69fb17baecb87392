//! FedRAMP's CIS/CRM workbook: the **CIS sheet** marks, per control, its
//! implementation status and control origination; the **CRM sheet** says
//! whether the customer can inherit the control and what it must still do.
//! Columns are named as FedRAMP's workbook names them.
//!
//! From a controls view (rules in [`crate::ownership`]):
//!
//! | ownership | CIS origination | CRM "Can Be Inherited from CSP" | CRM text |
//! | --- | --- | --- | --- |
//! | provider | Service Provider System Specific | Yes | left blank, as FedRAMP asks |
//! | shared | Shared (Service Provider and Customer Responsibility) | Partial | what is inherited, then the customer's part |
//! | customer | Provided by Customer when every activity is about the customer's own systems, else Configured by Customer | No | why not, then the customer's part |
//!
//! The implementation status is `Implemented` for every control: a published
//! matrix describes the service as it runs; a matrix cannot say "planned".
//! Controls whose ownership is undetermined are left out.

use std::collections::BTreeMap;

use raci_align::Scope;
use rust_xlsxwriter::{Format, FormatAlign};

use super::{cell_ref, cell_text, read_title_line, title_line, workbook, Sheet, WorkbookError};
use crate::ownership::{Inheritable, Ownership, Share, ThirdParty};
use crate::render::{provided_text, responsibility_text};
use crate::view::{ControlRow, ControlsView, Source};
use crate::Framework;

pub const CIS_SHEET: &str = "CIS Worksheet";
pub const CRM_SHEET: &str = "CRM Worksheet";
pub const CONTROL_ID: &str = "Control ID";
pub const IMPLEMENTATION_STATUS: &str = "Implementation Status";
pub const CONTROL_ORIGINATION: &str = "Control Origination";
/// The implementation status columns of the CIS sheet.
pub const STATUSES: [&str; 5] = [
    "Implemented",
    "Partially Implemented",
    "Planned",
    "Alternative Implementation",
    "N/A",
];
pub const CAN_BE_INHERITED: &str = "Can Be Inherited from CSP";
pub const SPECIFIC_INHERITANCE: &str =
    "Specific Inheritance and Customer Agency/CSP Responsibilities";

/// The seven control-origination columns of the CIS sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origination {
    ServiceProviderCorporate,
    ServiceProviderSystemSpecific,
    ServiceProviderHybrid,
    ConfiguredByCustomer,
    ProvidedByCustomer,
    Shared,
    Inherited,
}

impl Origination {
    pub const ALL: [Origination; 7] = [
        Origination::ServiceProviderCorporate,
        Origination::ServiceProviderSystemSpecific,
        Origination::ServiceProviderHybrid,
        Origination::ConfiguredByCustomer,
        Origination::ProvidedByCustomer,
        Origination::Shared,
        Origination::Inherited,
    ];

    /// The column's header as FedRAMP writes it.
    pub fn header(self) -> &'static str {
        match self {
            Origination::ServiceProviderCorporate => "Service Provider Corporate",
            Origination::ServiceProviderSystemSpecific => "Service Provider System Specific",
            Origination::ServiceProviderHybrid => {
                "Service Provider Hybrid (Corporate and System Specific)"
            }
            Origination::ConfiguredByCustomer => {
                "Configured by Customer (Customer System Specific)"
            }
            Origination::ProvidedByCustomer => "Provided by Customer (Customer System Specific)",
            Origination::Shared => "Shared (Service Provider and Customer Responsibility)",
            Origination::Inherited => "Inherited from pre-existing FedRAMP Authorization",
        }
    }

    /// Who the origination makes the owner.
    fn side(self) -> Ownership {
        match self {
            Origination::ServiceProviderCorporate
            | Origination::ServiceProviderSystemSpecific
            | Origination::ServiceProviderHybrid
            | Origination::Inherited => Ownership::Provider,
            Origination::ConfiguredByCustomer | Origination::ProvidedByCustomer => {
                Ownership::Customer
            }
            Origination::Shared => Ownership::Shared,
        }
    }
}

/// The origination of a control, from its ownership; `None` when undetermined.
pub fn origination(row: &ControlRow) -> Option<Origination> {
    Some(match row.ownership {
        Ownership::Provider => Origination::ServiceProviderSystemSpecific,
        Ownership::Shared => Origination::Shared,
        Ownership::Customer => {
            let workload_only = row
                .activities
                .iter()
                .filter(|a| a.share == Share::Customer)
                .all(|a| {
                    raci_align::taxonomy_entry(&a.entry).is_some_and(|e| e.scope == Scope::Workload)
                });
            if workload_only && !row.activities.is_empty() {
                Origination::ProvidedByCustomer
            } else {
                Origination::ConfiguredByCustomer
            }
        }
        Ownership::Undetermined => return None,
    })
}

/// The CRM sheet's "Specific Inheritance and Customer Agency/CSP
/// Responsibilities" for a control.
pub fn crm_text(view: &ControlsView, row: &ControlRow) -> String {
    let customer = responsibility_text(row).unwrap_or_default();
    match row.ownership {
        Ownership::Provider | Ownership::Undetermined => String::new(),
        Ownership::Shared => format!(
            "Inherited from {}: {}.\nCustomer responsibility: {customer}.",
            view.provider_name(),
            provided_text(row).unwrap_or_default()
        ),
        Ownership::Customer => format!(
            "Cannot be inherited: only the customer holds R or A on the activities of the matrix \
             that bear on this control.\nCustomer responsibility: {customer}."
        ),
    }
}

/// The workbook of `view` (a view of NIST SP 800-53 controls).
pub fn write(view: &ControlsView) -> Result<Vec<u8>, WorkbookError> {
    if view.framework != Framework::Nist80053 {
        return Err(WorkbookError::WrongFramework {
            workbook: "FedRAMP CIS/CRM workbook",
            expected: Framework::Nist80053.name(),
            found: view.framework.name(),
        });
    }
    let rows: Vec<&ControlRow> = view
        .controls
        .iter()
        .filter(|row| row.ownership != Ownership::Undetermined)
        .collect();
    let mut workbook = workbook(view, "FedRAMP CIS/CRM workbook")?;
    let title = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold().set_text_wrap();
    let centered = Format::new().set_align(FormatAlign::Center);
    let wrapped = Format::new().set_text_wrap();

    let cis = workbook.add_worksheet();
    cis.set_name(CIS_SHEET)?;
    cis.write_string_with_format(
        0,
        0,
        title_line("Control Implementation Summary (CIS) Worksheet", view),
        &title,
    )?;
    cis.merge_range(1, 1, 1, STATUSES.len() as u16, IMPLEMENTATION_STATUS, &bold)?;
    cis.merge_range(
        1,
        STATUSES.len() as u16 + 1,
        1,
        (STATUSES.len() + Origination::ALL.len()) as u16,
        CONTROL_ORIGINATION,
        &bold,
    )?;
    let headers: Vec<&str> = std::iter::once(CONTROL_ID)
        .chain(STATUSES)
        .chain(Origination::ALL.iter().map(|o| o.header()))
        .collect();
    for (column, header) in headers.iter().enumerate() {
        cis.write_string_with_format(2, column as u16, *header, &bold)?;
        cis.set_column_width(column as u16, if column == 0 { 12.0 } else { 16.0 })?;
    }
    cis.set_row_height(2, 60.0)?;
    cis.set_freeze_panes(3, 1)?;
    for (n, row) in rows.iter().enumerate() {
        let line = 3 + n as u32;
        cis.write_string(line, 0, &row.label)?;
        cis.write_string_with_format(line, 1, "X", &centered)?;
        if let Some(origination) = origination(row) {
            let column = 1
                + STATUSES.len()
                + Origination::ALL
                    .iter()
                    .position(|o| *o == origination)
                    .unwrap_or(0);
            cis.write_string_with_format(line, column as u16, "X", &centered)?;
        }
    }

    let crm = workbook.add_worksheet();
    crm.set_name(CRM_SHEET)?;
    crm.write_string_with_format(
        0,
        0,
        title_line("Customer Responsibility Matrix (CRM) Worksheet", view),
        &title,
    )?;
    for (column, header) in [CONTROL_ID, CAN_BE_INHERITED, SPECIFIC_INHERITANCE]
        .iter()
        .enumerate()
    {
        crm.write_string_with_format(1, column as u16, *header, &bold)?;
    }
    crm.set_column_width(0, 12.0)?;
    crm.set_column_width(1, 16.0)?;
    crm.set_column_width(2, 100.0)?;
    crm.set_freeze_panes(2, 1)?;
    for (n, row) in rows.iter().enumerate() {
        let line = 2 + n as u32;
        crm.write_string(line, 0, &row.label)?;
        if let Some(inheritable) = row.inheritable {
            crm.write_string(line, 1, inheritable.as_str())?;
        }
        let text = crm_text(view, row);
        if !text.is_empty() {
            crm.write_string_with_format(line, 2, cell_text(&text), &wrapped)?;
        }
    }
    Ok(workbook.save_to_buffer()?)
}

/// What a control's rows say, merged.
#[derive(Default)]
struct Stated {
    ownership: Option<Ownership>,
    text: Vec<String>,
}

impl Stated {
    fn add(&mut self, ownership: Ownership) {
        self.ownership = Some(match self.ownership {
            Some(before) if before != ownership => Ownership::Shared,
            _ => ownership,
        });
    }
}

/// The view a CIS/CRM workbook states: `Ok(None)` when no sheet has the CRM
/// sheet's or the CIS sheet's header.
pub(crate) fn read(sheets: &[Sheet]) -> Result<Option<ControlsView>, WorkbookError> {
    let framework = Framework::Nist80053;
    let mut stated: BTreeMap<String, Stated> = BTreeMap::new();
    let mut found = false;
    let mut title = (None, None);
    for sheet in sheets {
        let Some((header, columns)) = sheet.header(&[CONTROL_ID, CAN_BE_INHERITED]) else {
            continue;
        };
        found = true;
        title = read_title_line(sheet);
        let text_column = sheet.header(&[SPECIFIC_INHERITANCE]).map(|(_, c)| c[0]);
        for (row, cells) in sheet.rows.iter().skip(header + 1) {
            let id = Sheet::cell(cells, columns[0]);
            let answer = Sheet::cell(cells, columns[1]);
            if id.is_empty() || answer.is_empty() {
                continue;
            }
            let control = control_id(sheet, *row, columns[0], id)?;
            let inheritable = match answer.to_ascii_lowercase().as_str() {
                "yes" => Inheritable::Yes,
                "partial" => Inheritable::Partial,
                "no" => Inheritable::No,
                _ => {
                    return Err(WorkbookError::Cell {
                        sheet: sheet.name.clone(),
                        cell: cell_ref(*row, columns[1]),
                        message: format!("`{answer}` is not Yes, Partial or No"),
                    })
                }
            };
            let entry = stated.entry(control).or_default();
            entry.add(inheritable.ownership());
            if let Some(text) = text_column.map(|c| Sheet::cell(cells, c)) {
                if !text.is_empty() && !entry.text.iter().any(|t| t == text) {
                    entry.text.push(text.to_owned());
                }
            }
        }
    }
    if !found {
        // A CIS sheet alone: the ownership from the origination marks.
        for sheet in sheets {
            let headers: Vec<&str> = std::iter::once(CONTROL_ID)
                .chain(Origination::ALL.iter().map(|o| o.header()))
                .collect();
            let Some((header, columns)) = sheet.header(&headers) else {
                continue;
            };
            found = true;
            title = read_title_line(sheet);
            for (row, cells) in sheet.rows.iter().skip(header + 1) {
                let id = Sheet::cell(cells, columns[0]);
                if id.is_empty() {
                    continue;
                }
                let control = control_id(sheet, *row, columns[0], id)?;
                for (origination, column) in Origination::ALL.iter().zip(&columns[1..]) {
                    if !Sheet::cell(cells, *column).is_empty() {
                        stated
                            .entry(control.clone())
                            .or_default()
                            .add(origination.side());
                    }
                }
            }
        }
    }
    if !found {
        return Ok(None);
    }
    let mut controls: Vec<ControlRow> = stated
        .into_iter()
        .filter_map(|(control, stated)| {
            let ownership = stated.ownership?;
            let mut row = ControlRow::stated(framework, control, ownership, ThirdParty::None);
            if !stated.text.is_empty() {
                row.responsibilities = Some(stated.text.join("\n"));
            }
            Some(row)
        })
        .collect();
    controls.sort_by(|a, b| framework.compare(&a.control, &b.control));
    Ok(Some(ControlsView {
        framework,
        source: Source::FedrampCrm,
        title: title.0,
        language: None,
        edition: title.1,
        customer: None,
        provider: None,
        parties: Vec::new(),
        controls,
        unmapped: Vec::new(),
    }))
}

fn control_id(sheet: &Sheet, row: u32, column: usize, id: &str) -> Result<String, WorkbookError> {
    Framework::Nist80053
        .canonical(id)
        .ok_or_else(|| WorkbookError::Cell {
            sheet: sheet.name.clone(),
            cell: cell_ref(row, column),
            message: format!("`{id}` is not an SP 800-53 control id (such as AC-2 or CP-9(1))"),
        })
}
