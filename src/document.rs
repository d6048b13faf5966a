//! Which kind of document a file is, decided by its content, never by its name alone.

use crate::tree::Node;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `GET /api/v1/mappings/{id}`: one mapping with `source`, `target` and `properties`.
    ProfileMapping,
    /// Several mappings in one JSON array, as export scripts assemble them.
    MappingArray,
    /// `POST /api/v1/mappings/{id}` body: only `properties`, where `null` removes an attribute.
    UpdateBody,
    /// `GET /api/v1/mappings`: summaries without `properties`.
    MappingList,
    /// scimlint's own YAML manifest (top-level `mappings:`).
    Manifest,
}

impl Kind {
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::ProfileMapping => "Okta profile mapping",
            Self::MappingArray => "array of Okta profile mappings",
            Self::UpdateBody => "Okta profile mapping update body",
            Self::MappingList => "Okta mapping list response",
            Self::Manifest => "scimlint manifest",
        }
    }
}

/// What scimlint reads, for the help of F002 and of "no lintable file".
pub const KNOWN_KINDS: &str = "an Okta profile mapping (GET /api/v1/mappings/{id}), an array of them, an update body ({\"properties\": …}), the mapping list (GET /api/v1/mappings), or a scimlint manifest (YAML with top-level `mappings:`)";

/// The kind of `root`, or a sentence saying what it lacks to be one.
pub fn recognize(root: &Node, file_name: &str) -> Result<Kind, String> {
    let manifest_name = {
        let lower = file_name.to_ascii_lowercase();
        lower.ends_with(".scimlint.yaml") || lower.ends_with(".scimlint.yml")
    };
    if let Some(items) = root.items() {
        return recognize_array(items);
    }
    if root.members().is_none() {
        return Err(format!("it holds a single {} value, not an object", root.type_name()));
    }
    if root.member("mappings").is_some() || manifest_name {
        return Ok(Kind::Manifest);
    }
    if root.member("definitions").is_some() || root.member("$schema").is_some() {
        return Err(
            "it looks like a JSON Schema (an Okta user or app-user schema?), which this version does not read".into()
        );
    }
    if root.member("properties").is_some() {
        // A GET response always names its source and target; a request body need not.
        let has_endpoints = root.member("source").is_some() || root.member("target").is_some();
        return Ok(if has_endpoints { Kind::ProfileMapping } else { Kind::UpdateBody });
    }
    if root.member("source").is_some() && root.member("target").is_some() {
        return Ok(Kind::MappingList);
    }
    Err("it is an object with neither `properties` (Okta mapping) nor `mappings` (scimlint manifest)".into())
}

fn recognize_array(items: &[Node]) -> Result<Kind, String> {
    if items.is_empty() {
        return Ok(Kind::MappingArray);
    }
    if items.iter().any(|item| item.member("properties").is_some()) {
        return Ok(Kind::MappingArray);
    }
    if items.iter().any(|item| item.member("source").is_some() && item.member("target").is_some()) {
        return Ok(Kind::MappingList);
    }
    Err("it is an array whose elements have no `properties` (Okta mappings) nor `source`/`target` (mapping list)"
        .into())
}
