//! Credentials in linted files. Their spans are found for every file, whatever rules are selected,
//! so that no renderer ever shows one: S401 reports them, and source snippets mask them.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::span::Span;
use super::tree::{Node, Value};

/// Header-style credentials anywhere in the text, comments included: `SSWS <token>`, `Bearer <token>`.
static SCHEMES: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:SSWS|Bearer)\s+([A-Za-z0-9._~+/=-]{16,})").ok());

/// Words in the names of fields that hold credentials (compared in lower case).
const SECRET_KEY_WORDS: [&str; 12] = [
    "token",
    "secret",
    "password",
    "passwd",
    "authorization",
    "apikey",
    "api_key",
    "api-key",
    "privatekey",
    "private_key",
    "private-key",
    "credential",
];

/// [`SECRET_KEY_WORDS`] in any ASCII letter case, as `to_ascii_lowercase` compares them.
static SECRET_KEY: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::builder().ascii_case_insensitive(true).build(SECRET_KEY_WORDS).ok());

fn is_secret_key(key: &str) -> bool {
    match SECRET_KEY.as_ref() {
        Some(words) => words.is_match(key),
        None => {
            let lower = key.to_ascii_lowercase();
            SECRET_KEY_WORDS.iter().any(|word| lower.contains(word))
        }
    }
}

/// True when `text` holds `SSWS` or `Bearer` in any letter case. Most files hold neither, and
/// this spares them compiling the pattern (a third of a one-file run); one pass, since a large
/// export is tens of megabytes.
fn mentions_scheme(text: &str) -> bool {
    let bytes = text.as_bytes();
    let at =
        |start: usize, word: &[u8]| bytes.get(start..start + word.len()).is_some_and(|w| w.eq_ignore_ascii_case(word));
    // From one first letter to the next (memchr's SIMD search), not byte by byte.
    memchr::memchr2_iter(b's', b'S', bytes).any(|start| at(start, b"ssws"))
        || memchr::memchr2_iter(b'b', b'B', bytes).any(|start| at(start, b"bearer"))
}

/// Values that stand in for a credential rather than being one.
fn is_placeholder(value: &str) -> bool {
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    value.len() < 8
        || value.contains("${")
        || value.contains("{{")
        || (value.starts_with('<') && value.ends_with('>'))
        || value.starts_with("var.")
        || value.starts_with("data.")
        || value.chars().all(|c| matches!(c, '*' | 'x' | 'X' | '.' | '-' | '_' | '#'))
        || ["redacted", "placeholder", "changeme", "example", "your-", "your_", "xxxx", "dummy", "<", "env:"]
            .iter()
            .any(|word| lower.contains(word))
        || lower.starts_with("ssws ") && is_placeholder(&value[5..])
}

/// A key whose value is only a setting about credentials, not one (`token_endpoint`, `password.seed`).
fn describes_credential(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    [
        "type",
        "url",
        "uri",
        "endpoint",
        "expires",
        "expiry",
        "lifetime",
        "seed",
        "change",
        "status",
        "policy",
        "hook",
        "template",
        "name",
        "field",
        "label",
        "selector",
        "hint",
        "regex",
        "length",
        "complexity",
        "reset",
    ]
    .iter()
    .any(|word| lower.contains(word))
}

/// Spans (inside quotes) of every credential in `text`, sorted and without overlaps.
#[must_use]
pub fn find(text: &str, root: Option<&Node>) -> Vec<Span> {
    let mut found = Vec::new();
    if let Some(pattern) = mentions_scheme(text).then(|| SCHEMES.as_ref()).flatten() {
        for captures in pattern.captures_iter(text) {
            if let Some(token) = captures.get(1).filter(|token| !is_placeholder(token.as_str())) {
                found.push(Span::new(token.start(), token.end()));
            }
        }
    }
    if let Some(root) = root {
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            match &node.value {
                Value::Object(members) => {
                    for member in members {
                        let secret_key = is_secret_key(&member.key) && !describes_credential(&member.key);
                        match &member.value.value {
                            Value::String(value) if secret_key && !is_placeholder(value) => {
                                found.push(super::tree::unquoted(text, member.value.span));
                            }
                            _ => stack.push(&member.value),
                        }
                    }
                }
                Value::Array(items) => stack.extend(items),
                _ => {}
            }
        }
    }
    found.sort();
    found.dedup_by(|later, earlier| later.start < earlier.end);
    found
}

/// `text` with its credentials masked as [`mask`] does, finding them first (for text that was
/// never linted, such as the result of a fix).
#[must_use]
pub fn masked(name: &str, text: &str) -> String {
    let root = super::parse(text, super::Syntax::guess(name, text)).ok();
    mask(text, &find(text, root.as_ref()))
}

/// What may be shown of a secret: its first 4 characters, then `…`.
#[must_use]
pub fn redacted(secret: &str) -> String {
    format!("{}…", secret.chars().take(4).collect::<String>())
}

/// `text` with every character of the secrets after their first 4 replaced by `*`, keeping byte
/// offsets (non-ASCII characters become as many `*` as they have bytes), for source snippets.
#[must_use]
pub fn mask(text: &str, secrets: &[Span]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for span in secrets {
        let Some(secret) = text.get(span.start..span.end) else { continue };
        let keep = secret.char_indices().nth(4).map_or(secret.len(), |(at, _)| at);
        for byte in &mut bytes[span.start + keep..span.end] {
            *byte = b'*';
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_found_and_placeholders_are_not() {
        let text = r#"{"apiToken": "00abcdefghijklmnopqrstuvwxyz0123456789ABCD", "clientSecret": "${CLIENT_SECRET}", "token_endpoint": "https://x/token"}"#;
        let root = crate::source::parse(text, crate::source::Syntax::Json).ok();
        let found = find(text, root.as_ref());
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].start..found[0].end], "00abcdefghijklmnopqrstuvwxyz0123456789ABCD");
        let header = "# curl -H 'Authorization: SSWS 00Qx1y2z3A4B5C6D7E8F9G0hIjKlMnOpQrStUvWxYz' …";
        assert_eq!(find(header, None).len(), 1);
        assert_eq!(
            mask("ab SSWS 12345678901234567890", &find("ab SSWS 12345678901234567890", None)),
            "ab SSWS 1234****************"
        );
    }
}
