//! JSON Schemas from `rules/schemas/`, with violations placed on the field that breaks them.

use jsonschema::error::{TypeKind, ValidationErrorKind};

use crate::error::DataError;
use crate::span::Span;
use crate::tree::Node;

pub struct Schema {
    validator: jsonschema::Validator,
    raw: serde_json::Value,
}

/// One way a document breaks its schema.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    pub pointer: String,
    pub span: Span,
    pub message: String,
}

impl Schema {
    /// Compiles `rules/<path>`. Remote references cannot resolve: jsonschema is built without network.
    pub fn embedded(path: &str) -> Result<Self, DataError> {
        let full = format!("rules/{path}");
        let text = crate::rulebook::embedded_file(path).ok_or_else(|| DataError::missing(&full))?;
        let raw: serde_json::Value =
            serde_json::from_str(text).map_err(|error| DataError::invalid(&full, error.to_string()))?;
        let validator = jsonschema::validator_for(&raw).map_err(|error| DataError::invalid(&full, error.to_string()))?;
        Ok(Self { validator, raw })
    }

    #[must_use]
    pub fn raw(&self) -> &serde_json::Value {
        &self.raw
    }

    /// Every violation in `node`, in document order.
    #[must_use]
    pub fn violations(&self, node: &Node) -> Vec<Violation> {
        let instance = node.to_json();
        let mut found: Vec<Violation> = self
            .validator
            .iter_errors(&instance)
            .map(|error| {
                let pointer = error.instance_path().as_str().to_owned();
                let (span, field) = place(node, &pointer);
                let message = describe(error.kind(), &field, &error.to_string());
                Violation { pointer, span, message }
            })
            .collect();
        found.sort_by_key(|violation| violation.span);
        found.dedup_by(|a, b| a.span == b.span && a.message == b.message);
        found
    }
}

/// The shortest span that shows the field, and the field's name for the message.
fn place(root: &Node, pointer: &str) -> (Span, String) {
    let field = pointer.rsplit('/').next().filter(|_| !pointer.is_empty()).unwrap_or("the document");
    let field = field.replace("~1", "/").replace("~0", "~");
    match root.resolve(pointer) {
        Some((node, _)) => (node.span, field),
        None => (Span::new(root.span.start, root.span.start + 1), field),
    }
}

fn describe(kind: &ValidationErrorKind, field: &str, fallback: &str) -> String {
    let field = if field.chars().all(|c| c.is_ascii_digit()) { format!("item {field}") } else { format!("`{field}`") };
    match kind {
        ValidationErrorKind::Type { kind: TypeKind::Single(expected) } => format!("{field} must be {}", article(&expected.to_string())),
        ValidationErrorKind::Enum { options } => {
            let options: Vec<String> = options
                .as_array()
                .map(|values| values.iter().map(|value| value.as_str().map_or_else(|| value.to_string(), |s| format!("`{s}`"))).collect())
                .unwrap_or_default();
            format!("{field} must be one of {}", options.join(", "))
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
