//! The application layer of the raci service.
//!
//! Every use case of the service is one method of [`App`]: it takes the
//! authenticated [`Caller`] and typed input, checks who may do it (the rules
//! are in [`policy`], once), validates the input ([`validate`]), reads and
//! writes through one store transaction, and answers a typed view
//! ([`views`]) or an [`AppError`] carrying its code and field. The JSON API
//! and the web pages are thin layers over these methods: they extract,
//! call and render, and hold no rule of their own.

mod accounts;
mod audit;
mod caller;
mod catalog;
mod duties;
mod error;
mod events;
mod flow;
mod mail;
mod notices;
mod notify;
mod pages;
pub mod policy;
mod scope;
mod subscriptions;
mod teams;
mod tenancy;
#[cfg(any(test, feature = "test-support"))]
pub mod test_support;
pub mod validate;
pub mod views;
mod work;

use std::sync::Arc;

use raci_store::Store;

pub use accounts::{
    hash_password, verify_password, Credentials, LoginThrottle, NewToken, NewUserInput,
    PasswordChange, RoleChange, SESSION_TTL_MS,
};
pub use audit::AuditQuery;
pub use caller::Caller;
pub use catalog::{EditionFormat, NewService, PublishInput, Rendered};
pub use error::{AppError, AppResult, ErrorCode, LintFinding};
pub use events::NewEventInput;
pub use flow::{
    AnswerInput, EvidenceInput, FileEvidence, NotApplicableInput, ScheduleInput, SignOffInput,
};
pub use mail::{
    MailAttempt, MailFilter, MailPolicy, MailRound, MailSender, OutgoingMail, PreferencesInput,
    DAY_MS, MAIL_LEASE_MS,
};
pub use notify::{
    delivery_body, signature as webhook_signature, Delivered, NewWebhookInput, RetryPolicy,
    WebhookAttempt, WebhookSender,
};
pub use pages::{BoardFilter, EditionMatrix};
pub use subscriptions::{DutyFilter, LetterOwnersInput, NewSubscription, OwnersInput};
pub use teams::NewTeam;
pub use tenancy::PurgeInput;

/// Settings of the service that its use cases depend on.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// The largest evidence file accepted, in bytes.
    pub evidence_limit: usize,
    /// How many failed logins are tolerated per e-mail and per IP address.
    pub login_throttle: LoginThrottle,
    /// How long a login session lives.
    pub session_ttl_ms: i64,
    /// The back-off and the maximum attempts of webhook deliveries.
    pub webhook_retry: RetryPolicy,
    /// What mails say (their links) and when (reminders, digests, retries).
    pub mail: MailPolicy,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            evidence_limit: 1024 * 1024,
            login_throttle: LoginThrottle::default(),
            session_ttl_ms: SESSION_TTL_MS,
            webhook_retry: RetryPolicy::default(),
            mail: MailPolicy::default(),
        }
    }
}

/// The service's use cases over one store.
#[derive(Clone)]
pub struct App {
    store: Arc<dyn Store>,
    config: Arc<AppConfig>,
}

impl App {
    pub fn new(store: Arc<dyn Store>, config: AppConfig) -> Self {
        App {
            store,
            config: Arc::new(config),
        }
    }

    pub fn config(&self) -> &AppConfig {
        &self.config
    }

    /// `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        self.store.backend()
    }

    /// The store, for operators' commands that work below the use cases
    /// (migrations, verification of every chain).
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }
}

/// Milliseconds since the Unix epoch.
pub(crate) fn now() -> i64 {
    raci_store::now_ms()
}

/// Every input whose fields have rules, by the name of its schema: what the
/// OpenAPI document states on each field (see [`validate::Described`]).
pub fn input_rules() -> Vec<(String, &'static [(&'static str, validate::Rule)])> {
    fn of<T: utoipa::ToSchema + validate::Described>(
    ) -> (String, &'static [(&'static str, validate::Rule)]) {
        (T::name().into_owned(), T::RULES)
    }
    vec![
        of::<NewService>(),
        of::<OwnersInput>(),
        of::<EvidenceInput>(),
        of::<AnswerInput>(),
        of::<SignOffInput>(),
        of::<NotApplicableInput>(),
        of::<ScheduleInput>(),
        of::<NewEventInput>(),
        of::<Credentials>(),
        of::<NewUserInput>(),
        of::<PasswordChange>(),
        of::<NewTeam>(),
        of::<NewWebhookInput>(),
        of::<PurgeInput>(),
        of::<PreferencesInput>(),
    ]
}
