//! Typed reading of YAML data files (rule metadata, target profiles), validated by a JSON Schema.

use serde::de::DeserializeOwned;

use crate::error::DataError;
use crate::source::tree::Node;
use crate::source::{self, Syntax};

/// Parses YAML data and reads it as `T`.
pub fn read_yaml<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, DataError> {
    let node = parse_yaml(path, text)?;
    serde_json::from_value(node.to_json()).map_err(|error| DataError::invalid(path, error.to_string()))
}

pub fn parse_yaml(path: &str, text: &str) -> Result<Node, DataError> {
    source::parse(text, Syntax::Yaml).map_err(|error| DataError::at(path, text, error.span, error.reason))
}

/// Validates `node` against `schema` and reads it as `T`; the first violation is reported at its place.
pub fn read_validated<T: DeserializeOwned>(
    path: &str,
    text: &str,
    node: &Node,
    schema: &crate::ruleset::schema::Schema,
) -> Result<T, DataError> {
    if let Some(violation) = schema.violations(node).into_iter().next() {
        return Err(DataError::at(path, text, violation.span, violation.message));
    }
    serde_json::from_value(node.to_json()).map_err(|error| DataError::invalid(path, error.to_string()))
}
