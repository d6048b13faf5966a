//! Tests of the evaluator: each catalogue function with the reference's own examples
//! (`catalogue`), operators and null handling (`operators`), and the coverage table
//! (`coverage`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod catalogue;
mod coverage;
mod operators;

use std::collections::HashMap;

use super::{Env, Evaluator, Outcome, Profile, Value};
use crate::expr::parse;

/// A profile of literal attributes.
#[derive(Default)]
pub(super) struct Attributes(HashMap<&'static str, Value<'static>>);

impl Attributes {
    pub fn with(mut self, name: &'static str, value: impl Into<Value<'static>>) -> Self {
        self.0.insert(name, value.into());
        self
    }
}

impl Profile for Attributes {
    fn attribute(&self, name: &str) -> Value<'_> {
        self.0.get(name).cloned().unwrap_or(Value::Null)
    }
}

impl From<&'static str> for Value<'static> {
    fn from(text: &'static str) -> Self {
        Value::str(text)
    }
}

impl From<i64> for Value<'static> {
    fn from(number: i64) -> Self {
        Value::Int(number)
    }
}

impl From<f64> for Value<'static> {
    fn from(number: f64) -> Self {
        Value::Num(number)
    }
}

impl From<bool> for Value<'static> {
    fn from(flag: bool) -> Self {
        Value::Bool(flag)
    }
}

/// What a test expects: a value, or an Unknown or error whose reason contains the text.
#[derive(Debug)]
pub(super) enum Expect {
    Is(Value<'static>),
    Unknown(&'static str),
    Fails(&'static str),
}

pub(super) fn is(value: impl Into<Value<'static>>) -> Expect {
    Expect::Is(value.into())
}

pub(super) fn array(items: Vec<Value<'static>>) -> Expect {
    Expect::Is(Value::Array(items))
}

/// Evaluates `text` for `user` (with id `00u1` and status `ACTIVE`) and checks `expect`.
pub(super) fn check(text: &str, user: &Attributes, expect: &Expect) {
    let expr = parse(text).unwrap_or_else(|error| panic!("{text}: {}", error.message));
    let env = Env { user, app_user: None, id: Some("00u1"), status: Some("ACTIVE") };
    let outcome = Evaluator::new().evaluate(&expr, &env);
    let ok = match (&outcome, expect) {
        (Outcome::Value(value), Expect::Is(expected)) => {
            super::equals(value, expected) && value.type_name() == expected.type_name()
        }
        (Outcome::Unknown(unknown), Expect::Unknown(part)) => unknown.reason.contains(part),
        (Outcome::Error(error), Expect::Fails(part)) => error.reason.contains(part),
        _ => false,
    };
    assert!(ok, "{text}\n  expected {expect:?}\n  got      {outcome:?}");
    if let Outcome::Error(error) = &outcome {
        assert!(error.span.end <= text.len() && !error.span.is_empty(), "{text}: error span {:?}", error.span);
    }
}

/// Checks every row against the same user.
pub(super) fn table(user: &Attributes, rows: &[(&str, Expect)]) {
    for (text, expect) in rows {
        check(text, user, expect);
    }
}
