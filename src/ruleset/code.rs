//! Rule codes and their metadata. Both come from `rules/rules.yaml` (and `rules/docs/<CODE>.md`)
//! through `build.rs`: a `Code` constant per rule, indexing a table that cannot be incomplete,
//! because a rule without a whole entry or a documentation page stops the build.

use std::fmt;
use std::str::FromStr;

/// How bad a finding is. Every rule has a default; config may override it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// Whether a rule can offer an automatic fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

/// One rule's entry in `rules/rules.yaml`, with its documentation.
#[derive(Debug)]
pub struct RuleInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub fix: FixAvailability,
    pub docs: &'static str,
}

impl RuleInfo {
    /// The one-line summary: the first paragraph of the documentation after its heading.
    #[must_use]
    pub fn summary(&self) -> &'static str {
        self.docs.lines().skip(1).map(str::trim).find(|line| !line.is_empty()).unwrap_or("")
    }
}

/// A rule's stable code (`T101`), an index into the rule table. Ordered as the codes sort.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Code(u16);

include!(concat!(env!("OUT_DIR"), "/rule_table.rs"));

impl Code {
    #[must_use]
    pub fn info(self) -> &'static RuleInfo {
        &RULES[usize::from(self.0)]
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.info().code
    }

    #[must_use]
    pub fn name(self) -> &'static str {
        self.info().name
    }

    #[must_use]
    pub fn default_severity(self) -> Severity {
        self.info().severity
    }

    /// A code or a rule name, as users write them in `explain`, `--select`, config and comments.
    #[must_use]
    pub fn lookup(code_or_name: &str) -> Option<Self> {
        let wanted = code_or_name.trim();
        Self::ALL.iter().copied().find(|code| code.as_str().eq_ignore_ascii_case(wanted) || code.name() == wanted)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Code {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        Self::lookup(text).ok_or(())
    }
}
