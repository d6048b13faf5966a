//! Terraform HCL through hcl-edit, into the span tree.
//!
//! A block becomes a member named by its type whose object holds its labels under `@labels`, then
//! its body; repeated blocks (`mappings { … }`) are repeated members. Expressions that are not
//! literals (`okta_app_saml.haiilo.id`, function calls, templates) are kept as references, as written.

use hcl_edit::Span as _;
use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{Body, Structure};

use super::{MAX_DEPTH, SyntaxError};
use crate::span::Span;
use crate::tree::{Member, Node, Value};

/// The member that holds a block's labels.
pub const LABELS: &str = "@labels";

pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    if let Some(at) = too_deep(text) {
        return Err(SyntaxError {
            span: Span::new(at, at + 1),
            reason: format!("nesting is deeper than {MAX_DEPTH} levels"),
        });
    }
    let body = hcl_edit::parser::parse_body(text).map_err(|error| {
        // A byte offset, but hcl-edit's parser works on bytes: it can fall inside a character.
        let mut at = error.location().offset().min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let width = text[at..].chars().next().map_or(0, char::len_utf8);
        SyntaxError { span: Span::new(at, at + width), reason: error.message().to_owned() }
    })?;
    Ok(Node::new(Span::new(0, text.len()), Value::Object(body_members(text, &body))))
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
