//! `raci remote …`: a client of a running `raci serve`, over its JSON API.
//!
//! Answers are shown as the server sent them (`--format json`) or as tables
//! and one-line summaries. A refusal is shown with the server's own message
//! and the field it names, and ends with a non-zero exit code: 1 when a
//! publish was refused for lint findings (like `raci lint`), 2 otherwise.
//! The token goes in the `Authorization` header and nowhere else.

use std::time::Duration;

use anyhow::{bail, Context, Result};
use reqwest::blocking::{Client, RequestBuilder};
use reqwest::{Method, StatusCode};
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
    let answer = match &args.command {
        RemoteCommand::Services => remote.call(Method::GET, "/services", None)?,
        RemoteCommand::Service(RemoteServiceCommand::Create { slug, name }) => remote.call(
            Method::POST,
            "/services",
            Some(json!({"slug": slug, "name": name})),
        )?,
        RemoteCommand::Publish(publish) => remote.publish(publish)?,
        RemoteCommand::Subscribe { service } => remote.call(
            Method::POST,
            "/subscriptions",
            Some(json!({ "service": service })),
        )?,
        RemoteCommand::Subscriptions => remote.call(Method::GET, "/subscriptions", None)?,
        RemoteCommand::Duties {
            subscription,
            state,
        } => remote.duties(*subscription, state.as_deref())?,
        RemoteCommand::Duty { id } => remote.duty(*id)?,
        RemoteCommand::Transition { duty, to, reason } => remote.call(
            Method::POST,
            &format!("/duties/{duty}/transition"),
            Some(json!({"to": to, "reason": reason})),
        )?,
        RemoteCommand::Do { duty, step, json } => {
            let body = step_body(json.as_deref())?;
            if !valid_step(step) {
                bail!("a step is path segments of lowercase letters, digits or '-', not {step:?}");
            }
            remote.call(Method::POST, &format!("/duties/{duty}/{step}"), Some(body))?
        }
    };
    match answer {
        Answer::Ok(value) => {
            match args.format {
                RemoteFormat::Json => output::print(&pretty(&value)),
                RemoteFormat::Human => output::print(&human(&args.command, &value)),
            }
            Ok(Outcome::Clean)
        }
        Answer::Refused { status, body } => Ok(refused(status, &body, args.format)),
    }
}

/// What the server answered: a 2xx body, or a refusal with its JSON error.
enum Answer {
    Ok(Value),
    Refused { status: StatusCode, body: Value },
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

    /// Sends a request with an optional JSON body.
    fn call(&self, method: Method, path: &str, body: Option<Value>) -> Result<Answer> {
        let mut request = self.request(method, path);
        if let Some(body) = body {
            request = request.json(&body);
        }
        self.send(request)
    }

    fn send(&self, request: RequestBuilder) -> Result<Answer> {
        let response = request.send().map_err(|e| self.unreachable(e))?;
        let status = response.status();
        let text = response
            .text()
            .map_err(|e| anyhow::anyhow!("the answer of {} was cut short: {e}", self.server))?;
        // Not every answer is JSON (a proxy's error page): keep it as text.
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        if status.is_success() {
            Ok(Answer::Ok(body))
        } else {
            Ok(Answer::Refused { status, body })
        }
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

    fn publish(&self, args: &RemotePublishArgs) -> Result<Answer> {
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
        self.send(request)
    }

    /// A subscription's duties, only those in `state` when given.
    fn duties(&self, subscription: i64, state: Option<&str>) -> Result<Answer> {
        if let Some(state) = state {
            if state.parse::<raci_store::DutyState>().is_err() {
                bail!(
                    "--state: unknown duty state {state:?} (open, in_progress, \
                     awaiting_consultation, awaiting_signoff, done, not_applicable)"
                );
            }
        }
        let answer = self.call(
            Method::GET,
            &format!("/subscriptions/{subscription}/duties"),
            None,
        )?;
        Ok(match (answer, state) {
            (Answer::Ok(Value::Array(duties)), Some(state)) => Answer::Ok(Value::Array(
                duties
                    .into_iter()
                    .filter(|d| d["state"].as_str() == Some(state))
                    .collect(),
            )),
            (answer, _) => answer,
        })
    }

    /// One duty: `GET /duties/{id}` where the server has it, else found
    /// among the duties of the subscriptions the caller sees (older servers).
    fn duty(&self, id: i64) -> Result<Answer> {
        let answer = self.call(Method::GET, &format!("/duties/{id}"), None)?;
        let no_route = matches!(&answer, Answer::Refused { status, body }
            if *status == StatusCode::NOT_FOUND
                && body["error"]["message"].as_str() == Some("no such route"));
        if !no_route {
            return Ok(answer);
        }
        let subscriptions = match self.call(Method::GET, "/subscriptions", None)? {
            Answer::Ok(Value::Array(subscriptions)) => subscriptions,
            other => return Ok(other),
        };
        for subscription in subscriptions {
            let Some(sid) = subscription["id"].as_i64() else {
                continue;
            };
            if let Answer::Ok(Value::Array(duties)) =
                self.call(Method::GET, &format!("/subscriptions/{sid}/duties"), None)?
            {
                if let Some(duty) = duties.into_iter().find(|d| d["id"].as_i64() == Some(id)) {
                    return Ok(Answer::Ok(duty));
                }
            }
        }
        Ok(Answer::Refused {
            status: StatusCode::NOT_FOUND,
            body: json!({"error": {"code": "not_found", "message": format!("duty {id} not found"), "field": null}}),
        })
    }
}

/// The body of a workflow step: the `--json` object, or `{}`.
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
    let error = &body["error"];
    let message = error["message"]
        .as_str()
        .map(str::to_owned)
        .or_else(|| body.as_str().map(|s| s.chars().take(200).collect()))
        .unwrap_or_else(|| "no message".to_owned());
    let mut line = format!("the server answered {status}: {message}");
    if let Some(field) = error["field"].as_str() {
        line.push_str(&format!(" (field `{field}`)"));
    }
    output::error_line(&line);
    let findings = error["details"]["findings"].as_array();
    if format == RemoteFormat::Json {
        output::print(&pretty(body));
    } else {
        for finding in findings.into_iter().flatten() {
            let activity = finding["activity"]
                .as_str()
                .map_or(String::new(), |a| format!(" [{a}]"));
            output::print(&format!(
                "{} {}{activity}: {}",
                finding["code"].as_str().unwrap_or("?"),
                finding["name"].as_str().unwrap_or("?"),
                finding["message"].as_str().unwrap_or(""),
            ));
        }
    }
    if findings.is_some_and(|f| !f.is_empty()) {
        Outcome::Findings
    } else {
        Outcome::Unusable
    }
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

/// The human form of a successful answer to `command`.
fn human(command: &RemoteCommand, value: &Value) -> String {
    match command {
        RemoteCommand::Services => table(
            value,
            &["ID", "SLUG", "NAME", "PROVIDER"],
            &[
                |s| cell(&s["id"]),
                |s| cell(&s["slug"]),
                |s| cell(&s["name"]),
                |s| cell(&s["provider"]),
            ],
        ),
        RemoteCommand::Service(RemoteServiceCommand::Create { .. }) => format!(
            "service {} created: {} ({})",
            cell(&value["id"]),
            cell(&value["slug"]),
            cell(&value["name"])
        ),
        RemoteCommand::Publish(_) => format!(
            "published edition {} of service {} (edition id {}, content {})",
            cell(&value["number"]),
            cell(&value["service"]),
            cell(&value["id"]),
            cell(&value["content_hash"])
        ),
        RemoteCommand::Subscribe { .. } => format!(
            "subscription {} to service {} (edition id {})",
            cell(&value["id"]),
            cell(&value["service"]),
            cell(&value["edition"])
        ),
        RemoteCommand::Subscriptions => table(
            value,
            &["ID", "SERVICE", "EDITION", "CUSTOMER"],
            &[
                |s| cell(&s["id"]),
                |s| cell(&s["service"]),
                |s| cell(&s["edition"]),
                |s| cell(&s["customer"]),
            ],
        ),
        RemoteCommand::Duties { .. } => table(
            value,
            &["ID", "STATE", "ACTIVITY", "ROLES", "TEXT"],
            &[
                |d| cell(&d["id"]),
                |d| cell(&d["state"]),
                |d| cell(&d["activity_id"]),
                |d| roles(&d["roles_json"]),
                |d| truncate(&cell(&d["text"]), TEXT_WIDTH),
            ],
        ),
        RemoteCommand::Duty { .. } => duty_card(value),
        RemoteCommand::Transition { .. } | RemoteCommand::Do { .. } => {
            if value.get("state").is_some() && value.get("id").is_some() {
                format!(
                    "duty {} is now {}",
                    cell(&value["id"]),
                    cell(&value["state"])
                )
            } else {
                pretty(value)
            }
        }
    }
}

/// A JSON scalar as table text (`-` for null).
fn cell(value: &Value) -> String {
    match value {
        Value::Null => "-".to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `roles_json` (`{"Client": "R", "OVHcloud": "A"}`) as `Client:R OVHcloud:A`.
fn roles(value: &Value) -> String {
    let parsed: Option<serde_json::Map<String, Value>> =
        value.as_str().and_then(|s| serde_json::from_str(s).ok());
    match parsed {
        Some(map) => map
            .iter()
            .map(|(party, letters)| format!("{party}:{}", cell(letters)))
            .collect::<Vec<_>>()
            .join(" "),
        None => cell(value),
    }
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

/// A list as an aligned table, one row per element, or a note when empty.
fn table(list: &Value, headers: &[&str], columns: &[fn(&Value) -> String]) -> String {
    let Some(items) = list.as_array() else {
        return pretty(list);
    };
    if items.is_empty() {
        return "(none)".to_owned();
    }
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|item| columns.iter().map(|column| column(item)).collect())
        .collect();
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

/// One duty, a field a line: from `GET /duties/{id}` (`{duty, evidence,
/// consultations, signoffs, owners, history}`) or a bare duty.
fn duty_card(value: &Value) -> String {
    let duty = if value["duty"].is_object() {
        &value["duty"]
    } else {
        value
    };
    let section = duty["section_json"]
        .as_str()
        .and_then(|s| serde_json::from_str::<Vec<String>>(s).ok())
        .map_or_else(|| cell(&duty["section_json"]), |parts| parts.join(" › "));
    let mut lines = vec![
        format!("duty {}  ({})", cell(&duty["id"]), cell(&duty["state"])),
        format!("activity:     {}", cell(&duty["activity_id"])),
        format!("text:         {}", cell(&duty["text"])),
        format!("section:      {section}"),
        format!("roles:        {}", roles(&duty["roles_json"])),
        format!("subscription: {}", cell(&duty["subscription"])),
    ];
    for key in ["reason", "recurrence", "cycle", "due_at", "kind"] {
        if !duty[key].is_null() {
            lines.push(format!("{:<13} {}", format!("{key}:"), cell(&duty[key])));
        }
    }
    for key in ["evidence", "consultations", "signoffs"] {
        if let Some(items) = value[key].as_array() {
            lines.push(format!("{:<13} {}", format!("{key}:"), items.len()));
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_and_say_when_empty() {
        let list = json!([{"id": 1, "slug": "k8s"}, {"id": 22, "slug": "db"}]);
        let text = table(
            &list,
            &["ID", "SLUG"],
            &[|s| cell(&s["id"]), |s| cell(&s["slug"])],
        );
        assert_eq!(text, "ID  SLUG\n1   k8s\n22  db");
        assert_eq!(table(&json!([]), &["ID"], &[|s| cell(&s["id"])]), "(none)");
    }

    #[test]
    fn roles_read_the_stored_json() {
        assert_eq!(
            roles(&json!(r#"{"Client":"R","OVHcloud":"AI"}"#)),
            "Client:R OVHcloud:AI"
        );
        assert_eq!(roles(&json!(null)), "-");
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
