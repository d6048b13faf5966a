//! Target profiles: what a SCIM application accepts. Haiilo's is built in (`rules/targets/haiilo.yaml`);
//! `--target FILE` reads another with the same schema, and every rule works from it unchanged.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::{DataError, Error};
pub use crate::model::{ApplyOn, AttributeType};
use crate::ruleset::schema::Schema;
use crate::suggest::Candidates;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Assigns {
    Group,
    Team,
}

/// How the target compares two values of an attribute (`compare` in the profile).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Compare {
    #[default]
    Exact,
    /// Letter case alone does not make two values different (Haiilo's team names).
    CaseInsensitive,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct AllowedValues {
    pub from_config: Option<String>,
    #[serde(default)]
    pub allowed: Vec<String>,
    pub pattern: Option<String>,
    #[serde(default)]
    pub case_sensitive: bool,
    pub error: Option<String>,
    /// `pattern`, anchored and compiled on first use (once per run, not once per value).
    #[serde(skip)]
    compiled: std::sync::OnceLock<Option<regex::Regex>>,
}

impl AllowedValues {
    /// The compiled `pattern`; `None` when there is none (or it does not compile).
    #[must_use]
    pub fn pattern_regex(&self) -> Option<&regex::Regex> {
        self.compiled
            .get_or_init(|| {
                self.pattern.as_deref().and_then(|pattern| regex::Regex::new(&format!("^(?:{pattern})$")).ok())
            })
            .as_ref()
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct Attribute {
    pub name: String,
    pub title: Option<String>,
    pub scim_path: String,
    /// The exact `externalName` Okta must use, where the sources record it.
    pub external_name: Option<String>,
    pub namespace: Option<String>,
    #[serde(rename = "type")]
    pub value_type: String,
    pub attribute_type: AttributeType,
    #[serde(default)]
    pub sign_on: bool,
    /// Every user must have a value (V503 is an error for it, a note for the others).
    #[serde(default)]
    pub required: bool,
    pub recommended: bool,
    pub okta_source: Option<String>,
    pub apply_on: Option<ApplyOn>,
    pub format: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub assigns: Option<Assigns>,
    #[serde(default)]
    pub compare: Compare,
    pub values: Option<AllowedValues>,
    pub effect: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct FeatureInfo {
    pub label: String,
    pub supported: bool,
    /// Unsupported by report (the article's troubleshooting), not by documentation.
    #[serde(default)]
    pub reported: bool,
    #[serde(default)]
    pub recommended: bool,
    #[serde(default)]
    pub deletes_account: bool,
    pub effect: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Target {
    pub name: String,
    pub title: String,
    pub description: Option<String>,
    #[serde(default)]
    pub sources: BTreeMap<String, String>,
    pub groups_config_key: Option<String>,
    /// Words that name the target app in Okta (`haiilo`, `smarp`).
    #[serde(default)]
    pub app_names: Vec<String>,
    pub attributes: Vec<Attribute>,
    pub features: BTreeMap<String, FeatureInfo>,
    /// Where the profile came from, for messages about the profile itself.
    #[serde(skip)]
    pub origin: String,
    /// The attributes by name, built on first use.
    #[serde(skip)]
    index: std::sync::OnceLock<Index>,
}

/// Look-ups of attributes by name: an export can ask for 400,000 names, each of them against
/// every attribute, alias and did-you-mean candidate.
#[derive(Clone, Debug, Default)]
struct Index {
    exact: foldhash::HashMap<String, usize>,
    /// By name in ASCII lower case.
    caseless: foldhash::HashMap<String, usize>,
    /// By alias in ASCII lower case.
    aliases: foldhash::HashMap<String, usize>,
    names: Candidates,
}

impl Index {
    /// Each key names the first attribute that has it, as a search in order would find.
    fn of(attributes: &[Attribute]) -> Self {
        let mut index = Self::default();
        for (position, attribute) in attributes.iter().enumerate() {
            index.exact.entry(attribute.name.clone()).or_insert(position);
            index.caseless.entry(attribute.name.to_ascii_lowercase()).or_insert(position);
            for alias in &attribute.aliases {
                index.aliases.entry(alias.to_ascii_lowercase()).or_insert(position);
            }
        }
        let names: Vec<&str> = attributes.iter().map(|attribute| attribute.name.as_str()).collect();
        index.names = Candidates::new(&names);
        index
    }
}

pub const BUILT_IN: &[&str] = &["haiilo"];

/// Read once per process. Built-in profiles are validated by the test suite
/// (`tests/registry.rs`) rather than at run time: compiling the profile schema would be a third of
/// a one-file run.
static BUILT_IN_PROFILES: std::sync::LazyLock<Vec<(&str, Result<Target, DataError>)>> =
    std::sync::LazyLock::new(|| {
        BUILT_IN
            .iter()
            .map(|name| {
                let path = format!("targets/{name}.yaml");
                let read = super::read_embedded::<Target>(&path).map(|mut target| {
                    target.origin = format!("rules/{path}");
                    target
                });
                (*name, read)
            })
            .collect()
    });

impl Target {
    /// A built-in profile by name, or a YAML profile file by path.
    pub fn load(name_or_path: &str) -> Result<Self, Error> {
        if let Some((_, built_in)) = BUILT_IN_PROFILES.iter().find(|(name, _)| *name == name_or_path) {
            return Ok(built_in.clone()?);
        }
        let looks_like_path = name_or_path.contains(['/', '\\', '.']);
        if !looks_like_path {
            return Err(Error::UnknownTarget { name: name_or_path.to_owned(), known: BUILT_IN.join(", ") });
        }
        let text = std::fs::read_to_string(name_or_path).map_err(|error| Error::io(name_or_path, &error))?;
        Ok(Self::parse(name_or_path, &text)?)
    }

    /// Reads and validates a profile against `rules/schemas/target.schema.json`.
    pub fn parse(path: &str, text: &str) -> Result<Self, DataError> {
        let schema = Schema::embedded("schemas/target.schema.json")?;
        let node = crate::ruleset::data::parse_yaml(path, text)?;
        let mut target: Self = crate::ruleset::data::read_validated(path, text, &node, &schema)?;
        target.origin = path.to_owned();
        Ok(target)
    }

    /// The attribute named exactly `name`.
    #[must_use]
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.index().exact.get(name).map(|&position| &self.attributes[position])
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::of(&self.attributes))
    }

    /// The attribute Okta fills from the Sign On settings' username format (Haiilo's `userName`).
    #[must_use]
    pub fn sign_on_attribute(&self) -> Option<&Attribute> {
        self.attributes.iter().find(|attribute| attribute.sign_on)
    }

    #[must_use]
    pub fn feature(&self, key: &str) -> Option<&FeatureInfo> {
        self.features.get(key)
    }

    /// The attribute that `name` most likely meant: same letters in another case, an alias, or a
    /// close spelling. The flag says whether only the letter case differs.
    #[must_use]
    pub fn closest_attribute(&self, name: &str) -> Option<(&Attribute, bool)> {
        let index = self.index();
        let lower = name.to_ascii_lowercase();
        if let Some(&position) = index.caseless.get(&lower) {
            return Some((&self.attributes[position], true));
        }
        if let Some(&position) = index.aliases.get(&lower) {
            return Some((&self.attributes[position], false));
        }
        index.names.closest(name).map(|position| (&self.attributes[position], false))
    }
}
