//! Functions whose result is made of their arguments (`merge`, `concat`, `lookup`, `try`, …):
//! evaluated on tracked values, so that each element keeps the origin it had. Their plain
//! twins in `functions.rs` serve the same names inside templates and other computations.

use hcl_edit::expr::Expression;

use super::eval::{Evaluator, Scope};
use super::steps::whole_number;
use super::value::{Cause, Kind, Member, Value, set_elements};
use crate::source::Span;

const PASS_THROUGH: [&str; 15] = [
    "try", "can", "merge", "concat", "lookup", "coalesce", "tolist", "toset", "tomap", "values", "keys", "flatten",
    "element", "one", "tostring",
];

impl<'a> Evaluator<'a> {
    pub fn pass_through(
        &mut self,
        scope: &Scope,
        name: &str,
        args: &[&'a Expression],
        expand_final: bool,
        span: Span,
    ) -> Option<Value> {
        if !PASS_THROUGH.contains(&name) || expand_final {
            return None;
        }
        let here = scope.computed(span);
        if name == "try" || name == "can" {
            for arg in args {
                let value = self.eval(scope, arg);
                match (&value.kind, name) {
                    (Kind::Unknown(unknown), _) if unknown.cause == Cause::Error => continue,
                    (Kind::Unknown(_), _) | (_, "try") => return Some(value),
                    _ => return Some(Value::new(Kind::Bool(true), here)),
                }
            }
            return Some(if name == "can" {
                Value::new(Kind::Bool(false), here)
            } else {
                Self::error(scope, span, "no argument of try() can be evaluated")
            });
        }
        let values: Vec<Value> = args.iter().map(|arg| self.eval(scope, arg)).collect();
        if let Some(unknown) = values.iter().find(|value| value.as_unknown().is_some()) {
            return Some(Value::new(unknown.kind.clone(), here));
        }
        let wrong = |what: &str| Some(Self::error(scope, span, format!("{name}() needs {what}")));
        let mut values = values.into_iter();
        let mut next = || values.next();
        Some(match name {
            "merge" => {
                let mut members: Vec<Member> = Vec::new();
                while let Some(value) = next() {
                    match value.kind {
                        Kind::Object(more) => {
                            for member in more {
                                members.retain(|kept| kept.key != member.key);
                                members.push(member);
                            }
                        }
                        Kind::Null => {}
                        _ => return wrong("maps or objects"),
                    }
                }
                Value::new(Kind::Object(members), here)
            }
            "concat" => {
                let mut items = Vec::new();
                while let Some(value) = next() {
                    match value.kind {
                        Kind::List(more) | Kind::Set(more) => items.extend(more),
                        _ => return wrong("lists"),
                    }
                }
                Value::new(Kind::List(items), here)
            }
            "lookup" => {
                let (Some(map), Some(key)) = (next(), next()) else { return wrong("a map and a key") };
                let default = next();
                let Some(key) = key.as_str().map(str::to_owned) else { return wrong("a string key") };
                match (map.get(&key), default) {
                    (Some(found), _) => found.clone(),
                    (None, Some(default)) if map.members().is_some() => default,
                    _ => return Some(Self::error(scope, span, format!("lookup(): the map has no key {key:?}"))),
                }
            }
            "coalesce" => {
                let mut found = None;
                while let Some(value) = next() {
                    if !matches!(&value.kind, Kind::Null) && value.as_str() != Some("") {
                        found = Some(value);
                        break;
                    }
                }
                match found {
                    Some(value) => value,
                    None => return wrong("a non-null, non-empty argument"),
                }
            }
            "tolist" | "toset" | "values" | "keys" | "flatten" | "tomap" | "one" | "tostring" if args.len() != 1 => {
                return wrong("one argument");
            }
            "tolist" => match next().map(|value| value.kind) {
                Some(Kind::List(items) | Kind::Set(items)) => Value::new(Kind::List(items), here),
                _ => return wrong("a list or set"),
            },
            "toset" => match next().map(|value| value.kind) {
                Some(Kind::List(items) | Kind::Set(items)) => Value::new(Kind::Set(set_elements(items)), here),
                _ => return wrong("a list or set"),
            },
            "tomap" => match next() {
                Some(value) if value.members().is_some() => value,
                _ => return wrong("a map or object"),
            },
            "values" | "keys" => {
                let Some(Kind::Object(mut members)) = next().map(|value| value.kind) else {
                    return wrong("a map or object");
                };
                members.sort_by(|a, b| a.key.cmp(&b.key));
                let items = members
                    .into_iter()
                    .map(|member| {
                        if name == "keys" {
                            Value::new(Kind::String(member.key), member.key_origin)
                        } else {
                            member.value
                        }
                    })
                    .collect();
                Value::new(Kind::List(items), here)
            }
            "flatten" => {
                let Some(list) = next().filter(|list| list.items().is_some()) else { return wrong("a list") };
                let mut flat = Vec::new();
                let mut stack = vec![list];
                while let Some(value) = stack.pop() {
                    match value.kind {
                        Kind::List(items) | Kind::Set(items) => stack.extend(items.into_iter().rev()),
                        _ => flat.push(value),
                    }
                }
                Value::new(Kind::List(flat), here)
            }
            "element" => {
                let (Some(list), Some(index)) = (next(), next()) else { return wrong("a list and an index") };
                let (Some(items), Some(index)) = (list.items(), whole_number(&index)) else {
                    return wrong("a list and a whole number");
                };
                match items.get(index.checked_rem(items.len()).unwrap_or(usize::MAX)) {
                    Some(item) => item.clone(),
                    None => return wrong("a list that is not empty"),
                }
            }
            "one" => match next().map(|value| value.kind) {
                Some(Kind::List(mut items) | Kind::Set(mut items)) if items.len() <= 1 => {
                    items.pop().unwrap_or(Value::new(Kind::Null, here))
                }
                _ => return wrong("a list of at most one element"),
            },
            _ => match next() {
                Some(value) => match &value.kind {
                    Kind::String(_) | Kind::Null => value,
                    Kind::Number(text) => Value::new(Kind::String(text.clone()), value.origin),
                    Kind::Bool(flag) => Value::new(Kind::String(flag.to_string()), value.origin),
                    _ => return wrong("a string, number or bool"),
                },
                None => return wrong("one argument"),
            },
        })
    }
}
