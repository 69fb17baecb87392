//! `raci remote …`: a client of a running `raci serve`, over its JSON API.
//!
//! Answers are shown as the server sent them (`--format json`) or as tables
//! and one-line summaries. A refusal is shown with the server's own message
//! and the field it names, and ends with a non-zero exit code: 1 when a
//! publish was refused for lint findings (like `raci lint`), 2 otherwise.
//! The token goes in the `Authorization` header and nowhere else.

use std::time::Duration;

use anyhow::{bail, Context, Result};
use raci_app::views::{
    DutyDetailView, DutyView, ErrorBody, PublishedView, RolesView, ServiceView, SubscriptionView,
};
use raci_store::DutyState;
use reqwest::blocking::{Client, RequestBuilder};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::args::{
    Global, RemoteArgs, RemoteCommand, RemoteFormat, RemotePublishArgs, RemoteServiceCommand,
};
use crate::exit::Outcome;
use crate::output;

/// How long one request may take, publishing a large matrix included.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The longest activity text shown in a table cell, in characters.
const TEXT_WIDTH: usize = 60;

pub fn run(args: &RemoteArgs, _global: &Global) -> Result<Outcome> {
    let remote = Remote::new(args)?;
    let reply = match &args.command {
        RemoteCommand::Services => remote
            .get::<Vec<ServiceView>>("/services")?
            .map(Shown::Services),
        RemoteCommand::Service(RemoteServiceCommand::Create { slug, name }) => remote
            .send::<ServiceView>(
                Method::POST,
                "/services",
                Some(json!({"slug": slug, "name": name})),
            )?
            .map(Shown::Service),
        RemoteCommand::Publish(publish) => remote.publish(publish)?.map(Shown::Published),
        RemoteCommand::Subscribe { service } => remote
            .send::<SubscriptionView>(
                Method::POST,
                "/subscriptions",
                Some(json!({ "service": service })),
            )?
            .map(Shown::Subscription),
        RemoteCommand::Subscriptions => remote
            .get::<Vec<SubscriptionView>>("/subscriptions")?
            .map(Shown::Subscriptions),
        RemoteCommand::Duties {
            subscription,
            state,
        } => remote
            .duties(*subscription, state.as_deref())?
            .map(Shown::Duties),
        RemoteCommand::Duty { id } => remote
            .get::<DutyDetailView>(&format!("/duties/{id}"))?
            .map(|d| Shown::Duty(Box::new(d))),
        RemoteCommand::Transition { duty, to, reason } => {
            let (step, body) = match to.as_str() {
                "in_progress" => ("start", None),
                "not_applicable" => (
                    "not-applicable",
                    Some(json!({"reason": reason.clone().unwrap_or_default()})),
                ),
                other => bail!(
                    "--to: a duty moves to in_progress or not_applicable here, not {other:?}; \
                     its other states are reached through its steps (`raci remote do`)"
                ),
            };
            remote
                .send::<Value>(Method::POST, &format!("/duties/{duty}/{step}"), body)?
                .map(Shown::Step)
        }
        RemoteCommand::Do { duty, step, json } => {
            let body = step_body(json.as_deref())?;
            if !valid_step(step) {
                bail!("a step is path segments of lowercase letters, digits or '-', not {step:?}");
            }
            remote
                .send::<Value>(Method::POST, &format!("/duties/{duty}/{step}"), Some(body))?
                .map(Shown::Step)
        }
    };
    match reply {
        Reply::Ok { shown, raw } => {
            match args.format {
                RemoteFormat::Json => output::print(&pretty(&raw)),
                RemoteFormat::Human => output::print(&human(&shown)),
            }
            Ok(Outcome::Clean)
        }
        Reply::Refused { status, body } => Ok(refused(status, &body, args.format)),
    }
}

/// A successful answer, read into the type the server serializes.
enum Shown {
    Services(Vec<ServiceView>),
    Service(ServiceView),
    Published(PublishedView),
    Subscription(SubscriptionView),
    Subscriptions(Vec<SubscriptionView>),
    Duties(Vec<DutyView>),
    Duty(Box<DutyDetailView>),
    /// A workflow step: most answer the duty, some what they made.
    Step(Value),
}

/// What the server answered: a 2xx body (typed, and as it came), or a
/// refusal with its JSON error (or the text of a proxy's page).
enum Reply<T> {
    Ok { shown: T, raw: Value },
    Refused { status: StatusCode, body: Value },
}

impl<T> Reply<T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Reply<U> {
        match self {
            Reply::Ok { shown, raw } => Reply::Ok {
                shown: f(shown),
                raw,
            },
            Reply::Refused { status, body } => Reply::Refused { status, body },
        }
    }
}

struct Remote {
    /// `http://host:port/api/v1`, without a trailing slash.
    api: String,
    /// The server URL as given, for messages.
    server: String,
    token: Option<String>,
    http: Client,
}

impl Remote {
    fn new(args: &RemoteArgs) -> Result<Self> {
        let server = args.server.trim().trim_end_matches('/').to_owned();
        if !(server.starts_with("http://") || server.starts_with("https://")) {
            bail!("--server must be an http:// or https:// URL, not {server:?}");
        }
        let http = Client::builder()
            .timeout(TIMEOUT)
            .build()
            .context("cannot set up the HTTP client")?;
        Ok(Remote {
            api: format!("{server}/api/v1"),
            server,
            token: args.token.clone().filter(|t| !t.trim().is_empty()),
            http,
        })
    }

    fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let request = self.http.request(method, format!("{}{path}", self.api));
        match &self.token {
            Some(token) => request.bearer_auth(token.trim()),
            None => request,
        }
    }

    fn get<T: DeserializeOwned>(&self, path: &str) -> Result<Reply<T>> {
        self.send(Method::GET, path, None)
    }

    /// Sends a request with an optional JSON body.
    fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Reply<T>> {
        let mut request = self.request(method, path);
        if let Some(body) = body {
            request = request.json(&body);
        }
        self.answer(request)
    }

    fn answer<T: DeserializeOwned>(&self, request: RequestBuilder) -> Result<Reply<T>> {
        let response = request.send().map_err(|e| self.unreachable(e))?;
        let status = response.status();
        let text = response
            .text()
            .map_err(|e| anyhow::anyhow!("the answer of {} was cut short: {e}", self.server))?;
        // Not every answer is JSON (a proxy's error page): keep it as text.
        let raw = serde_json::from_str(&text).unwrap_or(Value::String(text));
        if !status.is_success() {
            return Ok(Reply::Refused { status, body: raw });
        }
        let shown = serde_json::from_value(raw.clone()).with_context(|| {
            format!(
                "the answer of {} is not what this raci version reads (is the server another version?)",
                self.server
            )
        })?;
        Ok(Reply::Ok { shown, raw })
    }

    /// A transport failure, worded for someone who may have forgotten to start the server.
    fn unreachable(&self, e: reqwest::Error) -> anyhow::Error {
        let e = e.without_url();
        if e.is_connect() {
            anyhow::anyhow!(
                "cannot connect to the raci server at {} (is `raci serve` running there? \
                 set --server or RACI_SERVER): {e}",
                self.server
            )
        } else if e.is_timeout() {
            anyhow::anyhow!(
                "the raci server at {} did not answer within {} s",
                self.server,
                TIMEOUT.as_secs()
            )
        } else {
            anyhow::anyhow!("request to the raci server at {} failed: {e}", self.server)
        }
    }

    fn publish(&self, args: &RemotePublishArgs) -> Result<Reply<PublishedView>> {
        let bytes = std::fs::read(&args.file)
            .with_context(|| format!("cannot read {}", args.file.display()))?;
        let mut query: Vec<(&str, String)> = Vec::new();
        if let Some(format) = args.input_format {
            query.push(("format", format.to_string()));
        }
        if args.force {
            query.push(("force", "true".to_owned()));
        }
        let request = self
            .request(
                Method::POST,
                &format!("/services/{}/editions", args.service),
            )
            .query(&query)
            .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
            .body(bytes);
        self.answer(request)
    }

    /// A subscription's duties, only those in `state` when given.
    fn duties(&self, subscription: i64, state: Option<&str>) -> Result<Reply<Vec<DutyView>>> {
        let mut path = format!("/subscriptions/{subscription}/duties");
        if let Some(state) = state {
            let state: DutyState = state.parse().map_err(|e| anyhow::anyhow!("--state: {e}"))?;
            path.push_str(&format!("?state={state}"));
        }
        self.get(&path)
    }
}

/// The body of a workflow step: the `--json` object, or none.
fn step_body(json: Option<&str>) -> Result<Value> {
    let Some(json) = json else {
        return Ok(json!({}));
    };
    let value: Value =
        serde_json::from_str(json).context("--json: the step's body is not valid JSON")?;
    if !value.is_object() {
        bail!("--json: the step's body must be a JSON object");
    }
    Ok(value)
}

/// A step is one or more path segments of lowercase letters, digits and
/// `-` (`signoff`, `consultations/7/answer`): nothing that could leave the
/// duty's path.
fn valid_step(step: &str) -> bool {
    step.len() <= 80
        && step.split('/').all(|segment| {
            !segment.is_empty()
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

/// Reports a refusal and picks the exit code.
fn refused(status: StatusCode, body: &Value, format: RemoteFormat) -> Outcome {
    let error: Option<ErrorBody> = serde_json::from_value(body.clone()).ok();
    let message = match &error {
        Some(e) => e.error.message.clone(),
        None => body
            .as_str()
            .map(|s| s.chars().take(200).collect())
            .unwrap_or_else(|| "no message".to_owned()),
    };
    let mut line = format!("the server answered {status}: {message}");
    if let Some(field) = error.as_ref().and_then(|e| e.error.field.as_deref()) {
        line.push_str(&format!(" (field `{field}`)"));
    }
    output::error_line(&line);
    let findings = error.map(|e| e.error.findings).unwrap_or_default();
    if format == RemoteFormat::Json {
        output::print(&pretty(body));
    } else {
        for finding in &findings {
            let activity = finding
                .activity
                .as_deref()
                .map_or(String::new(), |a| format!(" [{a}]"));
            output::print(&format!(
                "{} {} (line {}){activity}: {}",
                finding.code, finding.name, finding.line, finding.message
            ));
        }
    }
    if findings.is_empty() {
        Outcome::Unusable
    } else {
        Outcome::Findings
    }
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

/// The human form of a successful answer.
fn human(shown: &Shown) -> String {
    match shown {
        Shown::Services(list) => table(
            &["ID", "SLUG", "NAME", "PROVIDER", "EDITION"],
            list.iter()
                .map(|s| {
                    vec![
                        s.id.to_string(),
                        s.slug.clone(),
                        s.name.clone(),
                        s.provider.name.clone(),
                        s.latest_edition
                            .as_ref()
                            .map_or("-".to_owned(), |e| e.number.to_string()),
                    ]
                })
                .collect(),
        ),
        Shown::Service(s) => format!("service {} created: {} ({})", s.id, s.slug, s.name),
        Shown::Published(p) => {
            let mut line = format!(
                "published edition {} of service {} (edition id {}, content {})",
                p.edition.number, p.edition.service, p.edition.id, p.edition.content_hash
            );
            if let Some(c) = &p.changes {
                line.push_str(&format!(
                    "\n  against edition {}: {} changed ({} with role changes), {} added, {} removed; {} change notice(s) sent",
                    c.previous, c.summary.changed, c.summary.role_changes, c.summary.added,
                    c.summary.removed, c.notices
                ));
            }
            line
        }
        Shown::Subscription(s) => format!(
            "subscription {} to service {} ({}), edition {}, {} duties",
            s.id, s.service.id, s.service.name, s.edition.number, s.duties
        ),
        Shown::Subscriptions(list) => table(
            &["ID", "SERVICE", "EDITION", "CUSTOMER", "PROVIDER", "DUTIES"],
            list.iter()
                .map(|s| {
                    vec![
                        s.id.to_string(),
                        s.service.name.clone(),
                        s.edition.number.to_string(),
                        s.customer.name.clone(),
                        s.provider.name.clone(),
                        s.duties.to_string(),
                    ]
                })
                .collect(),
        ),
        Shown::Duties(list) => table(
            &["ID", "STATE", "ACTIVITY", "ROLES", "TEXT"],
            list.iter()
                .map(|d| {
                    vec![
                        d.id.to_string(),
                        d.state.to_string(),
                        d.activity_id.clone(),
                        roles(&d.roles),
                        truncate(&d.text, TEXT_WIDTH),
                    ]
                })
                .collect(),
        ),
        Shown::Duty(d) => duty_card(d),
        Shown::Step(value) => match serde_json::from_value::<DutyView>(value.clone()) {
            Ok(duty) => format!("duty {} is now {}", duty.id, duty.state),
            Err(_) => pretty(value),
        },
    }
}

/// Each party's letters (`Client:R OVHcloud:AI`).
fn roles(roles: &RolesView) -> String {
    roles
        .iter()
        .map(|(party, letters)| format!("{party}:{letters}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// Rows as an aligned table, or a note when there are none.
fn table(headers: &[&str], rows: Vec<Vec<String>>) -> String {
    if rows.is_empty() {
        return "(none)".to_owned();
    }
    let widths: Vec<usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([h.chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        padded.join("  ").trim_end().to_owned()
    };
    let header: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
    std::iter::once(line(&header))
        .chain(rows.iter().map(|r| line(r)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One duty, a field a line.
fn duty_card(detail: &DutyDetailView) -> String {
    let d = &detail.duty;
    let mut lines = vec![
        format!("duty {}  ({})", d.id, d.state),
        format!("activity:     {}", d.activity_id),
        format!("text:         {}", d.text),
        format!("section:      {}", d.section.join(" › ")),
        format!("roles:        {}", roles(&d.roles)),
        format!("subscription: {}", d.subscription),
        format!("kind:         {}", d.kind),
        format!("cycle:        {}", d.cycle),
    ];
    if let Some(reason) = &d.reason {
        lines.push(format!("reason:       {reason}"));
    }
    if let Some(r) = d.recurrence {
        lines.push(format!("recurrence:   {r}"));
    }
    if let Some(due) = d.due_at {
        let overdue = if d.overdue { " (overdue)" } else { "" };
        lines.push(format!("due at:       {due}{overdue}"));
    }
    for h in &detail.holders {
        let owners: Vec<&str> = h.owners.iter().map(|o| o.name.as_str()).collect();
        let who = if owners.is_empty() {
            "(unmapped: the organization's admins and members)".to_owned()
        } else {
            owners.join(", ")
        };
        lines.push(format!(
            "{} {:<11} {who}",
            h.letter,
            format!("{}:", h.party)
        ));
    }
    lines.push(format!("evidence:     {}", detail.evidence.len()));
    lines.push(format!("consultations: {}", detail.consultations.len()));
    lines.push(format!("sign-offs:    {}", detail.signoffs.len()));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_and_say_when_empty() {
        let rows = vec![
            vec!["1".to_owned(), "k8s".to_owned()],
            vec!["22".to_owned(), "db".to_owned()],
        ];
        assert_eq!(table(&["ID", "SLUG"], rows), "ID  SLUG\n1   k8s\n22  db");
        assert_eq!(table(&["ID"], Vec::new()), "(none)");
    }

    #[test]
    fn roles_read_in_column_order() {
        let mut r = RolesView::new();
        r.insert("Client".into(), "R".into());
        r.insert("OVHcloud".into(), "AI".into());
        assert_eq!(roles(&r), "Client:R OVHcloud:AI");
    }

    #[test]
    fn steps_are_path_safe_and_bodies_are_objects() {
        assert!(valid_step("signoff"));
        assert!(valid_step("send-back"));
        assert!(valid_step("consultations/7/answer"));
        assert!(!valid_step("../admin"));
        assert!(!valid_step("a//b"));
        assert!(!valid_step(""));
        assert!(step_body(Some("[1]")).is_err());
        assert_eq!(step_body(None).unwrap(), json!({}));
    }

    #[test]
    fn long_text_is_cut_on_characters() {
        assert_eq!(truncate("échéance", 4), "éch…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}
