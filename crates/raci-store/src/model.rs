//! The rows the store keeps, as the callers see them.

use serde::{Deserialize, Serialize};

macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
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
            type Err = crate::StoreError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(crate::StoreError::InvalidInput(format!(
                        concat!("unknown ", stringify!($name), " {:?}"), s
                    ))),
                }
            }
        }

        impl<DB: sqlx::Database> sqlx::Type<DB> for $name
        where
            String: sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <String as sqlx::Type<DB>>::type_info()
            }
            fn compatible(ty: &DB::TypeInfo) -> bool {
                <String as sqlx::Type<DB>>::compatible(ty)
            }
        }

        impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for $name
        where
            String: sqlx::Decode<'r, DB>,
        {
            fn decode(
                value: <DB as sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                Ok(<String as sqlx::Decode<'r, DB>>::decode(value)?.parse()?)
            }
        }
    };
}

text_enum!(
    /// Who an organization is in the service relationship.
    OrgKind { Provider = "provider", Customer = "customer" }
);
text_enum!(
    /// A user's role in their organization.
    UserRole { Admin = "admin", Member = "member", Auditor = "auditor" }
);
text_enum!(
    /// Where a duty stands; see [`crate::transition_allowed`].
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
    /// A consultee's answer; `object` needs a comment and sends the duty
    /// back to its R owner.
    Answer { Agree = "agree", Object = "object" }
);
text_enum!(
    /// An A owner's decision; `send_back` needs a comment and sends the
    /// duty back to its R owner.
    Decision { Approve = "approve", SendBack = "send_back" }
);

/// A provider or customer organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
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

/// What [`crate::Store::create_user`] needs.
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
pub struct ApiToken {
    pub id: i64,
    pub user_id: i64,
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

/// One activity of a subscribed edition, as a live obligation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Duty {
    pub id: i64,
    pub subscription: i64,
    pub activity_id: String,
    pub text: String,
    /// The activity's section path, a JSON array of strings.
    pub section_json: String,
    /// The activity's roles, a JSON object party → letters.
    pub roles_json: String,
    pub state: DutyState,
    /// Why the duty is not applicable, when it is.
    pub reason: Option<String>,
    /// A recurrence rule such as `quarterly`, for duties that reopen.
    pub recurrence: Option<String>,
    pub updated_at: i64,
    /// 1, then one more each time a recurring duty reopens.
    pub cycle: i64,
    /// When the current cycle is due, if it has a due date.
    pub due_at: Option<i64>,
    /// When a done recurring duty reopens.
    pub next_due_at: Option<i64>,
    /// `activity` (from the matrix), `incident` or `change_request`.
    pub kind: String,
    /// When an accepted change notice retired the duty (its activity left the matrix).
    pub retired_at: Option<i64>,
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
