//! Real shapes, not only tidy fixtures: every JSON fixture minified onto one line (as the Okta
//! API sends it) and every fixture with CRLF line ends gives the same findings, at the same
//! JSON pointers, on the same characters.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use scimlint::Report;

/// `text` without the whitespace between JSON tokens (whitespace inside strings is kept).
fn minify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

fn fixtures(extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(common::root().join("fixtures")).unwrap().filter_map(Result::ok) {
        let dir = entry.path();
        if !dir.is_dir() || dir.file_name().is_some_and(|name| name == "users") {
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap().filter_map(Result::ok).map(|entry| entry.path()) {
            let name = common::file_name(&file);
            if name.ends_with(extension) && (name.starts_with("fail-") || name.starts_with("pass-")) {
                found.push(file);
            }
        }
    }
    found.sort();
    found
}

fn lint(path: &Path, text: &str) -> Report {
    let name = path.strip_prefix(common::root()).unwrap_or(path).to_string_lossy().replace('\\', "/");
    let input = scimlint::Input { name, bytes: text.as_bytes().to_vec(), explicit: true, stdin: false };
    scimlint::Linter::new(scimlint::ruleset::Target::load("haiilo").unwrap(), common::fixture_settings(path))
        .unwrap()
        .lint(vec![input])
}

/// (code, pointer, the finding's characters without whitespace), sorted.
fn what(report: &Report, text: &str) -> Vec<(String, String, String)> {
    let mut found: Vec<_> = report
        .findings
        .iter()
        .filter(|finding| finding.file == 0)
        .map(|finding| {
            let shown = text.get(finding.span.start..finding.span.end).unwrap_or_default();
            (finding.code.to_string(), finding.pointer.clone().unwrap_or_default(), minify(shown))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn minified_fixtures_give_the_same_findings_on_the_same_characters() {
    let mut compared = 0;
    for path in fixtures(".json") {
        let pretty = std::fs::read_to_string(&path).unwrap();
        if scimlint::source::parse(&pretty, scimlint::source::Syntax::Json).is_err() {
            continue;
        }
        let minified = minify(&pretty);
        let (a, b) = (lint(&path, &pretty), lint(&path, &minified));
        assert_eq!(what(&a, &pretty), what(&b, &minified), "{}", path.display());
        for finding in &b.findings {
            let at = b.files[0].position(finding.span.start);
            let characters = minified[..finding.span.start].chars().count();
            assert_eq!((at.line, at.column), (1, characters + 1), "{}: {}", path.display(), finding.code);
        }
        compared += 1;
    }
    assert!(compared > 40, "only {compared} JSON fixtures compared");
}

#[test]
fn crlf_fixtures_give_the_same_findings_at_the_same_lines_and_columns() {
    for extension in [".json", ".yaml", ".tf"] {
        for path in fixtures(extension) {
            let text = std::fs::read_to_string(&path).unwrap();
            if text.contains('\r') {
                continue;
            }
            let crlf = text.replace('\n', "\r\n");
            let (a, b) = (lint(&path, &text), lint(&path, &crlf));
            let positions = |report: &Report| -> Vec<(String, usize, usize)> {
                let mut found: Vec<_> = report
                    .findings
                    .iter()
                    .map(|finding| {
                        let at = report.files[finding.file].position(finding.span.start);
                        (finding.code.to_string(), at.line, at.column)
                    })
                    .collect();
                found.sort();
                found
            };
            assert_eq!(positions(&a), positions(&b), "{}", path.display());
        }
    }
}
