//! Where the characters of an expression are in the file.
//!
//! An expression reaches the parser decoded: JSON escapes (`\"`, `\u00e9`) resolved, YAML quotes,
//! escapes, folding and block indentation removed. The parser's spans count bytes of that
//! decoded string; this map turns them back into bytes of the file, so that a label lands on the
//! characters the user wrote. The map decodes the scalar again, character by character, and
//! trusts only the part that agrees with the loader's decoding: past a disagreement (a YAML form
//! this decoder does not know), offsets fall back to the scalar's first character.

use crate::load::Syntax;
use crate::span::Span;

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
            (Syntax::Json, _) => Vec::new(),
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

fn hex(raw: &str, at: usize, digits: usize) -> Option<u32> {
    let text = raw.get(at..at + digits)?;
    if !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(text, 16).ok()
}

/// YAML `'…'`: `''` is a quote; line breaks fold.
fn yaml_single(raw: &str) -> Seen {
    let end = raw.len().saturating_sub(1).max(1);
    let mut out = Vec::new();
    for (c, span) in fold(raw, 1, end) {
        // `''` arrives as two quotes; the decoded string has one.
        if c == '\''
            && out
                .last()
                .is_some_and(|(last, prev): &(char, Span)| *last == '\'' && prev.end == span.start && prev.len() == 1)
        {
            if let Some(last) = out.last_mut() {
                last.1 = Span::new(last.1.start, span.end);
            }
            continue;
        }
        out.push((c, span));
    }
    out
}

/// YAML `"…"`: backslash escapes, escaped line breaks, folding.
fn yaml_double(raw: &str) -> Seen {
    let end = raw.len().saturating_sub(1).max(1);
    let body = &raw[..end];
    let mut out = Vec::new();
    let mut at = 1;
    while at < end {
        let Some(c) = body[at..].chars().next() else { break };
        if c == '\\' {
            let Some(escape) = body[at + 1..].chars().next() else { break };
            let (decoded, len) = match escape {
                '\n' | '\r' => {
                    // An escaped line break joins the lines without a space.
                    at = skip_blank(body, at + 1, true);
                    continue;
                }
                'x' => (hex(body, at + 2, 2).and_then(char::from_u32), 4),
                'u' => (hex(body, at + 2, 4).and_then(char::from_u32), 6),
                'U' => (hex(body, at + 2, 8).and_then(char::from_u32), 10),
                other => (yaml_escape(other), 1 + other.len_utf8()),
            };
            let Some(decoded) = decoded else { break };
            push(&mut out, decoded, at, at + len);
            at += len;
        } else if c == '\n' || c == '\r' || ((c == ' ' || c == '\t') && line_break_follows(body, at)) {
            at = fold_break(body, at, &mut out);
        } else {
            push(&mut out, c, at, at + c.len_utf8());
            at += c.len_utf8();
        }
    }
    out
}

fn yaml_escape(c: char) -> Option<char> {
    Some(match c {
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        't' | '\t' => '\t',
        'n' => '\n',
        'v' => '\u{b}',
        'f' => '\u{c}',
        'r' => '\r',
        'e' => '\u{1b}',
        ' ' => ' ',
        '"' => '"',
        '/' => '/',
        '\\' => '\\',
        'N' => '\u{85}',
        '_' => '\u{a0}',
        'L' => '\u{2028}',
        'P' => '\u{2029}',
        _ => return None,
    })
}

/// Plain or single-quoted text between `start` and `end`, with YAML's line folding.
fn fold(raw: &str, start: usize, end: usize) -> Seen {
    let body = raw.get(..end).unwrap_or(raw);
    let mut out = Vec::new();
    let mut at = start;
    while at < end {
        let Some(c) = body[at..].chars().next() else { break };
        if c == '\n' || c == '\r' || ((c == ' ' || c == '\t') && line_break_follows(body, at)) {
            at = fold_break(body, at, &mut out);
        } else {
            push(&mut out, c, at, at + c.len_utf8());
            at += c.len_utf8();
        }
    }
    out
}

fn line_break_follows(body: &str, at: usize) -> bool {
    body[at..].trim_start_matches([' ', '\t']).starts_with(['\n', '\r'])
}

/// Folds the white space from `at` (which holds a line break): one break reads as a space,
/// n breaks as n-1 newlines. Returns the offset after the white space.
fn fold_break(body: &str, at: usize, out: &mut Seen) -> usize {
    let mut breaks = Vec::new();
    let mut next = at;
    while next < body.len() {
        match body.as_bytes()[next] {
            b' ' | b'\t' => next += 1,
            b'\r' if body.as_bytes().get(next + 1) == Some(&b'\n') => next += 1,
            b'\n' | b'\r' => {
                breaks.push(next);
                next += 1;
            }
            _ => break,
        }
    }
    match breaks.as_slice() {
        [] => {}
        [only] => push(out, ' ', *only, only + 1),
        [_, rest @ ..] => {
            for line_break in rest {
                push(out, '\n', *line_break, line_break + 1);
            }
        }
    }
    next
}

/// After an escaped line break: the break and the next line's indentation.
fn skip_blank(body: &str, mut at: usize, mut breaks: bool) -> usize {
    while at < body.len() {
        match body.as_bytes()[at] {
            b'\r' | b'\n' if breaks => {
                at += 1;
                if body.as_bytes().get(at - 1) == Some(&b'\r') && body.as_bytes().get(at) == Some(&b'\n') {
                    at += 1;
                }
                breaks = false;
            }
            b' ' | b'\t' => at += 1,
            _ => break,
        }
    }
    at
}

/// Where the `|` or `>` header of the block scalar whose content starts at `content` is: the
/// YAML loader's span starts at the content, after the header line and the indentation.
fn block_header(file: &str, content: usize) -> Option<usize> {
    let before = file.get(..content)?.trim_end_matches(' ');
    let before = before.strip_suffix('\n').map(|text| text.strip_suffix('\r').unwrap_or(text))?;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let line = &before[line_start..];
    // A comment after the header: ` #` (a `#` inside a word is not one).
    let code = line.find(" #").map_or(line, |at| &line[..at]).trim_end();
    let token_start = code.rfind([' ', '\t']).map_or(0, |at| at + 1);
    let token = &code[token_start..];
    let is_header = token.starts_with(['|', '>'])
        && token[1..].chars().all(|c| c == '+' || c == '-' || c.is_ascii_digit())
        && token.len() <= 3;
    is_header.then_some(line_start + token_start)
}

/// YAML `|` and `>` block scalars, header included. Chomping needs no care: the decoded value
/// is compared as a prefix, so extra trailing newlines here are never used.
fn yaml_block(raw: &str) -> Seen {
    let folded = raw.starts_with('>');
    let Some(header_end) = raw.find('\n') else { return Vec::new() };
    let header = &raw[1..header_end];
    if header.split('#').next().unwrap_or_default().chars().any(|c| c.is_ascii_digit()) {
        // An explicit indentation counts from the parent's, which this map does not see.
        return Vec::new();
    }
    // (offset of the content, content, offset of the line break or the end)
    let mut lines: Vec<(usize, &str, usize)> = Vec::new();
    let mut indent = None;
    let mut at = header_end + 1;
    while at < raw.len() {
        let line_end = raw[at..].find('\n').map_or(raw.len(), |found| at + found);
        let line = raw[at..line_end].trim_end_matches('\r');
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let blank = line.trim().is_empty();
        let indent = match indent {
            Some(indent) => indent,
            None if blank => 0,
            None => *indent.insert(spaces),
        };
        if !blank && spaces < indent {
            break;
        }
        let content = if blank { "" } else { &line[indent.min(line.len())..] };
        lines.push((at + indent.min(line.len()), content, at + line.len()));
        at = line_end + 1;
    }
    if folded { refold(&lines) } else { literal(&lines) }
}

fn literal(lines: &[(usize, &str, usize)]) -> Seen {
    let mut out = Vec::new();
    for (start, content, line_break) in lines {
        for (offset, c) in content.char_indices() {
            push(&mut out, c, start + offset, start + offset + c.len_utf8());
        }
        push(&mut out, '\n', *line_break, line_break + 1);
    }
    out
}

/// `>` blocks: a line break between two regular lines is a space, unless empty lines come
/// between them; then each empty line is a newline and the first break disappears.
fn refold(lines: &[(usize, &str, usize)]) -> Seen {
    let regular = |content: &str| !content.is_empty() && !content.starts_with([' ', '\t']);
    let mut result = Vec::new();
    for (index, (start, content, line_break)) in lines.iter().enumerate() {
        for (offset, c) in content.char_indices() {
            push(&mut result, c, start + offset, start + offset + c.len_utf8());
        }
        let next_content = lines[index + 1..].iter().find(|(_, next, _)| !next.is_empty());
        let empties = lines[index + 1..].iter().take_while(|(_, next, _)| next.is_empty()).count();
        if content.is_empty() {
            push(&mut result, '\n', *line_break, line_break + 1);
            continue;
        }
        let both_regular = regular(content) && next_content.is_some_and(|(_, next, _)| regular(next));
        if both_regular && empties == 0 {
            push(&mut result, ' ', *line_break, line_break + 1);
        } else if !both_regular || next_content.is_none() {
            push(&mut result, '\n', *line_break, line_break + 1);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::load;
    use crate::tree::Node;

    /// The file text of the expression characters `needle` in the value of key `value`.
    fn located(file: &str, syntax: Syntax, needle: &str) -> String {
        let root = load::parse(file, syntax).unwrap();
        let node: &Node = root.get("value").unwrap();
        let decoded = node.as_str().unwrap();
        let map = SourceMap::new(file, node.span, syntax, decoded);
        let at = decoded.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {decoded:?}"));
        let span = map.span(Span::new(at, at + needle.len()));
        file[span.start..span.end].to_owned()
    }

    #[test]
    fn json_escapes_map_to_their_characters() {
        let file = r#"{"value": "user.a + \"\u00e9\" + \ud83d\ude00 + \\ + user.bad"}"#;
        assert_eq!(located(file, Syntax::Json, "user.bad"), "user.bad");
        assert_eq!(located(file, Syntax::Json, "\"é\""), r#"\"\u00e9\""#);
        assert_eq!(located(file, Syntax::Json, "😀"), r"\ud83d\ude00");
        assert_eq!(located(file, Syntax::Json, "\\"), r"\\");
    }

    #[test]
    fn yaml_plain_and_folded_plain() {
        assert_eq!(located("value: user.a + user.bad\n", Syntax::Yaml, "user.bad"), "user.bad");
        let file = "value: user.a +\n  user.bad\n";
        assert_eq!(located(file, Syntax::Yaml, "+ user"), "+\n  user");
    }

    #[test]
    fn yaml_single_quoted_doubles_its_quote() {
        let file = "value: 'user.a == ''x'' ? ''é'' : user.bad'\n";
        assert_eq!(located(file, Syntax::Yaml, "user.bad"), "user.bad");
        assert_eq!(located(file, Syntax::Yaml, "'é'"), "''é''");
    }

    #[test]
    fn yaml_double_quoted_escapes() {
        let file = "value: \"user.a == \\\"x\\\" ? \\u00e9 : user.bad\"\n";
        assert_eq!(located(file, Syntax::Yaml, "user.bad"), "user.bad");
        assert_eq!(located(file, Syntax::Yaml, "é"), "\\u00e9");
        let file = "value: \"user.a + \\\n    user.bad\"\n";
        assert_eq!(located(file, Syntax::Yaml, "user.bad"), "user.bad");
    }

    #[test]
    fn yaml_block_scalars_drop_their_indentation() {
        let file = "value: |\n  user.a == 'x'\n    ? 'y' : user.bad\nother: 1\n";
        assert_eq!(located(file, Syntax::Yaml, "user.bad"), "user.bad");
        let file = "value: >-\n  user.a == 'x'\n  ? 'y'\n  : user.bad\n";
        assert_eq!(located(file, Syntax::Yaml, "user.bad"), "user.bad");
        assert_eq!(located(file, Syntax::Yaml, "'x' ?"), "'x'\n  ?");
    }

    #[test]
    fn unknown_forms_fall_back_to_the_scalar_start() {
        let file = "value: |2\n    user.bad\n";
        let root = load::parse(file, Syntax::Yaml).unwrap();
        let node = root.get("value").unwrap();
        let map = SourceMap::new(file, node.span, Syntax::Yaml, node.as_str().unwrap());
        let span = map.span(Span::new(2, 5));
        assert_eq!(span.start, node.span.start);
        assert!(!map.is_verbatim(Span::new(2, 5)));
    }
}
