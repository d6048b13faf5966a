//! Traversal steps applied to tracked values (`.attr`, `[key]`, splats), and the collection
//! helpers `for`, `for_each` and `dynamic` share.

use super::eval::{Evaluator, Scope, Step};
use super::value::{Cause, Kind, Member, Origin, Unknown, Value};
use crate::source::Span;

impl Evaluator<'_> {
    /// `value` followed by `steps`; the result keeps the origin of what it found.
    pub fn apply(&mut self, scope: &Scope, mut value: Value, steps: &[Step], span: Span) -> Value {
        let mut at = 0;
        while let Some(step) = steps.get(at) {
            at += 1;
            value = match (step, value.kind) {
                (_, Kind::Unknown(unknown)) => return Value::new(Kind::Unknown(unknown), scope.computed(span)),
                (Step::Index(index), _) if index.as_unknown().is_some() => {
                    return Value::new(index.kind.clone(), scope.computed(span));
                }
                (_, Kind::Reference(reference)) => {
                    let text = reference.text();
                    return Value::unknown(
                        scope.computed(span),
                        Cause::Computed { reference: text.clone() },
                        format!("{text} is known only to Okta, so what is inside it is unknown"),
                    );
                }
                (Step::Splat { full }, kind) => {
                    let inner_end = if *full {
                        steps.len()
                    } else {
                        at + steps[at..].iter().take_while(|step| matches!(step, Step::Attr(_))).count()
                    };
                    let inner = &steps[at..inner_end];
                    let items = match kind {
                        Kind::List(items) | Kind::Set(items) => items,
                        Kind::Null => Vec::new(),
                        other => vec![Value::new(other, value.origin.clone())],
                    };
                    let mapped = items.into_iter().map(|item| self.apply(scope, item, inner, span)).collect();
                    at = inner_end;
                    Value::new(Kind::List(mapped), scope.computed(span))
                }
                (Step::Attr(name), Kind::Object(mut members)) => {
                    match members.iter().rposition(|member| member.key == *name) {
                        Some(found) => members.swap_remove(found).value,
                        None => return Self::error(scope, span, format!("the object has no attribute {name:?}")),
                    }
                }
                (Step::Index(index), Kind::Object(mut members)) => {
                    let key = match key_text(index) {
                        Ok(key) => key,
                        Err(unknown) => return *unknown,
                    };
                    match members.iter().rposition(|member| member.key == key) {
                        Some(found) => members.swap_remove(found).value,
                        None => return Self::error(scope, span, format!("the map has no key {key:?}")),
                    }
                }
                (Step::Index(index), Kind::List(mut items)) => {
                    let Some(position) = whole_number(index) else {
                        return Self::error(scope, span, "a list index must be a whole number");
                    };
                    if position >= items.len() {
                        let message = format!("index {position} is past the end of a list of {}", items.len());
                        return Self::error(scope, span, message);
                    }
                    items.swap_remove(position)
                }
                (Step::Index(_), Kind::Set(_)) => {
                    return Self::error(scope, span, "a set has no order: Terraform cannot index it");
                }
                (step, kind) => {
                    let found = Value::new(kind, value.origin).type_name();
                    let wanted = if matches!(step, Step::Attr(_)) { "an attribute" } else { "an element" };
                    return Self::error(scope, span, format!("cannot take {wanted} of a {found}"));
                }
            };
        }
        value
    }
}

/// The string form of a key (strings, numbers and bools, as Terraform converts them).
pub(super) fn key_text(key: &Value) -> Result<String, Box<Value>> {
    match &key.kind {
        Kind::String(text) | Kind::Number(text) => Ok(text.clone()),
        Kind::Bool(flag) => Ok(flag.to_string()),
        Kind::Unknown(_) => Err(Box::new(key.clone())),
        _ => Err(Box::new(Value::unknown(
            key.origin.clone(),
            Cause::Error,
            format!("a {} cannot be a key", key.type_name()),
        ))),
    }
}

pub(super) fn whole_number(value: &Value) -> Option<usize> {
    match &value.kind {
        Kind::Number(text) => text.parse::<usize>().ok(),
        Kind::String(text) => text.parse::<usize>().ok(),
        _ => None,
    }
}

/// `(key, value)` pairs of a collection, as `for` and `for_each` see them: lists by index, sets
/// with the element as key, objects by key in lexical order.
pub(super) fn elements(collection: &Value) -> Result<Vec<(Value, Value)>, Unknown> {
    match &collection.kind {
        Kind::List(items) => Ok(items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                (
                    Value::new(
                        Kind::Number(index.to_string()),
                        Origin { exactness: super::value::Exactness::Computed, ..collection.origin.clone() },
                    ),
                    item.clone(),
                )
            })
            .collect()),
        Kind::Set(items) => Ok(items.iter().map(|item| (item.clone(), item.clone())).collect()),
        Kind::Object(members) => {
            let mut sorted: Vec<&Member> = members.iter().collect();
            sorted.sort_by(|a, b| a.key.cmp(&b.key));
            Ok(sorted
                .into_iter()
                .map(|member| {
                    (Value::new(Kind::String(member.key.clone()), member.key_origin.clone()), member.value.clone())
                })
                .collect())
        }
        Kind::Unknown(unknown) => Err(unknown.clone()),
        Kind::Reference(reference) => Err(Unknown {
            reason: format!("{} is known only to Okta, so its elements are unknown", reference.text()),
            cause: Cause::Computed { reference: reference.text() },
        }),
        _ => Err(Unknown {
            reason: format!("a {} is not a collection to iterate over", collection.type_name()),
            cause: Cause::Error,
        }),
    }
}
