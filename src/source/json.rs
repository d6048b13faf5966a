//! Strict JSON (no comments, no trailing commas) through jsonc-parser, into the span tree.
//!
//! The tree is built straight from jsonc-parser's scanner: its syntax tree, built and dropped
//! only to be copied into ours, was a third of the memory of a 26 MB export and the page faults
//! that go with it. Whatever that path does not take as plain JSON goes through `parse_to_ast`
//! after all, so that every error, and every input the parser accepts, is jsonc-parser's own.

use jsonc_parser::tokens::Token;
use jsonc_parser::{CollectOptions, ParseOptions, Scanner, ScannerOptions, ast, parse_to_ast};

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

/// The scanner's part of [`STRICT`], as `parse_to_ast` hands it to its own scanner.
const STRICT_TOKENS: ScannerOptions = ScannerOptions {
    allow_single_quoted_strings: STRICT.allow_single_quoted_strings,
    allow_hexadecimal_numbers: STRICT.allow_hexadecimal_numbers,
    allow_unary_plus_numbers: STRICT.allow_unary_plus_numbers,
    allow_bare_decimal_point_numbers: STRICT.allow_bare_decimal_point_numbers,
    allow_non_finite_numbers: STRICT.allow_non_finite_numbers,
    allow_extended_string_escapes: STRICT.allow_extended_string_escapes,
};

/// Nesting the direct path takes: jsonc-parser counts an object and each of its members against
/// its limit of 512, so that anything deeper is left to it (and its error).
const DIRECT_DEPTH: usize = 128;

pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    match direct(text) {
        Some(root) => Ok(root),
        None => through_syntax_tree(text),
    }
}

/// The tree of `text` when it is plain JSON, read token by token; `None` for anything else.
fn direct(text: &str) -> Option<Node> {
    let mut scanner = Scanner::new(text, &STRICT_TOKENS);
    let first = scanner.scan().ok()??;
    let root = value(&mut scanner, first, 0)?;
    matches!(scanner.scan(), Ok(None)).then_some(root)
}

fn next<'a>(scanner: &mut Scanner<'a>) -> Option<Token<'a>> {
    scanner.scan().ok()?
}

/// The value that starts with `token`, the scanner's last.
fn value<'a>(scanner: &mut Scanner<'a>, token: Token<'a>, depth: usize) -> Option<Node> {
    let start = scanner.token_start();
    let value = match token {
        Token::String(text) => Value::String(text.into_owned()),
        Token::Number(text) => Value::Number(text.to_owned()),
        Token::Boolean(flag) => Value::Bool(flag),
        Token::Null => Value::Null,
        Token::OpenBracket if depth < DIRECT_DEPTH => Value::Array(items(scanner, depth)?),
        Token::OpenBrace if depth < DIRECT_DEPTH => Value::Object(members(scanner, depth)?),
        _ => return None,
    };
    Some(Node::new(Span::new(start, scanner.token_end()), value))
}

/// The items of an array whose `[` was the scanner's last token, up to its `]`.
fn items(scanner: &mut Scanner<'_>, depth: usize) -> Option<Vec<Node>> {
    elements(scanner, &Token::CloseBracket, |scanner, token| value(scanner, token, depth + 1))
}

/// The members of an object whose `{` was the scanner's last token, up to its `}`.
fn members(scanner: &mut Scanner<'_>, depth: usize) -> Option<Vec<Member>> {
    elements(scanner, &Token::CloseBrace, |scanner, token| {
        let Token::String(key) = token else { return None };
        let key_span = Span::new(scanner.token_start(), scanner.token_end());
        if next(scanner)? != Token::Colon {
            return None;
        }
        let first = next(scanner)?;
        Some(Member { key: key.into_owned(), key_span, value: value(scanner, first, depth + 1)? })
    })
}

/// The elements of a container up to `close`, separated by commas, each read by `element` from
/// its first token; `None` for a trailing comma or anything else out of place.
fn elements<'a, T>(
    scanner: &mut Scanner<'a>,
    close: &Token<'_>,
    mut element: impl FnMut(&mut Scanner<'a>, Token<'a>) -> Option<T>,
) -> Option<Vec<T>> {
    let mut elements = Vec::new();
    let mut token = next(scanner)?;
    if token == *close {
        return Some(elements);
    }
    loop {
        elements.push(element(scanner, token)?);
        match next(scanner)? {
            Token::Comma => token = next(scanner)?,
            token if token == *close => return Some(elements),
            _ => return None,
        }
    }
}

fn through_syntax_tree(text: &str) -> Result<Node, SyntaxError> {
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// What the direct path makes of `text`, and what jsonc-parser's syntax tree makes of it.
    fn both_ways(text: &str) -> (Option<Node>, Result<Node, SyntaxError>) {
        (direct(text), through_syntax_tree(text))
    }

    #[test]
    fn plain_json_gives_the_tree_jsonc_parser_gives() {
        let texts = [
            r#"{"a": {"b": "c"}, "n": -1.5e3, "t": true, "f": false, "z": null, "e": [], "o": {}}"#,
            "[1,[2,[3,[]]],{\"k\":[{}]}]",
            " \r\n\t{ \"key\" :\t\"v\" } \n",
            r#"{"esc": "a\"b\\c\/d\u00e9\ud83d\ude00\n", "Zoë": "日本", "dup": 1, "dup": 2}"#,
            "\"just a string\"",
            "0",
            "{\"deep\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
        ];
        for text in texts {
            let (direct, through) = both_ways(text);
            let through = through.unwrap_or_else(|error| panic!("{text}: {error:?}"));
            assert_eq!(direct.as_ref(), Some(&through), "{text}");
        }
    }

    /// Anything but plain JSON leaves the direct path, and the error is jsonc-parser's.
    #[test]
    fn what_is_not_plain_json_is_left_to_jsonc_parser() {
        let deep = format!("{}{}", "[".repeat(600), "]".repeat(600));
        let nested = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        let texts = [
            "",
            "   ",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{a: 1}",
            "[1 2]",
            "{\"a\":1 \"b\":2}",
            "// c\n{}",
            "{} /* c */",
            "[][]",
            "['x']",
            "[0x1F]",
            "[+1]",
            "[.5]",
            "[NaN]",
            "[\"\\x41\"]",
            "[tru]",
            "{\"a\":}",
            "[1]]",
            &deep,
            &nested,
        ];
        for text in texts {
            let (direct, through) = both_ways(text);
            assert_eq!(direct, None, "{text}");
            assert_eq!(parse(text), through, "{text}");
        }
    }

    /// Every JSON file of the fixtures and of the real documents, walked as a run walks them.
    #[test]
    fn every_json_document_gives_the_same_tree_both_ways() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let folders = ["fixtures", "../shared/real-world"].map(|folder| root.join(folder).display().to_string());
        let (inputs, _) = crate::source::input::collect(&folders, None);
        let files: Vec<_> = inputs.iter().filter(|input| input.name.ends_with(".json")).collect();
        assert!(files.len() > 50, "only {} JSON files found", files.len());
        for file in files {
            let Ok(text) = std::str::from_utf8(&file.bytes) else { continue };
            let (direct, through) = both_ways(text);
            match through {
                Ok(tree) => assert_eq!(direct.as_ref(), Some(&tree), "{}", file.name),
                Err(_) => assert_eq!(direct, None, "{}", file.name),
            }
        }
    }
}
