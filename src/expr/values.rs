//! The constant strings an expression can produce: what T108 can check before provisioning.

use super::{BinaryOp, Expr, ExprKind};
use crate::source::Span;

/// A string the expression can produce, with the span of the literal (or concatenation) that
/// says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value {
    pub text: String,
    pub span: Span,
}

/// Every constant result: literals, both branches of `? :`, both sides of `?:`, the default and
/// results of `String.stringSwitch`, and `+` of two constants. Non-constant results (attributes,
/// other functions) add nothing.
#[must_use]
pub fn constant_values(expr: &Expr) -> Vec<Value> {
    let mut out = Vec::new();
    collect(expr, &mut out);
    out
}

fn collect(expr: &Expr, out: &mut Vec<Value>) {
    match &expr.kind {
        ExprKind::Str(text) => out.push(Value { text: text.clone(), span: expr.span }),
        ExprKind::Paren(inner) => collect(inner, out),
        ExprKind::Ternary { then, otherwise, .. } => {
            collect(then, out);
            collect(otherwise, out);
        }
        ExprKind::Elvis { value, default } => {
            collect(value, out);
            collect(default, out);
        }
        ExprKind::Binary { op: BinaryOp::Add, left, right, .. } => {
            if let (Some(left), Some(right)) = (single(left), single(right)) {
                out.push(Value { text: left + &right, span: expr.span });
            }
        }
        ExprKind::Call { args, .. }
            if expr.callee().is_some_and(|callee| callee.is("String.stringSwitch")) && args.len() >= 2 =>
        {
            collect(&args[1], out);
            for result in args.iter().skip(3).step_by(2) {
                collect(result, out);
            }
        }
        _ => {}
    }
}

/// Whether every result of `expr` is one of its [`constant_values`]: the values can then be
/// checked without knowing the users.
#[must_use]
pub fn only_constants(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Str(_) => true,
        ExprKind::Paren(inner) => only_constants(inner),
        ExprKind::Ternary { then, otherwise, .. } => only_constants(then) && only_constants(otherwise),
        ExprKind::Elvis { value, default } => only_constants(value) && only_constants(default),
        ExprKind::Binary { op: BinaryOp::Add, left, right, .. } => single(left).is_some() && single(right).is_some(),
        ExprKind::Call { args, .. }
            if expr.callee().is_some_and(|callee| callee.is("String.stringSwitch")) && args.len() >= 2 =>
        {
            only_constants(&args[1]) && args.iter().skip(3).step_by(2).all(only_constants)
        }
        _ => false,
    }
}

/// The one string `expr` always produces, if it is a constant.
fn single(expr: &Expr) -> Option<String> {
    match &expr.unparenthesized().kind {
        ExprKind::Str(text) => Some(text.clone()),
        ExprKind::Number { text, .. } => Some(text.clone()),
        ExprKind::Binary { op: BinaryOp::Add, left, right, .. } => Some(single(left)? + &single(right)?),
        _ => None,
    }
}
