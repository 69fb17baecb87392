//! Telling people by e-mail. Mails are queued in the outbox with each
//! notice, as each recipient chose (see [`raci_store::MailWrites`]); a
//! round of [`App::mail_round`], run by every server that sends mail,
//! gathers the digests of the day that ended, queues the reminders and
//! escalations now due, and sends what is due through the [`MailSender`]
//! the server gives it (SMTP). Each step is decided in the database
//! (a digest per user and window, an alert per duty, cycle and stage, a
//! lease per mail), so servers sharing it never send one mail twice.

mod alerts;
mod compose;
mod preferences;

use async_trait::async_trait;
use raci_store::{Mail, MailStatus};
use serde::Deserialize;

use crate::policy::roles;
use crate::views::MailView;
use crate::{App, AppResult, Caller, RetryPolicy};

pub use preferences::PreferencesInput;

/// One day, in milliseconds.
pub const DAY_MS: i64 = 86_400_000;
/// How long a claimed mail is reserved for the server that claimed it:
/// longer than an SMTP exchange may take.
pub const MAIL_LEASE_MS: i64 = 120_000;
/// Mails sent in one round at most.
const BATCH: i64 = 64;
/// The most mails an admin's listing shows.
const LIST_LIMIT: i64 = 500;

/// What the service's mails say and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailPolicy {
    /// Where the web pages are, for the links of mails (`https://raci.example.com`).
    pub public_url: String,
    /// How long before a due date its R owner is reminded, each time
    /// (milliseconds): `7d,1d` is two reminders.
    pub remind_before_ms: Vec<i64>,
    /// The window a digest gathers: one day, ending at midnight UTC.
    pub digest_window_ms: i64,
    /// Mails older than this when a round first sees them are not sent:
    /// what waited while no server sent mail is news no longer.
    pub max_age_ms: i64,
    /// The back-off and the attempts of a mail the SMTP server did not take.
    pub retry: RetryPolicy,
}

impl Default for MailPolicy {
    fn default() -> Self {
        MailPolicy {
            public_url: "http://127.0.0.1:8080".to_owned(),
            remind_before_ms: vec![7 * DAY_MS, DAY_MS],
            digest_window_ms: DAY_MS,
            max_age_ms: 2 * DAY_MS,
            retry: RetryPolicy {
                base_ms: 60_000,
                cap_ms: 3_600_000,
                max_attempts: 8,
            },
        }
    }
}

/// A mail ready to hand to the SMTP server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    /// The outbox row: the same on every attempt (a `Message-ID` from it
    /// lets a receiver drop a repeat).
    pub id: i64,
    pub to: String,
    pub to_name: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// What handing one mail to the SMTP server gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailAttempt {
    Sent,
    /// Worth another try later (no connection, a 4xx answer): why.
    Retry(String),
    /// Refused for good (a 5xx answer, an address that is none): why.
    Refused(String),
}

/// Hands mails to an SMTP server; the server gives one (lettre).
#[async_trait]
pub trait MailSender: Send + Sync {
    async fn send(&self, mail: &OutgoingMail) -> MailAttempt;
}

/// What one round did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailRound {
    /// Mails dropped as too old.
    pub expired: u64,
    /// Digests made.
    pub digests: usize,
    /// Reminders and escalations queued (one per recipient).
    pub alerts: usize,
    /// Mails handed to the sender, and those it took.
    pub attempted: usize,
    pub sent: usize,
}

/// Which mails of the outbox to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MailFilter {
    /// Only mails of this status (`failed`: those given up).
    #[param(inline)]
    pub status: Option<MailStatus>,
}

impl App {
    /// One round of the mail worker at `now` (the server passes the clock,
    /// tests a clock of their own): expire old news, make the digests of
    /// windows that ended, queue the alerts now due, send the due mails.
    pub async fn mail_round(&self, sender: &dyn MailSender, now: i64) -> AppResult<MailRound> {
        let policy = &self.config.mail;
        let mut round = MailRound::default();
        let mut w = self.store.write().await?;
        round.expired = w
            .expire_mails(now.saturating_sub(policy.max_age_ms))
            .await?;
        w.commit().await?;
        round.digests = self.gather_digests(now).await?;
        round.alerts = self.queue_alerts(now).await?;
        let due = self.store.read().await?.due_mails(now, BATCH).await?;
        for id in due {
            let mut w = self.store.write().await?;
            let claimed = w.claim_mail(id, now, MAIL_LEASE_MS).await?;
            w.commit().await?;
            if let Some(mail) = claimed {
                round.attempted += 1;
                if self.send_mail(sender, mail, now).await? {
                    round.sent += 1;
                }
            }
        }
        Ok(round)
    }

    /// Makes the digest of every user whose items wait from before the
    /// current window.
    async fn gather_digests(&self, now: i64) -> AppResult<usize> {
        let window = self.config.mail.digest_window_ms.max(1);
        let start = now.saturating_sub(now.rem_euclid(window));
        let users = self
            .store
            .read()
            .await?
            .users_with_waiting_digest(start)
            .await?;
        let mut made = 0;
        for user in users {
            let mut w = self.store.write().await?;
            made += usize::from(w.gather_digest(user, start, now).await?.is_some());
            w.commit().await?;
        }
        Ok(made)
    }

    /// Renders and sends one claimed mail, and records the outcome: whether
    /// the SMTP server took it.
    async fn send_mail(&self, sender: &dyn MailSender, mail: Mail, now: i64) -> AppResult<bool> {
        let outgoing = {
            let mut r = self.store.read().await?;
            compose::outgoing(&mut *r, &self.config.mail, &mail).await?
        };
        let attempt = sender.send(&outgoing).await;
        let retry = self.config.mail.retry;
        let mut w = self.store.write().await?;
        let sent = match attempt {
            MailAttempt::Sent => {
                w.record_mail_sent(mail.id, now).await?;
                true
            }
            MailAttempt::Retry(why) => {
                let attempts = mail.attempts.saturating_add(1);
                let retry_at = (attempts < retry.max_attempts)
                    .then(|| now.saturating_add(retry.backoff_ms(attempts)));
                w.record_mail_failure(mail.id, &why, retry_at).await?;
                false
            }
            MailAttempt::Refused(why) => {
                w.record_mail_failure(mail.id, &why, None).await?;
                false
            }
        };
        w.commit().await?;
        if !sent {
            tracing::warn!(mail = mail.id, kind = %mail.kind, "a mail was not taken");
        }
        Ok(sent)
    }

    /// The organization's outbox, newest first (admins): what was sent,
    /// what waits, and what was given up and why.
    pub async fn mails(&self, caller: &Caller, filter: &MailFilter) -> AppResult<Vec<MailView>> {
        roles::require_admin(caller)?;
        let mut r = self.store.read().await?;
        let users = r.users(caller.org.id).await?;
        Ok(r.mails(caller.org.id, filter.status, LIST_LIMIT)
            .await?
            .into_iter()
            .map(|m| {
                let to = users
                    .iter()
                    .find(|u| u.id == m.user_id)
                    .map(|u| u.email.clone())
                    .unwrap_or_default();
                MailView::of(m, to)
            })
            .collect())
    }
}
