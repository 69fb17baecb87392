//! Mail over SMTP: the application layer queues, claims and renders mails;
//! this hands them to an SMTP server with lettre, round after round.

use std::{sync::Arc, time::Duration};

use async_trait::async_trait;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use raci_app::{App, MailAttempt, MailSender, OutgoingMail};

/// How long an SMTP server may take for one step of an exchange; well
/// under the lease on a claimed mail ([`raci_app::MAIL_LEASE_MS`]).
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// Why mail cannot be sent as configured.
#[derive(Debug, thiserror::Error)]
pub enum MailSetupError {
    #[error(
        "--smtp {url}: {message} (expected smtp://HOST:PORT, smtp://USER:PASS@HOST:PORT?tls=required for STARTTLS, or smtps://USER:PASS@HOST:PORT)"
    )]
    Url { url: String, message: String },
    #[error("--mail-from {from:?}: {message} (expected an address such as raci@example.com or \"raci <raci@example.com>\")")]
    From { from: String, message: String },
}

/// Sends mails through one SMTP server, with a pool of connections.
pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The domain of the sender's address, for Message-IDs.
    domain: String,
}

impl std::fmt::Debug for SmtpSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The transport's credentials stay out of any log.
        f.debug_struct("SmtpSender")
            .field("from", &self.from)
            .finish()
    }
}

impl SmtpSender {
    /// A sender to the SMTP server `url` names (`smtp://host:port`,
    /// `smtps://user:pass@host`), from the address `from`.
    pub fn new(url: &str, from: &str) -> Result<SmtpSender, MailSetupError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailSetupError::Url {
                url: raci_store::redacted(url),
                message: e.to_string(),
            })?
            .timeout(Some(TIMEOUT))
            .build();
        let from: Mailbox =
            from.parse()
                .map_err(|e: lettre::address::AddressError| MailSetupError::From {
                    from: from.to_owned(),
                    message: e.to_string(),
                })?;
        let domain = from.email.domain().to_owned();
        Ok(SmtpSender {
            transport,
            from,
            domain,
        })
    }

    /// The message for an outgoing mail: both bodies as alternatives, and
    /// a Message-ID of the outbox row, the same on every attempt.
    fn message(&self, mail: &OutgoingMail) -> Result<Message, String> {
        let to = mail
            .to
            .parse()
            .map(|email| Mailbox::new(Some(mail.to_name.clone()), email))
            .map_err(|e| format!("the address {:?} is none: {e}", mail.to))?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&mail.subject)
            .message_id(Some(format!("<raci.mail.{}@{}>", mail.id, self.domain)))
            .multipart(MultiPart::alternative_plain_html(
                mail.text.clone(),
                mail.html.clone(),
            ))
            .map_err(|e| format!("the mail cannot be built: {e}"))
    }
}

#[async_trait]
impl MailSender for SmtpSender {
    async fn send(&self, mail: &OutgoingMail) -> MailAttempt {
        let message = match self.message(mail) {
            Ok(message) => message,
            Err(why) => return MailAttempt::Refused(why),
        };
        match self.transport.send(message).await {
            Ok(_) => MailAttempt::Sent,
            Err(e) if e.is_permanent() => MailAttempt::Refused(e.to_string()),
            Err(e) => MailAttempt::Retry(e.to_string()),
        }
    }
}

/// Runs a mail round per interval, forever, on the system clock; the
/// server aborts it.
pub async fn run(app: App, sender: Arc<dyn MailSender>, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match app.mail_round(&*sender, raci_store::now_ms()).await {
            Ok(round) if round.attempted > 0 || round.expired > 0 => tracing::info!(
                sent = round.sent,
                attempted = round.attempted,
                digests = round.digests,
                alerts = round.alerts,
                expired = round.expired,
                "mail round"
            ),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "mail round failed"),
        }
    }
}
