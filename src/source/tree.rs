//! One syntax tree for JSON and YAML documents that keeps the byte span of every key and value.

use super::span::Span;
use foldhash::HashMapExt as _;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number as written, so that nothing is lost before a rule looks at it.
    Number(String),
    String(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
    /// An HCL expression that is not a literal (`okta_app_saml.haiilo.id`), as written.
    Reference(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: String,
    /// The key as written, quotes included.
    pub key_span: Span,
    pub value: Node,
}

impl Member {
    /// From the first character of the key to the last of the value.
    #[must_use]
    pub fn span(&self) -> Span {
        Span::new(self.key_span.start, self.value.span.end)
    }
}

impl Node {
    #[must_use]
    pub fn new(span: Span, value: Value) -> Self {
        Self { span, value }
    }

    #[must_use]
    pub fn members(&self) -> Option<&[Member]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    #[must_use]
    pub fn items(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(flag) => Some(flag),
            _ => None,
        }
    }

    #[must_use]
    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// The member named `key`; when a key is duplicated, the last one wins, as in most JSON readers.
    #[must_use]
    pub fn member(&self, key: &str) -> Option<&Member> {
        self.members()?.iter().rev().find(|member| member.key == key)
    }

    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.member(key).map(|member| &member.value)
    }

    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
            Value::Reference(_) => "reference",
        }
    }

    /// Follows an RFC 6901 JSON pointer; returns the node and, when the last step was an object
    /// key, the member that holds it (so that a label can sit on the key).
    #[must_use]
    pub fn resolve(&self, pointer: &str) -> Option<(&Node, Option<&Member>)> {
        let mut node = self;
        let mut holder = None;
        for raw in pointer.split('/').skip(1) {
            let step = raw.replace("~1", "/").replace("~0", "~");
            match &node.value {
                Value::Object(_) => {
                    let member = node.member(&step)?;
                    holder = Some(member);
                    node = &member.value;
                }
                Value::Array(items) => {
                    node = items.get(step.parse::<usize>().ok()?)?;
                    holder = None;
                }
                _ => return None,
            }
        }
        Some((node, holder))
    }

    /// The plain value, for JSON-Schema validation and typed reading of data files.
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as Json;
        match &self.value {
            Value::Null => Json::Null,
            Value::Bool(flag) => Json::Bool(*flag),
            Value::Number(text) => {
                text.parse::<serde_json::Number>().map_or_else(|_| Json::String(text.clone()), Json::Number)
            }
            Value::String(text) | Value::Reference(text) => Json::String(text.clone()),
            Value::Array(items) => Json::Array(items.iter().map(Node::to_json).collect()),
            Value::Object(members) => {
                Json::Object(members.iter().map(|member| (member.key.clone(), member.value.to_json())).collect())
            }
        }
    }
}

/// The characters of a key or scalar without its quotes.
#[must_use]
pub fn unquoted(text: &str, span: Span) -> Span {
    let written = text.get(span.start..span.end).unwrap_or_default();
    let quoted = written.len() >= 2
        && ((written.starts_with('"') && written.ends_with('"'))
            || (written.starts_with('\'') && written.ends_with('\'')));
    if quoted { Span::new(span.start + 1, span.end - 1) } else { span }
}

/// Escapes one reference token of a JSON pointer.
#[must_use]
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// A key that appears twice in one object.
#[derive(Clone, Debug, PartialEq)]
pub struct DuplicateKey {
    pub key: String,
    pub first: Span,
    pub again: Span,
}

/// Up to this many keys, an object's repeated keys are found by comparing keys pairwise rather
/// than through a map (most objects have a handful).
pub const SMALL_OBJECT: usize = 16;

/// Every object in `node` that has the same key twice, in document order.
#[must_use]
pub fn duplicate_keys(node: &Node) -> Vec<DuplicateKey> {
    let mut found = Vec::new();
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Object(members) => {
                if members.len() <= SMALL_OBJECT {
                    // Most objects have a handful of keys: comparing them beats building a map.
                    for (index, member) in members.iter().enumerate() {
                        if let Some(first) = members[..index].iter().find(|earlier| earlier.key == member.key) {
                            found.push(DuplicateKey {
                                key: member.key.clone(),
                                first: first.key_span,
                                again: member.key_span,
                            });
                        }
                    }
                } else {
                    let mut seen: foldhash::HashMap<&str, Span> = foldhash::HashMap::with_capacity(members.len());
                    for member in members {
                        match seen.entry(member.key.as_str()) {
                            std::collections::hash_map::Entry::Occupied(first) => found.push(DuplicateKey {
                                key: member.key.clone(),
                                first: *first.get(),
                                again: member.key_span,
                            }),
                            std::collections::hash_map::Entry::Vacant(slot) => {
                                slot.insert(member.key_span);
                            }
                        }
                    }
                }
                stack.extend(members.iter().map(|member| &member.value));
            }
            Value::Array(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
    found.sort_by_key(|duplicate| duplicate.again);
    found
}
