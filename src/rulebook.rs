//! Rule metadata (`rules/rules.yaml`) and documentation (`rules/docs/<CODE>.md`), embedded at build time.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::code::Code;
use crate::error::DataError;
use crate::finding::Severity;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// A file under `rules/`, by its path relative to that folder.
#[must_use]
pub fn embedded_file(path: &str) -> Option<&'static str> {
    embedded::FILES.iter().find(|(name, _)| *name == path).map(|(_, text)| *text)
}

/// A YAML file under `rules/` as `T`, from the JSON that `build.rs` made of it.
pub fn read_embedded<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, DataError> {
    let json = embedded::JSON.iter().find(|(name, _)| *name == path).map(|(_, json)| *json);
    let json = json.ok_or_else(|| DataError::missing(&format!("rules/{path}")))?;
    serde_json::from_str(json).map_err(|error| DataError::invalid(&format!("rules/{path}"), error.to_string()))
}

/// Every embedded path under `rules/`.
pub fn embedded_paths() -> impl Iterator<Item = &'static str> {
    embedded::FILES.iter().map(|(name, _)| *name)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleInfo {
    pub code: String,
    pub name: String,
    pub severity: Severity,
    pub fix: FixAvailability,
    #[serde(skip)]
    pub docs: &'static str,
}

impl RuleInfo {
    /// The one-line summary: the first paragraph of the documentation after its heading.
    #[must_use]
    pub fn summary(&self) -> &'static str {
        self.docs.lines().skip(1).map(str::trim).find(|line| !line.is_empty()).unwrap_or("")
    }
}

pub struct RuleBook {
    rules: Vec<RuleInfo>,
}

static RULEBOOK: LazyLock<Result<RuleBook, DataError>> = LazyLock::new(RuleBook::load);

/// The rule book, or why the embedded rule data is unusable (a build defect, reported with exit 2).
pub fn checked() -> Result<&'static RuleBook, &'static DataError> {
    RULEBOOK.as_ref()
}

/// The rule book for lookups; `main` has already refused to run when it did not load.
#[must_use]
pub fn rulebook() -> &'static RuleBook {
    static EMPTY: RuleBook = RuleBook { rules: Vec::new() };
    RULEBOOK.as_ref().unwrap_or(&EMPTY)
}

static UNKNOWN: LazyLock<RuleInfo> = LazyLock::new(|| RuleInfo {
    code: String::new(),
    name: "unknown".into(),
    severity: Severity::Error,
    fix: FixAvailability::None,
    docs: "",
});

impl RuleBook {
    fn load() -> Result<Self, DataError> {
        let path = "rules.yaml";
        let mut rules: Vec<RuleInfo> = read_embedded(path)?;
        for rule in &mut rules {
            let docs = format!("docs/{}.md", rule.code);
            rule.docs = embedded_file(&docs).ok_or_else(|| DataError::missing(&docs))?;
        }
        for code in Code::ALL {
            if !rules.iter().any(|rule| rule.code == code.as_str()) {
                return Err(DataError::invalid(path, format!("no entry for {code}")));
            }
        }
        // In the order of `Code::ALL`, so that a code finds its rule by position.
        rules.sort_by_key(|rule| Code::ALL.iter().position(|code| code.as_str() == rule.code).unwrap_or(usize::MAX));
        Ok(Self { rules })
    }

    #[must_use]
    pub fn rule(&self, code: Code) -> &RuleInfo {
        let position = Code::ALL.iter().position(|known| *known == code);
        position
            .and_then(|at| self.rules.get(at))
            .filter(|rule| rule.code == code.as_str())
            .or_else(|| self.rules.iter().find(|rule| rule.code == code.as_str()))
            .unwrap_or(&UNKNOWN)
    }

    /// A code, or a rule name, as users write them in `explain`, `--select` and config.
    #[must_use]
    pub fn lookup(&self, code_or_name: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|code| code.as_str().eq_ignore_ascii_case(code_or_name) || self.rule(*code).name == code_or_name)
    }
}
