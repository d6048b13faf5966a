//! What an evaluation takes and gives: input files, evaluated resources and diagnostics.

use super::value::{Location, Place, Unknown, Value};
use crate::source::Span;

/// One file as the caller read it; `name` is its file name (`main.tf`, `prod.auto.tfvars`).
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub id: usize,
    pub name: String,
    pub text: String,
}

/// A `--var-file FILE` or `--var NAME=VALUE` flag, kept in command-line order.
#[derive(Clone, Debug)]
pub enum CliVar {
    File(SourceFile),
    Var { name: String, value: String },
}

/// A root module as Terraform sees it: every file of its directory and the command line.
#[derive(Clone, Debug, Default)]
pub struct Input {
    /// `*.tf`, `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars`, `*.auto.tfvars.json`
    /// of the directory, in any order (Terraform's order is applied by name); other names are
    /// ignored, `*.tf.json` with a diagnostic.
    pub files: Vec<SourceFile>,
    pub cli: Vec<CliVar>,
}

/// Reads the `.tf` files of a local module, `dir` relative to the root module (`modules/x`).
pub trait ModuleLoader {
    /// # Errors
    /// Why the directory cannot be read; the module's resources are then reported as unknown.
    fn load(&mut self, dir: &str) -> Result<Vec<SourceFile>, String>;
}

/// A loader for configurations without local modules: every call is reported as not read.
pub struct NoModules;

impl ModuleLoader for NoModules {
    fn load(&mut self, dir: &str) -> Result<Vec<SourceFile>, String> {
        Err(format!("no module loader was given for {dir}"))
    }
}

#[derive(Clone, Debug, Default)]
pub struct Evaluation {
    pub resources: Vec<Resource>,
    pub diagnostics: Vec<Diagnostic>,
}

/// One instance of a managed resource, as `terraform apply` would send it.
#[derive(Clone, Debug)]
pub struct Resource {
    /// `okta_profile_mapping`
    pub kind: String,
    pub name: String,
    /// `module.apps.okta_profile_mapping.to_app["haiilo"]`
    pub address: String,
    /// `module.apps` (with instance keys), empty in the root module.
    pub module: String,
    pub key: InstanceKey,
    pub file: usize,
    /// The labels (`"okta_profile_mapping" "to_app"`); in a plan, the `"address"` value.
    pub labels: Span,
    /// The whole block; in a plan, the resource's object in `planned_values`.
    pub block: Span,
    /// Attributes and nested blocks (blocks as lists of objects, as in a plan), meta-arguments
    /// (`count`, `for_each`, `depends_on`, `provider`, `lifecycle`) left out.
    pub values: Value,
    /// The `module` blocks that instantiated this one, outermost first.
    pub module_calls: Vec<Location>,
    pub source: ResourceSource,
}

#[derive(Clone, Debug, PartialEq)]
pub enum InstanceKey {
    /// No `count` or `for_each`.
    Single,
    Index(usize),
    Key(String),
    /// `count`/`for_each` could not be evaluated: this is every instance, with `count.index`,
    /// `each.key` and `each.value` unknown inside.
    Unknown(Unknown),
}

#[derive(Clone, Debug, PartialEq)]
pub enum ResourceSource {
    Configuration,
    /// From `terraform show -json`: the JSON pointer of the resource and the planned actions.
    Plan {
        pointer: String,
        actions: Vec<String>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    pub message: String,
    pub place: Option<Place>,
    pub related: Vec<Location>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagnosticKind {
    /// A file that is not HCL (or JSON) Terraform can read.
    Syntax,
    /// A limit against hostile input: the rest of what it stopped is unknown.
    Limit,
    /// Locals, resources or module outputs that depend on themselves.
    Cycle,
    /// A module call scimlint does not follow (remote source, unreadable directory).
    Module,
    /// A value for a variable the module does not declare, or a flag Terraform refuses.
    Variable,
    /// Terraform would refuse this (`for_each` of a list, a bad `count`).
    Invalid,
    /// A file kind scimlint does not read (`*.tf.json`).
    Unsupported,
    /// A name declared twice in one module (a resource, data source, variable or local):
    /// Terraform refuses the module; files that each stand alone are read one by one.
    Duplicate,
}
