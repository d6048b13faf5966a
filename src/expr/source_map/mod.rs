//! Where the characters of an expression are in the file.
//!
//! An expression reaches the parser decoded: JSON escapes (`\"`, `\u00e9`) resolved, YAML quotes,
//! escapes, folding and block indentation removed, HCL escapes and `$${` resolved. The parser's spans count bytes of that
//! decoded string; this map turns them back into bytes of the file, so that a label lands on the
//! characters the user wrote. The map decodes the scalar again, character by character, and
//! trusts only the part that agrees with the loader's decoding: past a disagreement (a YAML form
//! this decoder does not know), offsets fall back to the scalar's first character.

#[cfg(test)]
mod tests;
mod yaml;

use crate::source::Span;
use crate::source::Syntax;
use yaml::{block_header, fold, yaml_block, yaml_double, yaml_single};

#[derive(Clone, Debug)]
pub struct SourceMap {
    /// One per decoded character that the file was seen to hold: its decoded bytes, its file bytes.
    chars: Vec<(Span, Span)>,
    /// Where offsets without a known place go: the scalar's first character.
    fallback: Span,
    /// The file offset just after the last mapped character.
    end: usize,
}

impl SourceMap {
    /// The map of the scalar at `scalar` in `file` (a JSON string token with its quotes, or a
    /// YAML scalar of any style) whose decoded value is `decoded`.
    #[must_use]
    pub fn new(file: &str, scalar: Span, syntax: Syntax, decoded: &str) -> Self {
        let raw = file.get(scalar.start..scalar.end).unwrap_or_default();
        let first = raw.chars().next().map_or(0, char::len_utf8);
        let fallback = Span::new(scalar.start, scalar.start + first);
        let mut base = scalar.start;
        let seen = match (syntax, raw.as_bytes().first()) {
            (Syntax::Json, Some(b'"')) => json(raw),
            (Syntax::Yaml, Some(b'"')) => yaml_double(raw),
            (Syntax::Yaml, Some(b'\'')) => yaml_single(raw),
            (Syntax::Yaml, _) => match block_header(file, scalar.start) {
                Some(header) => {
                    base = header;
                    yaml_block(&file[header..])
                }
                None => fold(raw, 0, raw.len()),
            },
            (Syntax::Hcl, Some(b'"')) => hcl(raw),
            (Syntax::Json | Syntax::Hcl, _) => Vec::new(),
        };
        let mut chars = Vec::with_capacity(decoded.len());
        let mut expected = decoded.char_indices();
        for (c, span) in seen {
            match expected.next() {
                Some((at, want)) if want == c => {
                    chars.push((Span::new(at, at + c.len_utf8()), span.shifted(base)));
                }
                _ => break,
            }
        }
        let end = chars.last().map_or(fallback.start, |(_, file)| file.end);
        Self { chars, fallback, end }
    }

    /// The file bytes of `span`, a span of the decoded expression.
    #[must_use]
    pub fn span(&self, span: Span) -> Span {
        let Some(start) = self.place(span.start) else {
            let after_last = self.chars.last().is_some_and(|(decoded, _)| decoded.end == span.start);
            return if after_last { Span::empty(self.end) } else { self.fallback };
        };
        if span.is_empty() {
            return Span::empty(start.start);
        }
        match self.place(span.end - 1) {
            Some(last) => Span::new(start.start, last.end),
            None => self.fallback,
        }
    }

    /// True when `span` is written in the file exactly as decoded (no escapes inside), so an
    /// edit can replace it with plain text.
    #[must_use]
    pub fn is_verbatim(&self, span: Span) -> bool {
        self.place(span.start).is_some()
            && (span.is_empty() || self.place(span.end - 1).is_some())
            && self.span(span).len() == span.len()
    }

    fn place(&self, offset: usize) -> Option<Span> {
        let index = self.chars.partition_point(|(decoded, _)| decoded.start <= offset).checked_sub(1)?;
        let (decoded, file) = self.chars[index];
        (offset < decoded.end).then_some(file)
    }
}

type Seen = Vec<(char, Span)>;

fn push(out: &mut Seen, c: char, start: usize, end: usize) {
    out.push((c, Span::new(start, end)));
}

/// A JSON string token, quotes included.
fn json(raw: &str) -> Seen {
    let mut out = Vec::new();
    let mut chars = raw.char_indices().skip(1).peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => break,
            '\\' => {
                let Some((_, escape)) = chars.next() else { break };
                let simple = match escape {
                    '"' => Some('"'),
                    '\\' => Some('\\'),
                    '/' => Some('/'),
                    'b' => Some('\u{8}'),
                    'f' => Some('\u{c}'),
                    'n' => Some('\n'),
                    'r' => Some('\r'),
                    't' => Some('\t'),
                    _ => None,
                };
                if let Some(decoded) = simple {
                    push(&mut out, decoded, at, at + 2);
                    continue;
                }
                if escape != 'u' {
                    break;
                }
                let Some(high) = hex(raw, at + 2, 4) else { break };
                let mut end = at + 6;
                let code = if (0xD800..0xDC00).contains(&high)
                    && raw.get(end..end + 2) == Some("\\u")
                    && let Some(low) = hex(raw, end + 2, 4).filter(|low| (0xDC00..0xE000).contains(low))
                {
                    end += 6;
                    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    high
                };
                let Some(decoded) = char::from_u32(code) else { break };
                push(&mut out, decoded, at, end);
                // Skip the escape's characters: all ASCII, one byte each.
                while chars.peek().is_some_and(|(next, _)| *next < end) {
                    chars.next();
                }
            }
            _ => push(&mut out, c, at, at + c.len_utf8()),
        }
    }
    out
}

/// An HCL quoted string, quotes included: backslash escapes, and `$${`/`%%{` for a literal
/// `${`/`%{`.
fn hcl(raw: &str) -> Seen {
    let mut out = Vec::new();
    let mut at = 1;
    while let Some(c) = raw.get(at..).and_then(|rest| rest.chars().next()) {
        let rest = &raw[at..];
        let (decoded, len) = match c {
            '"' => break,
            '\\' => match rest[1..].chars().next() {
                Some('n') => (Some('\n'), 2),
                Some('r') => (Some('\r'), 2),
                Some('t') => (Some('\t'), 2),
                Some('"') => (Some('"'), 2),
                Some('\\') => (Some('\\'), 2),
                Some('u') => (hex(raw, at + 2, 4).and_then(char::from_u32), 6),
                Some('U') => (hex(raw, at + 2, 8).and_then(char::from_u32), 10),
                _ => (None, 0),
            },
            '$' | '%' if rest[1..].starts_with(c) && rest[2..].starts_with('{') => (Some(c), 2),
            _ => (Some(c), c.len_utf8()),
        };
        let Some(decoded) = decoded else { break };
        push(&mut out, decoded, at, at + len);
        at += len;
    }
    out
}

fn hex(raw: &str, at: usize, digits: usize) -> Option<u32> {
    let text = raw.get(at..at + digits)?;
    if !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(text, 16).ok()
}
