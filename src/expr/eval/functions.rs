//! Calls: finding the catalogue function a call names and giving its implementation the
//! arguments, converted as SpEL converts them for a Java method.

use std::borrow::Cow;

use super::coverage::{self, Support};
use super::walk::Context;
use super::{Eval, Stop, Value, error, unknown};
use crate::expr::{Expr, ExprKind};
use crate::source::Span;

/// One call being evaluated: its function, arguments, and where it is written.
pub(crate) struct Call<'c, 'e, 'a> {
    pub cx: &'c Context<'e, 'a>,
    pub name: &'static str,
    pub args: &'a [Expr],
    pub span: Span,
}

pub(crate) fn call<'a>(cx: &Context<'_, 'a>, expr: &'a Expr) -> Eval<'a> {
    let ExprKind::Call { receiver, name, args, .. } = &expr.kind else {
        return Err(unknown("not a call", expr.span));
    };
    let Some(callee) = expr.callee() else {
        // `user.firstName.toUpperCase()`: a Java method on a value.
        if let Some(receiver) = receiver {
            cx.eval(receiver)?;
        }
        return Err(unknown(
            format!(
                "`.{}()` calls a method on a value, Identity Engine syntax that scimlint does not evaluate",
                name.text
            ),
            expr.span,
        ));
    };
    let Some(function) = coverage::resolve(callee.namespace, callee.name) else {
        return Err(unknown(
            format!("`{}` is not a function of Okta's Expression Language", callee.qualified()),
            callee.span,
        ));
    };
    let call = Call { cx, name: function.name, args, span: expr.span };
    match &function.support {
        Support::Evaluates(implementation) => (implementation.0)(&call),
        Support::Unknown => {
            // Okta evaluates the arguments first, so a failing argument fails the call.
            for arg in args {
                match cx.eval(arg) {
                    Err(Stop::Error(failure)) => return Err(Stop::Error(failure)),
                    Ok(_) | Err(Stop::Unknown(_)) => {}
                }
            }
            Err(unknown(function.note, expr.span))
        }
    }
}

impl<'a> Call<'_, '_, 'a> {
    /// Fails unless the call has `min..=max` arguments.
    pub fn arity(&self, min: usize, max: usize) -> Result<(), Stop> {
        let count = self.args.len();
        if (min..=max).contains(&count) {
            return Ok(());
        }
        let wanted = match (min, max) {
            (min, max) if min == max => format!("{min}"),
            (min, usize::MAX) => format!("at least {min}"),
            (min, max) => format!("{min} to {max}"),
        };
        let plural = if wanted == "1" { "" } else { "s" };
        Err(error(format!("`{}` takes {wanted} argument{plural}, and is given {count}", self.name), self.span))
    }

    pub fn span_of(&self, index: usize) -> Span {
        self.args.get(index).map_or(self.span, |arg| arg.span)
    }

    /// Argument `index`, evaluated.
    pub fn value(&self, index: usize) -> Eval<'a> {
        match self.args.get(index) {
            Some(arg) => self.cx.eval(arg),
            None => Err(error(format!("`{}` lacks argument {}", self.name, index + 1), self.span)),
        }
    }

    /// Argument `index` as a string, as SpEL converts a number or boolean for a `String`
    /// parameter; `None` when it is null. An array is Unknown: Okta documents these for strings.
    pub fn text(&self, index: usize) -> Result<Option<Cow<'a, str>>, Stop> {
        self.to_text(self.value(index)?, index)
    }

    pub fn to_text(&self, value: Value<'a>, index: usize) -> Result<Option<Cow<'a, str>>, Stop> {
        Ok(Some(match value {
            Value::Null => return Ok(None),
            Value::Str(text) => text,
            Value::Array(_) => {
                return Err(unknown(
                    format!("`{}` is given an array; Okta documents it for strings only", self.name),
                    self.span_of(index),
                ));
            }
            other => Cow::Owned(other.java_text().map(Cow::into_owned).unwrap_or_default()),
        }))
    }

    /// Argument `index` as a string that must not be null (a search text, a separator).
    pub fn required_text(&self, index: usize, role: &str) -> Result<Cow<'a, str>, Stop> {
        self.text(index)?.ok_or_else(|| {
            unknown(format!("Okta does not document `{}` with a null {role}", self.name), self.span_of(index))
        })
    }

    /// Argument `index` as an integer (an index, a position), as SpEL converts for an `int`.
    #[allow(clippy::cast_possible_truncation)]
    pub fn integer(&self, index: usize) -> Result<i64, Stop> {
        let span = self.span_of(index);
        match self.value(index)? {
            Value::Int(number) => Ok(number),
            Value::Num(number) if number.fract() == 0.0 && number.abs() < 9e15 => Ok(number as i64),
            Value::Str(text) => {
                text.trim().parse().map_err(|_| error(format!("`{text}` is not an integer position"), span))
            }
            other => Err(error(format!("`{}` needs an integer here, not {}", self.name, other.type_name()), span)),
        }
    }

    pub fn unknown(&self, reason: impl Into<Cow<'static, str>>) -> Stop {
        unknown(reason, self.span)
    }

    pub fn fail(&self, reason: impl Into<Cow<'static, str>>) -> Stop {
        error(reason, self.span)
    }

    pub fn evaluator(&self) -> &super::Evaluator {
        self.cx.evaluator
    }

    pub fn env(&self) -> &super::Env<'a> {
        self.cx.env
    }
}

/// `user.getInternalProperty("id" | "status")`.
pub(crate) fn internal_property<'a>(call: &Call<'_, '_, 'a>) -> Eval<'a> {
    call.arity(1, 1)?;
    let property = call.required_text(0, "property name")?;
    let env = call.env();
    let (value, what) = match property.as_ref() {
        "id" => (env.id, "id"),
        "status" => (env.status, "status"),
        other => {
            return Err(call
                .unknown(format!("Okta documents `getInternalProperty` for \"id\" and \"status\", not \"{other}\"")));
        }
    };
    value.map(Value::str).ok_or_else(|| call.unknown(format!("the users file gives no {what} for this user")))
}
