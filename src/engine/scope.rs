//! The settings in force for some of a run's inputs, and their config file as a document of the
//! run.

use super::Linter;
use crate::checks::{Ctx, Scene, Stage};
use crate::finding::Finding;
use crate::model::{Document, Kind, Outcome, Setup, Shape};
use crate::ruleset::Target;
use crate::ruleset::apps::App;
use crate::settings::{Config, Settings};
use crate::source::Syntax;

/// The settings in force for some of a run's inputs: those under one config file.
pub struct Scope {
    pub target: Target,
    pub settings: Settings,
    /// The config file they came from; it is part of the run (F009, F010 point into it).
    pub config: Option<Config>,
}

/// A config file as a document of the run: what F009 and F004 report on.
pub(super) fn config_document(config: &Config, file: usize, scope: usize) -> Document {
    let shape = Shape { unknown_keys: config.unknown_keys.clone(), ..Shape::default() };
    let duplicates = config.duplicates.clone();
    let outcome =
        Outcome::Recognized { kind: Kind::Config, duplicates, violations: Vec::new(), shape, parts: Vec::new() };
    Document { file, scope, syntax: Syntax::Yaml, outcome }
}

impl Linter {
    /// The findings of a config text of scope `scope` as file 0 of a run of its own, or `None`
    /// when the text is no usable config (for `--fix`, which must never break one).
    pub(super) fn check_config(&self, scope: usize, name: &str, text: String) -> Option<Vec<Finding>> {
        let dir = self.scopes.get(scope)?.config.as_ref()?.dir.clone();
        let config = Config::parse(name, text, dir).ok()?;
        let files = [config.source.clone()];
        let document = config_document(&config, 0, scope);
        let scope = &self.scopes[scope];
        let scene = Scene {
            files: &files,
            documents: &[&document],
            setup: &Setup::default(),
            target: &scope.target,
            okta: &self.ruleset.okta,
            org: &scope.settings.org,
            unused: &[],
            app: &App::unnamed(),
            users: None,
            shared: &self.shared,
        };
        Some(self.run_stage(Ctx::new(scene), Stage::Documents, &scope.settings))
    }
}
