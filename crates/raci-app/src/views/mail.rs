use raci_store::{Mail, MailPreference, MailStatus};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A language of the mails and pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    Fr,
}

impl Language {
    /// The language tag stored and shown: `en`, `fr`.
    pub fn as_str(self) -> &'static str {
        self.locale().as_str()
    }

    /// The locale the interfaces speak for it.
    pub fn locale(self) -> raci_mail::Locale {
        match self {
            Language::En => raci_mail::Locale::En,
            Language::Fr => raci_mail::Locale::Fr,
        }
    }

    /// The language of a stored tag; none for a tag of no language of ours.
    pub fn parse(tag: &str) -> Option<Language> {
        match raci_mail::Locale::parse(tag)? {
            raci_mail::Locale::En => Some(Language::En),
            raci_mail::Locale::Fr => Some(Language::Fr),
        }
    }
}

/// The caller's language and how they hear of their work by mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PreferencesView {
    /// The language of the caller's mails (and pages); none when not chosen:
    /// mails are then in English, pages in the browser's language.
    pub locale: Option<Language>,
    /// `immediate`: a mail for each message; `digest`: one a day; `none`:
    /// no mail (the inbox still has everything).
    pub mail: MailPreference,
}

/// One mail of the organization's outbox (never its body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MailView {
    pub id: i64,
    /// The recipient, a user of the organization.
    pub user: i64,
    /// The recipient's address.
    pub to: String,
    /// The notice it tells of (`duty.signoff`, `change_notice`…), `digest`,
    /// `duty.reminder` or `duty.overdue`.
    pub kind: String,
    /// What it is about: `duty:12`, `change_notice:3`, `user:5` (a digest).
    pub subject: String,
    pub status: MailStatus,
    /// Failed attempts so far.
    pub attempts: i64,
    /// Why the last attempt failed (the SMTP server's answer).
    pub last_error: Option<String>,
    /// When the next attempt is due, while pending.
    pub next_attempt_at: Option<i64>,
    pub sent_at: Option<i64>,
    pub created_at: i64,
}

impl MailView {
    pub(crate) fn of(m: Mail, to: String) -> Self {
        MailView {
            id: m.id,
            user: m.user_id,
            to,
            next_attempt_at: (m.status == MailStatus::Pending).then_some(m.next_attempt_at),
            kind: m.kind,
            subject: m.subject,
            status: m.status,
            attempts: m.attempts,
            last_error: m.last_error,
            sent_at: m.sent_at,
            created_at: m.created_at,
        }
    }
}
