//! `scimlint.yaml` / `.scimlint.yaml`: the project's choices, validated like any input. Unknown
//! keys are kept for F009 (reported in the config file); wrong types and unknown rules make it
//! unusable.

use std::path::{Path, PathBuf};

use super::{Exception, PerFileIgnore, Selector, Settings, fail_level};
use crate::error::{DataError, Error};
use crate::model::UnknownKey;
use crate::ruleset::RuleSet;
use crate::ruleset::Severity;
use crate::source::tree::{DuplicateKey, Node, duplicate_keys};
use crate::source::{SourceFile, Span};

pub const FILE_NAMES: [&str; 2] = ["scimlint.yaml", ".scimlint.yaml"];

pub struct Config {
    pub source: SourceFile,
    /// The directory the config's relative paths and globs start from.
    pub dir: PathBuf,
    pub target: Option<String>,
    pub fail_on: Option<String>,
    /// Where the rule pages are published (`{docs_url}/CODE.md`), for links in SARIF and Markdown.
    pub docs_url: Option<String>,
    /// Keys the config does not define (F009).
    pub unknown_keys: Vec<UnknownKey>,
    /// Keys set twice in one object (F004): the last one would silently win.
    pub duplicates: Vec<DuplicateKey>,
    root: Node,
}

/// The config file that applies to files in `dir`: the nearest one in it or above it.
#[must_use]
pub fn nearest(dir: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    start
        .ancestors()
        .flat_map(|ancestor| FILE_NAMES.iter().map(move |name| ancestor.join(name)))
        .find(|path| path.is_file())
}

fn invalid(source: &SourceFile, span: Span, reason: impl Into<String>) -> Error {
    Error::Data(DataError::at(&source.name, &source.text, span, reason))
}

impl Config {
    pub fn load(path: &Path) -> Result<Self, Error> {
        // Shown as the user would type it: relative to the working directory when inside it.
        let cwd = std::env::current_dir().ok().and_then(|cwd| std::fs::canonicalize(cwd).ok());
        let shown = cwd.as_deref().and_then(|cwd| path.strip_prefix(cwd).ok()).unwrap_or(path);
        let name = shown.to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(path).map_err(|error| Error::io(&name, &error))?;
        let dir = std::fs::canonicalize(path)
            .ok()
            .and_then(|full| full.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from("."));
        Self::parse(&name, text, dir)
    }

    /// A config's text, read as if it were the file `name` in `dir`.
    pub fn parse(name: &str, text: String, dir: PathBuf) -> Result<Self, Error> {
        let source = SourceFile::new(name, text);
        let root = crate::ruleset::data::parse_yaml(name, &source.text)?;
        let root = if root.is_null() {
            Node::new(Span::empty(0), crate::source::tree::Value::Object(Vec::new()))
        } else {
            root
        };
        let schema = &RuleSet::built_in()?.schemas.config;
        if let Some(violation) = schema.violations(&root).into_iter().next() {
            return Err(invalid(&source, violation.span, violation.message));
        }
        let unknown_keys = schema.unknown_keys(&root);
        let duplicates = duplicate_keys(&root);
        let text_at = |key: &str| root.get(key).and_then(Node::as_str).map(str::to_owned);
        let (target, fail_on, docs_url) = (text_at("target"), text_at("fail_on"), text_at("docs_url"));
        let config = Self { target, fail_on, docs_url, source, dir, unknown_keys, duplicates, root };
        config.apply(&mut Settings::default(), None)?;
        Ok(config)
    }

    fn rules(&self, node: &Node) -> Result<Vec<Selector>, Error> {
        node.items()
            .unwrap_or_default()
            .iter()
            .map(|item| {
                Selector::parse(item.as_str().unwrap_or_default()).map_err(|_| {
                    invalid(&self.source, item.span, format!("unknown rule `{}`", item.as_str().unwrap_or_default()))
                })
            })
            .collect()
    }

    /// Applies the config to `settings`; command-line choices are applied after, and win.
    /// `groups_key` is where the target profile keeps its group names (`haiilo.groups`). A rule
    /// the config names that does not exist makes it unusable, pointing at that name.
    pub fn apply(&self, settings: &mut Settings, groups_key: Option<&str>) -> Result<(), Error> {
        if let Some(node) = self.root.get("select") {
            settings.rules.select = self.rules(node)?;
        }
        if let Some(node) = self.root.get("ignore") {
            settings.rules.ignore = self.rules(node)?;
        }
        if let Some(level) = &self.fail_on {
            settings.fail_on = fail_level(level);
        }
        for member in self.root.get("severity").and_then(Node::members).unwrap_or_default() {
            let Some(code) = crate::ruleset::Code::lookup(&member.key) else {
                return Err(invalid(&self.source, member.key_span, format!("unknown rule `{}`", member.key)));
            };
            let level = match member.value.as_str() {
                Some("error") => Some(Severity::Error),
                Some("warning") => Some(Severity::Warning),
                Some("info") => Some(Severity::Info),
                _ => None,
            };
            settings.rules.severity.insert(code, level);
        }
        for member in self.root.get("per_file_ignores").and_then(Node::members).unwrap_or_default() {
            let glob = globset::Glob::new(&member.key)
                .map_err(|error| invalid(&self.source, member.key_span, format!("invalid glob: {error}")))?;
            settings
                .suppressions
                .per_file_ignores
                .push(PerFileIgnore { matcher: glob.compile_matcher(), rules: self.rules(&member.value)? });
        }
        for member in self.root.get("exceptions").and_then(Node::members).unwrap_or_default() {
            let (file, pointer) = member.key.split_once('#').unwrap_or((&member.key, ""));
            settings.suppressions.exceptions.push(Exception {
                file: file.to_owned(),
                pointer: pointer.to_owned(),
                rules: self.rules(&member.value)?,
                span: member.key_span,
            });
        }
        let strings = |node: Option<&Node>| -> Option<Vec<String>> {
            Some(node?.items()?.iter().filter_map(|item| item.as_str().map(str::to_owned)).collect())
        };
        if let Some(custom) = strings(self.root.get("okta").and_then(|okta| okta.get("custom_attributes"))) {
            settings.org.custom_attributes = Some(custom);
        }
        let groups = groups_key.and_then(|key| key.split('.').try_fold(&self.root, |node, step| node.get(step)));
        if let Some(groups) = strings(groups) {
            settings.org.groups = Some(groups);
        }
        match self.root.get("app") {
            Some(node) if node.as_str().is_some() => {
                settings.apps = node.as_str().map(str::to_owned).into_iter().collect()
            }
            Some(node) => settings.apps = strings(Some(node)).unwrap_or_default(),
            None => {}
        }
        settings.suppressions.config_dir = Some(self.dir.clone());
        settings.docs_url.clone_from(&self.docs_url);
        Ok(())
    }
}
