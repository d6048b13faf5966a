//! Suppressions the user wrote: `# scimlint: ignore[…]` comments in YAML and HCL files, and the
//! config's `per_file_ignores` and `exceptions`. The pipeline applies them after the checks,
//! whatever rules are selected; F010 reports the ones that suppressed nothing.

use std::path::PathBuf;
use std::sync::LazyLock;

use regex::Regex;

use super::Selector;
use crate::source::{FileId, SourceFile, Span};

/// `per_file_ignores`: rules switched off for files matching a glob.
#[derive(Clone, Debug)]
pub struct PerFileIgnore {
    pub matcher: globset::GlobMatcher,
    pub rules: Vec<Selector>,
}

/// `exceptions`: rules suppressed at one node (`file#/json/pointer`) and below.
#[derive(Clone, Debug)]
pub struct Exception {
    pub file: String,
    pub pointer: String,
    pub rules: Vec<Selector>,
    /// Where the config says so, for F010 when it suppresses nothing.
    pub span: Span,
}

#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    pub per_file_ignores: Vec<PerFileIgnore>,
    pub exceptions: Vec<Exception>,
    /// The directory of the config file that relative paths in it start from.
    pub config_dir: Option<PathBuf>,
}

impl Suppressions {
    /// `name` (a linted file) relative to the config's directory, `/`-separated, for globs and
    /// exceptions; `None` without a config or outside its directory.
    #[must_use]
    pub fn config_relative(&self, name: &str) -> Option<String> {
        let dir = self.config_dir.as_ref()?;
        let full = std::fs::canonicalize(name).ok()?;
        Some(full.strip_prefix(dir).ok()?.to_string_lossy().replace('\\', "/"))
    }
}

/// One `# scimlint: ignore[…]` comment.
#[derive(Clone, Debug)]
pub struct Comment {
    pub file: FileId,
    pub span: Span,
    /// The line it covers besides the next one; `None` for `ignore-file`.
    pub line: Option<usize>,
    pub rules: Vec<Selector>,
}

/// A suppression that suppressed nothing: a comment, or an exception in a config file.
#[derive(Clone, Debug)]
pub struct Unused {
    pub file: FileId,
    pub span: Span,
    pub what: &'static str,
}

static COMMENT: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?:#|//)\s*scimlint:\s*(ignore|ignore-file)\[([^\]\n]*)\]").ok());

/// The suppression comments of a YAML or HCL file.
#[must_use]
pub fn comments(file: FileId, source: &SourceFile) -> Vec<Comment> {
    // Compiling the pattern costs more than a one-file run; most files have no comment for it.
    if !source.text.contains("scimlint:") {
        return Vec::new();
    }
    let Some(pattern) = COMMENT.as_ref() else { return Vec::new() };
    pattern
        .captures_iter(&source.text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let span = Span::new(whole.start(), whole.end());
            let rules = captures.get(2)?.as_str().split(',').filter_map(|rule| Selector::parse(rule).ok()).collect();
            let line = (&captures[1] == "ignore").then(|| source.position(span.start).line);
            Some(Comment { file, span, line, rules })
        })
        .collect()
}
