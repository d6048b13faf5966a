//! `scimlint server`: the Language Server Protocol over stdio (lsp-server's framing and message
//! loop, lsp-types' messages). Documents are synced whole; each is linted when it is opened,
//! changed or saved, and its findings are published as diagnostics (positions in UTF-16 code
//! units). Fixes are quick fixes — safe ones preferred, unsafe ones marked — plus a "fix all"
//! source action; a hover on a diagnostic shows its rule's documentation (`scimlint explain`).
//! Config files are watched: when one changes (or is saved in the editor), every open document
//! is linted again under the new settings.
//!
//! Messages that arrive together are handled together before anything is linted, so a burst of
//! keystrokes costs one lint of the last text.

mod convert;
mod documents;

use std::collections::BTreeSet;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as notify, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern,
    Hover, HoverContents, HoverParams, HoverProviderCapability, InitializeParams, InitializeResult, MarkupContent,
    MarkupKind, PositionEncodingKind, PublishDiagnosticsParams, Range, Registration, RegistrationParams, SaveOptions,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, TextEdit, Uri, WorkspaceEdit,
};
use scimlint::finding::Applicability;
use serde_json::Value;

use super::Failure;
use super::scopes::ScopeArgs;
use documents::{Open, Workspace};

/// How the session ended: the exit code of the command.
enum Ended {
    /// `shutdown`, then `exit`.
    Cleanly,
    /// `exit` without `shutdown`, or the client went away: LSP asks for exit code 1.
    Abruptly,
}

pub fn serve(args: ScopeArgs) -> Result<u8, Failure> {
    let (connection, io_threads) = Connection::stdio();
    let ended = session(&connection, args);
    // The writer thread ends when the last sender is gone.
    drop(connection);
    let joined = io_threads.join();
    match (ended, joined) {
        (Ok(Ended::Cleanly), Ok(())) => Ok(0),
        (Ok(Ended::Abruptly), _) => Ok(1),
        (Err(error), _) => {
            eprintln!("scimlint server: {error}");
            Ok(2)
        }
        (Ok(Ended::Cleanly), Err(error)) => {
            eprintln!("scimlint server: {error}");
            Ok(2)
        }
    }
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
            ..TextDocumentSyncOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::SOURCE_FIX_ALL]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

type Outcome = Result<Ended, Box<dyn std::error::Error + Send + Sync>>;

fn session(connection: &Connection, args: ScopeArgs) -> Outcome {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let result = InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo { name: "scimlint".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    let watch = params.capabilities.workspace.and_then(|workspace| workspace.did_change_watched_files);
    if watch.and_then(|watch| watch.dynamic_registration).unwrap_or(false) {
        watch_configs(connection)?;
    }
    let mut server = Server { workspace: Workspace::new(args), dirty: BTreeSet::new() };
    loop {
        let Ok(message) = connection.receiver.recv() else { return Ok(Ended::Abruptly) };
        let mut next = Some(message);
        while let Some(message) = next.take() {
            if let Some(ended) = server.handle(connection, message)? {
                return Ok(ended);
            }
            next = connection.receiver.try_recv().ok();
        }
        server.publish(connection)?;
    }
}

/// Asks the client to report changes of config files (`workspace/didChangeWatchedFiles`).
fn watch_configs(connection: &Connection) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let watchers = scimlint::settings::FILE_NAMES
        .iter()
        .map(|name| FileSystemWatcher { glob_pattern: GlobPattern::String(format!("**/{name}")), kind: None })
        .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let registration = Registration {
        id: "scimlint-config-files".into(),
        method: notify::DidChangeWatchedFiles::METHOD.into(),
        register_options: Some(serde_json::to_value(options)?),
    };
    let params = RegistrationParams { registrations: vec![registration] };
    let request =
        Request::new(RequestId::from("scimlint/watch".to_owned()), req::RegisterCapability::METHOD.into(), params);
    connection.sender.send(request.into())?;
    Ok(())
}

struct Server {
    workspace: Workspace,
    /// Documents to lint and publish before the next message is waited for.
    dirty: BTreeSet<Uri>,
}

fn params<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, serde_json::Error> {
    serde_json::from_value(value)
}

impl Server {
    /// Handles one message; `Some` when the session is over.
    fn handle(
        &mut self,
        connection: &Connection,
        message: Message,
    ) -> Result<Option<Ended>, Box<dyn std::error::Error + Send + Sync>> {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(Some(Ended::Cleanly));
                }
                // Answers must see the latest text: lint what is waiting first.
                self.publish(connection)?;
                let response = self.respond(request);
                connection.sender.send(response.into())?;
            }
            Message::Notification(notification) if notification.method == notify::Exit::METHOD => {
                return Ok(Some(Ended::Abruptly));
            }
            Message::Notification(notification) => self.notified(connection, notification)?,
            // The client's answer to our registration: nothing to do either way.
            Message::Response(_) => {}
        }
        Ok(None)
    }

    fn notified(&mut self, connection: &Connection, notification: Notification) -> Result<(), serde_json::Error> {
        match notification.method.as_str() {
            notify::DidOpenTextDocument::METHOD => {
                let opened: DidOpenTextDocumentParams = params(notification.params)?;
                let document = opened.text_document;
                let open = Open { text: document.text, version: document.version, linted: None };
                self.workspace.open.insert(document.uri.clone(), open);
                self.dirty.insert(document.uri);
            }
            notify::DidChangeTextDocument::METHOD => {
                let changed: DidChangeTextDocumentParams = params(notification.params)?;
                let uri = changed.text_document.uri;
                // Whole-document sync: the last change holds the whole text.
                let last = changed.content_changes.last();
                if let (Some(open), Some(change)) = (self.workspace.open.get_mut(&uri), last)
                    && change.range.is_none()
                {
                    open.text.clone_from(&change.text);
                    open.version = changed.text_document.version;
                    self.dirty.insert(uri);
                }
            }
            notify::DidSaveTextDocument::METHOD => {
                let saved: DidSaveTextDocumentParams = params(notification.params)?;
                let uri = saved.text_document.uri;
                if convert::path_of(&uri).is_some_and(|path| documents::is_config(&path)) {
                    self.configs_changed();
                } else {
                    self.dirty.insert(uri);
                }
            }
            notify::DidCloseTextDocument::METHOD => {
                let closed: DidCloseTextDocumentParams = params(notification.params)?;
                self.workspace.open.remove(&closed.text_document.uri);
                self.dirty.remove(&closed.text_document.uri);
                let cleared = PublishDiagnosticsParams::new(closed.text_document.uri, Vec::new(), None);
                let _ = connection
                    .sender
                    .send(Notification::new(notify::PublishDiagnostics::METHOD.into(), cleared).into());
            }
            notify::DidChangeWatchedFiles::METHOD => {
                let changed: DidChangeWatchedFilesParams = params(notification.params)?;
                let config = changed
                    .changes
                    .iter()
                    .any(|change| convert::path_of(&change.uri).is_some_and(|path| documents::is_config(&path)));
                if config {
                    self.configs_changed();
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A config file changed: every open document is linted again under the settings it now has.
    fn configs_changed(&mut self) {
        self.workspace.configs_changed();
        self.dirty.extend(self.workspace.open.keys().cloned());
    }

    /// Lints the documents that changed and publishes their diagnostics.
    fn publish(&mut self, connection: &Connection) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        for uri in std::mem::take(&mut self.dirty) {
            let Some(diagnostics) = self.workspace.lint(&uri) else { continue };
            let version = self.workspace.open.get(&uri).map(|open| open.version);
            let params = PublishDiagnosticsParams::new(uri, diagnostics, version);
            connection.sender.send(Notification::new(notify::PublishDiagnostics::METHOD.into(), params).into())?;
        }
        Ok(())
    }

    fn respond(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            req::CodeActionRequest::METHOD => {
                params(request.params).map(|params| serde_json::to_value(self.code_actions(&params)))
            }
            req::HoverRequest::METHOD => params(request.params).map(|params| serde_json::to_value(self.hover(&params))),
            method => {
                return Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("scimlint does not answer {method}"),
                );
            }
        };
        match result {
            Ok(Ok(value)) => Response { id, response_result: Ok(value) },
            Ok(Err(error)) | Err(error) => Response::new_err(id, ErrorCode::InvalidParams as i32, error.to_string()),
        }
    }

    // `WorkspaceEdit` keys its changes by `Uri` (see `convert::workspace_edit`).
    #[allow(clippy::mutable_key_type)]
    fn code_actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &params.text_document.uri;
        let Some(linted) = self.workspace.open.get(uri).and_then(|open| open.linted.as_ref()) else {
            return Vec::new();
        };
        let wants = |kind: &CodeActionKind| {
            params
                .context
                .only
                .as_ref()
                .is_none_or(|only| only.iter().any(|asked| kind.as_str().starts_with(asked.as_str())))
        };
        let mut actions = Vec::new();
        if wants(&CodeActionKind::QUICKFIX) {
            for (index, diagnostic) in &linted.diagnostics {
                let finding = &linted.report.findings[*index];
                let Some(fix) = &finding.fix else { continue };
                if !convert::touches(diagnostic.range, params.range) {
                    continue;
                }
                let safe = fix.applicability == Applicability::Safe;
                // An unsafe fix changes what is provisioned: it says so, and is never preferred.
                let title = if safe {
                    format!("Fix {}: {}", finding.code, fix.title)
                } else {
                    format!("Unsafe fix {}: {} (changes what Okta provisions)", finding.code, fix.title)
                };
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(convert::workspace_edit(linted.shown(uri), fix)),
                    is_preferred: Some(safe),
                    ..CodeAction::default()
                }));
            }
        }
        if wants(&CodeActionKind::SOURCE_FIX_ALL)
            && let Some((source, fixed)) = self.workspace.fix_all(uri)
        {
            let edit = TextEdit { range: convert::whole(source), new_text: fixed };
            let changes = std::collections::HashMap::from([(uri.clone(), vec![edit])]);
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "Fix all safe scimlint findings".into(),
                kind: Some(CodeActionKind::SOURCE_FIX_ALL),
                edit: Some(WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() }),
                ..CodeAction::default()
            }));
        }
        actions
    }

    /// The documentation of the rules of the diagnostics under the cursor.
    fn hover(&self, params: &HoverParams) -> Option<Hover> {
        let at = &params.text_document_position_params;
        let linted = self.workspace.open.get(&at.text_document.uri)?.linted.as_ref()?;
        let point = Range { start: at.position, end: at.position };
        let under: Vec<&(usize, lsp_types::Diagnostic)> =
            linted.diagnostics.iter().filter(|(_, diagnostic)| convert::touches(diagnostic.range, point)).collect();
        let first = under.first()?;
        let mut codes: Vec<scimlint::Code> =
            under.iter().map(|(index, _)| linted.report.findings[*index].code).collect();
        codes.dedup();
        let pages: Vec<String> = codes
            .iter()
            .map(|code| {
                let info = code.info();
                format!(
                    "{}\n\nDefault severity: {}. `scimlint explain {code}`",
                    info.docs.trim_end(),
                    info.severity.as_str()
                )
            })
            .collect();
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: pages.join("\n\n---\n\n"),
            }),
            range: Some(first.1.range),
        })
    }
}
