//! Okta's JSON as people review it: pretty-printed with 2 spaces, keys in the order Okta sent
//! them, numbers as Okta wrote them, and a final newline; or compact, one document a line.
//!
//! This prints the parsed response itself (jsonc-parser's syntax tree, which keeps member order
//! and number text) rather than a `serde_json::Value`: without serde_json's `preserve_order`
//! feature its maps are sorted, and enabling that feature would change the key order of every
//! `serde_json::json!` object the crate prints (`explain --format json`, `rules --format json`).

use jsonc_parser::ast::{ObjectProp, Value};
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};

/// Plain JSON only: what Okta sends. Anything looser is not an Okta response.
const STRICT: ParseOptions = ParseOptions {
    allow_comments: false,
    allow_loose_object_property_names: false,
    allow_trailing_commas: false,
    allow_missing_commas: false,
    allow_single_quoted_strings: false,
    allow_hexadecimal_numbers: false,
    allow_unary_plus_numbers: false,
    allow_bare_decimal_point_numbers: false,
    allow_non_finite_numbers: false,
    allow_extended_string_escapes: false,
};

/// A response body printed for a file, and the members left out of it.
pub struct Printed {
    pub text: String,
    /// JSON pointers of the members left out (see [`pretty`]'s `omit`).
    pub omitted: Vec<String>,
}

/// `body` pretty-printed, without the members at the paths in `omit` (object keys from the
/// root; `*` matches any array element). Errors with the parser's reason.
pub fn pretty(body: &str, omit: &[&[&str]]) -> Result<Printed, String> {
    let value = parse(body)?;
    let mut printer =
        Printer { out: String::with_capacity(body.len() * 2), indent: Some(0), omit, omitted: Vec::new() };
    printer.value(&value, &mut Vec::new());
    printer.out.push('\n');
    Ok(Printed { text: printer.out, omitted: printer.omitted })
}

/// Each element of the array `body`, printed compactly, for one line each.
pub fn compact_elements(body: &str) -> Result<Vec<String>, String> {
    let Value::Array(array) = parse(body)? else { return Err("the response is not a JSON array".to_owned()) };
    Ok(array
        .elements
        .iter()
        .map(|element| {
            let mut printer = Printer { out: String::new(), indent: None, omit: &[], omitted: Vec::new() };
            printer.value(element, &mut Vec::new());
            printer.out
        })
        .collect())
}

fn parse(body: &str) -> Result<Value<'_>, String> {
    let parsed = parse_to_ast(body, &CollectOptions::default(), &STRICT).map_err(|error| error.to_string())?;
    parsed.value.ok_or_else(|| "the response body is empty".to_owned())
}

struct Printer<'o> {
    out: String,
    /// The current depth when pretty-printing; `None` prints compactly.
    indent: Option<usize>,
    omit: &'o [&'o [&'o str]],
    omitted: Vec<String>,
}

impl Printer<'_> {
    fn value(&mut self, value: &Value<'_>, path: &mut Vec<String>) {
        match value {
            Value::StringLit(text) => self.string(&text.value),
            Value::NumberLit(number) => self.out.push_str(number.value),
            Value::BooleanLit(boolean) => self.out.push_str(if boolean.value { "true" } else { "false" }),
            Value::NullKeyword(_) => self.out.push_str("null"),
            Value::Array(array) => {
                self.open('[', array.elements.is_empty());
                for (index, element) in array.elements.iter().enumerate() {
                    self.separator(index);
                    path.push(index.to_string());
                    self.value(element, path);
                    path.pop();
                }
                self.close(']', array.elements.is_empty());
            }
            Value::Object(object) => {
                let kept: Vec<&ObjectProp<'_>> = object
                    .properties
                    .iter()
                    .filter(|property| {
                        let key = property.name.as_str();
                        let omitted = self.is_omitted(path, key);
                        if omitted {
                            self.omitted.push(pointer(path, key));
                        }
                        !omitted
                    })
                    .collect();
                self.open('{', kept.is_empty());
                for (index, property) in kept.iter().enumerate() {
                    self.separator(index);
                    let key = property.name.as_str();
                    self.string(key);
                    self.out.push_str(if self.indent.is_some() { ": " } else { ":" });
                    path.push(key.to_owned());
                    self.value(&property.value, path);
                    path.pop();
                }
                self.close('}', kept.is_empty());
            }
        }
    }

    fn is_omitted(&self, path: &[String], key: &str) -> bool {
        self.omit.iter().any(|omit| {
            omit.len() == path.len() + 1
                && omit.last() == Some(&key)
                && omit.iter().zip(path).all(|(want, have)| *want == "*" || want == have)
        })
    }

    fn open(&mut self, bracket: char, empty: bool) {
        self.out.push(bracket);
        if let (Some(depth), false) = (self.indent, empty) {
            self.indent = Some(depth + 1);
        }
    }

    fn close(&mut self, bracket: char, empty: bool) {
        if let (Some(depth), false) = (self.indent, empty) {
            self.indent = Some(depth - 1);
            self.newline();
        }
        self.out.push(bracket);
    }

    fn separator(&mut self, index: usize) {
        if index > 0 {
            self.out.push(',');
        }
        self.newline();
    }

    fn newline(&mut self) {
        if let Some(depth) = self.indent {
            self.out.push('\n');
            self.out.extend(std::iter::repeat_n(' ', depth * 2));
        }
    }

    /// Escaped as serde_json escapes: quotes, backslashes and control characters only.
    fn string(&mut self, text: &str) {
        self.out.push('"');
        for character in text.chars() {
            match character {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                '\u{08}' => self.out.push_str("\\b"),
                '\u{0c}' => self.out.push_str("\\f"),
                control if u32::from(control) < 0x20 => self.out.push_str(&format!("\\u{:04x}", u32::from(control))),
                other => self.out.push(other),
            }
        }
        self.out.push('"');
    }
}

fn pointer(path: &[String], key: &str) -> String {
    let escape = |part: &str| part.replace('~', "~0").replace('/', "~1");
    path.iter().map(|part| format!("/{}", escape(part))).chain([format!("/{}", escape(key))]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_as_serde_json_does_but_in_okta_key_order() {
        let body = r#"{"id":"0oa1","name":"haiilo","label":"Haiilo","n":1.50,"e":[],"o":{},"a":[1,{"z":null,"b":true}],"s":"a\"b\\c\nd\u0001é/"}"#;
        let expected = "{\n  \"id\": \"0oa1\",\n  \"name\": \"haiilo\",\n  \"label\": \"Haiilo\",\n  \"n\": 1.50,\n  \"e\": [],\n  \"o\": {},\n  \"a\": [\n    1,\n    {\n      \"z\": null,\n      \"b\": true\n    }\n  ],\n  \"s\": \"a\\\"b\\\\c\\nd\\u0001é/\"\n}\n";
        assert_eq!(pretty(body, &[]).map(|printed| printed.text), Ok(expected.to_owned()));
    }

    #[test]
    fn serde_json_reads_back_the_same_value() {
        let body = r#"[{"b":"x\u2028y","a":[true,false,null,-1e3]}]"#;
        let printed = pretty(body, &[]).map(|printed| printed.text).unwrap_or_default();
        let again: serde_json::Value = serde_json::from_str(&printed).unwrap_or_default();
        let original: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
        assert_eq!(again, original);
    }

    #[test]
    fn leaves_out_the_members_asked_and_says_which() {
        let body = r#"{"credentials":{"oauthClient":{"client_id":"abc","client_secret":"s3cr3t"}},"client_secret":1}"#;
        let printed = pretty(body, &[&["credentials", "oauthClient", "client_secret"]]).ok();
        let printed = printed.as_ref();
        assert_eq!(
            printed.map(|printed| printed.omitted.clone()),
            Some(vec!["/credentials/oauthClient/client_secret".to_owned()])
        );
        assert!(
            printed.is_some_and(
                |printed| !printed.text.contains("s3cr3t") && printed.text.contains("\"client_secret\": 1")
            )
        );
    }

    #[test]
    fn compacts_each_element_of_an_array() {
        let lines = compact_elements(r#"[ {"id": "0ua1", "_embedded": {"user": {"id": "00u1"}}}, {"id":"0ua2"} ]"#);
        assert_eq!(
            lines,
            Ok(vec![r#"{"id":"0ua1","_embedded":{"user":{"id":"00u1"}}}"#.to_owned(), r#"{"id":"0ua2"}"#.to_owned()])
        );
        assert!(compact_elements(r#"{"id":"0ua1"}"#).is_err());
    }

    #[test]
    fn refuses_what_okta_never_sends() {
        for body in ["", "{\"a\":1,}", "// c\n{}", "{\"a\":"] {
            assert!(pretty(body, &[]).is_err(), "{body}");
        }
    }
}
