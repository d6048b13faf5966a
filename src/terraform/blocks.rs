//! Resource blocks as Terraform expands them: `count` and `for_each` into instances, `dynamic`
//! blocks into the blocks they generate, nested blocks into lists of objects.

use std::rc::Rc;

use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body, Structure};

use super::budget::MAX_INSTANCES;
use super::eval::{Evaluator, Expanded, Scope, Slot, Source};
use super::files::span_of;
use super::steps::{elements, key_text, whole_number};
use super::types::{Diagnostic, DiagnosticKind, InstanceKey};
use super::value::{Cause, Kind, Location, Member, Reference, Unknown, Value};
use crate::source::Span;

const META_ATTRIBUTES: [&str; 4] = ["count", "for_each", "depends_on", "provider"];
const META_BLOCKS: [&str; 3] = ["lifecycle", "provisioner", "connection"];

/// From the block type to the end of its last label: where a finding about the block points.
pub(super) fn header_span(block: &Block) -> Span {
    let start = span_of(&block.ident);
    let end = block.labels.last().map_or(start, span_of);
    Span::new(start.start, end.end)
}

/// The instances `count` or `for_each` asks for, each with the scope its body is evaluated in.
pub(super) enum Repetition {
    Single(Scope),
    Many(Vec<(InstanceKey, Scope)>),
    /// Unknown: one scope in which `count.index`, `each.key` and `each.value` are unknown.
    Unknown(Unknown, Scope),
}

impl<'a> Evaluator<'a> {
    pub fn repetition(&mut self, scope: &Scope, body: &'a Body, header: Location) -> Repetition {
        let unknown_scope = |unknown: &Unknown| {
            let value = Value::unknown(scope.computed(header.span), unknown.cause.clone(), unknown.reason.clone());
            let mut inner = scope.clone();
            inner.each = Some(Rc::new((value.clone(), value.clone())));
            inner.count = Some(Rc::new(value));
            inner
        };
        if let Some(count) = body.get_attribute("count") {
            let value = self.eval(scope, &count.value);
            let span = span_of(&count.value);
            return match (&value.kind, whole_number(&value)) {
                (Kind::Unknown(unknown), _) => Repetition::Unknown(unknown.clone(), unknown_scope(unknown)),
                (Kind::Number(_), Some(n)) if n > MAX_INSTANCES => {
                    let message = format!("count = {n} is more than the {MAX_INSTANCES} instances scimlint expands");
                    let limit = self.limit(scope.place(span), message);
                    let unknown = limit.as_unknown().cloned().unwrap_or_else(limit_unknown);
                    Repetition::Unknown(unknown.clone(), unknown_scope(&unknown))
                }
                (Kind::Number(_), Some(n)) => Repetition::Many(
                    (0..n)
                        .map(|index| {
                            let mut inner = scope.clone();
                            let value = Value::new(Kind::Number(index.to_string()), scope.computed(span));
                            inner.count = Some(Rc::new(value));
                            (InstanceKey::Index(index), inner)
                        })
                        .collect(),
                ),
                _ => {
                    let unknown =
                        self.invalid(scope, span, format!("count must be a whole number, not a {}", value.type_name()));
                    Repetition::Unknown(unknown.clone(), unknown_scope(&unknown))
                }
            };
        }
        let Some(for_each) = body.get_attribute("for_each") else { return Repetition::Single(scope.clone()) };
        let value = self.eval(scope, &for_each.value);
        let span = span_of(&for_each.value);
        if let Kind::List(_) = value.kind {
            self.invalid(
                scope,
                span,
                "for_each needs a map or a set of strings; Terraform refuses a list (wrap it in toset())".to_owned(),
            );
        }
        let pairs = match (&value.kind, elements(&value)) {
            (_, Err(unknown)) => return Repetition::Unknown(unknown.clone(), unknown_scope(&unknown)),
            (Kind::Object(_), Ok(pairs)) => pairs,
            (_, Ok(pairs)) => pairs.into_iter().map(|(_, value)| (value.clone(), value)).collect(),
        };
        if pairs.len() > MAX_INSTANCES {
            let message = format!(
                "for_each has {} elements, more than the {MAX_INSTANCES} instances scimlint expands",
                pairs.len()
            );
            let limit = self.limit(scope.place(span), message);
            let unknown = limit.as_unknown().cloned().unwrap_or_else(limit_unknown);
            return Repetition::Unknown(unknown.clone(), unknown_scope(&unknown));
        }
        let mut instances = Vec::with_capacity(pairs.len());
        for (key, value) in pairs {
            let text = match key_text(&key) {
                Ok(text) if matches!(key.kind, Kind::String(_)) => text,
                _ => {
                    let unknown = self.invalid(scope, span, "for_each keys must be strings".to_owned());
                    return Repetition::Unknown(unknown.clone(), unknown_scope(&unknown));
                }
            };
            let mut inner = scope.clone();
            inner.each = Some(Rc::new((key, value)));
            instances.push((InstanceKey::Key(text), inner));
        }
        Repetition::Many(instances)
    }

    /// Terraform would refuse this: a diagnostic, and the unknown that stands for it.
    fn invalid(&mut self, scope: &Scope, span: Span, message: String) -> Unknown {
        self.diagnostics.push(Diagnostic {
            kind: DiagnosticKind::Invalid,
            message: message.clone(),
            place: Some(scope.place(span)),
            related: Vec::new(),
        });
        Unknown { reason: message, cause: Cause::Error }
    }

    pub fn resource(&mut self, instance: usize, kind: &str, name: &str, from: &Scope, span: Span) -> Rc<Expanded> {
        let key = (kind.to_owned(), name.to_owned());
        match self.instances.get(instance).and_then(|i| i.resources.get(&key)) {
            Some(Slot::Done(expanded)) => return Rc::clone(expanded),
            Some(Slot::Busy) => {
                let value = self.cycle(from, span, &format!("{kind}.{name}"));
                return Rc::new(Expanded { instances: Vec::new(), value });
            }
            None => {}
        }
        let module = self.instances.get(instance).map_or(0, |i| i.module);
        let found = self.decls.get(module).and_then(|decls| {
            decls.resources.iter().find(|r| r.kind == kind && r.name == name).map(|r| (r.file, r.block))
        });
        let Some((file, block)) = found else {
            let value = Self::error(from, span, format!("no resource {kind}.{name} is declared"));
            return Rc::new(Expanded { instances: Vec::new(), value });
        };
        let set = |this: &mut Self, slot| {
            if let Some(state) = this.instances.get_mut(instance) {
                state.resources.insert(key.clone(), slot);
            }
        };
        set(self, Slot::Busy);
        self.stack.push(format!("{kind}.{name}"));
        let expanded = Rc::new(self.expand(instance, file, kind, name, block));
        self.stack.pop();
        set(self, Slot::Done(Rc::clone(&expanded)));
        expanded
    }

    fn expand(&mut self, instance: usize, file: usize, kind: &str, name: &str, block: &'a Block) -> Expanded {
        let header = Location { file, span: header_span(block) };
        let scope =
            Scope { instance, source: Source::File(file), each: None, count: None, names: None, constant: false };
        let prefix = self.instances.get(instance).map_or(String::new(), |i| i.prefix.clone());
        let address = format!("{prefix}{kind}.{name}");
        let body_span = span_of(block);
        let with_id = |values: &Value, address: String| {
            let mut object = values.clone();
            if let Kind::Object(members) = &mut object.kind
                && !members.iter().any(|member| member.key == "id")
            {
                let reference = Kind::Reference(Reference { address, attribute: "id".into() });
                let origin = scope.computed(header.span);
                members.push(Member {
                    key: "id".into(),
                    key_origin: origin.clone(),
                    value: Value::new(reference, origin),
                });
            }
            object
        };
        match self.repetition(&scope, &block.body, header) {
            Repetition::Single(inner) => {
                let values = self.block_body(&inner, &block.body, true, body_span);
                let value = with_id(&values, address);
                Expanded { instances: vec![(InstanceKey::Single, values, None)], value }
            }
            Repetition::Many(instances) => {
                let keyed = instances.iter().any(|(key, _)| matches!(key, InstanceKey::Key(_)));
                let mut expanded = Vec::with_capacity(instances.len());
                let mut members = Vec::new();
                let mut items = Vec::new();
                for (key, inner) in instances {
                    let mut values = self.block_body(&inner, &block.body, true, body_span);
                    values.set_via(header);
                    let suffix = match &key {
                        InstanceKey::Index(index) => format!("[{index}]"),
                        InstanceKey::Key(text) => format!("[{text:?}]"),
                        _ => String::new(),
                    };
                    let object = with_id(&values, format!("{address}{suffix}"));
                    match (&key, inner.each.as_deref()) {
                        (InstanceKey::Key(text), Some((each_key, _))) => {
                            members.push(Member {
                                key: text.clone(),
                                key_origin: each_key.origin.clone(),
                                value: object,
                            });
                        }
                        _ => items.push(object),
                    }
                    expanded.push((key, values, Some(header)));
                }
                let kind = if keyed { Kind::Object(members) } else { Kind::List(items) };
                Expanded { instances: expanded, value: Value::new(kind, scope.computed(header.span)) }
            }
            Repetition::Unknown(unknown, inner) => {
                let mut values = self.block_body(&inner, &block.body, true, body_span);
                values.set_via(header);
                let value = Value::new(Kind::Unknown(unknown.clone()), scope.computed(header.span));
                Expanded { instances: vec![(InstanceKey::Unknown(unknown), values, Some(header))], value }
            }
        }
    }

    /// A block's body as an object: attributes by name, nested blocks as lists of objects.
    pub fn block_body(&mut self, scope: &Scope, body: &'a Body, top: bool, span: Span) -> Value {
        let mut members: Vec<Member> = Vec::new();
        for structure in body.iter() {
            match structure {
                Structure::Attribute(attribute) => {
                    let key = attribute.key.as_str();
                    if top && META_ATTRIBUTES.contains(&key) {
                        continue;
                    }
                    let value = self.eval(scope, &attribute.value);
                    members.retain(|member| member.key != key);
                    members.push(Member {
                        key: key.to_owned(),
                        key_origin: scope.verbatim(span_of(&attribute.key)),
                        value,
                    });
                }
                Structure::Block(block) => {
                    let ident = block.ident.as_str();
                    if top && META_BLOCKS.contains(&ident) {
                        continue;
                    }
                    if ident == "dynamic" {
                        let Some(label) = block.labels.first() else { continue };
                        let generated = self.dynamic(scope, block);
                        push_blocks(&mut members, label.as_str(), scope.verbatim(span_of(label)), generated);
                    } else {
                        let value = self.block_body(scope, &block.body, false, span_of(block));
                        push_blocks(&mut members, ident, scope.verbatim(span_of(&block.ident)), vec![value]);
                    }
                }
            }
        }
        Value::new(Kind::Object(members), scope.verbatim(span))
    }

    /// The blocks a `dynamic` block generates; an unknown `for_each` gives one unknown entry.
    fn dynamic(&mut self, scope: &Scope, block: &'a Block) -> Vec<Value> {
        let header = Location {
            file: match scope.source {
                Source::File(file) => file,
                Source::CommandLine(_) => 0,
            },
            span: header_span(block),
        };
        let label = block.labels.first().map_or("", |label| label.as_str());
        let iterator = match block.body.get_attribute("iterator").map(|attribute| &attribute.value) {
            Some(Expression::Variable(name)) => name.as_str().to_owned(),
            _ => label.to_owned(),
        };
        let content = block.body.blocks().find(|inner| inner.ident.as_str() == "content");
        let (Some(for_each), Some(content)) = (block.body.get_attribute("for_each"), content) else {
            let mut value =
                Self::error(scope, header.span, format!("dynamic \"{label}\" needs for_each and a content block"));
            value.set_via(header);
            return vec![value];
        };
        let span = span_of(&for_each.value);
        let collection = self.eval(scope, &for_each.value);
        let unknown_entries = |unknown: Unknown| {
            let reason = format!("the {label} blocks of this dynamic block are unknown: {}", unknown.reason);
            let mut value = Value::unknown(scope.computed(span), unknown.cause, reason);
            value.set_via(header);
            vec![value]
        };
        let pairs = match elements(&collection) {
            Ok(pairs) => pairs,
            Err(unknown) => return unknown_entries(unknown),
        };
        if pairs.len() > MAX_INSTANCES {
            let message = format!(
                "dynamic \"{label}\" has {} elements, more than the {MAX_INSTANCES} scimlint expands",
                pairs.len()
            );
            let limit = self.limit(scope.place(span), message);
            return unknown_entries(limit.as_unknown().cloned().unwrap_or_else(limit_unknown));
        }
        let mut generated = Vec::with_capacity(pairs.len());
        for (key, value) in pairs {
            let iteration = Value::new(
                Kind::Object(vec![
                    Member { key: "key".into(), key_origin: key.origin.clone(), value: key },
                    Member { key: "value".into(), key_origin: value.origin.clone(), value },
                ]),
                scope.computed(span),
            );
            let inner = scope.with_name(&iterator, iteration);
            let mut entry = self.block_body(&inner, &content.body, false, span_of(content));
            entry.set_via(header);
            generated.push(entry);
        }
        generated
    }
}

fn limit_unknown() -> Unknown {
    Unknown { reason: "a limit was reached".into(), cause: Cause::Limit }
}

fn push_blocks(members: &mut Vec<Member>, name: &str, key_origin: super::value::Origin, blocks: Vec<Value>) {
    if let Some(Member { value: Value { kind: Kind::List(items), .. }, .. }) =
        members.iter_mut().find(|member| member.key == name)
    {
        items.extend(blocks);
        return;
    }
    let list = Value::new(Kind::List(blocks), key_origin.clone());
    members.push(Member { key: name.to_owned(), key_origin, value: list });
}
