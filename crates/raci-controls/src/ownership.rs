//! From letters to ownership: who owns an activity, and then a control.
//!
//! The rules, as the README states them:
//!
//! 1. A party's **side**: the customer's column (any name a customer goes
//!    by: `Customer`, `Client`, `Kunde`…) is the customer; the first other
//!    column is the provider; any further column is a third party, on the
//!    provider's side.
//! 2. An activity's **share**: the sides that hold R (or S, which helps R),
//!    together with the side that holds A, own it; where nobody holds R,
//!    whoever holds A owns it. C and I own nothing. Owned by the customer
//!    only → `customer`; by the provider's side only → `provider`; by both →
//!    `shared`; by nobody → `unassigned`.
//! 3. A control's **ownership**, over the activities mapped to it that are
//!    not unassigned: all `provider` → provider, inheritable **Yes**; all
//!    `customer` → customer, inheritable **No**; anything else (both kinds,
//!    or one `shared`) → shared, inheritable **Partial**. With no owned
//!    activity the ownership is undetermined.

use serde::{Deserialize, Serialize};

use raci_model::{Activity, Document, Role};

/// Which side of the responsibility model a party is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    Customer,
    Provider,
    /// A party other than the customer and the provider, on the provider's side.
    ThirdParty,
}

/// The side of each party of `document`, by index.
pub fn sides(parties: &[String]) -> Vec<Side> {
    let mut provider_taken = false;
    parties
        .iter()
        .map(|name| {
            if raci_model::is_customer(name) {
                Side::Customer
            } else if !provider_taken {
                provider_taken = true;
                Side::Provider
            } else {
                Side::ThirdParty
            }
        })
        .collect()
}

/// Who owns one activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Share {
    Provider,
    Customer,
    Shared,
    /// Nobody holds R or A.
    Unassigned,
}

impl Share {
    pub fn as_str(self) -> &'static str {
        match self {
            Share::Provider => "provider",
            Share::Customer => "customer",
            Share::Shared => "shared",
            Share::Unassigned => "unassigned",
        }
    }
}

/// How one activity is owned, with who on the provider's side does the work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActivityShare {
    pub share: Share,
    /// The provider itself owns it (R, S or A).
    pub provider: bool,
    /// A third party owns it (R, S or A).
    pub third_party: bool,
}

/// Rule 2: who owns `activity` of `document`, the sides given by [`sides`].
pub fn share_of(document: &Document, activity: &Activity, sides: &[Side]) -> ActivityShare {
    let mut doers = [false; 3];
    let mut answerers = [false; 3];
    for (index, side) in sides.iter().enumerate() {
        let roles = document.roles_of(activity, index);
        let slot = *side as usize;
        if roles.contains(Role::Responsible) || roles.contains(Role::Supportive) {
            doers[slot] = true;
        }
        if roles.contains(Role::Accountable) {
            answerers[slot] = true;
        }
    }
    let owners: [bool; 3] = std::array::from_fn(|i| doers[i] || answerers[i]);
    let customer = owners[Side::Customer as usize];
    let provider = owners[Side::Provider as usize];
    let third_party = owners[Side::ThirdParty as usize];
    let share = match (customer, provider || third_party) {
        (true, true) => Share::Shared,
        (true, false) => Share::Customer,
        (false, true) => Share::Provider,
        (false, false) => Share::Unassigned,
    };
    ActivityShare {
        share,
        provider,
        third_party,
    }
}

/// Who owns a control.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ownership {
    Provider,
    Customer,
    Shared,
    /// No activity mapped to the control has an owner.
    Undetermined,
}

impl Ownership {
    pub fn as_str(self) -> &'static str {
        match self {
            Ownership::Provider => "provider",
            Ownership::Customer => "customer",
            Ownership::Shared => "shared",
            Ownership::Undetermined => "undetermined",
        }
    }

    /// Whether the customer can inherit the control, as FedRAMP's CRM asks.
    pub fn inheritable(self) -> Option<Inheritable> {
        match self {
            Ownership::Provider => Some(Inheritable::Yes),
            Ownership::Shared => Some(Inheritable::Partial),
            Ownership::Customer => Some(Inheritable::No),
            Ownership::Undetermined => None,
        }
    }
}

/// FedRAMP's "Can Be Inherited from CSP".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Inheritable {
    Yes,
    Partial,
    No,
}

impl Inheritable {
    pub fn as_str(self) -> &'static str {
        match self {
            Inheritable::Yes => "Yes",
            Inheritable::Partial => "Partial",
            Inheritable::No => "No",
        }
    }

    /// The ownership this answer stands for.
    pub fn ownership(self) -> Ownership {
        match self {
            Inheritable::Yes => Ownership::Provider,
            Inheritable::Partial => Ownership::Shared,
            Inheritable::No => Ownership::Customer,
        }
    }
}

/// Rule 3: the ownership of a control from the shares of its activities.
pub fn ownership_of(shares: impl IntoIterator<Item = Share>) -> Ownership {
    let mut provider = false;
    let mut customer = false;
    for share in shares {
        match share {
            Share::Provider => provider = true,
            Share::Customer => customer = true,
            Share::Shared => return Ownership::Shared,
            Share::Unassigned => {}
        }
    }
    match (provider, customer) {
        (true, true) => Ownership::Shared,
        (true, false) => Ownership::Provider,
        (false, true) => Ownership::Customer,
        (false, false) => Ownership::Undetermined,
    }
}

/// Who on the provider's side does a control's provider part: the CAIQ
/// tells a control the provider outsourced from one it shares with a third party.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThirdParty {
    /// No third party owns any of its activities.
    None,
    /// A third party owns some of the provider's part, the provider the rest.
    WithProvider,
    /// Third parties own all of the provider's part.
    Alone,
}

impl ThirdParty {
    /// From the shares of the activities that are not the customer's only.
    pub fn of(shares: impl IntoIterator<Item = ActivityShare>) -> ThirdParty {
        let mut provider = false;
        let mut third = false;
        for share in shares {
            provider |= share.provider;
            third |= share.third_party;
        }
        match (provider, third) {
            (_, false) => ThirdParty::None,
            (true, true) => ThirdParty::WithProvider,
            (false, true) => ThirdParty::Alone,
        }
    }
}

#[cfg(test)]
mod tests {
    use raci_model::Roles;

    use super::*;

    fn document(parties: &[&str], rows: &[&[&str]]) -> Document {
        let mut document = Document::new();
        document.parties = parties.iter().map(|p| p.to_string()).collect();
        for (n, row) in rows.iter().enumerate() {
            let mut activity = Activity {
                id: format!("a{n}"),
                text: format!("activity {n}"),
                ..Activity::default()
            };
            for (party, letters) in parties.iter().zip(row.iter()) {
                if !letters.is_empty() {
                    activity
                        .roles
                        .insert(party.to_string(), letters.parse::<Roles>().unwrap());
                }
            }
            document.activities.push(activity);
        }
        document
    }

    fn shares(parties: &[&str], rows: &[&[&str]]) -> Vec<Share> {
        let document = document(parties, rows);
        let sides = sides(&document.parties);
        document
            .activities
            .iter()
            .map(|a| share_of(&document, a, &sides).share)
            .collect()
    }

    #[test]
    fn sides_follow_the_customer_s_column_in_any_language() {
        let parties: Vec<String> = ["OVHcloud", "Client", "Partner"]
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(
            sides(&parties),
            [Side::Provider, Side::Customer, Side::ThirdParty]
        );
    }

    #[test]
    fn r_and_a_decide_an_activity_s_share() {
        let parties = &["Customer", "Nimbus"];
        assert_eq!(
            shares(
                parties,
                &[
                    &["I", "RA"],
                    &["RA", "I"],
                    &["R", "RA"],
                    &["A", "R"],
                    &["RA", "C"],
                    &["C", "I"],
                    &["", "A"],
                    &["S", "RA"],
                ]
            ),
            [
                Share::Provider,
                Share::Customer,
                Share::Shared,
                Share::Shared,
                Share::Customer,
                Share::Unassigned,
                Share::Provider,
                Share::Shared,
            ]
        );
    }

    #[test]
    fn a_third_party_is_on_the_provider_s_side() {
        let parties = &["Client", "Stratus", "Partner"];
        let d = document(parties, &[&["I", "A", "R"], &["A", "", "R"]]);
        let sides = sides(&d.parties);
        let share = share_of(&d, &d.activities[0], &sides);
        assert_eq!(share.share, Share::Provider);
        assert!(share.provider && share.third_party);
        assert_eq!(ThirdParty::of([share]), ThirdParty::WithProvider);
        let share = share_of(&d, &d.activities[1], &sides);
        assert_eq!(share.share, Share::Shared);
        assert_eq!(ThirdParty::of([share]), ThirdParty::Alone);
    }

    #[test]
    fn a_control_is_owned_by_the_shares_of_its_activities() {
        use Share::*;
        assert_eq!(ownership_of([Provider, Provider]), Ownership::Provider);
        assert_eq!(ownership_of([Customer, Unassigned]), Ownership::Customer);
        assert_eq!(ownership_of([Provider, Customer]), Ownership::Shared);
        assert_eq!(ownership_of([Provider, Shared]), Ownership::Shared);
        assert_eq!(ownership_of([Unassigned]), Ownership::Undetermined);
        assert_eq!(ownership_of([]), Ownership::Undetermined);
        assert_eq!(Ownership::Provider.inheritable(), Some(Inheritable::Yes));
        assert_eq!(Ownership::Shared.inheritable(), Some(Inheritable::Partial));
        assert_eq!(Ownership::Customer.inheritable(), Some(Inheritable::No));
        assert_eq!(Ownership::Undetermined.inheritable(), None);
        for answer in [Inheritable::Yes, Inheritable::Partial, Inheritable::No] {
            assert_eq!(answer.ownership().inheritable(), Some(answer));
        }
    }
}
