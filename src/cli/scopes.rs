//! The settings each input is checked under, shared by `check`, `table` and `server`: the nearest
//! config file of the input's directory (or `--config`, or none with `--no-config`), then the
//! command line's choices on top.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use scimlint::error::Error;
use scimlint::ruleset::Target;
use scimlint::settings::{Config, Selector, Settings, TerraformVar, fail_level};
use scimlint::source::Input;
use scimlint::{Linter, Scope};

use super::{FailOn, Failure};

/// The options that choose the settings of a run (of `check`, `table` and `server`).
#[derive(clap::Args, Clone, Debug, Default)]
pub struct ScopeArgs {
    /// The target app: its Okta app id, label, app name or Terraform address (repeatable;
    /// default: the config's `app:`, else decided from the documents).
    #[arg(long = "app", value_name = "APP")]
    pub apps: Vec<String>,
    /// Target profile: a built-in name or a YAML profile file (default: the config's, else haiilo).
    #[arg(long)]
    pub target: Option<String>,
    /// Exit with 1 when a finding is at or above this level (default: the config's, else error).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Only these rules: codes, prefixes (T, T1) or names, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Skip these rules: codes, prefixes or names, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Use this config file for every input, instead of the nearest scimlint.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<String>,
    /// Use no config file.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// A Terraform variable file, as `terraform plan -var-file` (repeatable; later ones win).
    #[arg(long = "var-file", value_name = "FILE")]
    pub var_files: Vec<String>,
    /// A Terraform variable, as `terraform plan -var` (repeatable).
    #[arg(long = "var", value_name = "NAME=VALUE", value_parser = terraform_var)]
    pub vars: Vec<String>,
    /// The Terraform configuration of the plans checked, when it is not in the plan's directory.
    #[arg(long, value_name = "DIR")]
    pub tf_dir: Option<String>,
    /// `--var-file` and `--var` as given, in command-line order: Terraform's precedence (set
    /// from the parsed command line by [`terraform_order`]).
    #[arg(skip)]
    pub terraform_vars: Vec<TerraformArg>,
}

/// `--var-file FILE` or `--var NAME=VALUE`.
#[derive(Clone, Debug)]
pub enum TerraformArg {
    File(String),
    Var(String),
}

fn terraform_var(text: &str) -> Result<String, String> {
    match text.split_once('=') {
        Some((name, _)) if !name.trim().is_empty() => Ok(text.to_owned()),
        _ => Err("expected NAME=VALUE, as `terraform plan -var`".to_owned()),
    }
}

/// The Terraform variable flags of a subcommand in the order they were given.
pub fn terraform_order(matches: &clap::ArgMatches) -> Vec<TerraformArg> {
    let mut given: Vec<(usize, TerraformArg)> = Vec::new();
    for (id, make) in [("var_files", TerraformArg::File as fn(String) -> TerraformArg), ("vars", TerraformArg::Var)] {
        let (Some(indices), Some(values)) = (matches.indices_of(id), matches.get_many::<String>(id)) else { continue };
        given.extend(indices.zip(values).map(|(index, value)| (index, make(value.clone()))));
    }
    given.sort_by_key(|(index, _)| *index);
    given.into_iter().map(|(_, arg)| arg).collect()
}

/// `--var-file` files read, `--var` values split, in command-line order.
fn terraform_vars(args: &[TerraformArg]) -> Result<Vec<TerraformVar>, Error> {
    args.iter()
        .map(|arg| match arg {
            TerraformArg::File(path) => std::fs::read_to_string(path)
                .map(|text| TerraformVar::File { name: path.replace('\\', "/"), text })
                .map_err(|error| Error::Io { path: path.clone(), reason: error.to_string() }),
            TerraformArg::Var(text) => {
                let (name, value) = text.split_once('=').unwrap_or((text, ""));
                Ok(TerraformVar::Value { name: name.trim().to_owned(), value: value.to_owned() })
            }
        })
        .collect()
}

impl ScopeArgs {
    /// The config that applies to the inputs of `dir`: `--config`, none with `--no-config`, else
    /// the nearest.
    pub fn config_for(&self, dir: &Path) -> Option<PathBuf> {
        if self.no_config {
            return None;
        }
        if let Some(path) = &self.config {
            return Some(PathBuf::from(path));
        }
        scimlint::settings::nearest(dir)
    }

    /// The settings of the inputs under one config: the config's, then the command line's on top.
    pub fn scope(&self, config: Option<Config>) -> Result<Scope, Failure> {
        let target_name = match (&self.target, config.as_ref().and_then(|config| config.target.as_ref())) {
            (Some(target), _) => target.clone(),
            (None, Some(target)) if target.contains(['/', '.']) => config
                .as_ref()
                .map_or(PathBuf::from(target), |config| config.dir.join(target))
                .to_string_lossy()
                .into_owned(),
            (None, Some(target)) => target.clone(),
            (None, None) => "haiilo".to_owned(),
        };
        let target = Target::load(&target_name)?;
        let mut settings = Settings::default();
        if let Some(config) = &config {
            config.apply(&mut settings, target.groups_config_key.as_deref())?;
        }
        if !self.select.is_empty() {
            settings.rules.select = self.select.iter().map(|text| Selector::parse(text)).collect::<Result<_, _>>()?;
        }
        if !self.ignore.is_empty() {
            settings.rules.ignore = self.ignore.iter().map(|text| Selector::parse(text)).collect::<Result<_, _>>()?;
        }
        if let Some(level) = self.fail_on {
            settings.fail_on = fail_level(level.as_str());
        }
        if !self.apps.is_empty() {
            settings.apps.clone_from(&self.apps);
        }
        settings.terraform_vars = terraform_vars(&self.terraform_vars)?;
        settings.tf_dir.clone_from(&self.tf_dir);
        Ok(Scope { target, settings, config })
    }

    /// A scope again, its config file read anew (after `--fix` changed it, or an editor did).
    pub fn reload(&self, old: Scope) -> Result<Scope, Failure> {
        match old.config {
            Some(config) => self.scope(Some(Config::load(Path::new(&config.source.name))?)),
            None => Ok(old),
        }
    }
}

/// Inputs, each with the index of its scope.
pub type Scoped = Vec<(usize, Input)>;

/// The directory whose nearest config applies to a file named `name` (`.` for a bare name).
pub fn directory_of(name: &str) -> PathBuf {
    Path::new(name).parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf()
}

/// Every input with the index of the scope (config file) it falls under; `dir_of` says which
/// directory's nearest config applies to an input.
pub fn scoped(
    args: &ScopeArgs,
    inputs: Vec<Input>,
    dir_of: impl Fn(&Input) -> PathBuf,
) -> Result<(Vec<Scope>, Scoped), Failure> {
    let mut scopes = Vec::new();
    let mut scope_of: HashMap<Option<PathBuf>, usize> = HashMap::new();
    // Files of one directory share their nearest config: look it up once per directory.
    let mut nearest: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    let mut scoped = Vec::with_capacity(inputs.len());
    for input in inputs {
        let config = nearest.entry(dir_of(&input)).or_insert_with_key(|dir| args.config_for(dir)).clone();
        let index = match scope_of.get(&config) {
            Some(index) => *index,
            None => {
                scopes.push(args.scope(config.as_deref().map(Config::load).transpose()?)?);
                scope_of.insert(config, scopes.len() - 1);
                scopes.len() - 1
            }
        };
        scoped.push((index, input));
    }
    if scopes.is_empty() {
        scopes.push(args.scope(None)?);
    }
    Ok((scopes, scoped))
}

/// A linter whose scopes are read anew when a fix changed one of their config files.
pub fn reloaded(args: &ScopeArgs, linter: Linter) -> Result<Linter, Failure> {
    let scopes = linter.into_scopes().into_iter().map(|old| args.reload(old)).collect::<Result<_, Failure>>()?;
    Ok(Linter::with_scopes(scopes)?)
}
