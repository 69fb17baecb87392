//! OSCAL system security plans with inheritance: the provider's service as
//! the **leveraged** system ([`leveraged_ssp`]: per control, what it
//! `provided`s and the `responsibilities` it leaves to the customer), and
//! the customer's **leveraging** system ([`leveraging_ssp`]:
//! `leveraged-authorizations`, and per statement `inherited` and `satisfied`
//! stubs pointing at the leveraged plan's statements).

mod leveraged;
mod leveraging;
mod profile;
pub mod types;

pub use leveraged::{leveraged_ssp, LeveragedSsp, SspOptions};
pub use leveraging::{leveraging_ssp, InheritOptions};
pub use profile::{profile_info, ProfileInfo, MODERATE_BASELINE_HREF};
