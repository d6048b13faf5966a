//! Bytes to text, and text to span tree in the file's syntax: everything that can go wrong before
//! a document is recognised.

use super::limits::SyntaxError;
use super::span::Span;
use super::tree::Node;
use super::{hcl, json, yaml};

const UTF8_BOM: &str = "\u{feff}";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Json,
    Yaml,
    Hcl,
}

/// Extensions of the files scimlint reads; a file named with another one is not its kind.
pub const EXTENSIONS: &[&str] = &["json", "yaml", "yml", "tf", "tfvars"];

/// The extension of `name` when it is one scimlint does not read (`md` for `README.md`).
#[must_use]
pub fn foreign_extension(name: &str) -> Option<String> {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let (stem, extension) = file.rsplit_once('.')?;
    let extension = extension.to_ascii_lowercase();
    (!stem.is_empty() && !EXTENSIONS.contains(&extension.as_str())).then_some(extension)
}

/// Blocks that only Terraform starts a file with.
const TERRAFORM_OPENINGS: [&str; 7] =
    ["resource \"", "data \"", "provider \"", "variable \"", "module \"", "locals {", "terraform {"];

impl Syntax {
    /// By extension where there is one; otherwise by content: `{` or `[` opens JSON, a Terraform
    /// block (`resource "okta_…"`) HCL, anything else is YAML.
    #[must_use]
    pub fn guess(name: &str, text: &str) -> Self {
        let lower = name.to_ascii_lowercase();
        let body = text.trim_start_matches(UTF8_BOM).trim_start();
        let terraform = || {
            body.lines()
                .map(str::trim_start)
                .filter(|line| !line.is_empty() && !line.starts_with(['#', '/']))
                .take(1)
                .any(|line| TERRAFORM_OPENINGS.iter().any(|opening| line.starts_with(opening)))
        };
        if lower.ends_with(".json") {
            Self::Json
        } else if lower.ends_with(".tf") || lower.ends_with(".tfvars") {
            Self::Hcl
        } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            Self::Yaml
        } else if body.starts_with(['{', '[']) {
            Self::Json
        } else if terraform() {
            Self::Hcl
        } else {
            Self::Yaml
        }
    }

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Json => "JSON",
            Self::Yaml => "YAML",
            Self::Hcl => "HCL",
        }
    }
}

/// Turns raw bytes into text. Text that cannot be linted still comes back (lossily), so that the
/// error can be shown in context.
pub fn decode(bytes: Vec<u8>) -> (String, Option<SyntaxError>) {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return (
            String::new(),
            Some(SyntaxError { span: Span::empty(0), reason: "the file is UTF-16 text; save it as UTF-8".into() }),
        );
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            let binary = memchr::memchr(0, text.as_bytes()).map(|at| SyntaxError {
                span: Span::new(at, at + 1),
                reason: "the file holds a NUL byte: it is binary, not JSON or YAML text".into(),
            });
            (text, binary)
        }
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let width = text[at..].chars().next().map_or(0, char::len_utf8);
            (
                text,
                Some(SyntaxError {
                    span: Span::new(at, at + width),
                    reason: "the file is not UTF-8 text (invalid byte sequence here)".into(),
                }),
            )
        }
    }
}

/// Parses `text` (a UTF-8 byte-order mark is allowed and skipped) with the given syntax.
pub fn parse(text: &str, syntax: Syntax) -> Result<Node, SyntaxError> {
    let skip = if text.starts_with(UTF8_BOM) { UTF8_BOM.len() } else { 0 };
    let body = &text[skip..];
    let parsed = match syntax {
        Syntax::Json => json::parse(body),
        Syntax::Yaml => yaml::parse(body),
        Syntax::Hcl => hcl::parse(body),
    };
    match parsed {
        Ok(mut node) => {
            if skip > 0 {
                shift(&mut node, skip);
            }
            Ok(node)
        }
        Err(mut error) => {
            error.span = error.span.shifted(skip);
            Err(error)
        }
    }
}

fn shift(node: &mut Node, by: usize) {
    node.span = node.span.shifted(by);
    match &mut node.value {
        super::tree::Value::Array(items) => items.iter_mut().for_each(|item| shift(item, by)),
        super::tree::Value::Object(members) => {
            for member in members {
                member.key_span = member.key_span.shifted(by);
                shift(&mut member.value, by);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::tree::Value;

    #[test]
    fn json_keys_and_values_keep_their_spans() {
        let text = r#"{"a": {"b": "c"}}"#;
        let root = parse(text, Syntax::Json).unwrap_or_else(|e| panic!("{e:?}"));
        let member = root.get("a").and_then(|a| a.member("b")).cloned();
        let member = member.unwrap_or_else(|| panic!("no member"));
        assert_eq!(&text[member.key_span.start..member.key_span.end], "\"b\"");
        assert_eq!(&text[member.value.span.start..member.value.span.end], "\"c\"");
    }

    #[test]
    fn yaml_spans_are_bytes_even_after_non_ascii_text() {
        let text = "name: Zoë\nkey: value\n";
        let root = parse(text, Syntax::Yaml).unwrap_or_else(|e| panic!("{e:?}"));
        let member = root.member("key").unwrap_or_else(|| panic!("no key"));
        assert_eq!(&text[member.key_span.start..member.key_span.end], "key");
        assert_eq!(&text[member.value.span.start..member.value.span.end], "value");
    }

    #[test]
    fn yaml_duplicate_keys_are_both_kept() {
        let root = parse("a: 1\na: 2\n", Syntax::Yaml).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(root.members().map(<[_]>::len), Some(2));
    }

    #[test]
    fn yaml_alias_bomb_is_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..9 {
            let refs = vec![format!("*a{}", level - 1); 10].join(", ");
            text.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
        }
        let error = parse(&text, Syntax::Yaml).err().unwrap_or_else(|| panic!("parsed"));
        assert!(error.reason.contains("billion laughs"), "{}", error.reason);
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep, Syntax::Json).is_err());
        assert!(parse(&deep, Syntax::Yaml).is_err());
    }

    #[test]
    fn bom_is_skipped_and_spans_still_index_the_file() {
        let text = "\u{feff}{\"a\": true}";
        let root = parse(text, Syntax::Json).unwrap_or_else(|e| panic!("{e:?}"));
        let value = root.get("a").unwrap_or_else(|| panic!("no a"));
        assert_eq!(value.value, Value::Bool(true));
        assert_eq!(&text[value.span.start..value.span.end], "true");
    }
}
