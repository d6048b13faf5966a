//! Expr: the classic Okta Expression Language of profile mappings, a SpEL subset — lexer,
//! parser, printer, types and constant values. Which functions exist is the Okta catalogue's to
//! say (`ruleset`); this layer only reads the language. It may import `source`, never `ruleset`,
//! `model`, `checks`, `settings`, `engine`, `finding` or `render`.
//!
//! Every node carries a byte span into the expression string (the decoded string, not the file:
//! [`source_map`] turns those into file offsets, through JSON and YAML escapes).

pub mod eval;
mod lexer;
mod parser;
mod printer;
pub mod source_map;
pub mod template;
pub mod types;
pub mod values;

pub use parser::{MAX_DEPTH, ParseError, parse};
pub use printer::print;

use crate::source::Span;

/// A name with the characters it was written with.
#[derive(Clone, Debug, PartialEq)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

/// The function a call names: `namespace.name` or a bare `name`, and where it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Callee<'a> {
    pub namespace: Option<&'a str>,
    pub name: &'a str,
    pub span: Span,
}

impl Callee<'_> {
    /// True when this is the function the catalogue calls `qualified`.
    #[must_use]
    pub fn is(&self, qualified: &str) -> bool {
        match self.namespace {
            None => qualified == self.name,
            Some(namespace) => qualified
                .strip_prefix(namespace)
                .and_then(|rest| rest.strip_prefix('.'))
                .is_some_and(|rest| rest == self.name),
        }
    }

    #[must_use]
    pub fn qualified(&self) -> String {
        match self.namespace {
            None => self.name.to_owned(),
            Some(namespace) => format!("{namespace}.{}", self.name),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
    /// Height of the tree below this node, so that no walk over it can overflow the stack.
    pub depth: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Minus,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
    Matches,
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

impl BinaryOp {
    /// Binding strength: higher binds tighter.
    #[must_use]
    pub fn precedence(self) -> u8 {
        match self {
            Self::Or => 1,
            Self::And => 2,
            Self::Eq | Self::Ne | Self::Lt | Self::Gt | Self::Le | Self::Ge | Self::Matches => 3,
            Self::Add | Self::Sub => 4,
            Self::Mul | Self::Div | Self::Rem => 5,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// The decoded value of a string literal.
    Str(String),
    /// A number as written (`42`, `3.141`): the language never needs its value.
    Number {
        text: String,
        decimal: bool,
    },
    Bool(bool),
    Null,
    /// `{a, b}`
    Array(Vec<Expr>),
    /// `{'key': value}`, as `user.getGroups` takes.
    Map(Vec<(Expr, Expr)>),
    /// A bare name: `user`, `appuser`, `String`, `zendesk`.
    Ident(String),
    /// `object.name`
    Member {
        object: Box<Expr>,
        name: Name,
    },
    /// `object[index]`
    Index {
        object: Box<Expr>,
        index: Box<Expr>,
    },
    /// `object.![selection]`: SpEL projection, as after `user.getGroups(…)`.
    Projection {
        object: Box<Expr>,
        selection: Box<Expr>,
    },
    /// `name(args)` or `receiver.name(args)`; `close` is the closing parenthesis.
    Call {
        receiver: Option<Box<Expr>>,
        name: Name,
        args: Vec<Expr>,
        close: Span,
    },
    Unary {
        op: UnaryOp,
        op_span: Span,
        operand: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        op_span: Span,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    Ternary {
        condition: Box<Expr>,
        then: Box<Expr>,
        otherwise: Box<Expr>,
    },
    /// `value ?: default`
    Elvis {
        value: Box<Expr>,
        default: Box<Expr>,
    },
    Paren(Box<Expr>),
}

impl Expr {
    #[must_use]
    pub fn new(kind: ExprKind, span: Span) -> Self {
        let mut depth = 0;
        kind.for_each_child(|child| depth = depth.max(child.depth));
        let depth = depth + 1;
        Self { kind, span, depth }
    }

    /// The expression without the parentheses around it.
    #[must_use]
    pub fn unparenthesized(&self) -> &Expr {
        let mut expr = self;
        while let ExprKind::Paren(inner) = &expr.kind {
            expr = inner;
        }
        expr
    }

    /// Every node, this one first (pre-order).
    pub fn walk<'a>(&'a self, visit: &mut impl FnMut(&'a Expr)) {
        visit(self);
        self.kind.for_each_child(|child| child.walk(visit));
    }

    /// Every function or method call in the expression, outermost first.
    #[must_use]
    pub fn calls(&self) -> Vec<&Expr> {
        let mut calls = Vec::new();
        self.walk(&mut |node| {
            if matches!(node.kind, ExprKind::Call { .. }) {
                calls.push(node);
            }
        });
        calls
    }

    /// The function a call names, as the catalogue spells it: `String.len` after a bare name
    /// (a namespace, or `user` for `user.getGroups`), `isMemberOfGroup` when bare. `None` for a
    /// method called on a value (`user.firstName.toUpperCase()`). A lowercase namespace
    /// (`string.len`) is still one, so that it reads as a misspelt function.
    #[must_use]
    pub fn function_name(&self) -> Option<(String, Span)> {
        self.callee().map(|callee| (callee.qualified(), callee.span))
    }

    /// [`Expr::function_name`] without building the name: checks look up every call.
    #[must_use]
    pub fn callee(&self) -> Option<Callee<'_>> {
        let ExprKind::Call { receiver, name, .. } = &self.kind else { return None };
        match receiver.as_deref() {
            None => Some(Callee { namespace: None, name: &name.text, span: name.span }),
            Some(Expr { kind: ExprKind::Ident(namespace), span, .. }) => Some(Callee {
                namespace: Some(namespace),
                name: &name.text,
                span: Span::new(span.start, name.span.end),
            }),
            Some(_) => None,
        }
    }
}

impl ExprKind {
    /// Calls `visit` on each direct child, in source order (without allocating: walks are hot).
    pub fn for_each_child<'a>(&'a self, mut visit: impl FnMut(&'a Expr)) {
        match self {
            Self::Str(_) | Self::Number { .. } | Self::Bool(_) | Self::Null | Self::Ident(_) => {}
            Self::Array(items) => items.iter().for_each(visit),
            Self::Map(entries) => {
                for (key, value) in entries {
                    visit(key);
                    visit(value);
                }
            }
            Self::Member { object, .. } | Self::Unary { operand: object, .. } | Self::Paren(object) => visit(object),
            Self::Index { object, index: other }
            | Self::Projection { object, selection: other }
            | Self::Binary { left: object, right: other, .. }
            | Self::Elvis { value: object, default: other } => {
                visit(object);
                visit(other);
            }
            Self::Call { receiver, args, .. } => {
                if let Some(receiver) = receiver {
                    visit(receiver);
                }
                args.iter().for_each(visit);
            }
            Self::Ternary { condition, then, otherwise } => {
                visit(condition);
                visit(then);
                visit(otherwise);
            }
        }
    }
}

#[cfg(test)]
mod tests;
