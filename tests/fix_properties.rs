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
    /// One line without spaces, as the Okta API sends JSON (ignored by YAML and HCL).
    minified: bool,
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
    (any::<bool>(), any::<bool>(), prop::sample::select(&[2usize, 4][..]), any::<bool>())
        .prop_map(|(crlf, final_newline, indent, minified)| Layout { crlf, final_newline, indent, minified })
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
    if layout.minified {
        let properties: Vec<String> = rows
            .iter()
            .map(|row| {
                let expression = json_string(row.expression, row.style == 4);
                format!(
                    "{}:{{\"expression\":{expression},\"pushStatus\":{}}}",
                    json_string(row.attribute, false),
                    json_string(row.status, false)
                )
            })
            .collect();
        return format!("{{\"properties\":{{{}}}}}", properties.join(","));
    }
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

/// Keys set twice in one object (JSON and YAML; Terraform repeats blocks by design).
fn duplicates(text: &str, syntax: Syntax) -> usize {
    match (syntax, load::parse(text, syntax)) {
        (Syntax::Hcl, _) | (_, Err(_)) => 0,
        (_, Ok(root)) => scimlint::source::tree::duplicate_keys(&root).len(),
    }
}

/// The properties every generated file must keep, whatever its syntax.
fn fixes_keep_the_file_parsing(name: &str, syntax: Syntax, text: &str, crlf: bool) -> Result<(), TestCaseError> {
    let linter = common::linter();
    prop_assume!(load::parse(text, syntax).is_ok());
    let before = duplicates(text, syntax);
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
        assert!(duplicates(&fixed, syntax) <= before, "the {} fix alone sets a key twice:\n{fixed}", finding.code);
    }
    for unsafe_fixes in [false, true] {
        for plan in scimlint::engine::plan(&linter, &report, unsafe_fixes) {
            assert!(load::parse(&plan.fixed, syntax).is_ok(), "the planned fixes break {name}:\n{}", plan.fixed);
            assert!(duplicates(&plan.fixed, syntax) <= before, "the planned fixes set a key twice:\n{}", plan.fixed);
            if crlf {
                let bare = plan.fixed.replace("\r\n", "").contains('\n');
                assert!(!bare, "a fix wrote a bare LF into a CRLF file:\n{:?}", plan.fixed);
            }
            let again = lint(&linter, name, &plan.fixed);
            let more: Vec<_> = scimlint::engine::plan(&linter, &again, unsafe_fixes)
                .into_iter()
                .filter(|plan| plan.applied > 0)
                .collect();
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

/// Config keys as people mistype them, and the ones they already set.
const CONFIG_KEYS: &[&str] =
    &["fail_on", "fail_onn", "failon", "target", "targt", "select", "selct", "ignroe", "ignore"];

fn config(keys: &[&'static str]) -> String {
    let value = |key: &str| match &key[..4] {
        "fail" => "warning",
        "targ" => "haiilo",
        _ => "[T101]",
    };
    keys.iter().map(|key| format!("{key}: {}\n", value(key))).collect()
}

/// Runs the binary in `dir`, with `stdin` when given; (exit code, stdout).
fn run(dir: &std::path::Path, args: &[&str], stdin: Option<&str>) -> (i32, String) {
    use std::io::Write as _;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_scimlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    let output = child.wait_with_output().unwrap();
    (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stdout).into_owned())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// A config fixed by `--fix` is still a usable config, sets no key twice, and a second
    /// `--fix` changes nothing.
    #[test]
    fn config_fixes_keep_the_config_usable(keys in prop::collection::vec(prop::sample::select(CONFIG_KEYS), 1..5)) {
        let dir = tempfile::tempdir().unwrap();
        let text = config(&keys);
        std::fs::write(dir.path().join("scimlint.yaml"), &text).unwrap();
        std::fs::write(dir.path().join("m.json"), "{\"properties\": {\"givenName\": {\"expression\": \"user.firstName\"}}}\n").unwrap();
        let before = duplicates(&text, Syntax::Yaml);
        let (code, _) = run(dir.path(), &["check", "--fix", "m.json"], None);
        let fixed = std::fs::read_to_string(dir.path().join("scimlint.yaml")).unwrap();
        if before == 0 {
            prop_assert_ne!(code, 2, "the fixed config is unusable:\n{}\n--- from\n{}", fixed, text);
        }
        prop_assert!(duplicates(&fixed, Syntax::Yaml) <= before, "a key set twice:\n{}", fixed);
        run(dir.path(), &["check", "--fix", "m.json"], None);
        prop_assert_eq!(std::fs::read_to_string(dir.path().join("scimlint.yaml")).unwrap(), fixed);
    }

    /// `--fix -` prints a text that still parses, touches no file, and is a fixed point.
    #[test]
    fn stdin_fixes_print_text_that_parses(rows in prop::collection::vec(row(), 1..6), layout in layout()) {
        let dir = tempfile::tempdir().unwrap();
        let text = json_export(&rows, &layout);
        prop_assume!(load::parse(&text, Syntax::Json).is_ok());
        let args = ["check", "--no-config", "--fix", "--stdin-filename", "export.json", "-"];
        let (_, fixed) = run(dir.path(), &args, Some(&text));
        prop_assert!(load::parse(&fixed, Syntax::Json).is_ok(), "stdout does not parse:\n{}", fixed);
        prop_assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none(), "a file was written");
        let (_, again) = run(dir.path(), &args, Some(&fixed));
        prop_assert_eq!(again, fixed);
    }
}
