//! Strict JSON (no comments, no trailing commas) through jsonc-parser, into the span tree.

use jsonc_parser::{CollectOptions, ParseOptions, ast, parse_to_ast};

use super::SyntaxError;
use super::span::Span;
use super::tree::{Member, Node, Value};

const STRICT: ParseOptions = ParseOptions {
    allow_comments: false,
    allow_loose_object_property_names: false,
    allow_trailing_commas: false,
    allow_missing_commas: false,
    allow_single_quoted_strings: false,
    allow_hexadecimal_numbers: false,
    allow_unary_plus_numbers: false,
    allow_bare_decimal_point_numbers: false,
    allow_non_finite_numbers: false,
    allow_extended_string_escapes: false,
};

pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let parsed = parse_to_ast(text, &CollectOptions::default(), &STRICT).map_err(|error| {
        let range = error.range();
        SyntaxError { span: Span::new(range.start, range.end), reason: plain_reason(error.kind()) }
    })?;
    match parsed.value {
        Some(value) => Ok(convert(value)),
        None => Err(SyntaxError { span: Span::empty(text.len()), reason: "the file holds no JSON value".to_owned() }),
    }
}

fn plain_reason(kind: &jsonc_parser::errors::ParseErrorKind) -> String {
    use jsonc_parser::errors::ParseErrorKind as Kind;
    match kind {
        Kind::UnterminatedObject => "this object is never closed: the file may be truncated".into(),
        Kind::UnterminatedArray => "this array is never closed: the file may be truncated".into(),
        Kind::TrailingCommasNotAllowed => "JSON does not allow a comma before `}` or `]`".into(),
        Kind::CommentsNotAllowed => "JSON does not allow comments".into(),
        Kind::SingleQuotedStringsNotAllowed => "JSON strings need double quotes".into(),
        Kind::ExpectedComma => "expected a comma between two values".into(),
        Kind::NestingDepthExceeded => "nesting is deeper than 512 levels".into(),
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            chars.next().map_or(text.clone(), |first| first.to_lowercase().chain(chars).collect())
        }
    }
}

fn span(range: jsonc_parser::common::Range) -> Span {
    Span::new(range.start, range.end)
}

fn convert(value: ast::Value<'_>) -> Node {
    match value {
        ast::Value::StringLit(lit) => Node::new(span(lit.range), Value::String(lit.value.into_owned())),
        ast::Value::NumberLit(lit) => Node::new(span(lit.range), Value::Number(lit.value.to_owned())),
        ast::Value::BooleanLit(lit) => Node::new(span(lit.range), Value::Bool(lit.value)),
        ast::Value::NullKeyword(null) => Node::new(span(null.range), Value::Null),
        ast::Value::Array(array) => {
            Node::new(span(array.range), Value::Array(array.elements.into_iter().map(convert).collect()))
        }
        ast::Value::Object(object) => Node::new(
            span(object.range),
            Value::Object(
                object
                    .properties
                    .into_iter()
                    .map(|property| {
                        let (key, key_span) = match property.name {
                            ast::ObjectPropName::String(lit) => (lit.value.into_owned(), span(lit.range)),
                            ast::ObjectPropName::Word(word) => (word.value.to_owned(), span(word.range)),
                        };
                        Member { key, key_span, value: convert(property.value) }
                    })
                    .collect(),
            ),
        ),
    }
}
