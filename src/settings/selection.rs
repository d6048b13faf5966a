//! Which rules run, and at which severity: `select`, `ignore` and `severity` from the config and
//! `--select`/`--ignore` from the command line.

use std::collections::HashMap;

use crate::error::Error;
use crate::ruleset::{Code, Severity};

/// A `--select`/`--ignore` entry: a code, a code prefix (`T`, `T1`) or a rule name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selector {
    Code(Code),
    Prefix(String),
}

impl Selector {
    pub fn parse(text: &str) -> Result<Self, Error> {
        let text = text.trim();
        if let Some(code) = Code::lookup(text) {
            return Ok(Self::Code(code));
        }
        let upper = text.to_ascii_uppercase();
        let is_prefix = !upper.is_empty()
            && upper.len() < 4
            && upper.starts_with(|c: char| c.is_ascii_uppercase())
            && Code::ALL.iter().any(|code| code.as_str().starts_with(&upper[..1]))
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

#[derive(Clone, Debug, Default)]
pub struct RuleSelection {
    /// Empty selects every rule.
    pub select: Vec<Selector>,
    pub ignore: Vec<Selector>,
    /// Per-rule severity; `None` turns the rule off.
    pub severity: HashMap<Code, Option<Severity>>,
}

impl RuleSelection {
    /// The severity `code` reports at by default, or `None` when it is not to run at all.
    #[must_use]
    pub fn severity_of(&self, code: Code) -> Option<Severity> {
        let selected = self.select.is_empty() || self.select.iter().any(|selector| selector.matches(code));
        if !selected || self.ignore.iter().any(|selector| selector.matches(code)) {
            return None;
        }
        match self.severity.get(&code) {
            Some(choice) => *choice,
            None => Some(code.default_severity()),
        }
    }

    /// The severity of a finding its check reported at `reported`, or `None` when its rule is off.
    /// A check may lower its own default (X204 without the org's custom attributes); only an
    /// explicit setting overrides that.
    #[must_use]
    pub fn severity_for(&self, code: Code, reported: Severity) -> Option<Severity> {
        let chosen = self.severity_of(code)?;
        Some(if self.severity.contains_key(&code) { chosen } else { reported })
    }
}
