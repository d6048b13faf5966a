//! Evaluates an Okta Expression Language mapping for one user: what Haiilo would receive.
//!
//! The result is a value, an [`Unknown`] (the expression needs data no users file holds, such as
//! the time of the sync or group memberships, or Okta documents no behaviour for the case; it
//! carries the reason and is never a guess), or an [`EvalError`] (Okta fails, as
//! `Convert.toInt("abc")` does; it carries the reason and the span of the failing node).
//! Unknowns and errors propagate through the nodes above them, except where a short-circuit
//! makes them irrelevant (`false AND …`).
//!
//! Operators follow SpEL, on which Okta documents the language is based; functions follow
//! Okta's reference (see [`coverage::COVERAGE`] for each one and `notes/eval-report.md`).
//!
//! May import only `crate::expr` and `crate::span`: it knows nothing of rulesets, targets or
//! users files. The caller supplies the user through [`Profile`].

mod arrays;
mod convert;
pub mod coverage;
mod functions;
pub mod iso3166;
mod strings;
mod value;
mod walk;

pub use value::{Value, compare, equals, java_double, truth};

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use regex::Regex;

use super::Expr;
use crate::source::Span;

/// One user's (or app user's) profile attributes.
pub trait Profile {
    /// The attribute's value, [`Value::Null`] when the profile has none: Okta reads a never-set
    /// attribute as null and an absent one the same way (okta-formats.md §5.3), so the two are
    /// not told apart.
    fn attribute(&self, name: &str) -> Value<'_>;
}

/// A profile with no attributes (every reference is null).
pub struct EmptyProfile;

impl Profile for EmptyProfile {
    fn attribute(&self, _name: &str) -> Value<'_> {
        Value::Null
    }
}

/// What an expression can see of the user it is evaluated for.
#[derive(Clone, Copy)]
pub struct Env<'a> {
    /// `user.*` (and `source.*`, as username templates and Okta's legacy examples write it).
    pub user: &'a dyn Profile,
    /// `appuser.*`, when the users file holds app users (`GET /api/v1/apps/{id}/users`).
    pub app_user: Option<&'a dyn Profile>,
    /// `user.getInternalProperty("id")`.
    pub id: Option<&'a str>,
    /// `user.getInternalProperty("status")`.
    pub status: Option<&'a str>,
}

impl<'a> Env<'a> {
    #[must_use]
    pub fn user(user: &'a dyn Profile) -> Self {
        Self { user, app_user: None, id: None, status: None }
    }
}

/// Data missing to evaluate, or behaviour Okta leaves undocumented, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unknown {
    pub reason: Cow<'static, str>,
    pub span: Span,
}

/// Okta would fail to evaluate the expression for this user (feeds V504 evaluation-error).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError {
    pub reason: Cow<'static, str>,
    /// The node that fails, in the expression string.
    pub span: Span,
}

/// The result of evaluating an expression for one user.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome<'a> {
    Value(Value<'a>),
    Unknown(Unknown),
    Error(EvalError),
}

impl Outcome<'_> {
    #[must_use]
    pub fn value(&self) -> Option<&Value<'_>> {
        match self {
            Self::Value(value) => Some(value),
            _ => None,
        }
    }
}

/// Why evaluation stopped below a node; `?` carries it to the top.
#[derive(Debug)]
pub(crate) enum Stop {
    Unknown(Unknown),
    Error(EvalError),
}

pub(crate) type Eval<'a> = Result<Value<'a>, Stop>;

#[cold]
pub(crate) fn unknown(reason: impl Into<Cow<'static, str>>, span: Span) -> Stop {
    Stop::Unknown(Unknown { reason: reason.into(), span })
}

#[cold]
pub(crate) fn error(reason: impl Into<Cow<'static, str>>, span: Span) -> Stop {
    Stop::Error(EvalError { reason: reason.into(), span })
}

/// Evaluates expressions, keeping the regular expressions it compiles (`matches`,
/// `String.replace`) from one user to the next. Not `Sync`: give each thread its own.
#[derive(Default)]
pub struct Evaluator {
    /// Pattern → the compiled expression, or `None` when Rust's regex cannot read it.
    regexes: RefCell<HashMap<String, Option<Regex>>>,
}

impl Evaluator {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// `expr` evaluated for the user in `env`.
    pub fn evaluate<'a>(&self, expr: &'a Expr, env: &Env<'a>) -> Outcome<'a> {
        let context = walk::Context { env, evaluator: self };
        match context.eval(expr) {
            Ok(value) => Outcome::Value(value),
            Err(Stop::Unknown(unknown)) => Outcome::Unknown(unknown),
            Err(Stop::Error(error)) => Outcome::Error(error),
        }
    }

    /// `pattern` compiled as a whole-string or search pattern; `None` when it uses what Rust's
    /// regex does not have (backreferences, look-around), so the caller answers Unknown.
    pub(crate) fn with_regex<T>(&self, pattern: &str, apply: impl FnOnce(&Regex) -> T) -> Option<T> {
        let mut cache = self.regexes.borrow_mut();
        if !cache.contains_key(pattern) {
            // A bound on memory when a pattern comes from user data.
            if cache.len() > 1024 {
                cache.clear();
            }
            cache.insert(pattern.to_owned(), Regex::new(pattern).ok());
        }
        cache.get(pattern).and_then(Option::as_ref).map(apply)
    }
}

/// `expr` evaluated for the user in `env`, without keeping compiled patterns between calls.
pub fn evaluate<'a>(expr: &'a Expr, env: &Env<'a>) -> Outcome<'a> {
    Evaluator::new().evaluate(expr, env)
}

#[cfg(test)]
mod tests;
