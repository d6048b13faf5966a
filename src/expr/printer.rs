//! Expressions back to text, with only the parentheses that precedence needs: the property tests
//! print random trees and parse them back.

use std::fmt::Write as _;

use super::{BinaryOp, Expr, ExprKind, UnaryOp};

#[must_use]
pub fn print(expr: &Expr) -> String {
    let mut out = String::new();
    write(expr, &mut out);
    out
}

fn write(expr: &Expr, out: &mut String) {
    match &expr.kind {
        ExprKind::Str(value) => {
            out.push('\'');
            out.push_str(&value.replace('\'', "''"));
            out.push('\'');
        }
        ExprKind::Number { text, .. } => out.push_str(text),
        ExprKind::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        ExprKind::Null => out.push_str("null"),
        ExprKind::Ident(name) => out.push_str(name),
        ExprKind::Array(items) => {
            out.push('{');
            list(items.iter(), out);
            out.push('}');
        }
        ExprKind::Map(entries) if entries.is_empty() => out.push_str("{:}"),
        ExprKind::Map(entries) => {
            out.push('{');
            for (index, (key, value)) in entries.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write(key, out);
                out.push_str(": ");
                write(value, out);
            }
            out.push('}');
        }
        ExprKind::Member { object, name } => {
            operand(object, out);
            out.push('.');
            out.push_str(&name.text);
        }
        ExprKind::Index { object, index } => {
            operand(object, out);
            out.push('[');
            write(index, out);
            out.push(']');
        }
        ExprKind::Projection { object, selection } => {
            operand(object, out);
            out.push_str(".![");
            write(selection, out);
            out.push(']');
        }
        ExprKind::Call { receiver, name, args, .. } => {
            if let Some(receiver) = receiver {
                operand(receiver, out);
                out.push('.');
            }
            out.push_str(&name.text);
            out.push('(');
            list(args.iter(), out);
            out.push(')');
        }
        ExprKind::Unary { op, operand: inner, .. } => {
            out.push(match op {
                UnaryOp::Not => '!',
                UnaryOp::Minus => '-',
            });
            // `- -1`, not `--1`, reads unambiguously to people too.
            if matches!(inner.kind, ExprKind::Unary { .. }) {
                out.push(' ');
            }
            parenthesized(inner, |kind| binary_precedence(kind).is_some() || loose(kind), out);
        }
        ExprKind::Binary { op, left, right, .. } => {
            let precedence = op.precedence();
            parenthesized(left, |kind| binary_precedence(kind).is_some_and(|p| p < precedence) || loose(kind), out);
            let _ = write!(out, " {} ", symbol(*op));
            parenthesized(right, |kind| binary_precedence(kind).is_some_and(|p| p <= precedence) || loose(kind), out);
        }
        ExprKind::Ternary { condition, then, otherwise } => {
            parenthesized(condition, loose, out);
            out.push_str(" ? ");
            write(then, out);
            out.push_str(" : ");
            write(otherwise, out);
        }
        ExprKind::Elvis { value, default } => {
            parenthesized(value, loose, out);
            out.push_str(" ?: ");
            write(default, out);
        }
        ExprKind::Paren(inner) => {
            out.push('(');
            write(inner, out);
            out.push(')');
        }
    }
}

fn list<'a>(items: impl Iterator<Item = &'a Expr>, out: &mut String) {
    for (index, item) in items.enumerate() {
        if index > 0 {
            out.push_str(", ");
        }
        write(item, out);
    }
}

/// The object of `.name`, `(…)` or `[…]` binds tighter than any operator.
fn operand(expr: &Expr, out: &mut String) {
    parenthesized(
        expr,
        |kind| binary_precedence(kind).is_some() || loose(kind) || matches!(kind, ExprKind::Unary { .. }),
        out,
    );
}

fn parenthesized(expr: &Expr, needs: impl Fn(&ExprKind) -> bool, out: &mut String) {
    if needs(&expr.kind) {
        out.push('(');
        write(expr, out);
        out.push(')');
    } else {
        write(expr, out);
    }
}

fn binary_precedence(kind: &ExprKind) -> Option<u8> {
    match kind {
        ExprKind::Binary { op, .. } => Some(op.precedence()),
        _ => None,
    }
}

fn loose(kind: &ExprKind) -> bool {
    matches!(kind, ExprKind::Ternary { .. } | ExprKind::Elvis { .. })
}

#[must_use]
pub fn symbol(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Or => "||",
        BinaryOp::And => "&&",
        BinaryOp::Eq => "==",
        BinaryOp::Ne => "!=",
        BinaryOp::Lt => "<",
        BinaryOp::Gt => ">",
        BinaryOp::Le => "<=",
        BinaryOp::Ge => ">=",
        BinaryOp::Matches => "matches",
        BinaryOp::Add => "+",
        BinaryOp::Sub => "-",
        BinaryOp::Mul => "*",
        BinaryOp::Div => "/",
        BinaryOp::Rem => "%",
    }
}
