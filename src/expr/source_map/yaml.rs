//! YAML scalars: plain, quoted and block, with their folding.

use super::{Seen, hex, push};
use crate::source::Span;

/// YAML `'…'`: `''` is a quote; line breaks fold.
pub(super) fn yaml_single(raw: &str) -> Seen {
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
pub(super) fn yaml_double(raw: &str) -> Seen {
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
pub(super) fn fold(raw: &str, start: usize, end: usize) -> Seen {
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
pub(super) fn block_header(file: &str, content: usize) -> Option<usize> {
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
pub(super) fn yaml_block(raw: &str) -> Seen {
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
