//! A recursive-descent parser with precedence climbing for the binary operators.
//!
//! Precedence, loosest first (SpEL's): `?:` and `? :` (right-associative), `OR`/`||`,
//! `AND`/`&&`, comparisons and `matches`, `+ -`, `* / %`, prefix `! -`, then postfix `.name`,
//! `.name(…)`, `[…]`, `.![…]`.

use super::lexer::{Tok, Token, tokenize};
use super::{BinaryOp, Expr, ExprKind, Name, UnaryOp};
use crate::source::Span;

/// How deep expressions may nest, in parentheses or in the tree: deeper input is refused
/// rather than risking the stack of every walk over the tree.
pub const MAX_DEPTH: usize = 128;

#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub message: String,
    /// Where the error is, in the expression string.
    pub span: Span,
    pub label: String,
    /// A second place that explains the first (the `(` that a `)` should close).
    pub secondary: Option<(Span, String)>,
}

impl ParseError {
    #[cold]
    #[inline(never)]
    fn new(message: impl Into<String>, span: Span, label: impl Into<String>) -> Box<Self> {
        Box::new(Self { message: message.into(), span, label: label.into(), secondary: None })
    }
}

trait Secondary {
    fn with_secondary(self, span: Span, label: impl Into<String>) -> Self;
}

impl Secondary for Box<ParseError> {
    #[cold]
    fn with_secondary(mut self, span: Span, label: impl Into<String>) -> Self {
        self.secondary = Some((span, label.into()));
        self
    }
}

/// Boxed: a small `Result` keeps the frames of the recursive descent small.
type Result<T> = std::result::Result<T, Box<ParseError>>;

pub fn parse(text: &str) -> std::result::Result<Expr, ParseError> {
    parse_boxed(text).map_err(|error| *error)
}

fn parse_boxed(text: &str) -> Result<Expr> {
    let mut parser = Parser { tokens: tokenize(text), at: 0, depth: 0 };
    let expr = parser.expression()?;
    let next = parser.peek().clone();
    match &next.tok {
        Tok::End => Ok(expr),
        Tok::Punct(")") => Err(ParseError::new("this `)` closes no `(`", next.span, "unmatched `)`")),
        Tok::Punct("=") => Err(assignment(next.span)),
        _ => Err(ParseError::new(
            format!("expected an operator between two values, found {}", describe(&next.tok)),
            next.span,
            "expected an operator before this",
        )),
    }
}

fn assignment(span: Span) -> Box<ParseError> {
    ParseError::new("`=` assigns, and expressions cannot assign", span, "use `==` to compare")
}

#[cold]
#[inline(never)]
fn expected(next: &Token<'_>, what: &str, label: &str) -> Box<ParseError> {
    ParseError::new(format!("expected {what}, found {}", describe(&next.tok)), next.span, label)
}

#[cold]
#[inline(never)]
fn expected_name(token: &Token<'_>, dot: Span) -> Box<ParseError> {
    expected(token, "a name after `.`", "expected a name").with_secondary(dot, "after this `.`")
}

fn describe(tok: &Tok<'_>) -> String {
    match tok {
        Tok::Str(_) => "a string".into(),
        Tok::Number { text, .. } => format!("`{text}`"),
        Tok::Ident(name) => format!("`{name}`"),
        Tok::Punct(punct) => format!("`{punct}`"),
        Tok::Unknown(c) => format!("`{c}`"),
        Tok::Unterminated => "an unclosed string".into(),
        Tok::End => "the end of the expression".into(),
    }
}

struct Parser<'a> {
    tokens: Vec<Token<'a>>,
    at: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> &Token<'a> {
        // `tokenize` always ends with `End`, and `bump` never moves past it.
        &self.tokens[self.at.min(self.tokens.len() - 1)]
    }

    fn bump(&mut self) -> Token<'a> {
        let token = self.peek().clone();
        if !matches!(token.tok, Tok::End) {
            self.at += 1;
        }
        token
    }

    fn is_punct(&self, punct: &str) -> bool {
        matches!(self.peek().tok, Tok::Punct(p) if p == punct)
    }

    fn node(&self, kind: ExprKind, span: Span) -> Result<Expr> {
        let expr = Expr::new(kind, span);
        if expr.depth > MAX_DEPTH {
            return Err(ParseError::new(
                format!("the expression nests deeper than {MAX_DEPTH} levels"),
                span,
                "too deep to check",
            ));
        }
        Ok(expr)
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let span = self.peek().span;
            return Err(ParseError::new(
                format!("the expression nests deeper than {MAX_DEPTH} levels"),
                span,
                "too deep to check",
            ));
        }
        Ok(())
    }

    fn expression(&mut self) -> Result<Expr> {
        self.enter()?;
        let result = self.conditional();
        self.depth -= 1;
        result
    }

    fn conditional(&mut self) -> Result<Expr> {
        let condition = self.binary(1)?;
        if self.is_punct("?:") {
            self.bump();
            let default = self.expression()?;
            let span = Span::new(condition.span.start, default.span.end);
            return self.node(ExprKind::Elvis { value: Box::new(condition), default: Box::new(default) }, span);
        }
        if !self.is_punct("?") {
            return Ok(condition);
        }
        let question = self.bump().span;
        let then = self.expression()?;
        if !self.is_punct(":") {
            let error = expected(self.peek(), "`:` and the value for the false case", "expected `:`");
            return Err(error.with_secondary(question, "the `?` that needs it"));
        }
        self.bump();
        let otherwise = self.expression()?;
        let span = Span::new(condition.span.start, otherwise.span.end);
        let kind =
            ExprKind::Ternary { condition: Box::new(condition), then: Box::new(then), otherwise: Box::new(otherwise) };
        self.node(kind, span)
    }

    fn binary_op(&self) -> Option<BinaryOp> {
        Some(match &self.peek().tok {
            Tok::Punct("||") => BinaryOp::Or,
            Tok::Punct("&&") => BinaryOp::And,
            Tok::Punct("==") => BinaryOp::Eq,
            Tok::Punct("!=") => BinaryOp::Ne,
            Tok::Punct("<") => BinaryOp::Lt,
            Tok::Punct(">") => BinaryOp::Gt,
            Tok::Punct("<=") => BinaryOp::Le,
            Tok::Punct(">=") => BinaryOp::Ge,
            Tok::Punct("+") => BinaryOp::Add,
            Tok::Punct("-") => BinaryOp::Sub,
            Tok::Punct("*") => BinaryOp::Mul,
            Tok::Punct("/") => BinaryOp::Div,
            Tok::Punct("%") => BinaryOp::Rem,
            Tok::Ident(word) if word.eq_ignore_ascii_case("or") => BinaryOp::Or,
            Tok::Ident(word) if word.eq_ignore_ascii_case("and") => BinaryOp::And,
            Tok::Ident(word) if word.eq_ignore_ascii_case("matches") => BinaryOp::Matches,
            _ => return None,
        })
    }

    /// Operators of precedence `min` and tighter, left-associative.
    fn binary(&mut self, min: u8) -> Result<Expr> {
        let mut left = self.unary()?;
        while let Some(op) = self.binary_op().filter(|op| op.precedence() >= min) {
            let op_span = self.bump().span;
            self.enter()?;
            let right = self.binary(op.precedence() + 1);
            self.depth -= 1;
            let right = right?;
            let span = Span::new(left.span.start, right.span.end);
            left = self.node(ExprKind::Binary { op, op_span, left: Box::new(left), right: Box::new(right) }, span)?;
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr> {
        let op = match self.peek().tok {
            Tok::Punct("!") => UnaryOp::Not,
            Tok::Punct("-") => UnaryOp::Minus,
            _ => return self.postfix(),
        };
        let op_span = self.bump().span;
        self.enter()?;
        let operand = self.unary();
        self.depth -= 1;
        let operand = operand?;
        let span = Span::new(op_span.start, operand.span.end);
        self.node(ExprKind::Unary { op, op_span, operand: Box::new(operand) }, span)
    }

    fn postfix(&mut self) -> Result<Expr> {
        let mut expr = self.primary()?;
        loop {
            expr = if self.is_punct(".") {
                self.member(expr)?
            } else if self.is_punct("[") || self.is_punct(".!") {
                self.index(expr)?
            } else {
                return Ok(expr);
            };
        }
    }

    /// `.name` or `.name(…)` after `expr`, the `.` next.
    fn member(&mut self, expr: Expr) -> Result<Expr> {
        let dot = self.bump().span;
        let token = self.bump();
        let Tok::Ident(text) = token.tok else { return Err(expected_name(&token, dot)) };
        let name = Name { text: text.to_owned(), span: token.span };
        if self.is_punct("(") {
            let (args, close) = self.arguments()?;
            let span = Span::new(expr.span.start, close.end);
            return self.node(ExprKind::Call { receiver: Some(Box::new(expr)), name, args, close }, span);
        }
        let span = Span::new(expr.span.start, name.span.end);
        self.node(ExprKind::Member { object: Box::new(expr), name }, span)
    }

    /// `[…]` or `.![…]` after `expr`, the `[` or `.!` next.
    fn index(&mut self, expr: Expr) -> Result<Expr> {
        let projection = self.is_punct(".!");
        let mut open = self.bump().span;
        if projection {
            if !self.is_punct("[") {
                return Err(expected(self.peek(), "`[` after `.!`", "expected `[`"));
            }
            open = self.bump().span;
        }
        let inner = self.expression()?;
        let close = self.close("]", open)?;
        let span = Span::new(expr.span.start, close.end);
        let (object, inner) = (Box::new(expr), Box::new(inner));
        let kind = if projection {
            ExprKind::Projection { object, selection: inner }
        } else {
            ExprKind::Index { object, index: inner }
        };
        self.node(kind, span)
    }

    /// `(a, b, …)`, the parenthesis next.
    fn arguments(&mut self) -> Result<(Vec<Expr>, Span)> {
        let open = self.bump().span;
        let mut args = Vec::new();
        if self.is_punct(")") {
            return Ok((args, self.bump().span));
        }
        loop {
            args.push(self.expression()?);
            if self.is_punct(",") {
                self.bump();
                continue;
            }
            return Ok((args, self.close(")", open)?));
        }
    }

    fn close(&mut self, punct: &'static str, open: Span) -> Result<Span> {
        if self.is_punct(punct) {
            return Ok(self.bump().span);
        }
        Err(self.unclosed(punct, open))
    }

    #[cold]
    #[inline(never)]
    fn unclosed(&self, punct: &'static str, open: Span) -> Box<ParseError> {
        let opener = match punct {
            ")" => "(",
            "]" => "[",
            _ => "{",
        };
        let next = self.peek().clone();
        let label = match next.tok {
            Tok::End => "the expression ends here".to_owned(),
            Tok::Punct("=") => "`=` assigns: use `==` to compare".to_owned(),
            ref other => format!("found {}", describe(other)),
        };
        ParseError::new(format!("expected `{punct}` to close the `{opener}` opened here"), next.span, label)
            .with_secondary(open, format!("`{opener}` opened here"))
    }

    fn primary(&mut self) -> Result<Expr> {
        let token = self.bump();
        let span = token.span;
        match token.tok {
            Tok::Str(value) => self.node(ExprKind::Str(value.into_owned()), span),
            Tok::Number { text, decimal } => self.node(ExprKind::Number { text: text.to_owned(), decimal }, span),
            Tok::Ident(word) => self.word(word, span),
            Tok::Punct("(") => self.parenthesized(span),
            Tok::Punct("{") => self.braces(span),
            tok => Err(self.not_a_value(tok, span)),
        }
    }

    fn word(&mut self, word: &str, span: Span) -> Result<Expr> {
        let kind = if word.eq_ignore_ascii_case("true") {
            ExprKind::Bool(true)
        } else if word.eq_ignore_ascii_case("false") {
            ExprKind::Bool(false)
        } else if word.eq_ignore_ascii_case("null") {
            ExprKind::Null
        } else if self.is_punct("(") {
            let name = Name { text: word.to_owned(), span };
            let (args, close) = self.arguments()?;
            return self.node(ExprKind::Call { receiver: None, name, args, close }, Span::new(span.start, close.end));
        } else {
            ExprKind::Ident(word.to_owned())
        };
        self.node(kind, span)
    }

    fn parenthesized(&mut self, open: Span) -> Result<Expr> {
        let inner = self.expression()?;
        let close = self.close(")", open)?;
        self.node(ExprKind::Paren(Box::new(inner)), Span::new(open.start, close.end))
    }

    #[cold]
    #[inline(never)]
    fn not_a_value(&self, tok: Tok<'_>, span: Span) -> Box<ParseError> {
        match tok {
            Tok::Unterminated => ParseError::new(
                "this string has no closing quote",
                Span::new(span.start, span.start + 1),
                "the string opened here never ends",
            ),
            Tok::Unknown(c) => ParseError::new(
                format!("`{c}` is not part of the Okta expression language"),
                span,
                "unexpected character",
            ),
            Tok::Punct("=") => assignment(span),
            tok => {
                let message = match self.previous_operator(span) {
                    Some(operator) => format!("expected a value after `{operator}`, found {}", describe(&tok)),
                    None => format!("expected a value, found {}", describe(&tok)),
                };
                let label = if matches!(tok, Tok::End) { "the expression ends here" } else { "expected a value here" };
                ParseError::new(message, span, label)
            }
        }
    }

    /// The operator just before the token at `span`, when there is one, to say what lacks a value.
    fn previous_operator(&self, span: Span) -> Option<String> {
        let index = self.tokens.iter().position(|token| token.span == span)?;
        let before = self.tokens.get(index.checked_sub(1)?)?;
        match &before.tok {
            Tok::Punct(punct) if !matches!(*punct, ")" | "]" | "}") => Some((*punct).to_owned()),
            Tok::Ident(word) if ["and", "or", "matches"].iter().any(|op| word.eq_ignore_ascii_case(op)) => {
                Some((*word).to_owned())
            }
            _ => None,
        }
    }

    /// `{}` and `{a, b}` arrays, `{:}` and `{k: v, …}` maps, the `{` consumed.
    fn braces(&mut self, open: Span) -> Result<Expr> {
        if self.is_punct("}") {
            let close = self.bump().span;
            return self.node(ExprKind::Array(Vec::new()), Span::new(open.start, close.end));
        }
        if self.is_punct(":") {
            self.bump();
            let close = self.close("}", open)?;
            return self.node(ExprKind::Map(Vec::new()), Span::new(open.start, close.end));
        }
        let first = self.expression()?;
        if self.is_punct(":") {
            self.bump();
            let mut entries = vec![(first, self.expression()?)];
            while self.is_punct(",") {
                self.bump();
                let key = self.expression()?;
                if !self.is_punct(":") {
                    return Err(expected(self.peek(), "`:` after a map key", "expected `:`"));
                }
                self.bump();
                entries.push((key, self.expression()?));
            }
            let close = self.close("}", open)?;
            return self.node(ExprKind::Map(entries), Span::new(open.start, close.end));
        }
        let mut items = vec![first];
        while self.is_punct(",") {
            self.bump();
            items.push(self.expression()?);
        }
        let close = self.close("}", open)?;
        self.node(ExprKind::Array(items), Span::new(open.start, close.end))
    }
}
