//! Evaluated values, each with where it came from ([`Origin`]).

use crate::source::Span;

/// A byte span in one file, by the caller's file id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Location {
    pub file: usize,
    pub span: Span,
}

/// Where a value was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    File(Location),
    /// In the VALUE of `--var NAME=VALUE` number `index` (in command-line order); `span` indexes VALUE.
    CommandLine {
        index: usize,
        span: Span,
    },
}

impl Place {
    #[must_use]
    pub fn location(self) -> Option<Location> {
        match self {
            Self::File(location) => Some(location),
            Self::CommandLine { .. } => None,
        }
    }
}

/// How the value relates to the text at its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exactness {
    /// A literal: a string equals the decoded text of the string token at the place (quotes
    /// included in the span), so offsets inside it map back through the source map.
    Verbatim,
    /// Computed by the expression at the place (a template, a function, an operator, a `for`):
    /// only the whole span is known.
    Computed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Origin {
    pub place: Place,
    pub exactness: Exactness,
    /// The block that generated the value: the `dynamic` block, or the resource or module call
    /// with `for_each`/`count`, by its header (type and labels). The related location of a finding.
    pub via: Option<Location>,
}

impl Origin {
    #[must_use]
    pub fn verbatim(place: Place) -> Self {
        Self { place, exactness: Exactness::Verbatim, via: None }
    }

    #[must_use]
    pub fn computed(place: Place) -> Self {
        Self { place, exactness: Exactness::Computed, via: None }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub kind: Kind,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    /// As Terraform prints it (`1`, `1.5`).
    Number(String),
    String(String),
    /// A list or tuple; nested blocks of one type are a list of objects, in order.
    List(Vec<Value>),
    /// `toset(…)` or a `set(…)`-typed variable: distinct, strings in lexical order.
    Set(Vec<Value>),
    /// An object or map, members as written (Terraform itself orders them by key).
    Object(Vec<Member>),
    /// An attribute only Okta knows (an `id`): the reference, enough to join documents per app.
    Reference(Reference),
    /// What could not be evaluated, and why.
    Unknown(Unknown),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_origin: Origin,
    pub value: Value,
}

/// `okta_app_saml.haiilo.id`: a resource (or `data.…` source) and one of its attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The absolute address of the resource instance: `okta_app_saml.haiilo`,
    /// `module.apps.okta_app_saml.app["haiilo"]`, `data.okta_user_profile_mapping_source.user`.
    pub address: String,
    pub attribute: String,
}

impl Reference {
    /// `address.attribute`, the reference as Terraform writes it from the root module.
    #[must_use]
    pub fn text(&self) -> String {
        format!("{}.{}", self.address, self.attribute)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Unknown {
    /// A sentence naming what is unknown (`var.mappings has no default and no .tfvars value`).
    pub reason: String,
    pub cause: Cause,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    /// An input variable with no default and no value from a .tfvars file, `--var` or the caller.
    NoValue { variable: String },
    /// An attribute the provider computes (`data.okta_group.x.name`, an unset `okta_app_saml.x.name`).
    Computed { reference: String },
    /// A module from a registry, git or any source that is not a local path.
    RemoteModule { source: String },
    /// A local module whose files could not be read.
    ModuleNotRead { source: String },
    /// A function scimlint does not evaluate.
    Function { name: String },
    /// A construct scimlint does not evaluate (`terraform.workspace`, `self`, a provider function).
    Unsupported { what: String },
    /// Values that depend on themselves.
    Cycle { names: Vec<String> },
    /// A limit against hostile input was reached.
    Limit,
    /// Terraform itself would refuse this (a type error, a missing key, a bad index).
    Error,
    /// A plan's `after_unknown`: known only after apply.
    AfterApply,
}

/// The elements of a Terraform set made from `items`: equal values once, and strings in
/// lexical order, as Terraform orders a set of strings.
#[must_use]
pub fn set_elements(items: Vec<Value>) -> Vec<Value> {
    let mut distinct: Vec<Value> = Vec::new();
    for item in items {
        if !distinct.iter().any(|seen| seen.kind == item.kind) {
            distinct.push(item);
        }
    }
    if distinct.iter().all(|item| item.as_str().is_some()) {
        distinct.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    }
    distinct
}

impl Value {
    #[must_use]
    pub fn new(kind: Kind, origin: Origin) -> Self {
        Self { kind, origin }
    }

    #[must_use]
    pub fn unknown(origin: Origin, cause: Cause, reason: impl Into<String>) -> Self {
        Self { kind: Kind::Unknown(Unknown { reason: reason.into(), cause }), origin }
    }

    /// The member named `key` of an object (the last one, as Terraform keeps only one).
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.members()?.iter().rev().find(|member| member.key == key).map(|member| &member.value)
    }

    #[must_use]
    pub fn members(&self) -> Option<&[Member]> {
        match &self.kind {
            Kind::Object(members) => Some(members),
            _ => None,
        }
    }

    /// Items of a list or set.
    #[must_use]
    pub fn items(&self) -> Option<&[Value]> {
        match &self.kind {
            Kind::List(items) | Kind::Set(items) => Some(items),
            _ => None,
        }
    }

    /// Nested blocks `key`: the objects of a list (HCL blocks, plan arrays) or a single object (a
    /// plan's single nested block); unknown entries come back as unknown values, never dropped.
    #[must_use]
    pub fn blocks(&self, key: &str) -> Vec<&Value> {
        match self.get(key) {
            Some(value) => match &value.kind {
                Kind::List(items) | Kind::Set(items) => items.iter().collect(),
                Kind::Null => Vec::new(),
                _ => vec![value],
            },
            None => Vec::new(),
        }
    }

    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(text) => Some(text),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            Kind::Bool(flag) => Some(flag),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_unknown(&self) -> Option<&Unknown> {
        match &self.kind {
            Kind::Unknown(unknown) => Some(unknown),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_reference(&self) -> Option<&Reference> {
        match &self.kind {
            Kind::Reference(reference) => Some(reference),
            _ => None,
        }
    }

    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "bool",
            Kind::Number(_) => "number",
            Kind::String(_) => "string",
            Kind::List(_) => "list",
            Kind::Set(_) => "set",
            Kind::Object(_) => "object",
            Kind::Reference(_) => "reference",
            Kind::Unknown(_) => "unknown",
        }
    }

    /// Every unknown value inside, with its path from here (`mappings/2/expression`).
    #[must_use]
    pub fn unknowns(&self) -> Vec<(String, &Value)> {
        let mut found = Vec::new();
        let mut stack = vec![(String::new(), self)];
        while let Some((path, value)) = stack.pop() {
            match &value.kind {
                Kind::Unknown(_) => found.push((path, value)),
                Kind::List(items) | Kind::Set(items) => {
                    for (index, item) in items.iter().enumerate().rev() {
                        stack.push((join(&path, &index.to_string()), item));
                    }
                }
                Kind::Object(members) => {
                    for member in members.iter().rev() {
                        stack.push((join(&path, &member.key), &member.value));
                    }
                }
                _ => {}
            }
        }
        found
    }

    /// How many values this one holds, itself included: the unit of the evaluation budget.
    #[must_use]
    pub fn size(&self) -> usize {
        let mut size = 0;
        let mut stack = vec![self];
        while let Some(value) = stack.pop() {
            size += 1;
            match &value.kind {
                Kind::String(text) => size += text.len() / 64,
                Kind::List(items) | Kind::Set(items) => stack.extend(items),
                Kind::Object(members) => stack.extend(members.iter().map(|member| &member.value)),
                _ => {}
            }
        }
        size
    }

    /// Marks this value and everything inside it as generated by `via`, where nothing inner was.
    pub fn set_via(&mut self, via: Location) {
        let mut stack = vec![self];
        while let Some(value) = stack.pop() {
            value.origin.via.get_or_insert(via);
            match &mut value.kind {
                Kind::List(items) | Kind::Set(items) => stack.extend(items.iter_mut()),
                Kind::Object(members) => stack.extend(members.iter_mut().map(|member| &mut member.value)),
                _ => {}
            }
        }
    }
}

fn join(path: &str, step: &str) -> String {
    if path.is_empty() { step.to_owned() } else { format!("{path}/{step}") }
}
