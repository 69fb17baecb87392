//! The CAIQ v4 SSRM columns, one row per CCM control: the SSRM control
//! ownership and, in our words with the activities of the page quoted, the
//! CSP implementation description and the CSC responsibilities. Columns are
//! named as the CAIQ names them. The CAIQ's questions and its Yes/No answer
//! are not written: letters say who does something, not whether a question
//! of the questionnaire is met.
//!
//! | ownership | SSRM Control Ownership |
//! | --- | --- |
//! | provider, no third party | CSP-owned |
//! | provider, a third party does all of the provider's part | Third-party outsourced |
//! | provider, a third party does some of it | Shared CSP and 3rd-party |
//! | shared | Shared CSP and CSC |
//! | customer | CSC-owned |

use std::collections::BTreeMap;

use rust_xlsxwriter::Format;

use super::{cell_ref, cell_text, read_title_line, title_line, workbook, Sheet, WorkbookError};
use crate::ownership::{Ownership, ThirdParty};
use crate::render::{provided_text, responsibility_text};
use crate::view::{ControlRow, ControlsView, Source};
use crate::Framework;

pub const SHEET: &str = "CAIQv4 SSRM";
pub const CONTROL_ID: &str = "CCM Control ID";
pub const QUESTION_ID: &str = "Question ID";
pub const OWNERSHIP: &str = "SSRM Control Ownership";
pub const CSP_DESCRIPTION: &str = "CSP Implementation Description (Optional/Recommended)";
pub const CSC_RESPONSIBILITIES: &str = "CSC Responsibilities (Optional/Recommended)";

/// The values of "SSRM Control Ownership".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SsrmOwnership {
    CspOwned,
    CscOwned,
    ThirdPartyOutsourced,
    SharedCspAndCsc,
    SharedCspAndThirdParty,
}

impl SsrmOwnership {
    pub const ALL: [SsrmOwnership; 5] = [
        SsrmOwnership::CspOwned,
        SsrmOwnership::CscOwned,
        SsrmOwnership::ThirdPartyOutsourced,
        SsrmOwnership::SharedCspAndCsc,
        SsrmOwnership::SharedCspAndThirdParty,
    ];

    /// As the CAIQ writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            SsrmOwnership::CspOwned => "CSP-owned",
            SsrmOwnership::CscOwned => "CSC-owned",
            SsrmOwnership::ThirdPartyOutsourced => "Third-party outsourced",
            SsrmOwnership::SharedCspAndCsc => "Shared CSP and CSC",
            SsrmOwnership::SharedCspAndThirdParty => "Shared CSP and 3rd-party",
        }
    }

    /// The SSRM ownership of a control; `None` when undetermined.
    pub fn of(row: &ControlRow) -> Option<SsrmOwnership> {
        Some(match (row.ownership, row.third_party) {
            (Ownership::Provider, ThirdParty::None) => SsrmOwnership::CspOwned,
            (Ownership::Provider, ThirdParty::Alone) => SsrmOwnership::ThirdPartyOutsourced,
            (Ownership::Provider, ThirdParty::WithProvider) => {
                SsrmOwnership::SharedCspAndThirdParty
            }
            (Ownership::Shared, _) => SsrmOwnership::SharedCspAndCsc,
            (Ownership::Customer, _) => SsrmOwnership::CscOwned,
            (Ownership::Undetermined, _) => return None,
        })
    }

    fn ownership(self) -> (Ownership, ThirdParty) {
        match self {
            SsrmOwnership::CspOwned => (Ownership::Provider, ThirdParty::None),
            SsrmOwnership::ThirdPartyOutsourced => (Ownership::Provider, ThirdParty::Alone),
            SsrmOwnership::SharedCspAndThirdParty => {
                (Ownership::Provider, ThirdParty::WithProvider)
            }
            SsrmOwnership::SharedCspAndCsc => (Ownership::Shared, ThirdParty::None),
            SsrmOwnership::CscOwned => (Ownership::Customer, ThirdParty::None),
        }
    }

    fn parse(text: &str) -> Option<SsrmOwnership> {
        let folded = |t: &str| {
            t.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase()
        };
        let wanted = folded(text);
        SsrmOwnership::ALL
            .into_iter()
            .find(|o| folded(o.as_str()) == wanted)
            .or(match wanted.as_str() {
                "sharedcspandthirdparty" => Some(SsrmOwnership::SharedCspAndThirdParty),
                _ => None,
            })
    }
}

/// The CSP implementation description of a control.
pub fn csp_description(view: &ControlsView, row: &ControlRow) -> String {
    match provided_text(row) {
        Some(list) => format!("{} takes part in: {list}.", view.provider_name()),
        None => format!(
            "None: {} holds no R or A on the activities of the matrix that bear on this control.",
            view.provider_name()
        ),
    }
}

/// The CSC responsibilities of a control.
pub fn csc_responsibilities(row: &ControlRow) -> String {
    match responsibility_text(row) {
        Some(list) => format!("The customer takes part in: {list}."),
        None => "None: the customer holds no R or A on the activities of the matrix that bear on \
                 this control."
            .to_owned(),
    }
}

/// The SSRM columns of `view` (a view of CCM controls).
pub fn write(view: &ControlsView) -> Result<Vec<u8>, WorkbookError> {
    if view.framework != Framework::Ccm {
        return Err(WorkbookError::WrongFramework {
            workbook: "CAIQ",
            expected: Framework::Ccm.name(),
            found: view.framework.name(),
        });
    }
    let mut workbook = workbook(view, "CAIQ v4 SSRM columns")?;
    let title = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold().set_text_wrap();
    let wrapped = Format::new().set_text_wrap();
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET)?;
    sheet.write_string_with_format(
        0,
        0,
        title_line(
            "Consensus Assessments Initiative Questionnaire v4, SSRM columns",
            view,
        ),
        &title,
    )?;
    for (column, (header, width)) in [
        (CONTROL_ID, 14.0),
        (OWNERSHIP, 22.0),
        (CSP_DESCRIPTION, 70.0),
        (CSC_RESPONSIBILITIES, 70.0),
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string_with_format(1, column as u16, *header, &bold)?;
        sheet.set_column_width(column as u16, *width)?;
    }
    sheet.set_freeze_panes(2, 1)?;
    let mut line = 2;
    for row in &view.controls {
        let Some(ownership) = SsrmOwnership::of(row) else {
            continue;
        };
        sheet.write_string(line, 0, &row.label)?;
        sheet.write_string(line, 1, ownership.as_str())?;
        sheet.write_string_with_format(
            line,
            2,
            cell_text(&csp_description(view, row)),
            &wrapped,
        )?;
        sheet.write_string_with_format(line, 3, cell_text(&csc_responsibilities(row)), &wrapped)?;
        line += 1;
    }
    Ok(workbook.save_to_buffer()?)
}

#[derive(Default)]
struct Stated {
    ownership: Option<SsrmOwnership>,
    provided: Vec<String>,
    responsibilities: Vec<String>,
}

fn push_new(texts: &mut Vec<String>, text: &str) {
    if !text.is_empty() && !texts.iter().any(|t| t == text) {
        texts.push(text.to_owned());
    }
}

/// The view SSRM columns state: `Ok(None)` when no sheet has the
/// "SSRM Control Ownership" header with a CCM control or question id.
pub(crate) fn read(sheets: &[Sheet]) -> Result<Option<ControlsView>, WorkbookError> {
    let framework = Framework::Ccm;
    for sheet in sheets {
        let Some((header, columns)) = sheet
            .header(&[CONTROL_ID, OWNERSHIP])
            .or_else(|| sheet.header(&[QUESTION_ID, OWNERSHIP]))
        else {
            continue;
        };
        let column_of = |name| sheet.header(&[name]).map(|(_, c)| c[0]);
        let csp = column_of(CSP_DESCRIPTION);
        let csc = column_of(CSC_RESPONSIBILITIES);
        let mut stated: BTreeMap<String, Stated> = BTreeMap::new();
        for (row, cells) in sheet.rows.iter().skip(header + 1) {
            let id = Sheet::cell(cells, columns[0]);
            let value = Sheet::cell(cells, columns[1]);
            if id.is_empty() || value.is_empty() {
                continue;
            }
            let error = |column: usize, message: String| WorkbookError::Cell {
                sheet: sheet.name.clone(),
                cell: cell_ref(*row, column),
                message,
            };
            let control = framework.canonical(id).ok_or_else(|| {
                error(
                    columns[0],
                    format!("`{id}` is not a CCM v4 control id (such as IAM-06)"),
                )
            })?;
            // "NA" (not applicable) states no ownership.
            if value.eq_ignore_ascii_case("na") || value.eq_ignore_ascii_case("n/a") {
                continue;
            }
            let ownership = SsrmOwnership::parse(value).ok_or_else(|| {
                error(
                    columns[1],
                    format!(
                        "`{value}` is not an SSRM ownership: expected {}",
                        SsrmOwnership::ALL.map(|o| o.as_str()).join(", ")
                    ),
                )
            })?;
            let entry = stated.entry(control).or_default();
            entry.ownership = Some(match entry.ownership {
                Some(before) if before != ownership => SsrmOwnership::SharedCspAndCsc,
                _ => ownership,
            });
            if let Some(c) = csp {
                push_new(&mut entry.provided, Sheet::cell(cells, c));
            }
            if let Some(c) = csc {
                push_new(&mut entry.responsibilities, Sheet::cell(cells, c));
            }
        }
        let mut controls: Vec<ControlRow> = stated
            .into_iter()
            .filter_map(|(control, stated)| {
                let (ownership, third_party) = stated.ownership?.ownership();
                let mut row = ControlRow::stated(framework, control, ownership, third_party);
                row.provided = (!stated.provided.is_empty()).then(|| stated.provided.join("\n"));
                row.responsibilities = (!stated.responsibilities.is_empty())
                    .then(|| stated.responsibilities.join("\n"));
                Some(row)
            })
            .collect();
        controls.sort_by(|a, b| framework.compare(&a.control, &b.control));
        let (title, edition) = read_title_line(sheet);
        return Ok(Some(ControlsView {
            framework,
            source: Source::Caiq,
            title,
            language: None,
            edition,
            customer: None,
            provider: None,
            parties: Vec::new(),
            controls,
            unmapped: Vec::new(),
        }));
    }
    Ok(None)
}
