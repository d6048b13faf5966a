//! The type an expression produces, as far as the expression itself tells.

use serde::Deserialize;

use super::{BinaryOp, Callee, Expr, ExprKind, UnaryOp};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Type {
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Null,
    /// A user or app user, as `getManagerUser(…)` returns: only its attributes are values.
    Object,
    Unknown,
}

impl Type {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Integer => "integer",
            Self::Number => "number",
            Self::Boolean => "boolean",
            Self::Array => "array",
            Self::Null => "null",
            Self::Object => "object",
            Self::Unknown => "unknown",
        }
    }

    /// Whether a value of this type can be stored in an attribute of schema type `target`
    /// (`string`, `integer`, `number`, `boolean`, `array`). Unknown and null always can.
    #[must_use]
    pub fn fits(self, target: &str) -> bool {
        match self {
            Self::Unknown | Self::Null => true,
            Self::String => matches!(target, "string" | "array"),
            Self::Integer => matches!(target, "integer" | "number"),
            Self::Number => target == "number",
            Self::Boolean => target == "boolean",
            Self::Array => target == "array",
            Self::Object => false,
        }
    }
}

/// What the expression's names mean, which the expression itself cannot tell: the caller knows
/// the Okta catalogue.
pub struct Facts<'f> {
    /// The type of `user.<name>`; `None` for an unknown name.
    pub user_attribute: &'f dyn Fn(&str) -> Option<Type>,
    /// What a called function returns; `None` for an unknown function.
    pub returns: &'f dyn Fn(&Callee<'_>) -> Option<Type>,
}

/// The type of `expr`.
#[must_use]
pub fn infer(expr: &Expr, facts: &Facts<'_>) -> Type {
    let user_attribute = facts.user_attribute;
    match &expr.kind {
        ExprKind::Str(_) => Type::String,
        ExprKind::Number { decimal: false, .. } => Type::Integer,
        ExprKind::Number { decimal: true, .. } => Type::Number,
        ExprKind::Bool(_) => Type::Boolean,
        ExprKind::Null => Type::Null,
        ExprKind::Array(_) => Type::Array,
        ExprKind::Map(_) | ExprKind::Ident(_) => Type::Object,
        ExprKind::Member { object, name } => match &object.kind {
            ExprKind::Ident(root) if root == "user" => user_attribute(&name.text).unwrap_or(Type::Unknown),
            _ => Type::Unknown,
        },
        ExprKind::Index { .. } => Type::Unknown,
        ExprKind::Projection { .. } => Type::Array,
        ExprKind::Call { .. } => expr.callee().and_then(|callee| (facts.returns)(&callee)).unwrap_or(Type::Unknown),
        ExprKind::Unary { op: UnaryOp::Not, .. } => Type::Boolean,
        ExprKind::Unary { op: UnaryOp::Minus, operand, .. } => match infer(operand, facts) {
            numeric @ (Type::Integer | Type::Number) => numeric,
            _ => Type::Unknown,
        },
        ExprKind::Binary { op, left, right, .. } => {
            if op.precedence() <= BinaryOp::Eq.precedence() {
                return Type::Boolean;
            }
            let (left, right) = (infer(left, facts), infer(right, facts));
            arithmetic(*op, left, right)
        }
        ExprKind::Ternary { then, otherwise, .. } => join(infer(then, facts), infer(otherwise, facts)),
        ExprKind::Elvis { value, default } => join(infer(value, facts), infer(default, facts)),
        ExprKind::Paren(inner) => infer(inner, facts),
    }
}

fn arithmetic(op: BinaryOp, left: Type, right: Type) -> Type {
    match (op, left, right) {
        (BinaryOp::Add, Type::String, _) | (BinaryOp::Add, _, Type::String) => Type::String,
        (_, Type::Integer, Type::Integer) => Type::Integer,
        (_, Type::Integer | Type::Number, Type::Integer | Type::Number) => Type::Number,
        _ => Type::Unknown,
    }
}

/// One of two branches: a null branch leaves the other's type.
fn join(a: Type, b: Type) -> Type {
    match (a, b) {
        (a, b) if a == b => a,
        (Type::Null, other) | (other, Type::Null) => other,
        (Type::Integer, Type::Number) | (Type::Number, Type::Integer) => Type::Number,
        _ => Type::Unknown,
    }
}
