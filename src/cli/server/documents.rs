//! The open documents and their findings. A document is linted from its text in memory, under
//! the settings `check` would give its path (its nearest `scimlint.yaml`, then the server's
//! options), beside the other files of its directory (open ones as the editor has them), so
//! that what needs an app's other exports (features, schemas) is found as `check dir/` finds it;
//! only the document's own findings are shown. A config file is linted as a config.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_types::{Diagnostic, DiagnosticSeverity, Position, Range, Uri};
use scimlint::Linter;
use scimlint::error::Error;
use scimlint::finding::Report;
use scimlint::settings::{Config, FILE_NAMES};
use scimlint::source::{EXTENSIONS, Input, SourceFile};

use super::convert::{self, Shown};
use crate::cli::Failure;
use crate::cli::scopes::ScopeArgs;

/// Siblings larger than this are left out: they would be parsed again on every keystroke.
const SIBLING_MAX_BYTES: u64 = 1 << 20;
/// At most this many siblings are read beside a document.
const SIBLING_MAX_COUNT: usize = 200;

pub struct Open {
    pub text: String,
    pub version: i32,
    pub linted: Option<Linted>,
}

/// The last lint of a document.
pub struct Linted {
    pub report: Report,
    /// Which of the report's files the document is.
    pub file: usize,
    /// Its findings (indices into the report's findings), each with its diagnostic.
    pub diagnostics: Vec<(usize, Diagnostic)>,
    /// The config its linter came from (`None`: a config document, linted on its own).
    pub linter: Option<Option<PathBuf>>,
}

impl Linted {
    pub fn shown<'a>(&'a self, uri: &'a Uri) -> Shown<'a> {
        Shown { report: &self.report, file: self.file, uri }
    }
}

pub struct Workspace {
    args: ScopeArgs,
    pub open: HashMap<Uri, Open>,
    /// One linter per config file in force (`None`: no config), built when first needed and
    /// dropped when a config changes; a config that cannot be used keeps its error.
    linters: HashMap<Option<PathBuf>, Result<Linter, String>>,
}

fn failure_text(failure: Failure) -> String {
    match failure {
        Failure::Error(error) => error_text(&error),
        Failure::BrokenPipe => "broken pipe".to_owned(),
    }
}

fn error_text(error: &Error) -> String {
    error.to_string()
}

/// One diagnostic at the top of a document: what keeps it from being checked.
fn blocked(message: String) -> Diagnostic {
    let start = Position { line: 0, character: 0 };
    Diagnostic {
        range: Range { start, end: start },
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("scimlint".to_owned()),
        message,
        ..Diagnostic::default()
    }
}

pub fn is_config(path: &Path) -> bool {
    path.file_name().is_some_and(|name| FILE_NAMES.iter().any(|config| name == *config))
}

impl Workspace {
    pub fn new(args: ScopeArgs) -> Self {
        Self { args, open: HashMap::new(), linters: HashMap::new() }
    }

    /// Forgets every linter: a config file changed.
    pub fn configs_changed(&mut self) {
        self.linters.clear();
    }

    pub fn linter(&mut self, key: &Option<PathBuf>) -> Result<&Linter, String> {
        let args = &self.args;
        let built = self.linters.entry(key.clone()).or_insert_with(|| {
            let config = key.as_deref().map(Config::load).transpose().map_err(|error| error_text(&error))?;
            let scope = args.scope(config).map_err(failure_text)?;
            Linter::with_scopes(vec![scope]).map_err(|error| error.to_string())
        });
        built.as_ref().map_err(|error| {
            let name = key.as_deref().map_or("the server's options".to_owned(), |path| path.display().to_string());
            format!("scimlint cannot check this file: {name} cannot be used: {error}")
        })
    }

    /// Lints an open document again and keeps the result; `None` when it is not open.
    pub fn lint(&mut self, uri: &Uri) -> Option<Vec<Diagnostic>> {
        let text = self.open.get(uri)?.text.clone();
        let path = convert::path_of(uri);
        let linted = match &path {
            Some(path) if is_config(path) => self.lint_config(path, text),
            _ => self.lint_document(uri, path.as_deref(), text),
        };
        let diagnostics = match linted {
            Ok(linted) => {
                let diagnostics = linted.diagnostics.iter().map(|(_, diagnostic)| diagnostic.clone()).collect();
                self.open.get_mut(uri)?.linted = Some(linted);
                diagnostics
            }
            Err(message) => {
                self.open.get_mut(uri)?.linted = None;
                vec![blocked(message)]
            }
        };
        Some(diagnostics)
    }

    fn lint_document(&mut self, uri: &Uri, path: Option<&Path>, text: String) -> Result<Linted, String> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let dir = path.and_then(Path::parent).unwrap_or(&cwd).to_path_buf();
        let key = self.args.config_for(&dir);
        let name = match path {
            Some(path) => path.to_string_lossy().into_owned(),
            None => uri.as_str().rsplit(['/', ':']).next().unwrap_or("untitled").to_owned(),
        };
        let mut inputs = vec![Input { name, bytes: text.into_bytes(), explicit: false, stdin: false }];
        if let Some(path) = path {
            inputs.extend(self.siblings(path));
        }
        let report = self.linter(&key)?.lint(inputs);
        Ok(self.linted(report, 0, uri, Some(key)))
    }

    /// A config document: its text in memory as the config of a run of no other file.
    fn lint_config(&mut self, path: &Path, text: String) -> Result<Linted, String> {
        let dir = path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let name = path.to_string_lossy().into_owned();
        let config = Config::parse(&name, text, dir).map_err(|error| error_text(&error))?;
        let scope = self.args.scope(Some(config)).map_err(failure_text)?;
        let report = Linter::with_scopes(vec![scope]).map_err(|error| error.to_string())?.lint(Vec::new());
        let file = report.files.len().saturating_sub(1);
        let uri = convert::uri_of(path).ok_or_else(|| format!("{} has no file URI", path.display()))?;
        Ok(self.linted(report, file, &uri, None))
    }

    fn linted(&self, report: Report, file: usize, uri: &Uri, linter: Option<Option<PathBuf>>) -> Linted {
        let shown = Shown { report: &report, file, uri };
        let diagnostics = report
            .findings
            .iter()
            .enumerate()
            .filter(|(_, finding)| finding.file == file)
            .map(|(index, finding)| (index, convert::diagnostic(shown, finding)))
            .collect();
        Linted { report, file, diagnostics, linter }
    }

    /// The other files of the document's directory that `check` would read, as the editor has
    /// them when they are open.
    fn siblings(&self, path: &Path) -> Vec<Input> {
        let Some(dir) = path.parent() else { return Vec::new() };
        let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|other| other != path && !is_config(other))
            .filter(|other| {
                let extension = other.extension().map(|ext| ext.to_string_lossy().to_ascii_lowercase());
                extension.is_some_and(|ext| EXTENSIONS.contains(&ext.as_str()))
            })
            .filter(|other| {
                std::fs::metadata(other).is_ok_and(|meta| meta.is_file() && meta.len() <= SIBLING_MAX_BYTES)
            })
            .collect();
        found.sort();
        found.truncate(SIBLING_MAX_COUNT);
        found
            .into_iter()
            .filter_map(|other| {
                let open = convert::uri_of(&other).and_then(|uri| self.open.get(&uri));
                let bytes = match open {
                    Some(open) => open.text.clone().into_bytes(),
                    None => std::fs::read(&other).ok()?,
                };
                Some(Input { name: other.to_string_lossy().into_owned(), bytes, explicit: false, stdin: false })
            })
            .collect()
    }

    /// The safe fixes of a document applied together, checked as `--fix` checks them.
    pub fn fix_all(&self, uri: &Uri) -> Option<(&SourceFile, String)> {
        let linted = self.open.get(uri)?.linted.as_ref()?;
        let linter = self.linters.get(linted.linter.as_ref()?)?.as_ref().ok()?;
        let plans = scimlint::engine::plan(linter, &linted.report, false);
        let plan = plans.into_iter().find(|plan| plan.file == linted.file)?;
        let source = linted.report.files.get(linted.file)?;
        (plan.applied > 0).then_some((source, plan.fixed))
    }
}
