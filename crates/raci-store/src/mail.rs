//! E-mail: each user's language and choice of mail, the mail outbox, the
//! items waiting for a daily digest, and the reminders already sent.
//!
//! [`crate::NotifyWrites::notify`] writes, in the transaction of the change
//! it reports, a pending mail for each recipient who wants mail as it comes
//! and a digest item for each who wants a daily digest (none for those who
//! want no mail). A round of the mail worker gathers the digest items of a
//! day that ended into one mail per user ([`MailWrites::gather_digest`],
//! made once per user and window whoever runs it), records reminders once
//! per duty, cycle and stage ([`MailWrites::record_alert`]), and claims due
//! mails with a lease ([`MailWrites::claim_mail`]) so that servers sharing
//! the database never send one mail twice.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::{Duty, MailPreference, MailStatus, Result};

/// A user's language and choice of mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Preferences {
    /// `en` or `fr`; none when the user has not chosen.
    pub locale: Option<String>,
    #[sqlx(rename = "mail_preference")]
    pub mail: MailPreference,
}

/// One mail of the outbox, to one user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Mail {
    pub id: i64,
    pub org: i64,
    pub user_id: i64,
    /// The inbox kind it tells of, `digest`, `duty.reminder` or `duty.overdue`.
    pub kind: String,
    pub subject: String,
    pub payload_json: String,
    pub once_key: Option<String>,
    /// Failed attempts so far.
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub status: MailStatus,
    pub last_error: Option<String>,
    pub locked_until: Option<i64>,
    pub sent_at: Option<i64>,
    pub created_at: i64,
}

/// A message waiting for (or carried by) a user's daily digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct DigestItem {
    pub id: i64,
    pub org: i64,
    pub user_id: i64,
    pub kind: String,
    pub subject: String,
    pub payload_json: String,
    pub created_at: i64,
    /// The digest mail that carried it; none while it waits.
    pub mail: Option<i64>,
}

/// A message for one user, mailed or kept for their digest as they chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail<'a> {
    pub user: i64,
    pub kind: &'a str,
    pub subject: &'a str,
    pub payload_json: &'a str,
}

#[async_trait]
pub trait MailReads: Send {
    async fn preferences(&mut self, user: i64) -> Result<Preferences>;
    async fn mail(&mut self, id: i64) -> Result<Mail>;
    /// An organization's mails, newest first, of one status when asked.
    async fn mails(
        &mut self,
        org: i64,
        status: Option<MailStatus>,
        limit: i64,
    ) -> Result<Vec<Mail>>;
    /// Ids of pending mails due at `now` and not leased, oldest first.
    async fn due_mails(&mut self, now: i64, limit: i64) -> Result<Vec<i64>>;
    /// The items a digest mail carries, oldest first.
    async fn digest_items(&mut self, mail: i64) -> Result<Vec<DigestItem>>;
    /// Users with digest items waiting that were made before `before`.
    async fn users_with_waiting_digest(&mut self, before: i64) -> Result<Vec<i64>>;
    /// Unfinished live duties with a due date at or before `until`, by due date.
    async fn duties_due_by(&mut self, until: i64) -> Result<Vec<Duty>>;
}

#[async_trait]
pub trait MailWrites: Send {
    async fn set_preferences(
        &mut self,
        user: i64,
        preferences: &Preferences,
    ) -> Result<Preferences>;
    /// A pending mail (the user wants mail as it comes) or a digest item
    /// (a daily digest), or nothing (no mail).
    async fn queue_mail(&mut self, mail: NewMail<'_>, now: i64) -> Result<()>;
    /// The digest of `user`'s items made before `window_start`, as one
    /// pending mail keyed by user and window: none when that window's digest
    /// exists already (another server made it) or nothing waits.
    async fn gather_digest(
        &mut self,
        user: i64,
        window_start: i64,
        now: i64,
    ) -> Result<Option<Mail>>;
    /// Records that `stage` of a duty's cycle was alerted; false when it
    /// was already (by this server or another).
    async fn record_alert(&mut self, duty: i64, cycle: i64, stage: &str, now: i64) -> Result<bool>;
    /// Takes the lease on a due mail until `now + lease_ms`; none when
    /// another worker holds it or it is no longer due.
    async fn claim_mail(&mut self, id: i64, now: i64, lease_ms: i64) -> Result<Option<Mail>>;
    /// The SMTP server took the mail.
    async fn record_mail_sent(&mut self, id: i64, now: i64) -> Result<Mail>;
    /// A failed attempt: pending again at `retry_at`, or failed for good
    /// when `retry_at` is none.
    async fn record_mail_failure(
        &mut self,
        id: i64,
        error: &str,
        retry_at: Option<i64>,
    ) -> Result<Mail>;
    /// Pending mails made before `made_before` are not sent any more
    /// (expired), and waiting digest items as old are dropped: what an
    /// outbox kept while no server sent mail is news no longer. The number
    /// of mails expired.
    async fn expire_mails(&mut self, made_before: i64) -> Result<u64>;
}
