//! YAML through saphyr's event parser, into the span tree.
//!
//! saphyr's own loader keeps only the last of two equal keys; building the tree from spanned
//! events keeps both, so a duplicate can be shown next to its first occurrence (F004).

use saphyr::Scalar;
use saphyr_parser::{Event, Parser, ScanError};

use super::span::Span;
use super::tree::{Member, Node, Value};
use super::{MAX_DEPTH, SyntaxError};

/// Nodes that aliases may add in one file: enough for any real manifest, and a stop for
/// "billion laughs" documents that expand a few anchors into millions of nodes.
const ALIAS_NODE_BUDGET: usize = 10_000;

enum Frame {
    Sequence { start: usize, anchor: usize, items: Vec<Node> },
    Mapping { start: usize, anchor: usize, members: Vec<Member>, key: Option<(String, Span)> },
}

struct Builder<'t> {
    text: &'t str,
    /// Byte offset of each character, built only for non-ASCII text (saphyr counts characters).
    char_offsets: Option<Vec<usize>>,
    stack: Vec<Frame>,
    anchors: Vec<(usize, Node)>,
    alias_budget: usize,
    documents: Vec<Node>,
}

pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let mut builder = Builder {
        text,
        char_offsets: (!text.is_ascii()).then(|| text.char_indices().map(|(at, _)| at).collect()),
        stack: Vec::new(),
        anchors: Vec::new(),
        alias_budget: ALIAS_NODE_BUDGET,
        documents: Vec::new(),
    };
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|error| builder.scan_error(&error))?;
        let span = Span::new(builder.byte(span.start.index()), builder.byte(span.end.index()));
        builder.on_event(event, span)?;
    }
    let mut documents = builder.documents.into_iter();
    let first = documents.next().unwrap_or(Node::new(Span::empty(0), Value::Null));
    if let Some(second) = documents.next() {
        return Err(SyntaxError {
            span: Span::empty(second.span.start),
            reason: "the file holds more than one YAML document; scimlint reads one per file".into(),
        });
    }
    Ok(first)
}

impl Builder<'_> {
    fn byte(&self, char_index: usize) -> usize {
        match &self.char_offsets {
            None => char_index.min(self.text.len()),
            Some(offsets) => offsets.get(char_index).copied().unwrap_or(self.text.len()),
        }
    }

    fn scan_error(&self, error: &ScanError) -> SyntaxError {
        let at = self.byte(error.marker().index());
        SyntaxError {
            span: Span::new(at, self.text[at..].chars().next().map_or(at, |c| at + c.len_utf8())),
            reason: error.info().to_owned(),
        }
    }

    fn on_event(&mut self, event: Event<'_>, span: Span) -> Result<(), SyntaxError> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let scalar = Scalar::parse_from_cow_and_metadata(text.clone(), style, tag.as_ref())
                    .unwrap_or(Scalar::String(text));
                let value = match scalar {
                    Scalar::Null => Value::Null,
                    Scalar::Boolean(flag) => Value::Bool(flag),
                    Scalar::Integer(number) => Value::Number(number.to_string()),
                    Scalar::FloatingPoint(number) => Value::Number(number.to_string()),
                    Scalar::String(text) => Value::String(text.into_owned()),
                };
                self.finish(Node::new(span, value), anchor, span)
            }
            Event::SequenceStart(anchor, _) => {
                self.open(Frame::Sequence { start: span.start, anchor, items: Vec::new() }, span)
            }
            Event::MappingStart(anchor, _) => {
                self.open(Frame::Mapping { start: span.start, anchor, members: Vec::new(), key: None }, span)
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else { return Ok(()) };
                let (node, anchor) = match frame {
                    Frame::Sequence { start, anchor, items } => {
                        let end = items.last().map_or(span.end, |last| last.span.end.max(span.end));
                        (Node::new(Span::new(start, end), Value::Array(items)), anchor)
                    }
                    Frame::Mapping { start, anchor, members, .. } => {
                        let end = members.last().map_or(span.end, |last| last.value.span.end.max(span.end));
                        (Node::new(Span::new(start, end), Value::Object(members)), anchor)
                    }
                };
                self.finish(node, anchor, span)
            }
            Event::Alias(id) => {
                let Some(node) = self.anchors.iter().rev().find(|(anchor, _)| *anchor == id).map(|(_, node)| node)
                else {
                    return Err(SyntaxError { span, reason: "this alias names no anchor defined before it".into() });
                };
                let size = count_nodes(node);
                if size > self.alias_budget {
                    return Err(SyntaxError {
                        span,
                        reason: format!(
                            "aliases expand to more than {ALIAS_NODE_BUDGET} nodes (a \"billion laughs\" document?)"
                        ),
                    });
                }
                self.alias_budget -= size;
                let mut copy = node.clone();
                copy.span = span;
                self.finish(copy, 0, span)
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentStart(_) | Event::DocumentEnd | Event::Nothing => {
                Ok(())
            }
        }
    }

    fn open(&mut self, frame: Frame, span: Span) -> Result<(), SyntaxError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(SyntaxError { span, reason: format!("nesting is deeper than {MAX_DEPTH} levels") });
        }
        self.stack.push(frame);
        Ok(())
    }

    fn finish(&mut self, node: Node, anchor: usize, span: Span) -> Result<(), SyntaxError> {
        if anchor > 0 {
            self.anchors.push((anchor, node.clone()));
        }
        match self.stack.last_mut() {
            None => self.documents.push(node),
            Some(Frame::Sequence { items, .. }) => items.push(node),
            Some(Frame::Mapping { members, key, .. }) => match key.take() {
                Some((key, key_span)) => members.push(Member { key, key_span, value: node }),
                None => {
                    let text = match node.value {
                        Value::String(text) | Value::Number(text) | Value::Reference(text) => text,
                        Value::Bool(flag) => flag.to_string(),
                        Value::Null => "null".to_owned(),
                        Value::Array(_) | Value::Object(_) => {
                            return Err(SyntaxError {
                                span,
                                reason: "a key must be a plain value, not a list or a mapping".into(),
                            });
                        }
                    };
                    *key = Some((text, node.span));
                }
            },
        }
        Ok(())
    }
}

fn count_nodes(node: &Node) -> usize {
    1 + match &node.value {
        Value::Array(items) => items.iter().map(count_nodes).sum(),
        Value::Object(members) => members.iter().map(|member| 1 + count_nodes(&member.value)).sum(),
        _ => 0,
    }
}
