//! The server's loop: the documents the editor has open, each analysed again
//! on every change, and the requests answered from those analyses.

use std::collections::HashMap;

use anyhow::Result;
use lsp_server::{Connection, ExtractError, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, Formatting, HoverRequest, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionProviderCapability,
    HoverProviderCapability, InitializeParams, OneOf, PublishDiagnosticsParams, SaveOptions,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, TextEdit, Uri,
};

use crate::analysis::{path_of, Analysis, FIX_ALL};
use crate::convert::whole;
use crate::hover::hover;

/// An open document: its version and what was found in it.
struct Open {
    version: i32,
    analysis: Analysis,
}

/// The state of one session with an editor.
pub struct Server {
    connection: Connection,
    documents: HashMap<Uri, Open>,
}

/// What the server can do, as `initialize` answers it.
fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(true),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(FIX_ALL)]),
            ..CodeActionOptions::default()
        })),
        document_formatting_provider: Some(OneOf::Left(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

/// Runs a session on `connection` until the editor says `exit`.
pub fn serve(connection: Connection) -> Result<()> {
    let capabilities = serde_json::to_value(capabilities())?;
    let initialize = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": ServerInfo { name: "raci".into(), version: Some(env!("CARGO_PKG_VERSION").into()) },
    });
    let (id, params) = connection.initialize_start()?;
    let _params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    connection.initialize_finish(id, initialize)?;
    let mut server = Server {
        connection,
        documents: HashMap::new(),
    };
    server.run()
}

impl Server {
    fn run(&mut self) -> Result<()> {
        while let Ok(message) = self.connection.receiver.recv() {
            match message {
                Message::Request(request) => {
                    if self.connection.handle_shutdown(&request)? {
                        return Ok(());
                    }
                    let response = self.answer(request);
                    self.connection.sender.send(Message::Response(response))?;
                }
                Message::Notification(notification) => {
                    // A notification the server cannot read is logged, not fatal.
                    if let Err(error) = self.notified(notification) {
                        self.log(&format!("{error:#}"))?;
                    }
                }
                Message::Response(_) => {}
            }
        }
        Ok(())
    }

    fn answer(&self, request: Request) -> Response {
        let id = request.id.clone();
        match request.method.as_str() {
            CodeActionRequest::METHOD => self.reply(
                id,
                request,
                |server, params: lsp_types::CodeActionParams| {
                    let uri = &params.text_document.uri;
                    let actions = server.documents.get(uri).map(|open| {
                        open.analysis
                            .code_actions(uri, &params.range, params.context.only.as_deref())
                            .into_iter()
                            .map(CodeActionOrCommand::CodeAction)
                            .collect::<Vec<_>>()
                    });
                    serde_json::to_value(actions.unwrap_or_default())
                },
            ),
            Formatting::METHOD => self.reply(
                id,
                request,
                |server, params: lsp_types::DocumentFormattingParams| {
                    let edits = server
                        .documents
                        .get(&params.text_document.uri)
                        .and_then(|open| {
                            let formatted = open.analysis.formatted()?;
                            Some(vec![TextEdit {
                                range: whole(&open.analysis.text),
                                new_text: formatted,
                            }])
                        });
                    serde_json::to_value(edits.unwrap_or_default())
                },
            ),
            HoverRequest::METHOD => {
                self.reply(id, request, |server, params: lsp_types::HoverParams| {
                    let at = params.text_document_position_params;
                    let found = server
                        .documents
                        .get(&at.text_document.uri)
                        .and_then(|open| hover(&open.analysis, at.position));
                    serde_json::to_value(found)
                })
            }
            _ => Response::new_err(
                id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("raci does not answer `{}`", request.method),
            ),
        }
    }

    /// Answers `request` with `handle`'s result, or with an error naming
    /// what was wrong in its parameters.
    fn reply<P: serde::de::DeserializeOwned>(
        &self,
        id: RequestId,
        request: Request,
        handle: impl FnOnce(&Server, P) -> serde_json::Result<serde_json::Value>,
    ) -> Response {
        let params = match serde_json::from_value::<P>(request.params) {
            Ok(params) => params,
            Err(error) => {
                return Response::new_err(
                    id,
                    lsp_server::ErrorCode::InvalidParams as i32,
                    format!("{}: {error}", request.method),
                )
            }
        };
        match handle(self, params) {
            Ok(value) => Response::new_ok(id, value),
            Err(error) => Response::new_err(
                id,
                lsp_server::ErrorCode::InternalError as i32,
                error.to_string(),
            ),
        }
    }

    fn notified(&mut self, notification: Notification) -> Result<()> {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let params: lsp_types::DidOpenTextDocumentParams = extract(notification)?;
                let document = params.text_document;
                self.update(document.uri, document.version, document.text)?;
            }
            DidChangeTextDocument::METHOD => {
                let params: lsp_types::DidChangeTextDocumentParams = extract(notification)?;
                // Full synchronization: the last change holds the whole text.
                if let Some(change) = params.content_changes.into_iter().last() {
                    self.update(
                        params.text_document.uri,
                        params.text_document.version,
                        change.text,
                    )?;
                }
            }
            DidSaveTextDocument::METHOD => {
                let params: lsp_types::DidSaveTextDocumentParams = extract(notification)?;
                let uri = params.text_document.uri;
                if is_config(&uri) {
                    self.reanalyse_all()?;
                } else if let Some(open) = self.documents.get(&uri) {
                    let text = params.text.unwrap_or_else(|| open.analysis.text.clone());
                    let version = open.version;
                    self.update(uri, version, text)?;
                }
            }
            DidCloseTextDocument::METHOD => {
                let params: lsp_types::DidCloseTextDocumentParams = extract(notification)?;
                self.documents.remove(&params.text_document.uri);
                self.publish(params.text_document.uri, Vec::new(), None)?;
            }
            DidChangeWatchedFiles::METHOD => {
                let params: lsp_types::DidChangeWatchedFilesParams = extract(notification)?;
                if params.changes.iter().any(|change| is_config(&change.uri)) {
                    self.reanalyse_all()?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Analyses a document's new text and publishes its findings.
    fn update(&mut self, uri: Uri, version: i32, text: String) -> Result<()> {
        let analysis = Analysis::new(&uri, text);
        let diagnostics = analysis.diagnostics();
        self.documents
            .insert(uri.clone(), Open { version, analysis });
        self.publish(uri, diagnostics, Some(version))
    }

    /// Analyses every open document again: a `raci.toml` changed.
    fn reanalyse_all(&mut self) -> Result<()> {
        let open: Vec<(Uri, i32, String)> = self
            .documents
            .iter()
            .map(|(uri, open)| (uri.clone(), open.version, open.analysis.text.clone()))
            .collect();
        for (uri, version, text) in open {
            self.update(uri, version, text)?;
        }
        Ok(())
    }

    /// Shows `message` in the editor's log of the server.
    fn log(&self, message: &str) -> Result<()> {
        let params = lsp_types::LogMessageParams {
            typ: lsp_types::MessageType::WARNING,
            message: message.to_owned(),
        };
        self.connection
            .sender
            .send(Message::Notification(Notification::new(
                lsp_types::notification::LogMessage::METHOD.to_owned(),
                params,
            )))?;
        Ok(())
    }

    fn publish(
        &self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) -> Result<()> {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.connection
            .sender
            .send(Message::Notification(Notification::new(
                PublishDiagnostics::METHOD.to_owned(),
                params,
            )))?;
        Ok(())
    }
}

fn is_config(uri: &Uri) -> bool {
    path_of(uri).is_some_and(|path| {
        path.file_name()
            .is_some_and(|name| name == raci_lint::discovery::CONFIG_FILE)
    })
}

fn extract<P: serde::de::DeserializeOwned>(notification: Notification) -> Result<P> {
    let method = notification.method.clone();
    notification
        .extract(&method)
        .map_err(|error: ExtractError<Notification>| anyhow::anyhow!("{method}: {error:?}"))
}
