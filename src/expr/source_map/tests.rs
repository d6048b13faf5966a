#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::source as load;
use crate::source::tree::Node;

/// The file text of the expression characters `needle` in the value of key `value`.
fn located(file: &str, syntax: Syntax, needle: &str) -> String {
    let root = load::parse(file, syntax).unwrap();
    let node: &Node = root.get("value").unwrap();
    let decoded = node.as_str().unwrap();
    let map = SourceMap::new(file, node.span, syntax, decoded);
    let at = decoded.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {decoded:?}"));
    let span = map.span(Span::new(at, at + needle.len()));
    file[span.start..span.end].to_owned()
}

#[test]
fn json_escapes_map_to_their_characters() {
    let file = r#"{"value": "user.a + \"\u00e9\" + \ud83d\ude00 + \\ + user.bad"}"#;
    assert_eq!(located(file, Syntax::Json, "user.bad"), "user.bad");
    assert_eq!(located(file, Syntax::Json, "\"é\""), r#"\"\u00e9\""#);
    assert_eq!(located(file, Syntax::Json, "😀"), r"\ud83d\ude00");
    assert_eq!(located(file, Syntax::Json, "\\"), r"\\");
}

#[test]
fn yaml_plain_and_folded_plain() {
    assert_eq!(located("value: user.a + user.bad\n", Syntax::Yaml, "user.bad"), "user.bad");
    let file = "value: user.a +\n  user.bad\n";
    assert_eq!(located(file, Syntax::Yaml, "+ user"), "+\n  user");
}

#[test]
fn yaml_single_quoted_doubles_its_quote() {
    let file = "value: 'user.a == ''x'' ? ''é'' : user.bad'\n";
    assert_eq!(located(file, Syntax::Yaml, "user.bad"), "user.bad");
    assert_eq!(located(file, Syntax::Yaml, "'é'"), "''é''");
}

#[test]
fn yaml_double_quoted_escapes() {
    let file = "value: \"user.a == \\\"x\\\" ? \\u00e9 : user.bad\"\n";
    assert_eq!(located(file, Syntax::Yaml, "user.bad"), "user.bad");
    assert_eq!(located(file, Syntax::Yaml, "é"), "\\u00e9");
    let file = "value: \"user.a + \\\n    user.bad\"\n";
    assert_eq!(located(file, Syntax::Yaml, "user.bad"), "user.bad");
}

#[test]
fn yaml_block_scalars_drop_their_indentation() {
    let file = "value: |\n  user.a == 'x'\n    ? 'y' : user.bad\nother: 1\n";
    assert_eq!(located(file, Syntax::Yaml, "user.bad"), "user.bad");
    let file = "value: >-\n  user.a == 'x'\n  ? 'y'\n  : user.bad\n";
    assert_eq!(located(file, Syntax::Yaml, "user.bad"), "user.bad");
    assert_eq!(located(file, Syntax::Yaml, "'x' ?"), "'x'\n  ?");
}

#[test]
fn unknown_forms_fall_back_to_the_scalar_start() {
    let file = "value: |2\n    user.bad\n";
    let root = load::parse(file, Syntax::Yaml).unwrap();
    let node = root.get("value").unwrap();
    let map = SourceMap::new(file, node.span, Syntax::Yaml, node.as_str().unwrap());
    let span = map.span(Span::new(2, 5));
    assert_eq!(span.start, node.span.start);
    assert!(!map.is_verbatim(Span::new(2, 5)));
}

#[test]
fn hcl_escapes_and_doubled_template_signs() {
    let file = "value = \"user.a == \\\"x\\\" ? \\u00e9 + \\\"$${a}\\\" : user.bad\"\n";
    assert_eq!(located(file, Syntax::Hcl, "user.bad"), "user.bad");
    assert_eq!(located(file, Syntax::Hcl, "é"), "\\u00e9");
    assert_eq!(located(file, Syntax::Hcl, "${a}"), "$${a}");
}
