//! Terraform HCL through hcl-edit, into the span tree.
//!
//! A block becomes a member named by its type whose object holds its labels under `@labels`, then
//! its body; repeated blocks (`mappings { … }`) are repeated members. Expressions that are not
//! literals (`okta_app_saml.haiilo.id`, function calls, templates) are kept as references, as written.

use hcl_edit::Span as _;
use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{Body, Structure};

use super::span::Span;
use super::tree::{Member, Node, Value};
use super::{MAX_DEPTH, SyntaxError};

/// The member that holds a block's labels.
pub const LABELS: &str = "@labels";

pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let body = parse_body(text)?;
    Ok(Node::new(Span::new(0, text.len()), Value::Object(body_members(text, &body))))
}

/// hcl-edit's own syntax tree, after the same guards against hostile input as [`parse`].
pub fn parse_body(text: &str) -> Result<Body, SyntaxError> {
    if let Some(at) = too_deep(text) {
        return Err(SyntaxError {
            span: Span::new(at, at + 1),
            reason: format!("nesting is deeper than {MAX_DEPTH} levels"),
        });
    }
    if let Some((at, reason)) = unclosed(text) {
        return Err(SyntaxError { span: Span::new(at, at + 1), reason: reason.to_owned() });
    }
    hcl_edit::parser::parse_body(text).map_err(|error| {
        // A byte offset, but hcl-edit's parser works on bytes: it can fall inside a character.
        let mut at = error.location().offset().min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let width = text[at..].chars().next().map_or(0, char::len_utf8);
        SyntaxError { span: Span::new(at, at + width), reason: error.message().to_owned() }
    })
}

/// hcl-edit's parser recurses per nesting level; refuse absurd depths before it sees them.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, byte) in text.bytes().enumerate() {
        match byte {
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(at);
                }
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The first string, `${ … }` sequence or bracket that the file never closes, and its reason.
///
/// hcl-edit backtracks exponentially on some such files (seconds for a few hundred bytes; found by
/// fuzzing), so they are refused first. Comments and heredocs are skipped; `${ … }` and `%{ … }`
/// in a string may hold strings of their own. A file this scan passes is left to hcl-edit to judge.
fn unclosed(text: &str) -> Option<(usize, &'static str)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Open {
        String,
        Template,
        Bracket(u8),
    }
    let bytes = text.as_bytes();
    let mut open: Vec<(usize, Open)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        let next = bytes.get(i + 1).copied();
        if open.last().is_some_and(|(_, kind)| *kind == Open::String) {
            match (byte, next) {
                (b'\\', _) | (b'$', Some(b'$')) | (b'%', Some(b'%')) => i += 1,
                (b'"', _) => {
                    open.pop();
                }
                (b'$' | b'%', Some(b'{')) => {
                    open.push((i, Open::Template));
                    i += 1;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        match (byte, next) {
            (b'#', _) | (b'/', Some(b'/')) => i = line_end(bytes, i),
            (b'/', Some(b'*')) => i = find(bytes, i + 2, b"*/").map_or(bytes.len(), |at| at + 2),
            (b'<', Some(b'<')) => i = heredoc_end(bytes, i + 2),
            (b'"', _) => {
                open.push((i, Open::String));
                i += 1;
            }
            (b'{' | b'[' | b'(', _) => {
                open.push((i, Open::Bracket(byte)));
                i += 1;
            }
            (b'}' | b']' | b')', _) => {
                // Mismatched pairs are hcl-edit's to report.
                open.pop();
                i += 1;
            }
            _ => i += 1,
        }
    }
    open.first().map(|(at, kind)| {
        let reason = match kind {
            Open::String => "this string is never closed",
            Open::Template => "this `${` is never closed",
            Open::Bracket(b'{') => "this `{` is never closed: the file may be truncated",
            Open::Bracket(b'[') => "this `[` is never closed: the file may be truncated",
            Open::Bracket(_) => "this `(` is never closed: the file may be truncated",
        };
        (*at, reason)
    })
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..].iter().position(|&byte| byte == b'\n').map_or(bytes.len(), |at| from + at)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes.get(from..)?.windows(needle.len()).position(|window| window == needle).map(|at| from + at)
}

/// Past the heredoc whose `<<` ends before `from` (`<<EOT` or `<<-EOT`, then its lines up to the
/// one that holds only `EOT`); just past the `<<` when it opens no heredoc.
fn heredoc_end(bytes: &[u8], from: usize) -> usize {
    let start = from + usize::from(bytes.get(from) == Some(&b'-'));
    let name_len = bytes[start.min(bytes.len())..]
        .iter()
        .take_while(|byte| byte.is_ascii_alphanumeric() || **byte == b'_' || **byte == b'-')
        .count();
    let name = &bytes[start..start + name_len];
    if name.is_empty() {
        return from;
    }
    let mut line = line_end(bytes, start + name_len);
    while line < bytes.len() {
        let next = line_end(bytes, line + 1);
        if bytes[line + 1..next].trim_ascii() == name {
            return next;
        }
        line = next;
    }
    bytes.len()
}

fn span_of(range: Option<std::ops::Range<usize>>) -> Span {
    range.map_or(Span::empty(0), |range| Span::new(range.start, range.end))
}

fn body_members(text: &str, body: &Body) -> Vec<Member> {
    body.iter()
        .map(|structure| match structure {
            Structure::Attribute(attribute) => Member {
                key: attribute.key.as_str().to_owned(),
                key_span: span_of(attribute.key.span()),
                value: expression(text, &attribute.value),
            },
            Structure::Block(block) => {
                let labels = block
                    .labels
                    .iter()
                    .map(|label| Node::new(span_of(label.span()), Value::String(label.as_str().to_owned())))
                    .collect::<Vec<_>>();
                let labels_span = labels.first().map_or(span_of(block.ident.span()), |first| first.span);
                let mut members = vec![Member {
                    key: LABELS.to_owned(),
                    key_span: labels_span,
                    value: Node::new(labels_span, Value::Array(labels)),
                }];
                members.extend(body_members(text, &block.body));
                Member {
                    key: block.ident.as_str().to_owned(),
                    key_span: span_of(block.ident.span()),
                    value: Node::new(span_of(block.span()), Value::Object(members)),
                }
            }
        })
        .collect()
}

fn expression(text: &str, expr: &Expression) -> Node {
    let span = span_of(expr.span());
    let value = match expr {
        Expression::Null(_) => Value::Null,
        Expression::Bool(flag) => Value::Bool(*flag.value()),
        Expression::Number(number) => Value::Number(number.value().to_string()),
        Expression::String(string) => Value::String(string.value().clone()),
        Expression::Array(array) => Value::Array(array.iter().map(|item| expression(text, item)).collect()),
        Expression::Object(object) => Value::Object(
            object
                .iter()
                .map(|(key, value)| {
                    let (name, key_span) = match key {
                        ObjectKey::Ident(ident) => (ident.as_str().to_owned(), span_of(ident.span())),
                        ObjectKey::Expression(key) => {
                            let node = expression(text, key);
                            (node.as_str().map_or_else(|| reference_text(text, node.span), str::to_owned), node.span)
                        }
                    };
                    Member { key: name, key_span, value: expression(text, value.expr()) }
                })
                .collect(),
        ),
        _ => Value::Reference(reference_text(text, span)),
    };
    Node::new(span, value)
}

fn reference_text(text: &str, span: Span) -> String {
    text.get(span.start..span.end).unwrap_or_default().trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::unclosed;

    #[test]
    fn strings_comments_templates_and_heredocs_are_scanned() {
        for closed in [
            "a = \"x\"\n",
            "a = \"x \\\" y\"\n",
            "a = \"${var.b[\"k\"]} and %{ if true }y%{ endif }\"\n",
            "a = \"$${literal} \\\\\"\n",
            "# \"\n// \"\n/* \" */ a = 1\n",
            "a = <<EOT\nan \" odd quote\nEOT\nb = \"c\"\n",
            "a = <<-EOT\n  \"\n  EOT\n",
            "a = 1 << 2\n",
            "b \"c\" {\n  d = [f(1), { e = \"}\" }]\n}\n",
        ] {
            assert_eq!(unclosed(closed), None, "{closed}");
        }
        let at = |text| unclosed(text).map(|(at, _)| at);
        assert_eq!(at("a = \"x"), Some(4));
        assert_eq!(at("a = \"${\"x}\""), Some(4));
        assert_eq!(at("a = b[c/\"d\nb = 1\n"), Some(5));
        assert_eq!(at("b {\n  c = [1, 2\n"), Some(2));
        assert_eq!(
            unclosed("b {\n").map(|(_, reason)| reason),
            Some("this `{` is never closed: the file may be truncated")
        );
    }
}
