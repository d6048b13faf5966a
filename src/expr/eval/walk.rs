//! The walk over the tree: literals, references, and SpEL's operators.
//!
//! SpEL semantics (Okta documents the language as "based on SpEL"): `"a" + null` is `"anull"`,
//! `null + null` and arithmetic on null fail, conditions that are null fail, Elvis replaces
//! null and `""`.

use std::borrow::Cow;
use std::cmp::Ordering;

use super::value::{compare, equals, java_double, truth};
use super::{Env, Eval, Evaluator, Value, error, functions, unknown};
use crate::expr::{BinaryOp, Expr, ExprKind, UnaryOp};
use crate::source::Span;

/// Deeper trees than the parser builds are refused rather than risking the stack.
const MAX_DEPTH: usize = 2 * crate::expr::MAX_DEPTH;

pub(crate) struct Context<'e, 'a> {
    pub env: &'e Env<'a>,
    pub evaluator: &'e Evaluator,
}

impl<'a> Context<'_, 'a> {
    pub fn eval(&self, expr: &'a Expr) -> Eval<'a> {
        if expr.depth > MAX_DEPTH {
            return Err(unknown("the expression nests too deeply to evaluate", expr.span));
        }
        match &expr.kind {
            ExprKind::Str(text) => Ok(Value::str(text)),
            ExprKind::Number { text, decimal } => number(text, *decimal, expr.span),
            ExprKind::Bool(flag) => Ok(Value::Bool(*flag)),
            ExprKind::Null => Ok(Value::Null),
            ExprKind::Array(items) => {
                items.iter().map(|item| self.eval(item)).collect::<Result<_, _>>().map(Value::Array)
            }
            ExprKind::Map(entries) => {
                for (key, value) in entries {
                    self.eval(key)?;
                    self.eval(value)?;
                }
                Err(unknown(
                    "a map literal is only an argument of the group functions, which scimlint does not evaluate",
                    expr.span,
                ))
            }
            ExprKind::Ident(name) => Err(unknown(format!("`{name}` alone is an object, not a value"), expr.span)),
            ExprKind::Member { object, name } => self.member(object, &name.text, expr.span),
            ExprKind::Index { object, index } => {
                let object = self.eval(object)?;
                let index = self.eval(index)?;
                self::index(object, &index, expr.span)
            }
            ExprKind::Projection { object, .. } => {
                self.eval(object)?;
                Err(unknown("projection (`.![…]`) applies to group objects, which no users file holds", expr.span))
            }
            ExprKind::Call { .. } => functions::call(self, expr),
            ExprKind::Unary { op, operand, .. } => self.unary(*op, operand, expr.span),
            ExprKind::Binary { op, left, right, .. } => self.binary(*op, left, right, expr.span),
            ExprKind::Ternary { condition, then, otherwise } => {
                let flag = truth(&self.eval(condition)?).map_err(|reason| error(reason, condition.span))?;
                self.eval(if flag { then } else { otherwise })
            }
            ExprKind::Elvis { value, default } => {
                let value = self.eval(value)?;
                if value.is_null_or_empty() { self.eval(default) } else { Ok(value) }
            }
            ExprKind::Paren(inner) => self.eval(inner),
        }
    }

    fn member(&self, object: &'a Expr, name: &'a str, span: Span) -> Eval<'a> {
        if let ExprKind::Ident(root) = &object.kind {
            return match root.as_str() {
                "user" | "source" => Ok(self.env.user.attribute(name)),
                "appuser" => match self.env.app_user {
                    Some(app_user) => Ok(app_user.attribute(name)),
                    None => Err(unknown("`appuser` is the app user, and the users file holds Okta users only", span)),
                },
                "org" => {
                    Err(unknown(format!("`org.{name}` is a property of the Okta org, which no users file holds"), span))
                }
                "app" => Err(unknown(format!("`app.{name}` is a setting of the app, which no users file holds"), span)),
                "session" | "access" | "idpuser" => {
                    Err(unknown(format!("`{root}` exists only outside profile mappings"), span))
                }
                other => Err(unknown(
                    format!(
                        "`{other}.{name}` is the profile of another app's user, which the users file does not hold"
                    ),
                    span,
                )),
            };
        }
        let value = self.eval(object)?;
        let reason = match value {
            Value::Null => format!("`.{name}` of null: the value before the dot is null"),
            other => format!("{} has no attribute `{name}`", other.type_name()),
        };
        Err(error(capitalized(reason), span))
    }

    fn unary(&self, op: UnaryOp, operand: &'a Expr, span: Span) -> Eval<'a> {
        let value = self.eval(operand)?;
        match op {
            UnaryOp::Not => truth(&value).map(|flag| Value::Bool(!flag)).map_err(|reason| error(reason, operand.span)),
            UnaryOp::Minus => match value {
                Value::Int(number) => number.checked_neg().map(Value::Int).ok_or_else(|| overflow(span)),
                Value::Num(number) => Ok(Value::Num(-number)),
                other => Err(error(format!("`-` needs a number, and this is {}", other.type_name()), span)),
            },
        }
    }

    fn binary(&self, op: BinaryOp, left: &'a Expr, right: &'a Expr, span: Span) -> Eval<'a> {
        match op {
            BinaryOp::And | BinaryOp::Or => {
                let first = truth(&self.eval(left)?).map_err(|reason| error(reason, left.span))?;
                // Short-circuit as Java does: the right side is never evaluated.
                if first == (op == BinaryOp::Or) {
                    return Ok(Value::Bool(first));
                }
                truth(&self.eval(right)?).map(Value::Bool).map_err(|reason| error(reason, right.span))
            }
            _ => {
                let (left, right) = (self.eval(left)?, self.eval(right)?);
                match op {
                    BinaryOp::Eq => Ok(Value::Bool(equals(&left, &right))),
                    BinaryOp::Ne => Ok(Value::Bool(!equals(&left, &right))),
                    BinaryOp::Lt | BinaryOp::Gt | BinaryOp::Le | BinaryOp::Ge => ordered(op, &left, &right, span),
                    BinaryOp::Matches => self.matches(&left, &right, span),
                    BinaryOp::Add => add(left, right, span),
                    _ => arithmetic(op, &left, &right, span),
                }
            }
        }
    }

    fn matches(&self, left: &Value<'a>, right: &Value<'a>, span: Span) -> Eval<'a> {
        let (Value::Str(text), Value::Str(pattern)) = (left, right) else {
            return Err(error(
                format!("`matches` needs a string and a pattern, not {} and {}", left.type_name(), right.type_name()),
                span,
            ));
        };
        // Java's `matches` is anchored at both ends.
        let anchored = format!("^(?:{pattern})$");
        self.evaluator
            .with_regex(&anchored, |regex| Value::Bool(regex.is_match(text)))
            .ok_or_else(|| unknown(format!("the pattern `{pattern}` uses Java regex syntax scimlint cannot run"), span))
    }
}

fn capitalized(text: String) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text,
    }
}

fn number<'a>(text: &str, decimal: bool, span: Span) -> Eval<'a> {
    if decimal {
        return text.parse().map(Value::Num).map_err(|_| error(format!("`{text}` is not a number"), span));
    }
    text.parse().map(Value::Int).map_err(|_| error(format!("`{text}` is too large for an integer"), span))
}

#[cold]
fn overflow(span: Span) -> super::Stop {
    error("the result is too large for an integer", span)
}

fn ordered<'a>(op: BinaryOp, left: &Value<'a>, right: &Value<'a>, span: Span) -> Eval<'a> {
    let ordering = compare(left, right)
        .ok_or_else(|| error(format!("{} and {} cannot be compared", left.type_name(), right.type_name()), span))?;
    Ok(Value::Bool(match op {
        BinaryOp::Lt => ordering == Ordering::Less,
        BinaryOp::Gt => ordering == Ordering::Greater,
        BinaryOp::Le => ordering != Ordering::Greater,
        _ => ordering != Ordering::Less,
    }))
}

/// `+`: concatenation when either side is a string (null reads `null`, as in Java), else
/// arithmetic.
fn add<'a>(left: Value<'a>, right: Value<'a>, span: Span) -> Eval<'a> {
    if matches!(left, Value::Str(_)) || matches!(right, Value::Str(_)) {
        let left_text = left.java_text().unwrap_or(Cow::Borrowed("null"));
        let right_text = right.java_text().unwrap_or(Cow::Borrowed("null"));
        let mut text = String::with_capacity(left_text.len() + right_text.len());
        text.push_str(&left_text);
        text.push_str(&right_text);
        return Ok(Value::Str(Cow::Owned(text)));
    }
    arithmetic(BinaryOp::Add, &left, &right, span)
}

#[allow(clippy::cast_precision_loss)]
fn arithmetic<'a>(op: BinaryOp, left: &Value<'a>, right: &Value<'a>, span: Span) -> Eval<'a> {
    let symbol = match op {
        BinaryOp::Add => "+",
        BinaryOp::Sub => "-",
        BinaryOp::Mul => "*",
        BinaryOp::Div => "/",
        _ => "%",
    };
    match (left, right) {
        (Value::Int(a), Value::Int(b)) => {
            let (a, b) = (*a, *b);
            if matches!(op, BinaryOp::Div | BinaryOp::Rem) && b == 0 {
                return Err(error("division by zero", span));
            }
            let result = match op {
                BinaryOp::Add => a.checked_add(b),
                BinaryOp::Sub => a.checked_sub(b),
                BinaryOp::Mul => a.checked_mul(b),
                BinaryOp::Div => a.checked_div(b),
                _ => a.checked_rem(b),
            };
            result.map(Value::Int).ok_or_else(|| overflow(span))
        }
        (Value::Int(_) | Value::Num(_), Value::Int(_) | Value::Num(_)) => {
            let as_f64 = |value: &Value<'_>| match value {
                Value::Int(number) => *number as f64,
                Value::Num(number) => *number,
                _ => f64::NAN,
            };
            let (a, b) = (as_f64(left), as_f64(right));
            Ok(Value::Num(match op {
                BinaryOp::Add => a + b,
                BinaryOp::Sub => a - b,
                BinaryOp::Mul => a * b,
                BinaryOp::Div => a / b,
                _ => a % b,
            }))
        }
        _ => Err(error(format!("`{symbol}` is not defined between {} and {}", describe(left), describe(right)), span)),
    }
}

fn describe(value: &Value<'_>) -> String {
    match value {
        Value::Num(number) => format!("the number {}", java_double(*number)),
        other => other.type_name().to_owned(),
    }
}

/// `array[i]` and `'text'[i]`, as SpEL indexes them; out of range fails.
fn index<'a>(object: Value<'a>, index: &Value<'a>, span: Span) -> Eval<'a> {
    let Value::Int(position) = index else {
        return Err(error(format!("an index must be an integer, not {}", index.type_name()), span));
    };
    let position = usize::try_from(*position).ok();
    match object {
        Value::Array(mut items) => match position.filter(|&position| position < items.len()) {
            Some(position) => Ok(items.swap_remove(position)),
            None => Err(error(format!("index {index} is outside the array of {} items", items.len()), span)),
        },
        Value::Str(text) => {
            let units: Vec<u16> = text.encode_utf16().collect();
            match position.and_then(|position| units.get(position)) {
                Some(unit) => Ok(Value::Str(Cow::Owned(String::from_utf16_lossy(&[*unit])))),
                None => Err(error(format!("index {index} is outside the string of {} characters", units.len()), span)),
            }
        }
        Value::Null => Err(error("indexing null: the value before `[` is null", span)),
        other => Err(error(format!("{} cannot be indexed", capitalized(other.type_name().to_owned())), span)),
    }
}
