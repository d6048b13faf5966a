//! Settings: what the user chose — `scimlint.yaml` and the command line — resolved once per
//! config file in force: which rules at which severity, facts about their org, suppressions and
//! the `--fail-on` level. It may import `source`, `model` and `ruleset`, never `checks`,
//! `engine`, `finding` or `render`.

mod config;
mod selection;
mod suppressions;

pub use config::{Config, FILE_NAMES, nearest};
pub use selection::{RuleSelection, Selector};
pub use suppressions::{Comment, Exception, PerFileIgnore, Suppressions, Unused, comments};

use crate::ruleset::Severity;

/// Facts about the user's org that the files themselves do not say.
#[derive(Clone, Debug, Default)]
pub struct OrgFacts {
    /// Existing group names in the target (for Haiilo `haiilo.groups`), when the user listed them.
    pub groups: Option<Vec<String>>,
    /// The org's custom Okta user attributes (`user.<name>`), from config or an Okta user schema.
    /// `None` when nobody said, so an unknown `user.x` may still be a custom attribute.
    pub custom_attributes: Option<Vec<String>>,
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub rules: RuleSelection,
    pub org: OrgFacts,
    pub suppressions: Suppressions,
    /// A finding at or above this level fails the run; `None` never fails it.
    pub fail_on: Option<Severity>,
    /// The target app, by id, label, Okta name or Terraform address (`app:`, `--app`); empty:
    /// decided from what the documents say.
    pub apps: Vec<String>,
    /// `--var-file` and `--var`, as Terraform's own flags, in command-line order.
    pub terraform_vars: Vec<TerraformVar>,
    /// `--tf-dir`: the configuration of the plans checked, when it is not beside them.
    pub tf_dir: Option<String>,
    /// Where the rule pages are published (the config's `docs_url`).
    pub docs_url: Option<String>,
}

/// A Terraform variable value from the command line.
#[derive(Clone, Debug)]
pub enum TerraformVar {
    /// `--var-file FILE`, read by the command line.
    File { name: String, text: String },
    /// `--var NAME=VALUE`.
    Value { name: String, value: String },
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            rules: RuleSelection::default(),
            org: OrgFacts::default(),
            suppressions: Suppressions::default(),
            fail_on: Some(Severity::Error),
            apps: Vec::new(),
            terraform_vars: Vec::new(),
            tf_dir: None,
            docs_url: None,
        }
    }
}

/// `error`, `warning`, `info` or `never`, as `fail_on` and `--fail-on` say it.
#[must_use]
pub fn fail_level(text: &str) -> Option<Severity> {
    match text {
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        "never" => None,
        _ => Some(Severity::Error),
    }
}
