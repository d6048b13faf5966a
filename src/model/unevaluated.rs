//! What Terraform evaluation could not know before `terraform apply` (F011): each value with its
//! place, why, and what of a mapping it stands for.

use crate::source::FileId;
use crate::source::Span;

/// A value scimlint could not evaluate, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct NotEvaluated {
    pub file: FileId,
    pub span: Span,
    /// A sentence naming what is unknown (`var.mappings has no default and no .tfvars value`).
    pub reason: String,
    /// The block that generated it (a `dynamic` block, a resource with `for_each`).
    pub via: Option<(FileId, Span)>,
    /// What of a mapping it stands for, if anything.
    pub covers: Covers,
    pub cause: Unevaluated,
}

/// What an unknown value is of a mapping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Covers {
    /// Some other value (an endpoint, a module input, a resource's `for_each`).
    Value,
    /// One entry: its attribute, expression or push status.
    Entry,
    /// Entries, how many unknown: a `dynamic "mappings"` block over an unknown collection.
    Entries,
}

/// Why a value is not known before `terraform apply`, and so what the admin can do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unevaluated {
    /// An input variable with no value: a `.tfvars` line or `--var` would give it one.
    NoValue { variable: String },
    /// What Okta or the provider sets when it applies (an app's `name`, a data source).
    Computed,
    /// A plan's `after_unknown`.
    AfterApply,
    /// A module that is not a local directory, or one that could not be read.
    Module,
    /// A function scimlint does not evaluate.
    Function { name: String },
    /// A construct scimlint does not evaluate (`terraform.workspace`, a provider function).
    Unsupported,
    /// Values that depend on themselves: Terraform refuses them too.
    Cycle,
    /// A limit against hostile input.
    Limit,
    /// Terraform itself would refuse it (a type error, a missing key, a bad index).
    Invalid,
    /// A module file that is not HCL.
    Syntax,
    /// A name declared twice in one directory: no module Terraform accepts. Not a value left
    /// unknown: the files are then read one by one.
    Duplicate,
}
