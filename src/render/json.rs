//! `--format json`, version 1 (see the spec's "JSON output"): fields are only ever added.

use std::io::{self, Write};

use serde::Serialize;

use super::Tally;
use crate::finding::Report;
use crate::finding::{AppLine, AppStatus, Applicability, FileRole, Finding, UsersSummary};
use crate::source::SourceFile;
use crate::source::Span;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    tool: Tool,
    summary: Summary<'a>,
    diagnostics: Vec<Diagnostic<'a>>,
    /// Paths that could not be checked: the run failed (exit 2).
    errors: Vec<RunError<'a>>,
    /// With `--users`: the users read, checked and not checked (deprovisioned, filtered out).
    #[serde(skip_serializing_if = "Option::is_none")]
    users: Option<&'a UsersSummary>,
}

#[derive(Serialize)]
struct RunError<'a> {
    path: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary<'a> {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    fixable: usize,
    /// Files walked or named with `--ignore-unknown` that are not Okta setup documents.
    skipped_files: usize,
    /// Terraform values that could not be evaluated, and how many of them are mapping entries.
    not_evaluated: NotEvaluated,
    /// The apps of the run, and which were checked as the target.
    apps: Vec<App<'a>>,
    /// With `--baseline`: findings left out because the baseline has them.
    #[serde(skip_serializing_if = "Option::is_none")]
    baselined: Option<usize>,
    /// With `--baseline`: baseline entries that no finding matched any more.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_unmatched: Option<usize>,
}

#[derive(Serialize)]
struct NotEvaluated {
    values: usize,
    entries: usize,
}

#[derive(Serialize)]
struct App<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    /// `target` (named as such), `assumed` (checked as the target, nothing said otherwise) or
    /// `skipped` (not the target; `reason` says what it is).
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    documents: usize,
}

#[derive(Serialize)]
struct Range {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl Range {
    fn of(file: &SourceFile, span: Span) -> Self {
        let (start, end) = file.range(span);
        Self { line: start.line, column: start.column, end_line: end.line, end_column: end.column }
    }
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    file: &'a str,
    #[serde(flatten)]
    range: Range,
    #[serde(skip_serializing_if = "Option::is_none")]
    pointer: Option<&'a str>,
    /// The app the finding is about, when its documents name one.
    #[serde(skip_serializing_if = "Option::is_none")]
    app: Option<&'a str>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<Related<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<Fix<'a>>,
}

#[derive(Serialize)]
struct Related<'a> {
    file: &'a str,
    #[serde(flatten)]
    range: Range,
    message: &'a str,
}

#[derive(Serialize)]
struct Fix<'a> {
    applicability: Applicability,
    title: &'a str,
    edits: Vec<Edit<'a>>,
}

#[derive(Serialize)]
struct Edit<'a> {
    #[serde(flatten)]
    range: Range,
    content: &'a str,
}

fn diagnostic<'a>(report: &'a Report, finding: &'a Finding) -> Diagnostic<'a> {
    let file = &report.files[finding.file];
    Diagnostic {
        code: finding.code.as_str(),
        name: finding.code.name(),
        severity: finding.severity.as_str(),
        file: &file.name,
        range: Range::of(file, finding.span),
        pointer: finding.pointer.as_deref(),
        app: finding.app.as_deref(),
        message: &finding.message,
        help: finding.help.as_deref(),
        related: finding
            .related
            .iter()
            .map(|label| {
                let other = &report.files[label.file];
                Related { file: &other.name, range: Range::of(other, label.span), message: &label.text }
            })
            .collect(),
        fix: finding.fix.as_ref().map(|fix| Fix {
            applicability: fix.applicability,
            title: &fix.title,
            edits: fix
                .edits
                .iter()
                .map(|edit| Edit { range: Range::of(&report.files[edit.file], edit.span), content: &edit.content })
                .collect(),
        }),
    }
}

fn app(line: &AppLine) -> App<'_> {
    let (status, reason) = match &line.status {
        AppStatus::Target => ("target", None),
        AppStatus::Assumed => ("assumed", None),
        AppStatus::Skipped(what) => ("skipped", Some(what.as_str())),
    };
    App { name: line.name.as_deref(), id: line.id.as_deref(), status, reason, documents: line.documents }
}

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let tally = Tally::of(report);
    let output = Output {
        version: 1,
        tool: Tool { name: "scimlint", version: env!("CARGO_PKG_VERSION") },
        summary: Summary {
            files: report.count(FileRole::Checked),
            errors: tally.errors,
            warnings: tally.warnings,
            infos: tally.infos,
            fixable: tally.safe_fixes + tally.unsafe_fixes,
            skipped_files: report.count(FileRole::Skipped),
            not_evaluated: NotEvaluated { values: report.not_evaluated.values, entries: report.not_evaluated.entries },
            apps: report.apps.iter().map(app).collect(),
            baselined: report.baseline.map(|baseline| baseline.baselined),
            baseline_unmatched: report.baseline.map(|baseline| baseline.unmatched),
        },
        // Filled in by `write_json_with_items`.
        diagnostics: Vec::new(),
        errors: report.errors.iter().map(|error| RunError { path: &error.path, message: &error.message }).collect(),
        users: report.users.as_ref(),
    };
    super::write_json_with_items(out, &output, Some(("diagnostics", 1)), &report.findings, |finding| {
        diagnostic(report, finding)
    })
}
