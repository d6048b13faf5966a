//! The files under `rules/`, embedded at build time; YAML files also as the JSON `build.rs` made
//! of them.

use crate::error::DataError;

mod generated {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// A file under `rules/`, by its path relative to that folder.
#[must_use]
pub fn embedded_file(path: &str) -> Option<&'static str> {
    generated::FILES.iter().find(|(name, _)| *name == path).map(|(_, text)| *text)
}

/// A YAML file under `rules/` as `T`, from the JSON that `build.rs` made of it.
pub fn read_embedded<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, DataError> {
    let json = generated::JSON.iter().find(|(name, _)| *name == path).map(|(_, json)| *json);
    let json = json.ok_or_else(|| DataError::missing(&format!("rules/{path}")))?;
    serde_json::from_str(json).map_err(|error| DataError::invalid(&format!("rules/{path}"), error.to_string()))
}

/// Every embedded path under `rules/`.
pub fn embedded_paths() -> impl Iterator<Item = &'static str> {
    generated::FILES.iter().map(|(name, _)| *name)
}
