//! The human output draws the common finding itself rather than through miette (it was most of a
//! large run); what it draws must be what miette draws, byte for byte, on every finding of the
//! fixtures and the real-world samples, pretty and minified onto one line, and on the shapes they
//! lack: tabs, CRLF, wide characters, a blank line before a label, a line cropped around its label.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use scimlint::Report;
use scimlint::render::{self, Format, HumanOptions};

fn files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for path in entries.filter_map(Result::ok).map(|entry| entry.path()) {
        if path.is_dir() {
            files(&path, found);
        } else {
            found.push(path);
        }
    }
}

/// Each document as a file of its own, and each JSON one also minified.
fn documents() -> Vec<(String, Vec<u8>)> {
    let mut paths = Vec::new();
    files(&common::root().join("fixtures"), &mut paths);
    files(&common::root().join("../shared/real-world"), &mut paths);
    paths.sort();
    let mut documents = Vec::new();
    for path in paths {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.strip_prefix(common::root()).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        if let Ok(value) = serde_json::from_slice::<serde_json::Value>(&bytes) {
            documents.push((format!("{name}.min.json"), serde_json::to_vec(&value).unwrap()));
        }
        documents.push((name, bytes));
    }
    let long_line = format!(
        "{{\"properties\":{{{}\"givenname\":{{\"expression\":\"user.firstName\"}}{}}}}}",
        "\"givenName\":{\"expression\":\"user.firstName\"},".repeat(40),
        ",\"familyName\":{\"expression\":\"user.lastName\"}".repeat(40)
    );
    let shapes = [
        "{\n\t\"properties\": {\n\t\t\"givenname\": {\"expression\": \"user.firstName\"}\n\t}\n}\n".to_owned(),
        "{\r\n  \"properties\": {\r\n    \"givenname\": {\"expression\": \"user.firstName\"}\r\n  }\r\n}\r\n".to_owned(),
        "{\n  \"properties\": {\n\n    \"département\": {\"expression\": \"user.department\"},\n    \"部門\": {\"expression\": \"user.x\"}\n  }\n}\n".to_owned(),
        long_line,
    ];
    documents
        .extend(shapes.into_iter().enumerate().map(|(index, text)| (format!("shape-{index}.json"), text.into_bytes())));
    documents
}

fn human(report: &Report, options: &HumanOptions, by_miette: bool) -> String {
    let mut out = Vec::new();
    if by_miette {
        render::render_by_miette(report, options, &mut out).unwrap();
    } else {
        render::render(report, Format::Human, options, &mut out).unwrap();
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn every_finding_is_drawn_as_miette_draws_it() {
    let mut findings = 0;
    for (name, bytes) in documents() {
        let report = common::lint_bytes(&name, bytes);
        findings += report.findings.len();
        // Box drawing and ASCII, a wide and a narrow terminal.
        for (unicode, width) in [(true, 100), (false, 100), (true, 60)] {
            let options = HumanOptions { color: false, unicode, width };
            assert_eq!(human(&report, &options, false), human(&report, &options, true), "{name} {options:?}");
        }
    }
    assert!(findings > 400, "only {findings} findings drawn");
}
