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
mod nested_pretty;
pub mod preview;
mod sarif;
mod simple_report;
mod snippet;
pub mod statistics;
mod summary;
pub mod table;
mod wrap;

use std::io::{self, Write};

use nested_pretty::NestedPretty;

pub use human::HumanOptions;
#[doc(hidden)]
pub use human::render_by_miette;
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
    serde_json::to_writer_pretty(&mut *out, value).map_err(json_error)?;
    writeln!(out)
}

fn json_error(error: serde_json::Error) -> io::Error {
    error.io_error_kind().map_or_else(|| io::Error::other(error), io::Error::from)
}

/// Findings drawn per task, and tasks whose text is held at once before it is written.
pub(crate) const ITEMS_PER_TASK: usize = 1024;
const TASKS_PER_WAVE: usize = 8;

/// Writes what [`write_json`] would write for `document` whose array under `key` (a key at
/// `depth`, left empty in `document`; without a key, `document` is that empty array) held what
/// `make` makes of each of `items`, drawn as [`write_drawn`] draws them.
pub(crate) fn write_json_with_items<'a, I: Sync, T: serde::Serialize>(
    out: &mut dyn Write,
    document: &impl serde::Serialize,
    key: Option<(&str, usize)>,
    items: &'a [I],
    make: impl Fn(&'a I) -> T + Sync + Send,
) -> io::Result<()> {
    let head = serde_json::to_vec_pretty(document).map_err(json_error)?;
    let indent = "  ".repeat(key.map_or(0, |(_, depth)| depth));
    // Keys at one depth of a pretty document start their lines with the same indent, and a quote
    // inside a string is escaped: this line is the key's and no other.
    let marker = key.map_or_else(|| "[]".to_owned(), |(key, _)| format!("\n{indent}\"{key}\": []"));
    let Some(at) = head.windows(marker.len()).position(|window| window == marker.as_bytes()) else {
        return Err(io::Error::other(format!("no empty array `{marker}` to fill")));
    };
    let (before, after) = head.split_at(at + marker.len() - 1);
    out.write_all(before)?;
    let depth = key.map_or(0, |(_, depth)| depth) + 1;
    write_drawn(out, items, ITEMS_PER_TASK, |index, value, text: &mut Vec<u8>| {
        text.extend_from_slice(if index > 0 { b",\n" } else { b"\n" });
        nested_pretty::indent(text, depth)?;
        let mut serializer = serde_json::Serializer::with_formatter(&mut *text, NestedPretty::new(depth));
        make(value).serialize(&mut serializer).map_err(json_error)
    })?;
    if !items.is_empty() {
        write!(out, "\n{indent}")?;
    }
    out.write_all(after)?;
    writeln!(out)
}

/// Writes what `draw` draws of each of `items` (told its index among them) into a task's text —
/// bytes, or a `String` for a drawing made of `str`s — in order. With more than one task of
/// `per_task` items, they are drawn on all cores, a wave of tasks at a time: 400,000 findings
/// are most of such a run's time, and holding all their text at once would add 100 MB to it.
pub(crate) fn write_drawn<'a, I: Sync, Text: Default + AsRef<[u8]> + Send>(
    out: &mut dyn Write,
    items: &'a [I],
    per_task: usize,
    draw: impl Fn(usize, &'a I, &mut Text) -> io::Result<()> + Sync + Send,
) -> io::Result<()> {
    let per_task = per_task.max(1);
    let draw_task = |&(first, chunk): &(usize, &'a [I])| -> io::Result<Text> {
        let mut text = Text::default();
        for (offset, item) in chunk.iter().enumerate() {
            draw(first + offset, item, &mut text)?;
        }
        Ok(text)
    };
    let tasks: Vec<(usize, &'a [I])> =
        items.chunks(per_task).enumerate().map(|(task, chunk)| (task * per_task, chunk)).collect();
    if tasks.len() < 2 {
        return tasks.iter().try_for_each(|task| out.write_all(draw_task(task)?.as_ref()));
    }
    for wave in tasks.chunks(TASKS_PER_WAVE) {
        for text in crate::parallel::map_ref_on_all_cores(wave, draw_task) {
            out.write_all(text?.as_ref())?;
        }
    }
    Ok(())
}

pub(crate) fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}
