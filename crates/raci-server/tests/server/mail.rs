//! Mail through a real SMTP server: aiosmtpd (PyPI), started by each test
//! with a handler (`scripts/smtp_sink.py`) that writes every message it
//! takes to a folder. The clock of the mail rounds is the tests' own.
#![allow(clippy::print_stderr)] // tests say why they skip

use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use raci_app::test_support::{Cast, World, MATRIX};
use raci_app::views::Language;
use raci_app::{
    App, AppConfig, Caller, DutyFilter, EvidenceInput, LetterOwnersInput, MailFilter, MailPolicy,
    OwnersInput, PreferencesInput, PublishInput, RetryPolicy, ScheduleInput, SignOffInput, DAY_MS,
};
use raci_server::mail::SmtpSender;
use raci_store::{Assignee, MailPreference, MailStatus, UserRole};
use serde::Deserialize;

const PUBLIC: &str = "https://raci.example.test";

/// What the sink wrote of one message.
#[derive(Debug, Clone, Deserialize)]
struct Received {
    rcpt_to: Vec<String>,
    to: String,
    subject: String,
    message_id: String,
    content_type: String,
    text: Option<String>,
    html: Option<String>,
}

impl Received {
    fn text(&self) -> &str {
        self.text.as_deref().unwrap_or_default()
    }
}

/// A running aiosmtpd on 127.0.0.1 writing to a folder of its own.
struct Sink {
    child: Child,
    folder: tempfile::TempDir,
    port: u16,
}

impl Sink {
    /// A sink, or none (said) when python3 or aiosmtpd cannot be had.
    fn start() -> Option<Sink> {
        let importable = Command::new("python3")
            .args(["-c", "import aiosmtpd"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !importable {
            eprintln!(
                "skipped: the SMTP tests need python3 with aiosmtpd \
                 (bash scripts/install-aiosmtpd.sh installs it with pip)"
            );
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let folder = tempfile::tempdir().unwrap();
        let scripts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts");
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "smtp_sink.FolderHandler"])
            .arg(folder.path())
            .env("PYTHONPATH", scripts)
            .stdout(Stdio::null())
            .spawn()
            .expect("python3 runs");
        let sink = Sink {
            child,
            folder,
            port,
        };
        for _ in 0..200 {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(sink);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("aiosmtpd did not listen on 127.0.0.1:{port} within 10 s");
    }

    fn sender(&self) -> SmtpSender {
        SmtpSender::new(
            &format!("smtp://127.0.0.1:{}", self.port),
            "raci <raci@example.test>",
        )
        .unwrap()
    }

    /// Every message taken so far, in the order taken.
    fn received(&self) -> Vec<Received> {
        let mut files: Vec<_> = std::fs::read_dir(self.folder.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    /// The messages taken for `address`.
    fn to(&self, address: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|m| m.rcpt_to.iter().any(|r| r == address))
            .collect()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn config() -> AppConfig {
    AppConfig {
        mail: MailPolicy {
            public_url: format!("{PUBLIC}/"),
            retry: RetryPolicy {
                base_ms: 60_000,
                cap_ms: 3_600_000,
                max_attempts: 3,
            },
            ..MailPolicy::default()
        },
        ..AppConfig::default()
    }
}

async fn prefer(app: &App, who: &Caller, locale: Option<Language>, mail: MailPreference) {
    app.set_preferences(who, PreferencesInput { locale, mail })
        .await
        .unwrap();
}

async fn duty(app: &App, cast: &Cast, text: &str) -> i64 {
    app.duties(&cast.c_admin, cast.subscription, &DutyFilter::default())
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.text == text)
        .unwrap_or_else(|| panic!("no duty {text:?}"))
        .id
}

/// R's work on a duty, up to its sign-off.
async fn submit(app: &App, r: &Caller, duty: i64) {
    app.start_duty(r, duty).await.unwrap();
    app.add_evidence(
        r,
        duty,
        EvidenceInput::Text {
            text: "done".into(),
        },
    )
    .await
    .unwrap();
    app.submit_duty(r, duty).await.unwrap();
}

async fn approve(app: &App, a: &Caller, duty: i64) {
    app.sign_off(a, duty, SignOffInput::Approve { comment: None })
        .await
        .unwrap();
}

/// The customer's column mapped: R `r`, A the admin, I the auditor.
async fn map_customer(app: &App, cast: &Cast, r: &Caller) {
    app.set_owners(
        &cast.c_admin,
        cast.subscription,
        OwnersInput {
            party: "Customer".into(),
            owners: LetterOwnersInput {
                r: Some(Assignee::User(r.user.id)),
                a: Some(Assignee::User(cast.c_admin.user.id)),
                c: Vec::new(),
                i: vec![Assignee::User(cast.c_auditor.user.id)],
            },
        },
    )
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_user_is_mailed_as_they_chose_in_their_language() {
    let Some(sink) = Sink::start() else { return };
    let w = World::on_with("sqlite", config()).await.unwrap();
    let app = &w.app;
    let cast = w.cast(MATRIX).await;
    for (who, locale, mail) in [
        (
            &cast.c_member,
            Some(Language::Fr),
            MailPreference::Immediate,
        ),
        (&cast.c_admin, Some(Language::En), MailPreference::Digest),
        (&cast.c_auditor, None, MailPreference::None),
    ] {
        prefer(app, who, locale, mail).await;
    }
    map_customer(app, &cast, &cast.c_member).await;
    // The customer's R does a duty the customer's A signs off (told by
    // digest); the provider's admins are its I.
    let size = duty(app, &cast, "Size the cluster").await;
    submit(app, &cast.c_member, size).await;
    approve(app, &cast.c_admin, size).await;
    // The provider does one the customer's auditor is I of (no mail for them).
    let patch = duty(app, &cast, "Patch the brokers").await;
    submit(app, &cast.p_admin, patch).await;
    approve(app, &cast.p_admin, patch).await;
    let sender = sink.sender();
    let now = raci_store::now_ms();
    let round = app.mail_round(&sender, now).await.unwrap();
    assert_eq!(
        (round.attempted, round.sent, round.digests),
        (3, 3, 0),
        "{round:?}"
    );

    // The R owner: the assignment, in French, linking to their work.
    let member = sink.to("member@acme.example");
    assert_eq!(member.len(), 1, "{member:#?}");
    let assigned = &member[0];
    assert_eq!(
        assigned.subject,
        "Vous êtes responsable de 3 obligations de queue"
    );
    assert!(
        assigned.text().starts_with("Bonjour member,"),
        "{}",
        assigned.text()
    );
    assert!(assigned
        .text()
        .contains(&format!("Voir mon travail\u{202f}: {PUBLIC}/\n")));
    assert!(assigned
        .html
        .as_deref()
        .unwrap()
        .contains(&format!("<a href=\"{PUBLIC}/\"")));
    assert_eq!(assigned.content_type, "multipart/alternative");
    assert_eq!(assigned.to, "member <member@acme.example>");
    assert!(
        assigned.message_id.starts_with("<raci.mail.")
            && assigned.message_id.ends_with("@example.test>")
    );
    // The provider's admin (no language chosen: English): sign-off and done, each linking its duty.
    let provider = sink.to("admin@nimbus.example");
    let subjects: Vec<&str> = provider.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(
        subjects,
        [
            "Done: Size the cluster",
            "Sign-off requested: Patch the brokers"
        ]
    );
    assert!(provider[0]
        .text()
        .contains(&format!("See the duty: {PUBLIC}/duties/{size}\n")));
    assert!(provider[1]
        .text()
        .contains(&format!("Sign off: {PUBLIC}/duties/{patch}\n")));
    // No mail means none; the inbox still has it.
    assert!(sink.to("auditor@acme.example").is_empty());
    assert_eq!(
        app.inbox(&cast.c_auditor, false).await.unwrap()[0].kind,
        "duty.done"
    );
    assert!(
        sink.to("admin@acme.example").is_empty(),
        "digest users wait"
    );

    // A new edition moves a duty onto the customer: its admins are told.
    let moved = MATRIX.replace(
        "| Patch the brokers | I | RA |",
        "| Patch the brokers | RA | I |",
    );
    let publish = |matrix: String| PublishInput {
        bytes: matrix.into_bytes(),
        format: None,
        force: true,
    };
    app.publish(&cast.p_admin, cast.service, publish(moved.clone()))
        .await
        .unwrap();
    let notice = app.inbox(&cast.c_admin, false).await.unwrap()[0]
        .payload
        .change_notice
        .unwrap();

    // The day ends: one digest with both messages, whoever runs the rounds.
    let next_day = now - now.rem_euclid(DAY_MS) + DAY_MS;
    let round = app.mail_round(&sender, next_day + 60_000).await.unwrap();
    assert_eq!((round.digests, round.sent), (1, 1), "{round:?}");
    assert_eq!(
        app.mail_round(&sender, next_day + 7_200_000)
            .await
            .unwrap()
            .digests,
        0
    );
    let digests = sink.to("admin@acme.example");
    assert_eq!(digests.len(), 1);
    let digest = &digests[0];
    assert!(
        digest.subject.starts_with("2 messages for you in raci, "),
        "{}",
        digest.subject
    );
    assert!(digest
        .text()
        .contains(&format!("Sign off: {PUBLIC}/duties/{size}\n")));
    assert!(digest.text().contains(&format!(
        "Review the notice: {PUBLIC}/change-notices/{notice}\n"
    )));

    // News after that day's digest waits for the next day's.
    app.publish(
        &cast.p_admin,
        cast.service,
        publish(format!("{moved}| Rotate the logs | RA | I |\n")),
    )
    .await
    .unwrap();
    assert_eq!(
        app.mail_round(&sender, next_day + 8_000_000)
            .await
            .unwrap()
            .digests,
        0
    );
    let round = app
        .mail_round(&sender, next_day + DAY_MS + 1)
        .await
        .unwrap();
    assert_eq!((round.digests, round.sent), (1, 1));
    let digests = sink.to("admin@acme.example");
    assert_eq!(digests.len(), 2);
    assert!(
        digests[1]
            .subject
            .starts_with("One message for you in raci, "),
        "{}",
        digests[1].subject
    );
    assert_eq!(sink.received().len(), 5, "nothing else was sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_two_servers_send_once_and_remind_on_time() {
    two_servers_send_once_and_remind_on_time("sqlite").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_two_servers_send_once_and_remind_on_time() {
    two_servers_send_once_and_remind_on_time("postgres").await;
}

/// The customer's outbox of one status, as its admin reads it.
async fn outbox(app: &App, cast: &Cast, status: MailStatus) -> Vec<raci_app::views::MailView> {
    let filter = MailFilter {
        status: Some(status),
    };
    app.mails(&cast.c_admin, &filter).await.unwrap()
}

/// Both servers run each round at once, on one clock.
async fn both(a: &App, b: &App, sink: &Sink, now: i64) -> usize {
    let (sa, sb) = (sink.sender(), sink.sender());
    let (ra, rb) = tokio::join!(a.mail_round(&sa, now), b.mail_round(&sb, now));
    ra.unwrap().sent + rb.unwrap().sent
}

async fn two_servers_send_once_and_remind_on_time(backend: &str) {
    let Some(sink) = Sink::start() else { return };
    let Some((w, second)) = World::with_second_server(backend, config()).await else {
        return;
    };
    let app = &w.app;
    let cast = w.cast(MATRIX).await;
    // A refused address fails for good, and an admin sees why.
    let bounce = w
        .user(cast.c_admin.org.id, "bounce@acme.example", UserRole::Member)
        .await;
    map_customer(app, &cast, &cast.c_member).await;
    map_customer(app, &cast, &bounce).await;
    map_customer(app, &cast, &cast.c_member).await;

    // No SMTP server yet: the mails wait, retried with back-off.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_port = closed.local_addr().unwrap().port();
    drop(closed);
    let now = raci_store::now_ms();
    let dead = SmtpSender::new(
        &format!("smtp://127.0.0.1:{dead_port}"),
        "raci@example.test",
    )
    .unwrap();
    let round = app.mail_round(&dead, now).await.unwrap();
    assert_eq!((round.attempted, round.sent), (3, 0));
    let pending = outbox(app, &cast, MailStatus::Pending).await;
    assert_eq!(pending.len(), 3);
    assert!(pending
        .iter()
        .all(|m| m.attempts == 1 && m.next_attempt_at == Some(now + 120_000)));
    assert_eq!(
        both(app, &second, &sink, now + 60_000).await,
        0,
        "not due again yet"
    );
    // The SMTP server is there: every mail once, though both servers try.
    assert_eq!(both(app, &second, &sink, now + 120_000).await, 2);
    let failed = outbox(app, &cast, MailStatus::Failed).await;
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].to, "bounce@acme.example");
    assert!(
        failed[0].last_error.as_deref().unwrap().contains("550"),
        "{failed:?}"
    );
    assert_eq!(
        sink.to("member@acme.example").len(),
        2,
        "assigned twice, each mailed once"
    );

    // A duty due in ten days: its R is reminded 7 days and 1 day before,
    // its A told once it is overdue, each once.
    let keys = duty(app, &cast, "Back up the queue definitions").await;
    let due = now + 10 * DAY_MS;
    app.schedule_duty(
        &cast.c_admin,
        keys,
        ScheduleInput {
            recurrence: None,
            due_at: Some(due),
        },
    )
    .await
    .unwrap();
    let subjects =
        |who: &str| -> Vec<String> { sink.to(who).into_iter().map(|m| m.subject).collect() };
    let day = |ms: i64| raci_i18n_date(ms);
    for (at, sent) in [
        (due - 8 * DAY_MS, 0),
        (due - 7 * DAY_MS, 1),
        (due - 6 * DAY_MS, 0),
        (due - DAY_MS - 1, 0),
        (due - DAY_MS + 1, 1),
        (due - 1, 0),
        (due, 1),
        (due + DAY_MS, 0),
    ] {
        assert_eq!(
            both(app, &second, &sink, at).await,
            sent,
            "at due {:+} ms",
            at - due
        );
    }
    let reminder = format!("Due on {}: Back up the queue definitions", day(due));
    assert_eq!(
        subjects("member@acme.example")[2..],
        [reminder.clone(), reminder]
    );
    assert_eq!(
        subjects("admin@acme.example"),
        [format!(
            "Overdue since {}: Back up the queue definitions",
            day(due)
        )]
    );
    let escalation = &sink.to("admin@acme.example")[0];
    assert!(escalation
        .text()
        .contains(&format!("Open the duty: {PUBLIC}/duties/{keys}\n")));
    assert_eq!(sink.received().len(), 5);
}

/// A day as the English mails write it.
fn raci_i18n_date(ms: i64) -> String {
    let catalog = raci_mail::catalog();
    raci_i18n::Words::new(catalog, raci_i18n::Locale::En).date(ms)
}
