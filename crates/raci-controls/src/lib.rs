//! From a responsibility (RACI) matrix to the security controls compliance
//! teams speak of:
//!
//! - [`mapping`]: our mapping of each entry of the activity taxonomy to NIST
//!   SP 800-53 rev5 and CSA CCM v4 controls, each link with a reason (data in
//!   `data/`, embedded at build time);
//! - [`ownership`]: the rules from R/A/C/I letters to who owns an activity and
//!   a control (provider, customer, shared) and whether the customer can
//!   inherit it (FedRAMP's Yes / Partial / No);
//! - [`ControlsView`]: per control, the activities that bear on it and their
//!   letters; [`ControlsDiff`]: ownership changes per control between editions;
//! - [`workbook`]: a FedRAMP CIS/CRM workbook and CAIQ SSRM columns, written
//!   and read back.
//!
//! Pure: everything works on values and bytes; no file or terminal I/O.

mod diff;
mod framework;
pub mod mapping;
pub mod ownership;
mod render;
mod view;
pub mod workbook;

pub use diff::{ActivityMove, ControlChange, ControlChangeKind, ControlsDiff, Owned};
pub use framework::{Framework, UnknownFramework};
pub use mapping::{mapping, Gap, Link, Mapping};
pub use ownership::{Inheritable, Ownership, Share, Side, ThirdParty};
pub use render::{
    customer_part, letters, ownership_line, provided_text, provider_part, quoted,
    responsibility_text,
};
pub use view::{ControlActivity, ControlRow, ControlsView, PartySide, Source, UnmappedActivity};
