//! JSON Schemas from `rules/schemas/`, with violations placed on the field that breaks them.

use jsonschema::error::{TypeKind, ValidationErrorKind};

use super::instance::{Instance, SpanTree};
use crate::error::DataError;
use crate::model::{UnknownKey, Violation};
use crate::source::Span;
use crate::source::tree::Node;

/// The JSON Schemas of the document kinds, compiled once per process.
pub struct Schemas {
    pub mapping: Schema,
    pub manifest: Schema,
    pub app_user_schema: Schema,
    pub app_features: Schema,
    pub config: Schema,
}

impl Schemas {
    pub fn load() -> Result<Self, DataError> {
        Ok(Self {
            mapping: Schema::embedded("schemas/profile-mapping.schema.json")?,
            manifest: Schema::embedded("schemas/manifest.schema.json")?,
            app_user_schema: Schema::embedded("schemas/app-user-schema.schema.json")?,
            app_features: Schema::embedded("schemas/app-features.schema.json")?,
            config: Schema::embedded("schemas/config.schema.json")?,
        })
    }
}

pub struct Schema {
    validator: jsonschema::Validator<SpanTree>,
    raw: serde_json::Value,
}

impl Schema {
    /// Compiles `rules/<path>`. Remote references cannot resolve: jsonschema is built without network.
    pub fn embedded(path: &str) -> Result<Self, DataError> {
        let full = format!("rules/{path}");
        let text = super::embedded::embedded_file(path).ok_or_else(|| DataError::missing(&full))?;
        let raw: serde_json::Value =
            serde_json::from_str(text).map_err(|error| DataError::invalid(&full, error.to_string()))?;
        let validator = jsonschema::options_for::<SpanTree>()
            .build(&raw)
            .map_err(|error| DataError::invalid(&full, error.to_string()))?;
        Ok(Self { validator, raw })
    }

    #[must_use]
    pub fn raw(&self) -> &serde_json::Value {
        &self.raw
    }

    /// Keys of `node` that the schema's `properties` do not define, level by level; the schema
    /// tolerates them, but they are usually typos.
    #[must_use]
    pub fn unknown_keys(&self, node: &Node) -> Vec<UnknownKey> {
        let mut found = Vec::new();
        walk(&self.raw, &self.raw, node, "", &mut found);
        found
    }

    /// Every violation in `node`, in document order.
    #[must_use]
    pub fn violations(&self, node: &Node) -> Vec<Violation> {
        let mut found: Vec<Violation> = self
            .validator
            .iter_errors(Instance(node))
            .map(|error| {
                let pointer = error.instance_path().as_str().to_owned();
                let (span, field) = place(node, &pointer, error.kind());
                let message = describe(error.kind(), &field, error.instance(), &error.to_string());
                let label = match error.kind() {
                    ValidationErrorKind::Required { property } => {
                        format!("`{}` missing", property.as_str().unwrap_or_default())
                    }
                    _ => "wrong type or value".to_owned(),
                };
                Violation { pointer, span, message, label }
            })
            .collect();
        found.sort_by_key(|violation| violation.span);
        found.dedup_by(|a, b| a.span == b.span && a.message == b.message);
        found
    }
}

/// The schema of an object level, following a local `$ref`.
fn resolve<'s>(root: &'s serde_json::Value, schema: &'s serde_json::Value) -> &'s serde_json::Value {
    match schema.get("$ref").and_then(serde_json::Value::as_str).and_then(|reference| reference.strip_prefix('#')) {
        Some(pointer) => root.pointer(pointer).unwrap_or(schema),
        None => schema,
    }
}

fn walk(root: &serde_json::Value, schema: &serde_json::Value, node: &Node, pointer: &str, found: &mut Vec<UnknownKey>) {
    let schema = resolve(root, schema);
    if let (Some(properties), Some(members)) =
        (schema.get("properties").and_then(serde_json::Value::as_object), node.members())
    {
        for member in members {
            let child = format!("{pointer}/{}", crate::source::tree::pointer_token(&member.key));
            match properties.get(&member.key) {
                Some(sub) => walk(root, sub, &member.value, &child, found),
                None => found.push(UnknownKey {
                    key: member.key.clone(),
                    key_span: member.key_span,
                    pointer: child,
                    known: properties.keys().cloned().collect(),
                    present: members.iter().map(|member| member.key.clone()).collect(),
                }),
            }
        }
    }
    if let (Some(item_schema), Some(items)) = (schema.get("items"), node.items()) {
        for (index, item) in items.iter().enumerate() {
            walk(root, item_schema, item, &format!("{pointer}/{index}"), found);
        }
    }
}

/// The shortest span that shows the field, and the field's name for the message.
///
/// A missing field is shown on the key that holds the incomplete object, or on the object's first
/// key, rather than on the whole object.
fn place(root: &Node, pointer: &str, kind: &ValidationErrorKind) -> (Span, String) {
    let field = pointer.rsplit('/').next().filter(|_| !pointer.is_empty()).unwrap_or("");
    let field = field.replace("~1", "/").replace("~0", "~");
    let Some((node, holder)) = root.resolve(pointer) else {
        return (Span::new(root.span.start, root.span.start + 1), field);
    };
    if !matches!(kind, ValidationErrorKind::Required { .. }) {
        return (node.span, field);
    }
    let first_key = node.members().and_then(<[_]>::first).map(|member| member.key_span);
    let span =
        holder.map(|member| member.key_span).or(first_key).unwrap_or(Span::new(node.span.start, node.span.start + 1));
    (span, field)
}

/// "`a`, `b` or `c`".
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// What a value is, as a person says it: "a string", "the number 3", "null".
fn what_it_is(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "null".to_owned(),
        serde_json::Value::Bool(flag) => format!("`{flag}`"),
        serde_json::Value::Number(number) => format!("the number {number}"),
        serde_json::Value::String(text) if text.chars().count() <= 40 => format!("the string `{text}`"),
        serde_json::Value::String(_) => "a string".to_owned(),
        serde_json::Value::Array(_) => "an array".to_owned(),
        serde_json::Value::Object(_) => "an object".to_owned(),
    }
}

fn describe(kind: &ValidationErrorKind, field: &str, instance: &serde_json::Value, fallback: &str) -> String {
    let field = if field.is_empty() {
        "the document".to_owned()
    } else if field.chars().all(|c| c.is_ascii_digit()) {
        format!("item {field}")
    } else {
        format!("`{field}`")
    };
    let is = what_it_is(instance);
    match kind {
        ValidationErrorKind::Type { kind: TypeKind::Single(expected) } => {
            format!("{field} must be {}, not {is}", article(&expected.to_string()))
        }
        ValidationErrorKind::Type { kind: TypeKind::Multiple(types) } => {
            let types: Vec<String> = types.iter().map(|kind| article(&kind.to_string())).collect();
            format!("{field} must be {}, not {is}", or_list(&types))
        }
        ValidationErrorKind::Enum { options } => {
            let options: Vec<String> = options
                .as_array()
                .map(|values| {
                    values
                        .iter()
                        .map(|value| value.as_str().map_or_else(|| value.to_string(), |s| format!("`{s}`")))
                        .collect()
                })
                .unwrap_or_default();
            let given = instance.as_str().map_or(is, |text| format!("`{text}`"));
            format!("{field} must be {}, not {given}", or_list(&options))
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            // In key order, as they were when the instance was a serde_json map.
            let mut unexpected: Vec<&String> = unexpected.iter().collect();
            unexpected.sort_unstable();
            let names: Vec<String> = unexpected.iter().map(|name| format!("`{name}`")).collect();
            format!("{field} cannot have {}", or_list(&names))
        }
        ValidationErrorKind::Required { property } => {
            format!("{field} lacks the required field `{}`", property.as_str().unwrap_or_default())
        }
        ValidationErrorKind::MinLength { limit: 1 } => format!("{field} must not be empty"),
        _ => format!("{field}: {fallback}"),
    }
}

fn article(type_name: &str) -> String {
    match type_name {
        "object" | "array" | "integer" => format!("an {type_name}"),
        "null" => "null".to_owned(),
        other => format!("a {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::Schema;
    use crate::source::{Syntax, parse};

    #[test]
    fn unexpected_keys_are_named_in_key_order() {
        let Ok(schema) = Schema::embedded("schemas/target.schema.json") else { panic!("the target schema") };
        let Ok(node) = parse("zeta: 1\nalpha_: 2\nalpha: 3\n", Syntax::Yaml) else { panic!("YAML") };
        let messages: Vec<String> = schema.violations(&node).into_iter().map(|violation| violation.message).collect();
        assert!(messages.contains(&"the document cannot have `alpha`, `alpha_` or `zeta`".to_owned()), "{messages:?}");
    }
}
