//! What the server knows of one open document: its text read as a matrix,
//! its findings under the nearest `raci.toml`, and their LSP forms.

use std::path::{Path, PathBuf};

use lsp_types::{
    CodeAction, CodeActionKind, CodeDescription, Diagnostic as LspDiagnostic, DiagnosticSeverity,
    NumberOrString, Range, TextEdit, Uri, WorkspaceEdit,
};
use raci_lint::discovery::ConfigFinder;
use raci_lint::{Applicability, Config, Diagnostic, Severity};
use raci_model::Document;

use crate::convert::{range_of, touches, whole};

/// The kind of the fix-all action, which editors run on save when asked
/// (`source.fixAll.raci`).
pub const FIX_ALL: &str = "source.fixAll.raci";

/// One document read and linted.
pub struct Analysis {
    pub text: String,
    /// The matrix, when the text holds one.
    pub document: Option<Document>,
    /// The format it was read as.
    pub format: Option<raci_ingest::InputFormat>,
    pub config: Config,
    pub findings: Vec<Diagnostic>,
    /// Why the text or its configuration could not be used, at line 1.
    pub problem: Option<String>,
}

/// The file path of a `file:` URI.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    url::Url::parse(uri.as_str()).ok()?.to_file_path().ok()
}

impl Analysis {
    /// Reads `text` (the document at `uri`) and lints it.
    pub fn new(uri: &Uri, text: String) -> Analysis {
        let path = path_of(uri);
        let name = path
            .as_deref()
            .and_then(Path::file_name)
            .map(|name| name.to_string_lossy().into_owned());
        let mut problem = None;
        let config = match &path {
            Some(path) => match ConfigFinder::new().for_file(path, Path::new("/")) {
                Ok(found) => Config::clone(&found.config),
                Err(error) => {
                    problem = Some(error.to_string());
                    Config::default()
                }
            },
            None => Config::default(),
        };
        let (document, format) = match raci_ingest::parse(text.as_bytes(), None, name.as_deref()) {
            Ok(document) => {
                let format = document.facts.format.parse().ok();
                (Some(document).filter(|d| !d.activities.is_empty()), format)
            }
            Err(error) => {
                problem.get_or_insert_with(|| format!("not read as a matrix: {error}"));
                (None, None)
            }
        };
        let findings = document
            .as_ref()
            .map(|document| raci_lint::lint_source(&text, document, &config))
            .unwrap_or_default();
        Analysis {
            text,
            document,
            format,
            config,
            findings,
            problem,
        }
    }

    /// The findings as LSP diagnostics.
    pub fn diagnostics(&self) -> Vec<LspDiagnostic> {
        let mut out: Vec<LspDiagnostic> = self.findings.iter().map(|d| self.lsp(d)).collect();
        if let Some(problem) = &self.problem {
            out.insert(
                0,
                LspDiagnostic {
                    range: Range::default(),
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some("raci".into()),
                    message: problem.clone(),
                    ..LspDiagnostic::default()
                },
            );
        }
        out
    }

    fn lsp(&self, finding: &Diagnostic) -> LspDiagnostic {
        let info = raci_lint::find_rule(&finding.code).map(|rule| rule.info());
        let href = info
            .as_ref()
            .and_then(|info| raci_lint::doc_uri(info).parse::<Uri>().ok());
        let mut message = finding.message.clone();
        if let Some(help) = &finding.help {
            message.push_str(&format!(" (help: {help})"));
        }
        LspDiagnostic {
            range: range_of(&self.text, finding.span),
            severity: Some(match finding.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Info => DiagnosticSeverity::INFORMATION,
            }),
            code: Some(NumberOrString::String(finding.code.clone())),
            code_description: href.map(|href| CodeDescription { href }),
            source: Some("raci".into()),
            message,
            data: Some(serde_json::json!({ "name": finding.name })),
            ..LspDiagnostic::default()
        }
    }

    /// The findings whose span touches `range`.
    pub fn findings_at(&self, range: &Range) -> impl Iterator<Item = &Diagnostic> {
        let range = *range;
        self.findings
            .iter()
            .filter(move |d| touches(&range_of(&self.text, d.span), &range))
    }

    /// The code actions for `range`: each fix of a finding there, "ignore
    /// this rule for the table", and a fix-all of the safe fixes.
    pub fn code_actions(
        &self,
        uri: &Uri,
        range: &Range,
        only: Option<&[CodeActionKind]>,
    ) -> Vec<CodeAction> {
        let wants = |kind: &CodeActionKind| {
            only.is_none_or(|only| {
                only.iter()
                    .any(|wanted| kind.as_str().starts_with(wanted.as_str()))
            })
        };
        let mut actions = Vec::new();
        if wants(&CodeActionKind::QUICKFIX) {
            for finding in self.findings_at(range) {
                if let Some(fix) = &finding.fix {
                    let unsafe_fix = fix.applicability == Applicability::Unsafe;
                    let title = if unsafe_fix {
                        format!(
                            "{} ({}, unsafe: it changes who does what)",
                            fix.message, finding.code
                        )
                    } else {
                        format!("{} ({})", fix.message, finding.code)
                    };
                    actions.push(CodeAction {
                        title,
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![self.lsp(finding)]),
                        edit: Some(edit(
                            uri,
                            range_of(&self.text, fix.span),
                            fix.replacement.clone(),
                        )),
                        is_preferred: Some(!unsafe_fix),
                        ..CodeAction::default()
                    });
                }
                if let Some(action) = self.ignore_action(uri, finding) {
                    actions.push(action);
                }
            }
        }
        let fix_all = CodeActionKind::new(FIX_ALL);
        if wants(&fix_all) || wants(&CodeActionKind::QUICKFIX) {
            if let Some(fixed) = self.fix_all() {
                actions.push(CodeAction {
                    title: "Fix all raci findings that have a safe fix".into(),
                    kind: Some(fix_all),
                    edit: Some(edit(uri, whole(&self.text), fixed)),
                    ..CodeAction::default()
                });
            }
        }
        actions
    }

    /// The text with every safe fix applied, when that changes it.
    pub fn fix_all(&self) -> Option<String> {
        let format = self.format?;
        let config = &self.config;
        let relint = |text: &str| {
            raci_ingest::parse(text.as_bytes(), Some(format), None)
                .ok()
                .map(|document| raci_lint::lint_source(text, &document, config))
        };
        let fixed = raci_lint::fix::fix_all(&self.text, false, &relint);
        (fixed.text != self.text).then_some(fixed.text)
    }

    /// Inserts `<!-- raci-ignore CODE -->` above the finding's table, in
    /// Markdown and HTML pages.
    fn ignore_action(&self, uri: &Uri, finding: &Diagnostic) -> Option<CodeAction> {
        let format = self.format?;
        if !matches!(
            format,
            raci_ingest::InputFormat::Markdown | raci_ingest::InputFormat::Html
        ) {
            return None;
        }
        let document = self.document.as_ref()?;
        let table = document
            .facts
            .tables
            .iter()
            .rev()
            .find(|table| table.span.line > 0 && table.span.line <= finding.span.line)?;
        let at = lsp_types::Position::new(table.span.line - 1, 0);
        Some(CodeAction {
            title: format!("Ignore {} ({}) in this table", finding.code, finding.name),
            kind: Some(CodeActionKind::QUICKFIX),
            edit: Some(edit(
                uri,
                Range::new(at, at),
                format!("<!-- raci-ignore {} -->\n", finding.code),
            )),
            ..CodeAction::default()
        })
    }

    /// The page with its tables normalized, as `raci fmt` writes it, when
    /// that changes it (Markdown pages only).
    pub fn formatted(&self) -> Option<String> {
        if self.format != Some(raci_ingest::InputFormat::Markdown) {
            return None;
        }
        let formatted = raci_render::markdown::format_source(&self.text, self.document.as_ref()?);
        (formatted.text != self.text).then_some(formatted.text)
    }
}

fn edit(uri: &Uri, range: Range, new_text: String) -> WorkspaceEdit {
    let mut changes = std::collections::HashMap::new();
    changes.insert(uri.clone(), vec![TextEdit { range, new_text }]);
    WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    }
}
