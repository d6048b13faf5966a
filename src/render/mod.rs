//! Render: every output of a run, one file per format — each turns the same [`Report`] into one
//! format — and the `table` drawing of a mapping. It may import `source`, `finding`, `ruleset`
//! and `model`, never `checks`, `settings` or `engine`; it knows no command-line parser.

mod concise;
pub mod fingerprint;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod markdown;
mod sarif;
pub mod table;

use std::io::{self, Write};

pub use human::HumanOptions;

use crate::finding::Report;
use crate::finding::{Applicability, Severity};
use crate::ruleset::Code;

/// Where the rule pages live; a rule's page is this followed by `CODE.md`.
pub const DOCS_URL: &str = "https://github.com/scimlint/scimlint/blob/main/rules/docs/";

/// The project's home page: [`DOCS_URL`] without its path.
#[must_use]
pub fn repository_url() -> &'static str {
    DOCS_URL.strip_suffix("/blob/main/rules/docs/").unwrap_or(DOCS_URL)
}

/// The documentation page of one rule.
#[must_use]
pub fn rule_url(code: Code) -> String {
    format!("{DOCS_URL}{code}.md")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
    Gitlab,
    Junit,
    Markdown,
}

impl Format {
    pub const ALL: [Format; 8] =
        [Self::Human, Self::Concise, Self::Json, Self::Sarif, Self::Github, Self::Gitlab, Self::Junit, Self::Markdown];

    /// The name users write (`--format json`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Human => "human",
            Self::Concise => "concise",
            Self::Json => "json",
            Self::Sarif => "sarif",
            Self::Github => "github",
            Self::Gitlab => "gitlab",
            Self::Junit => "junit",
            Self::Markdown => "markdown",
        }
    }

    /// One line for `--help`.
    #[must_use]
    pub fn summary(self) -> &'static str {
        match self {
            Self::Human => "Rich diagnostics with source snippets (miette)",
            Self::Concise => "One line per finding: `path:line:col: CODE severity message`",
            Self::Json => "Versioned machine-readable output (version 1)",
            Self::Sarif => "SARIF 2.1.0, as GitHub code scanning accepts it",
            Self::Github => "GitHub Actions workflow commands (`::error file=...::`), shown as annotations",
            Self::Gitlab => "GitLab Code Quality report (JSON array)",
            Self::Junit => "JUnit XML: one test case per file, one failure per finding",
            Self::Markdown => "Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`",
        }
    }

    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|format| format.name() == name)
    }
}

pub fn render(report: &Report, format: Format, human: &HumanOptions, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human::render(report, human, out),
        Format::Concise => concise::render(report, out),
        Format::Json => json::render(report, out),
        Format::Sarif => sarif::render(report, out),
        Format::Github => github::render(report, out),
        Format::Gitlab => gitlab::render(report, out),
        Format::Junit => junit::render(report, out),
        Format::Markdown => markdown::render(report, out),
    }
}

/// Counts by severity and fixability, for summaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub safe_fixes: usize,
    pub unsafe_fixes: usize,
}

impl Tally {
    #[must_use]
    pub fn of(report: &Report) -> Self {
        let mut tally = Self::default();
        for finding in &report.findings {
            match finding.severity {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
                Severity::Info => tally.infos += 1,
            }
            match finding.fix.as_ref().map(|fix| fix.applicability) {
                Some(Applicability::Safe) => tally.safe_fixes += 1,
                Some(Applicability::Unsafe) => tally.unsafe_fixes += 1,
                None => {}
            }
        }
        tally
    }

    /// "Found 1 error and 2 warnings in 3 files." — or that all checks passed.
    #[must_use]
    pub fn sentence(&self, files: usize) -> String {
        let files = plural(files, "file");
        let mut parts = Vec::new();
        for (count, noun) in [(self.errors, "error"), (self.warnings, "warning"), (self.infos, "info")] {
            if count > 0 {
                parts.push(plural(count, noun));
            }
        }
        if parts.is_empty() {
            return format!("All checks passed ({files}).");
        }
        let found = match parts.as_slice() {
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
            [] => String::new(),
        };
        let mut sentence = format!("Found {found} in {files}.");
        if self.safe_fixes > 0 {
            sentence.push_str(&format!(" {} fixable with --fix.", self.safe_fixes));
        }
        if self.unsafe_fixes > 0 {
            sentence.push_str(&format!(" {} more with --unsafe-fixes.", self.unsafe_fixes));
        }
        sentence
    }
}

pub(crate) fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}
