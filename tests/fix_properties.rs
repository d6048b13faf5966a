//! Random exports, manifests and Terraform files full of fixable mistakes, written in every style a
//! person or a tool might use (indentation, CRLF, escapes, YAML quoting and blocks, comments):
//! no fix ever turns a file that parsed into one that does not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use proptest::prelude::*;
use scimlint::source::Input;
use scimlint::source::{self as load, Syntax};
use scimlint::{Linter, Report};

const ATTRIBUTES: &[&str] = &[
    "givenName",
    "familyName",
    "displayName",
    "department",
    "Department",
    "givenname",
    "userName",
    "title",
    "country",
    "locality",
    "nickName",
    "streetAddress",
    "preferredLanguage",
    "email",
];

/// Expressions with the mistakes the fixable rules repair, and characters that need escaping or
/// quoting in one syntax or another.
const EXPRESSIONS: &[&str] = &[
    "user.firstName",
    "user.fistName",
    "user.lastname",
    "String.toUppercase(user.lastName)",
    "string.substringBefore(user.email, \"@\")",
    "toUpperCase(user.title)",
    "substringAfter(user.email, '@')",
    "user.profile.department",
    "appuser.department",
    "user.country",
    "user.login",
    "user.email",
    "user.firstName + \" \" + user.lastName",
    "user.title.toUpperCase()",
    "user.countryCode == 'US' ? 'AMER' : 'EMEA'",
    "user.department matches '[a-z]+\\d'",
    "'it''s' + user.fistName",
    "'#' + user.titel",
    "'a: b' + user.nickname",
    "'Zürich' + String.toLowercase(user.city)",
    "${user.firstName}",
    "null",
    "",
    "   ",
];

const PUSH_STATUSES: &[&str] = &["PUSH", "DONT_PUSH", "push", "Push", "CREATE", "dont push"];
const APPLY_ON_KEYS: &[&str] = &["apply_on", "apply-on", "applyOn"];
const APPLY_ON: &[&str] = &["create", "create_and_update", "create and update"];

#[derive(Clone, Debug)]
struct Row {
    attribute: &'static str,
    expression: &'static str,
    status: &'static str,
    apply_on_key: &'static str,
    apply_on: &'static str,
    /// 0 plain (YAML) / literal, 1 single-quoted, 2 double-quoted, 3 block, 4 escaped letters.
    style: u8,
    comment: bool,
}

#[derive(Clone, Debug)]
struct Layout {
    crlf: bool,
    final_newline: bool,
    indent: usize,
}

fn row() -> impl Strategy<Value = Row> {
    (
        prop::sample::select(ATTRIBUTES),
        prop::sample::select(EXPRESSIONS),
        prop::sample::select(PUSH_STATUSES),
        prop::sample::select(APPLY_ON_KEYS),
        prop::sample::select(APPLY_ON),
        0u8..5,
        any::<bool>(),
    )
        .prop_map(|(attribute, expression, status, apply_on_key, apply_on, style, comment)| Row {
            attribute,
            expression,
            status,
            apply_on_key,
            apply_on,
            style,
            comment,
        })
}

fn layout() -> impl Strategy<Value = Layout> {
    (any::<bool>(), any::<bool>(), prop::sample::select(&[2usize, 4][..]))
        .prop_map(|(crlf, final_newline, indent)| Layout { crlf, final_newline, indent })
}

fn json_string(text: &str, escape_letters: bool) -> String {
    let quoted = serde_json::to_string(text).unwrap();
    if escape_letters { quoted.replace('e', "\\u0065").replace('r', "\\u0072") } else { quoted }
}

fn finish(lines: Vec<String>, layout: &Layout) -> String {
    let newline = if layout.crlf { "\r\n" } else { "\n" };
    let mut text = lines.join(newline);
    if layout.final_newline {
        text.push_str(newline);
    }
    text
}

fn json_export(rows: &[Row], layout: &Layout) -> String {
    let pad = " ".repeat(layout.indent);
    let mut lines = vec!["{".to_owned(), format!("{pad}\"properties\": {{")];
    for (index, row) in rows.iter().enumerate() {
        let comma = if index + 1 < rows.len() { "," } else { "" };
        let expression = json_string(row.expression, row.style == 4);
        lines.push(format!("{pad}{pad}{}: {{", json_string(row.attribute, false)));
        lines.push(format!("{pad}{pad}{pad}\"expression\": {expression},"));
        lines.push(format!("{pad}{pad}{pad}\"pushStatus\": {}", json_string(row.status, false)));
        lines.push(format!("{pad}{pad}}}{comma}"));
    }
    lines.extend([format!("{pad}}}"), "}".to_owned()]);
    finish(lines, layout)
}

fn yaml_scalar(text: &str, style: u8, pad: &str) -> Vec<String> {
    let plain_safe = !text.is_empty()
        && text.trim() == text
        && !text.starts_with(['\'', '"', '#', '&', '*', '!', '|', '>', '%', '@', '`', '{', '[', '-', '?', ':'])
        && !text.contains(": ")
        && !text.contains(" #")
        && text != "null";
    match style {
        0 if plain_safe => vec![text.to_owned()],
        3 if plain_safe => vec!["|-".to_owned(), format!("{pad}{pad}{pad}{text}")],
        2 | 4 => vec![format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))],
        _ => vec![format!("'{}'", text.replace('\'', "''"))],
    }
}

fn manifest(rows: &[Row], layout: &Layout) -> String {
    let pad = " ".repeat(layout.indent);
    let mut lines = vec!["# generated".to_owned(), "target: haiilo".to_owned(), "mappings:".to_owned()];
    for row in rows {
        let comment = if row.comment { "  # reviewed" } else { "" };
        lines.push(format!("{pad}- attribute: {}{comment}", row.attribute));
        let mut value = yaml_scalar(row.expression, row.style, &pad);
        let first = value.remove(0);
        lines.push(format!("{pad}  value: {first}"));
        lines.extend(value);
        lines.push(format!("{pad}  {}: {}", row.apply_on_key, row.apply_on));
    }
    finish(lines, layout)
}

fn hcl_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"").replace("${", "$${"))
}

fn terraform(rows: &[Row], layout: &Layout) -> String {
    let pad = " ".repeat(layout.indent);
    let mut lines = vec![
        "resource \"okta_profile_mapping\" \"haiilo\" {".to_owned(),
        format!("{pad}source_id = data.okta_user_profile_mapping_source.user.id"),
        format!("{pad}target_id = okta_app_saml.haiilo.id"),
    ];
    for row in rows {
        let comment = if row.comment { " # reviewed" } else { "" };
        lines.push(format!("{pad}mappings {{{comment}"));
        lines.push(format!("{pad}{pad}id          = {}", hcl_string(row.attribute)));
        lines.push(format!("{pad}{pad}expression  = {}", hcl_string(row.expression)));
        lines.push(format!("{pad}{pad}push_status = {}", hcl_string(row.status)));
        lines.push(format!("{pad}}}"));
    }
    lines.push("}".to_owned());
    finish(lines, layout)
}

fn lint(linter: &Linter, name: &str, text: &str) -> Report {
    linter.lint(vec![Input { name: name.to_owned(), bytes: text.as_bytes().to_vec(), explicit: true, stdin: false }])
}

/// The properties every generated file must keep, whatever its syntax.
fn fixes_keep_the_file_parsing(name: &str, syntax: Syntax, text: &str, crlf: bool) -> Result<(), TestCaseError> {
    let linter = common::linter();
    prop_assume!(load::parse(text, syntax).is_ok());
    let report = lint(&linter, name, text);
    for finding in report.findings.iter().filter(|finding| finding.fix.is_some()) {
        let (fixed, applied) = scimlint::finding::apply(text, 0, [finding], true);
        if applied == 0 {
            continue;
        }
        let parsed = load::parse(&fixed, syntax);
        assert!(
            parsed.is_ok(),
            "the {} fix alone breaks {name}: {parsed:?}\n--- before\n{text}\n--- after\n{fixed}",
            finding.code
        );
    }
    for unsafe_fixes in [false, true] {
        for plan in scimlint::engine::plan(&linter, &report, unsafe_fixes) {
            assert!(load::parse(&plan.fixed, syntax).is_ok(), "the planned fixes break {name}:\n{}", plan.fixed);
            if crlf {
                let bare = plan.fixed.replace("\r\n", "").contains('\n');
                assert!(!bare, "a fix wrote a bare LF into a CRLF file:\n{:?}", plan.fixed);
            }
            let again = lint(&linter, name, &plan.fixed);
            let more = scimlint::engine::plan(&linter, &again, unsafe_fixes);
            assert!(more.is_empty(), "fixing again changes {name} once more:\n{}\n---\n{}", plan.fixed, more[0].fixed);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn fixes_never_break_a_json_export(rows in prop::collection::vec(row(), 1..8), layout in layout()) {
        fixes_keep_the_file_parsing("random.json", Syntax::Json, &json_export(&rows, &layout), layout.crlf)?;
    }

    #[test]
    fn fixes_never_break_a_manifest(rows in prop::collection::vec(row(), 1..8), layout in layout()) {
        fixes_keep_the_file_parsing("random.scimlint.yaml", Syntax::Yaml, &manifest(&rows, &layout), layout.crlf)?;
    }

    #[test]
    fn fixes_never_break_a_terraform_file(rows in prop::collection::vec(row(), 1..8), layout in layout()) {
        fixes_keep_the_file_parsing("main.tf", Syntax::Hcl, &terraform(&rows, &layout), layout.crlf)?;
    }
}
