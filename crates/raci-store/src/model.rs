//! The rows the store keeps, as the callers see them.

use indexmap::IndexMap;
use raci_model::Roles;
use serde::{Deserialize, Serialize};

use crate::Stored;

/// A stored text that names no value of an enum.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} {value:?}; expected one of {expected}")]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
    pub expected: &'static str,
}

/// An enum stored (and shown by the API) as one lower-case word.
macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The text stored in the database and used in the API.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(UnknownValue {
                        kind: stringify!($name),
                        value: s.to_owned(),
                        expected: concat!($($text, " "),+),
                    }),
                }
            }
        }

        text_column!([] $name, |text| text.parse::<$name>());
    };
}

text_enum!(
    /// Who an organization is in the service relationship.
    OrgKind { Provider = "provider", Customer = "customer" }
);
text_enum!(
    /// A user's role in their organization: admins manage it, members work,
    /// auditors only read.
    UserRole { Admin = "admin", Member = "member", Auditor = "auditor" }
);
text_enum!(
    /// Where a duty stands in its R → C → A flow.
    DutyState {
        Open = "open",
        InProgress = "in_progress",
        AwaitingConsultation = "awaiting_consultation",
        AwaitingSignoff = "awaiting_signoff",
        Done = "done",
        NotApplicable = "not_applicable",
    }
);
text_enum!(
    /// Where a duty comes from: an activity of the matrix, or an event
    /// raised against the subscription.
    DutyKind { Activity = "activity", Incident = "incident", ChangeRequest = "change_request" }
);
text_enum!(
    /// How often a duty reopens once done.
    Recurrence {
        Monthly = "monthly",
        Quarterly = "quarterly",
        Semiannual = "semiannual",
        Yearly = "yearly",
    }
);
text_enum!(
    /// A consultee's answer; `object` sends the duty back to its R owner.
    Answer { Agree = "agree", Object = "object" }
);
text_enum!(
    /// An A owner's decision; `send_back` sends the duty back to its R owner.
    Decision { Approve = "approve", SendBack = "send_back" }
);
text_enum!(
    /// What an evidence item holds.
    EvidenceKind { Text = "text", Link = "link", File = "file" }
);
text_enum!(
    /// The letters owners are mapped for (S, where a RASCI matrix has it,
    /// is not routed).
    Letter { R = "R", A = "A", C = "C", I = "I" }
);
text_enum!(
    /// How a webhook delivery stands.
    DeliveryStatus { Pending = "pending", Delivered = "delivered", Failed = "failed" }
);
text_enum!(
    /// How a user wants to be told by mail: each message as it comes, one
    /// digest a day, or not at all (the inbox still has everything).
    MailPreference { Immediate = "immediate", Digest = "digest", None = "none" }
);
text_enum!(
    /// How a mail of the outbox stands: `expired` ones waited too long for
    /// a server that sends mail and were dropped.
    MailStatus { Pending = "pending", Sent = "sent", Failed = "failed", Expired = "expired" }
);

impl Recurrence {
    /// The period in milliseconds. Periods are plain day counts (30, 91, 182
    /// and 365 days) rather than calendar months: simple, and the drift is at
    /// most a few days a year, which is fine for reviews and restoration tests.
    pub fn period_ms(self) -> i64 {
        let days = match self {
            Recurrence::Monthly => 30,
            Recurrence::Quarterly => 91,
            Recurrence::Semiannual => 182,
            Recurrence::Yearly => 365,
        };
        days * 24 * 60 * 60 * 1000
    }
}

impl Letter {
    /// The letter as the matrix writes it.
    pub fn as_char(self) -> char {
        match self {
            Letter::R => 'R',
            Letter::A => 'A',
            Letter::C => 'C',
            Letter::I => 'I',
        }
    }

    /// The matrix role this letter stands for.
    pub fn role(self) -> raci_model::Role {
        match self {
            Letter::R => raci_model::Role::Responsible,
            Letter::A => raci_model::Role::Accountable,
            Letter::C => raci_model::Role::Consulted,
            Letter::I => raci_model::Role::Informed,
        }
    }
}

/// A provider or customer organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organization {
    pub id: i64,
    pub name: String,
    pub kind: OrgKind,
    pub created_at: i64,
}

/// A user of one organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub org: i64,
    pub email: String,
    pub name: String,
    pub role: UserRole,
    /// An argon2 PHC string, or none for token-only users.
    #[serde(skip_serializing)]
    pub password_hash: Option<String>,
    pub created_at: i64,
}

/// What creating a user needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub org: i64,
    pub email: String,
    pub name: String,
    pub role: UserRole,
    pub password_hash: Option<String>,
}

/// An API token as stored: only the sha256 of its secret is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiToken {
    pub id: i64,
    pub user_id: i64,
    #[serde(skip_serializing, default)]
    pub hash: String,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// A token just created: the secret is shown this once and never stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedToken {
    pub token: ApiToken,
    pub secret: String,
}

/// A service of a provider's catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Service {
    pub id: i64,
    pub provider: i64,
    pub slug: String,
    pub name: String,
    pub created_at: i64,
}

/// One immutable published edition of a service's matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Edition {
    pub id: i64,
    pub service: i64,
    pub number: i64,
    pub published_at: i64,
    /// The canonical `raci/v1` JSON document, as published.
    pub document_json: String,
    /// Hex sha256 of `document_json`.
    pub content_hash: String,
}

/// A customer's subscription to a service, bound to one edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Subscription {
    pub id: i64,
    pub customer: i64,
    pub service: i64,
    pub edition: i64,
    pub created_at: i64,
}

/// The letters of each party column of an activity, in column order.
pub type PartyRoles = IndexMap<String, Roles>;

/// One activity of a subscribed edition, as a live obligation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Duty {
    pub id: i64,
    pub subscription: i64,
    pub activity_id: String,
    pub text: String,
    /// The activity's headings, outermost first.
    #[sqlx(rename = "section_json")]
    pub section: Stored<Vec<String>>,
    /// The activity's letters per party column.
    #[sqlx(rename = "roles_json")]
    pub roles: Stored<PartyRoles>,
    pub state: DutyState,
    /// Why the duty is not applicable, when it is.
    pub reason: Option<String>,
    pub recurrence: Option<Recurrence>,
    pub updated_at: i64,
    /// 1, then one more each time a recurring duty reopens.
    pub cycle: i64,
    /// When the current cycle is due, if it has a due date.
    pub due_at: Option<i64>,
    /// When a done recurring duty reopens.
    pub next_due_at: Option<i64>,
    pub kind: DutyKind,
    /// When an accepted change notice retired the duty (its activity left the matrix).
    pub retired_at: Option<i64>,
}

/// A duty to create: from an activity of the matrix, or for an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDuty {
    pub subscription: i64,
    pub activity_id: String,
    pub text: String,
    pub section: Vec<String>,
    pub roles: PartyRoles,
    pub kind: DutyKind,
}

/// One entry of an organization's hash-chained audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct AuditEntry {
    pub id: i64,
    pub org: i64,
    pub seq: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub details_json: String,
    pub prev_hash: String,
    pub hash: String,
}
