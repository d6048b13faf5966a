//! The span tree as jsonschema's instance: documents are validated where they were parsed, with
//! no `serde_json` copy (a copy of a 26 MB export was as large as serde_json's own parse of it,
//! and took as long). It reads as [`Node::to_json`] would: a key given twice keeps its last value,
//! a number serde_json cannot hold is a string, a Terraform reference is the string it spells.

use foldhash::HashMapExt as _;
use std::borrow::Cow;

use jsonschema::json::{Array, Json, JsonNumber, Node as JsonNode, NodeIdentity, Object};
use jsonschema::types::JsonType;

use crate::source::Span;
use crate::source::tree::{Member, Node, SMALL_OBJECT, Value};

pub struct SpanTree;

impl Json for SpanTree {
    type Node<'a> = Instance<'a>;
    type PreparedKey = String;
    type StringBuffer = ();

    const KEYS_PER_LOOKUP: usize = 1;
    const ACYCLIC: bool = true;

    fn prepare_key(key: &str) -> String {
        key.to_owned()
    }

    fn with_string_node<T>((): &mut (), string: &str, f: impl FnOnce(Instance<'_>) -> T) -> T {
        let node = Node::new(Span::default(), Value::String(string.to_owned()));
        f(Instance(&node))
    }
}

/// One node of a document, as the validator sees it.
#[derive(Clone, Copy)]
pub struct Instance<'a>(pub &'a Node);

/// A number as serde_json reads its text.
pub struct Number(serde_json::Number);

impl JsonNumber for Number {
    fn as_u64(&self) -> Option<u64> {
        self.0.as_u64()
    }

    fn as_i64(&self) -> Option<i64> {
        self.0.as_i64()
    }

    fn as_f64(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn as_str(&self) -> Cow<'_, str> {
        Cow::Owned(self.0.to_string())
    }

    fn to_number(&self) -> Cow<'_, serde_json::Number> {
        Cow::Borrowed(&self.0)
    }
}

fn number(text: &str) -> Option<serde_json::Number> {
    text.parse().ok()
}

impl<'a> JsonNode<'a, SpanTree> for Instance<'a> {
    type Object = Members<'a>;
    type Array = Items<'a>;
    type Number = Number;

    fn as_object(&self) -> Option<Members<'a>> {
        self.0.members().map(Members)
    }

    fn as_array(&self) -> Option<Items<'a>> {
        self.0.items().map(Items)
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match &self.0.value {
            Value::String(text) | Value::Reference(text) => Some(Cow::Borrowed(text)),
            Value::Number(text) if number(text).is_none() => Some(Cow::Borrowed(text)),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<Number> {
        match &self.0.value {
            Value::Number(text) => number(text).map(Number),
            _ => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn is_null(&self) -> bool {
        self.0.is_null()
    }

    fn json_type(&self) -> JsonType {
        match &self.0.value {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Boolean,
            Value::Number(text) if number(text).is_some() => JsonType::Number,
            Value::Number(_) | Value::String(_) | Value::Reference(_) => JsonType::String,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        }
    }

    fn equals_value(&self, expected: &serde_json::Value) -> bool {
        match (self.as_string(), expected) {
            (Some(text), serde_json::Value::String(wanted)) => text == wanted.as_str(),
            (Some(_), _) => false,
            (None, _) => jsonschema::json::cmp::equal(&self.0.to_json(), expected),
        }
    }

    /// Only for what an error reports, and for `const`/`enum`/`uniqueItems` on non-strings.
    fn to_value(&self) -> Cow<'a, serde_json::Value> {
        Cow::Owned(self.0.to_json())
    }

    fn identity(&self) -> Option<NodeIdentity> {
        Some(NodeIdentity::new(std::ptr::from_ref::<Node>(self.0) as usize))
    }
}

/// An object's members, each key once, with its last value.
#[derive(Clone, Copy)]
pub struct Members<'a>(&'a [Member]);

/// The members of an object that are the last of their key, in document order.
pub struct MembersIter<'a> {
    members: &'a [Member],
    next: usize,
    /// For a large object, whether each member is the last of its key; a small one compares.
    last: Option<Vec<bool>>,
}

impl<'a> Iterator for MembersIter<'a> {
    type Item = (&'a str, Instance<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let index = self.next;
            let member = self.members.get(index)?;
            self.next += 1;
            let is_last = match &self.last {
                Some(last) => last.get(index).copied().unwrap_or(true),
                None => !self.members[index + 1..].iter().any(|later| later.key == member.key),
            };
            if is_last {
                return Some((member.key.as_str(), Instance(&member.value)));
            }
        }
    }
}

impl<'a> Object<'a, SpanTree> for Members<'a> {
    type Node = Instance<'a>;
    type MemberName = &'a str;
    type MembersIter = MembersIter<'a>;

    fn len(&self) -> usize {
        self.members().count()
    }

    fn get(&self, key: &String) -> Option<Instance<'a>> {
        self.0.iter().rev().find(|member| member.key == *key).map(|member| Instance(&member.value))
    }

    fn members(&self) -> MembersIter<'a> {
        let members = self.0;
        let last = (members.len() > SMALL_OBJECT).then(|| {
            let mut last: foldhash::HashMap<&str, usize> = foldhash::HashMap::with_capacity(members.len());
            for (index, member) in members.iter().enumerate() {
                last.insert(&member.key, index);
            }
            members.iter().enumerate().map(|(index, member)| last.get(member.key.as_str()) == Some(&index)).collect()
        });
        MembersIter { members, next: 0, last }
    }
}

#[derive(Clone, Copy)]
pub struct Items<'a>(&'a [Node]);

impl<'a> Array<'a, SpanTree> for Items<'a> {
    type Node = Instance<'a>;
    type ElementsIter = std::iter::Map<std::slice::Iter<'a, Node>, fn(&'a Node) -> Instance<'a>>;

    fn len(&self) -> usize {
        self.0.len()
    }

    fn elements(&self) -> Self::ElementsIter {
        self.0.iter().map(Instance)
    }
}

#[cfg(test)]
mod tests {
    use jsonschema::error::ValidationErrorKind;

    use super::{Instance, SpanTree};
    use crate::source::{Syntax, parse};

    /// Each error as `instance path: message`, sorted. Unexpected keys are listed in the order
    /// the object gives them, which `schema::describe` sorts.
    fn errors<'a, F: jsonschema::json::Json>(
        validator: &'a jsonschema::Validator<F>,
        instance: F::Node<'a>,
    ) -> Vec<String> {
        let mut errors: Vec<String> = validator
            .iter_errors(instance)
            .map(|error| {
                let message = match error.kind() {
                    ValidationErrorKind::AdditionalProperties { unexpected } => {
                        let mut unexpected = unexpected.clone();
                        unexpected.sort();
                        format!("unexpected {unexpected:?}")
                    }
                    _ => error.to_string(),
                };
                format!("{}: {message}", error.instance_path().as_str())
            })
            .collect();
        errors.sort();
        errors
    }

    /// The span tree validates as its serde_json copy did, whatever the document holds.
    #[test]
    fn the_span_tree_validates_as_its_serde_json_copy() {
        let many: String = (0..30).map(|i| format!("\"k{i}\": {{\"expression\": \"user.k{i}\"}}, ")).collect();
        let documents = [
            ("schemas/profile-mapping.schema.json", r#"{"properties": {"a": {"expression": 1}}}"#.to_owned()),
            // A key given twice keeps its last value.
            (
                "schemas/profile-mapping.schema.json",
                r#"{"properties": {"a": {"expression": 1}, "a": {"expression": "user.x"}}}"#.to_owned(),
            ),
            (
                "schemas/profile-mapping.schema.json",
                format!(
                    r#"{{"properties": {{{many}"k3": {{"expression": 5}}, "k5": {{"expression": 7}}, "k5": {{}}}}}}"#
                ),
            ),
            // A number serde_json cannot hold reads as a string.
            (
                "schemas/profile-mapping.schema.json",
                r#"{"id": 1e400, "properties": {"b": {"pushStatus": 3}, "c": null, "d": [1]}, "target": "x"}"#
                    .to_owned(),
            ),
            ("schemas/config.schema.json", "fail_on: 3\nseverity: {T101: loud}\nexceptions: 5\n".to_owned()),
            ("schemas/target.schema.json", "zeta: 1\nalpha: 2\nalpha_: 3\nname: x\n".to_owned()),
        ];
        for (path, text) in documents {
            let syntax = if path.contains("profile-mapping") { Syntax::Json } else { Syntax::Yaml };
            let node = parse(&text, syntax);
            let Ok(node) = node else { panic!("{text} does not parse") };
            let Ok(schema) = crate::ruleset::Schema::embedded(path) else { panic!("{path}") };
            let Ok(serde) = jsonschema::validator_for(schema.raw()) else { panic!("{path}") };
            let Ok(tree) = jsonschema::options_for::<SpanTree>().build(schema.raw()) else { panic!("{path}") };
            let copy = node.to_json();
            let (expected, found) = (errors(&serde, &copy), errors(&tree, Instance(&node)));
            assert!(!expected.is_empty() || text.contains("\"a\": {\"expression\": 1}, \"a\""), "{text}");
            assert_eq!(found, expected, "{text}");
        }
    }
}
