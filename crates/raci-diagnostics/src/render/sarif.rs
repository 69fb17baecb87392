//! SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning reads it):
//! one run of the tool `raci`, its rules as descriptors with a short and a
//! full description and help, one result per diagnostic with a region that
//! starts and ends, a partial fingerprint that survives lines moving, URIs
//! relative to a `%SRCROOT%` base and percent-encoded, and one invocation
//! whose notifications name the files that could not be read.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix as SarifFix, Invocation, Location,
    Message, MultiformatMessageString, Notification, PhysicalLocation, Region, Replacement,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif,
    Tool, ToolComponent, SCHEMA_URL,
};
use sha2::{Digest, Sha256};

use crate::{Diagnostic, Fix, RuleInfo, Severity};

const TOOL_NAME: &str = "raci";
const SARIF_VERSION: &str = "2.1.0";
/// The base the results' URIs are relative to: the folder the run started in.
pub const SRCROOT: &str = "%SRCROOT%";
/// The key of our partial fingerprint, versioned in case its recipe changes.
const FINGERPRINT_KEY: &str = "raciFinding/v1";

/// A file the run could not use, reported as a tool execution notification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    /// The file as the user named it.
    pub file: String,
    /// Why it could not be used, in a sentence.
    pub message: String,
}

/// What a SARIF log is made of besides the diagnostics.
#[derive(Clone, Copy)]
pub struct SarifRun<'a> {
    /// Every rule that could have reported (the driver lists them all, so a
    /// dashboard knows a rule that found nothing).
    pub rules: &'a [RuleInfo],
    /// The absolute folder `%SRCROOT%` stands for; file names that are
    /// relative are relative to it. `None` leaves URIs as they are written.
    pub src_root: Option<&'a Path>,
    /// Files that could not be read or parsed.
    pub unreadable: &'a [Unreadable],
    /// The text of a file by its name, to end whole-line regions at the end
    /// of the line; `None` where it is not known.
    pub source_of: &'a dyn Fn(&str) -> Option<&'a str>,
    /// The address of a rule's documentation by its name, if there is one.
    pub help_uri: Option<&'a dyn Fn(&RuleInfo) -> String>,
}

/// The diagnostics as a pretty-printed SARIF 2.1.0 log.
pub fn render_sarif(diagnostics: &[Diagnostic], run: &SarifRun<'_>) -> String {
    let mut driver = ToolComponent::builder()
        .name(TOOL_NAME)
        .version(env!("CARGO_PKG_VERSION"))
        .rules(
            run.rules
                .iter()
                .map(|rule| descriptor(rule, run.help_uri))
                .collect::<Vec<_>>(),
        )
        .build();
    let repository = env!("CARGO_PKG_REPOSITORY");
    if !repository.is_empty() {
        driver.information_uri = Some(repository.to_owned());
    }
    let results: Vec<SarifResult> = diagnostics
        .iter()
        .map(|diagnostic| result(diagnostic, run))
        .collect();
    let mut sarif_run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .invocations(vec![invocation(run)])
        .build();
    // Our columns count characters, not UTF-16 units.
    sarif_run.column_kind = Some(serde_json::Value::from("unicodeCodePoints"));
    if let Some(root) = run.src_root {
        let mut bases = BTreeMap::new();
        bases.insert(
            SRCROOT.to_owned(),
            ArtifactLocation::builder().uri(folder_uri(root)).build(),
        );
        sarif_run.original_uri_base_ids = Some(bases);
    }
    let log = Sarif::builder()
        .schema(SCHEMA_URL)
        .version(serde_json::Value::from(SARIF_VERSION))
        .runs(vec![sarif_run])
        .build();
    serde_json::to_string_pretty(&log).expect("a SARIF log of plain data always serializes")
}

fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

fn message(text: &str) -> Message {
    Message::builder().text(text).build()
}

fn descriptor(
    rule: &RuleInfo,
    help_uri: Option<&dyn Fn(&RuleInfo) -> String>,
) -> ReportingDescriptor {
    let level = serde_json::to_value(level(rule.default_severity)).unwrap_or_default();
    let mut descriptor = ReportingDescriptor::builder()
        .id(rule.code)
        .name(rule.name)
        .short_description(MultiformatMessageString::builder().text(rule.summary).build())
        .full_description(
            MultiformatMessageString::builder()
                .text(rule.explanation)
                .markdown(rule.explanation)
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(format!(
                    "{}\n\nTurn it off with `{} = \"off\"` under [rules] in raci.toml, or `<!-- raci-ignore {} -->` before a table.",
                    rule.summary, rule.name, rule.code
                ))
                .markdown(rule.explanation)
                .build(),
        )
        .default_configuration(ReportingConfiguration::builder().level(level).build())
        .build();
    descriptor.help_uri = help_uri.map(|uri| uri(rule));
    descriptor
}

/// The region a span covers: SARIF columns are 1-based like ours and the end
/// column is the one after the last character. A span of unknown length
/// covers the rest of its line where the source is known, else one character.
fn region(span: raci_model::Span, line_text: Option<&str>) -> Region {
    let line = i64::from(span.line.max(1));
    let column = i64::from(span.column.max(1));
    let len = if span.len > 0 {
        i64::from(span.len)
    } else {
        line_text
            .map(|text| text.trim_end().chars().count() as i64 + 1 - column)
            .filter(|len| *len > 0)
            .unwrap_or(1)
    };
    Region::builder()
        .start_line(line)
        .start_column(column)
        .end_line(line)
        .end_column(column + len)
        .build()
}

fn line_text<'a>(run: &SarifRun<'a>, file: &str, line: u32) -> Option<&'a str> {
    let text = (run.source_of)(file)?;
    text.lines()
        .nth(usize::try_from(line).ok()?.checked_sub(1)?)
}

/// Where `file` is, relative to `%SRCROOT%` when it lies under it.
fn artifact(file: &str, run: &SarifRun<'_>) -> ArtifactLocation {
    let Some(root) = run.src_root else {
        return ArtifactLocation::builder().uri(encode_path(file)).build();
    };
    let absolute = normalize(&root.join(file));
    match absolute.strip_prefix(normalize(root)) {
        Ok(relative) => ArtifactLocation::builder()
            .uri(encode_path(&slashed(relative)))
            .uri_base_id(SRCROOT)
            .build(),
        Err(_) => ArtifactLocation::builder().uri(file_uri(&absolute)).build(),
    }
}

/// `path` with `.` and `..` resolved in the text alone (no file is read).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A relative path with `/` between its parts, whatever the platform.
fn slashed(path: &Path) -> String {
    path.components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Percent-encodes what a URI path may not hold as it is, keeping `/`.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&byte);
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn file_uri(absolute: &Path) -> String {
    let path = slashed(absolute);
    let path = path.trim_start_matches('/');
    format!("file:///{}", encode_path(path))
}

/// The URI of a folder, ending with `/` as SARIF requires of a base.
fn folder_uri(folder: &Path) -> String {
    let uri = file_uri(&normalize(folder));
    if uri.ends_with('/') {
        uri
    } else {
        format!("{uri}/")
    }
}

/// What identifies a finding across runs even when lines move: the rule,
/// the file, the activity (whose id is stable) or else the message.
fn fingerprint(diagnostic: &Diagnostic) -> String {
    let mut hasher = Sha256::new();
    for part in [
        diagnostic.code.as_str(),
        diagnostic.file.as_str(),
        diagnostic.activity.as_deref().unwrap_or(""),
        diagnostic.message.as_str(),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    let digest = hasher.finalize();
    digest[..16]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn result(diagnostic: &Diagnostic, run: &SarifRun<'_>) -> SarifResult {
    let span = diagnostic.span;
    let location = Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location(artifact(&diagnostic.file, run))
                .region(region(span, line_text(run, &diagnostic.file, span.line)))
                .build(),
        )
        .build();
    let rule_index = run
        .rules
        .iter()
        .position(|rule| rule.code == diagnostic.code);
    let fixes: Vec<SarifFix> = diagnostic
        .fix
        .iter()
        .map(|fix| sarif_fix(&diagnostic.file, fix, run))
        .collect();
    let mut result = SarifResult::builder()
        .rule_id(diagnostic.code.as_str())
        .level(level(diagnostic.severity))
        .message(message(&diagnostic.message))
        .locations(vec![location])
        .build();
    result.rule_index = rule_index.and_then(|index| i64::try_from(index).ok());
    result.partial_fingerprints = Some(BTreeMap::from([(
        FINGERPRINT_KEY.to_owned(),
        fingerprint(diagnostic),
    )]));
    if !fixes.is_empty() {
        result.fixes = Some(fixes);
    }
    result
}

fn sarif_fix(file: &str, fix: &Fix, run: &SarifRun<'_>) -> SarifFix {
    let replacement = Replacement::builder()
        .deleted_region(region(fix.span, line_text(run, file, fix.span.line)))
        .inserted_content(
            ArtifactContent::builder()
                .text(fix.replacement.as_str())
                .build(),
        )
        .build();
    SarifFix::builder()
        .description(message(&fix.message))
        .artifact_changes(vec![ArtifactChange::builder()
            .artifact_location(artifact(file, run))
            .replacements(vec![replacement])
            .build()])
        .build()
}

/// The run's one invocation: successful unless a file could not be read,
/// each such file a notification at error level.
fn invocation(run: &SarifRun<'_>) -> Invocation {
    let notifications: Vec<Notification> = run
        .unreadable
        .iter()
        .map(|unreadable| {
            let mut notification = Notification::builder()
                .message(message(&unreadable.message))
                .locations(vec![Location::builder()
                    .physical_location(
                        PhysicalLocation::builder()
                            .artifact_location(artifact(&unreadable.file, run))
                            .build(),
                    )
                    .build()])
                .build();
            notification.level = Some(serde_json::Value::from("error"));
            notification
        })
        .collect();
    let mut invocation = Invocation::builder()
        .execution_successful(notifications.is_empty())
        .build();
    if !notifications.is_empty() {
        invocation.tool_execution_notifications = Some(notifications);
    }
    invocation
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_percent_encoded_keeping_slashes() {
        assert_eq!(encode_path("docs/a b/é.md"), "docs/a%20b/%C3%A9.md");
        assert_eq!(encode_path("x#1?.md"), "x%231%3F.md");
    }

    #[test]
    fn paths_are_normalized_in_the_text() {
        assert_eq!(
            normalize(Path::new("/w/./a/../b.md")),
            PathBuf::from("/w/b.md")
        );
        assert_eq!(folder_uri(Path::new("/w/my repo")), "file:///w/my%20repo/");
    }

    #[test]
    fn fingerprints_ignore_the_line_but_not_the_rule() {
        let at = |line, code: &str| {
            Diagnostic::new(
                code,
                "x",
                Severity::Error,
                raci_model::Span::line(line),
                "m",
            )
            .with_activity("a")
            .in_file("f.md")
        };
        assert_eq!(
            fingerprint(&at(3, "RACI001")),
            fingerprint(&at(9, "RACI001"))
        );
        assert_ne!(
            fingerprint(&at(3, "RACI001")),
            fingerprint(&at(3, "RACI002"))
        );
        assert_eq!(fingerprint(&at(3, "RACI001")).len(), 32);
    }
}
