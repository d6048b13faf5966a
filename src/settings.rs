//! What the user chose for this run: which rules, at which severity, and facts about their org.

use std::collections::HashMap;

use crate::code::Code;
use crate::error::Error;
use crate::finding::Severity;

/// A `--select`/`--ignore` entry: a code, a code prefix (`T`, `T1`) or a rule name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selector {
    Code(Code),
    Prefix(String),
}

impl Selector {
    pub fn parse(text: &str) -> Result<Self, Error> {
        let text = text.trim();
        if let Some(code) = crate::rulebook::rulebook().lookup(text) {
            return Ok(Self::Code(code));
        }
        let upper = text.to_ascii_uppercase();
        let is_prefix = !upper.is_empty()
            && upper.len() < 4
            && upper.starts_with(['F', 'T', 'X', 'P', 'S'])
            && upper[1..].chars().all(|c| c.is_ascii_digit());
        if is_prefix { Ok(Self::Prefix(upper)) } else { Err(Error::UnknownRule { name: text.to_owned() }) }
    }

    #[must_use]
    pub fn matches(&self, code: Code) -> bool {
        match self {
            Self::Code(selected) => *selected == code,
            Self::Prefix(prefix) => code.as_str().starts_with(prefix.as_str()),
        }
    }

    /// Parses a comma-separated list.
    pub fn parse_list(text: &str) -> Result<Vec<Self>, Error> {
        text.split(',').filter(|part| !part.trim().is_empty()).map(Self::parse).collect()
    }
}

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
    pub span: crate::span::Span,
}

#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Empty selects every rule.
    pub select: Vec<Selector>,
    pub ignore: Vec<Selector>,
    /// Per-rule severity; `None` turns the rule off.
    pub severity: HashMap<Code, Option<Severity>>,
    /// Existing group names in the target (Haiilo: `haiilo.groups`), when the user listed them.
    pub groups: Option<Vec<String>>,
    /// The org's custom Okta user attributes (`user.<name>`), from config or an Okta user schema.
    /// `None` when nobody said, so an unknown `user.x` may still be a custom attribute.
    pub custom_attributes: Option<Vec<String>>,
    pub per_file_ignores: Vec<PerFileIgnore>,
    pub exceptions: Vec<Exception>,
    /// The directory of the config file that relative paths in it start from.
    pub config_dir: Option<std::path::PathBuf>,
    /// The config file's place among the run's files, once the engine has added it.
    pub config_file: Option<crate::finding::FileId>,
}

impl Settings {
    /// `name` (a linted file) relative to the config's directory, `/`-separated, for globs and
    /// exceptions; `None` without a config or outside its directory.
    #[must_use]
    pub fn config_relative(&self, name: &str) -> Option<String> {
        let dir = self.config_dir.as_ref()?;
        let full = std::fs::canonicalize(name).ok()?;
        Some(full.strip_prefix(dir).ok()?.to_string_lossy().replace('\\', "/"))
    }
}

impl Settings {
    /// The severity `code` reports at, or `None` when it is not to report at all.
    #[must_use]
    pub fn effective_severity(&self, code: Code) -> Option<Severity> {
        let selected = self.select.is_empty() || self.select.iter().any(|selector| selector.matches(code));
        if !selected || self.ignore.iter().any(|selector| selector.matches(code)) {
            return None;
        }
        match self.severity.get(&code) {
            Some(choice) => *choice,
            None => Some(code.default_severity()),
        }
    }
}
