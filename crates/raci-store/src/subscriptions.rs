//! Subscriptions, their duties, and the owners each organization maps to its
//! party columns.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::{
    Duty, DutyState, Letter, NewDuty, PartyRoles, Recurrence, Result, Stored, Subscription,
};

/// Who owns a letter: one user, or every member of one team.
/// Serialized as `{"user": 5}` or `{"team": 2}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase", try_from = "AssigneeFields")]
pub enum Assignee {
    #[cfg_attr(feature = "openapi", schema(title = "UserOwner"))]
    User(i64),
    #[cfg_attr(feature = "openapi", schema(title = "TeamOwner"))]
    Team(i64),
}

/// An assignee as it arrives: one of `user` or `team`, and nothing else.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssigneeFields {
    user: Option<i64>,
    team: Option<i64>,
}

impl TryFrom<AssigneeFields> for Assignee {
    type Error = &'static str;

    fn try_from(f: AssigneeFields) -> Result<Self, Self::Error> {
        match (f.user, f.team) {
            (Some(u), None) => Ok(Assignee::User(u)),
            (None, Some(t)) => Ok(Assignee::Team(t)),
            _ => Err("an owner is either {\"user\": ID} or {\"team\": ID}"),
        }
    }
}

/// One owner mapping: for a subscription, the organization owning `party`'s
/// column maps `letter` to a user or a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owner {
    pub subscription: i64,
    pub org: i64,
    pub party: String,
    pub letter: Letter,
    pub owner: Assignee,
}

/// What one duty becomes when a notice is accepted: `old` and `new` both set
/// moves the duty to the new activity (state and evidence kept); only `old`
/// retires it; only `new` adds an open duty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredStep", into = "StoredStep")]
pub struct MigrationStep {
    /// The activity id in the edition the subscription is bound to.
    pub old: Option<String>,
    /// The activity id in the new edition.
    pub new: Option<String>,
    /// The new activity's text, section and roles; empty for a retirement.
    pub text: String,
    pub section: Vec<String>,
    pub roles: PartyRoles,
}

/// How a step is kept in a notice's `migration_json`: section and roles as
/// JSON text of their own, the form the first notices were written in.
#[derive(Serialize, Deserialize)]
struct StoredStep {
    old: Option<String>,
    new: Option<String>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    section_json: String,
    #[serde(default)]
    roles_json: String,
}

impl From<MigrationStep> for StoredStep {
    fn from(s: MigrationStep) -> Self {
        let text_of = |empty: bool, json: String| if empty { String::new() } else { json };
        StoredStep {
            section_json: text_of(s.new.is_none(), Stored(&s.section).to_text()),
            roles_json: text_of(s.new.is_none(), Stored(&s.roles).to_text()),
            old: s.old,
            new: s.new,
            text: s.text,
        }
    }
}

impl TryFrom<StoredStep> for MigrationStep {
    type Error = serde_json::Error;

    fn try_from(s: StoredStep) -> Result<Self, Self::Error> {
        fn parse<T: serde::de::DeserializeOwned + Default>(text: &str) -> serde_json::Result<T> {
            if text.is_empty() {
                Ok(T::default())
            } else {
                serde_json::from_str(text)
            }
        }
        Ok(MigrationStep {
            section: parse(&s.section_json)?,
            roles: parse(&s.roles_json)?,
            old: s.old,
            new: s.new,
            text: s.text,
        })
    }
}

/// What a migration step did to one duty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Migrated {
    /// The duty now carries the new activity; `before` is how it was.
    Moved {
        before: Box<Duty>,
        after: Box<Duty>,
    },
    Retired(Duty),
    Added(Duty),
}

#[async_trait]
pub trait SubscriptionReads: Send {
    async fn subscription(&mut self, id: i64) -> Result<Subscription>;
    async fn customer_subscriptions(&mut self, customer: i64) -> Result<Vec<Subscription>>;
    async fn service_subscriptions(&mut self, service: i64) -> Result<Vec<Subscription>>;
    /// Every subscription to a service of the provider.
    async fn provider_subscriptions(&mut self, provider: i64) -> Result<Vec<Subscription>>;
    async fn duty(&mut self, id: i64) -> Result<Duty>;
    /// The live duties of a subscription (retired ones are left out), by id.
    async fn duties(&mut self, subscription: i64) -> Result<Vec<Duty>>;
    async fn retired_duties(&mut self, subscription: i64) -> Result<Vec<Duty>>;
    /// The live duty of a matrix activity, if the subscription has one.
    async fn live_duty(&mut self, subscription: i64, activity: &str) -> Result<Option<Duty>>;
    /// Both organizations' owner mappings of a subscription.
    async fn owners(&mut self, subscription: i64) -> Result<Vec<Owner>>;
    async fn team_members(&mut self, team: i64) -> Result<Vec<i64>>;
    /// Ids of done recurring duties whose next due date is at or before `now`.
    async fn duties_to_reopen(&mut self, now: i64) -> Result<Vec<i64>>;
}

#[async_trait]
pub trait SubscriptionWrites: Send {
    async fn create_subscription(
        &mut self,
        customer: i64,
        service: i64,
        edition: i64,
    ) -> Result<Subscription>;
    async fn insert_duty(&mut self, duty: &NewDuty) -> Result<Duty>;
    /// Holds the subscription's row for the rest of the transaction, so that
    /// acceptances and events of one subscription are serialized.
    async fn lock_subscription(&mut self, id: i64) -> Result<Subscription>;
    async fn set_subscription_edition(&mut self, id: i64, edition: i64) -> Result<()>;
    /// Replaces the mapping `org` keeps of `party`'s column.
    async fn replace_owners(
        &mut self,
        subscription: i64,
        org: i64,
        party: &str,
        owners: &[(Letter, Assignee)],
    ) -> Result<()>;
    /// Moves a duty from `from` to `to`; a duty no longer in `from` (a
    /// concurrent move) is a conflict.
    async fn move_duty(
        &mut self,
        id: i64,
        from: DutyState,
        to: DutyState,
        reason: Option<&str>,
        now: i64,
    ) -> Result<Duty>;
    /// Sets the recurrence, the due date (kept when none is given) and the
    /// date a done duty reopens.
    async fn schedule_duty(
        &mut self,
        id: i64,
        recurrence: Option<Recurrence>,
        due_at: Option<i64>,
        next_due_at: Option<i64>,
        now: i64,
    ) -> Result<Duty>;
    /// Sets when a done recurring duty reopens.
    async fn set_next_due(&mut self, id: i64, next_due_at: i64) -> Result<Duty>;
    /// Reopens a done duty due at `now` as a new cycle; none when a
    /// concurrent run got there first.
    async fn reopen_duty(&mut self, id: i64, now: i64) -> Result<Option<Duty>>;
    /// Applies a change notice's plan to the subscription's duties.
    async fn migrate_duties(
        &mut self,
        subscription: i64,
        steps: &[MigrationStep],
        now: i64,
    ) -> Result<Vec<Migrated>>;
}
