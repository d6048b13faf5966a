//! Tokens of the expression language.
//!
//! Strings follow SpEL: the quote character is escaped by doubling it (`'it''s'`). A backslash is
//! an ordinary character, so regular expressions (`'\d+'`) read as written; the `\"` seen in
//! exports is JSON's escape, removed before the expression gets here.

use std::borrow::Cow;

use crate::source::Span;

/// Borrowed from the expression, so that the parser can copy tokens for free.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok<'a> {
    /// Owned only when a doubled quote had to be undone.
    Str(Cow<'a, str>),
    Number {
        text: &'a str,
        decimal: bool,
    },
    Ident(&'a str),
    /// Punctuation and operators, as written (`&&`, `?:`, `.!`).
    Punct(&'static str),
    /// A character no token starts with.
    Unknown(char),
    /// A string without its closing quote.
    Unterminated,
    End,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token<'a> {
    pub tok: Tok<'a>,
    pub span: Span,
}

/// Longest first, so that `<=` wins over `<`.
const PUNCT: [&str; 27] = [
    "?:", ".!", "&&", "||", "==", "!=", "<=", ">=", "(", ")", "[", "]", "{", "}", ",", ".", "?", ":", "!", "<", ">",
    "+", "-", "*", "/", "%", "=",
];

pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte.is_ascii_whitespace() {
            at += 1;
            continue;
        }
        let start = at;
        let tok = if byte == b'\'' || byte == b'"' {
            match string(text, at) {
                Some((value, end)) => {
                    at = end;
                    Tok::Str(value)
                }
                None => {
                    at = text.len();
                    Tok::Unterminated
                }
            }
        } else if byte.is_ascii_digit() {
            while at < bytes.len() && bytes[at].is_ascii_digit() {
                at += 1;
            }
            let decimal = bytes.get(at) == Some(&b'.') && bytes.get(at + 1).is_some_and(u8::is_ascii_digit);
            if decimal {
                at += 1;
                while at < bytes.len() && bytes[at].is_ascii_digit() {
                    at += 1;
                }
            }
            Tok::Number { text: &text[start..at], decimal }
        } else if byte.is_ascii_alphabetic() || byte == b'_' || byte == b'$' {
            while at < bytes.len() && (bytes[at].is_ascii_alphanumeric() || bytes[at] == b'_' || bytes[at] == b'$') {
                at += 1;
            }
            Tok::Ident(&text[start..at])
        } else if let Some(punct) = PUNCT.iter().find(|punct| text[at..].starts_with(**punct)) {
            at += punct.len();
            Tok::Punct(punct)
        } else {
            let c = text[at..].chars().next().unwrap_or('\u{fffd}');
            at += c.len_utf8();
            Tok::Unknown(c)
        };
        tokens.push(Token { tok, span: Span::new(start, at) });
    }
    // The end is where the last character is, not after trailing blanks or a block's newline.
    tokens.push(Token { tok: Tok::End, span: Span::empty(text.trim_end().len()) });
    tokens
}

/// The value of the string literal opening at `start`, and where it ends.
fn string(text: &str, start: usize) -> Option<(Cow<'_, str>, usize)> {
    let quote = text[start..].chars().next()?;
    let body = &text[start + 1..];
    if let Some(end) = body.find(quote)
        && !body[end + 1..].starts_with(quote)
    {
        return Some((Cow::Borrowed(&body[..end]), start + 1 + end + 1));
    }
    let mut value = String::new();
    let mut rest = text[start + 1..].char_indices();
    while let Some((offset, c)) = rest.next() {
        if c != quote {
            value.push(c);
            continue;
        }
        let after = start + 1 + offset + 1;
        if text[after..].starts_with(quote) {
            value.push(quote);
            rest.next();
        } else {
            return Some((Cow::Owned(value), after));
        }
    }
    None
}
