//! Render: every output of a run, one file per format — each turns the same [`Report`] into one
//! format — the `table` drawing of a mapping and the `preview` of what the target receives. It
//! may import `source`, `expr` (preview values), `finding`, `ruleset` and `model`, never
//! `checks`, `settings` or `engine`; it knows no command-line parser.

mod concise;
/// Fingerprints belong to the findings (baselines use them too); renderers still name them here.
pub use crate::finding::fingerprint;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod markdown;
pub mod preview;
mod sarif;
mod snippet;
pub mod statistics;
mod summary;
pub mod table;

use std::io::{self, Write};

pub use human::HumanOptions;
pub use summary::{Tally, account, summary, users_summary};

use crate::finding::Report;

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
            Self::Junit => "JUnit XML: a test case per finding, failing at or above --fail-on",
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

/// Writes `value` as pretty JSON and a newline. An I/O error keeps its kind, so that a closed
/// pipe (`scimlint check --format json | head`) stays quiet.
pub(crate) fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)
        .map_err(|error| error.io_error_kind().map_or_else(|| io::Error::other(error), io::Error::from))?;
    writeln!(out)
}

pub(crate) fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}
