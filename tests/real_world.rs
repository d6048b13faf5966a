//! Every public sample in `../shared/real-world/` is read without a crash, and what scimlint says
//! about each is pinned in a snapshot table that a reviewer can read.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use scimlint::Code;

fn samples() -> Option<(PathBuf, Vec<PathBuf>)> {
    let root = common::root().join("../shared/real-world");
    if !root.is_dir() {
        return None;
    }
    let mut files = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|ext| ext == "json" || ext == "tf") {
                files.push(path);
            }
        }
    }
    files.sort();
    Some((root, files))
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/")
}

#[test]
fn every_real_world_sample_is_read_with_sensible_findings() {
    let Some((root, files)) = samples() else {
        eprintln!("SKIPPED: ../shared/real-world is absent, so the real-world samples were not read");
        return;
    };
    assert!(files.len() >= 30, "expected the shared samples, found {}", files.len());
    let mut table = String::new();
    for path in &files {
        let name = relative(&root, path);
        let report = common::lint_bytes(&name, std::fs::read(path).unwrap());
        let mut counts: BTreeMap<Code, usize> = BTreeMap::new();
        for finding in &report.findings {
            *counts.entry(finding.code).or_default() += 1;
        }
        let codes: Vec<String> =
            counts.iter().map(|(code, n)| if *n == 1 { code.to_string() } else { format!("{code}×{n}") }).collect();
        table.push_str(&format!("{name}: {}\n", if codes.is_empty() { "clean".to_owned() } else { codes.join(" ") }));
        assert!(!counts.contains_key(&Code::F001), "{name} is valid JSON but gave F001");
        // Only documents that are no Okta export at all may be unrecognised: SCIM schemas, Okta
        // error responses, a Terraform file with data sources only, and (until scimlint reads
        // them as users files) the `GET /api/v1/users` lists.
        let no_export = name.starts_with("scim/")
            || name.contains("error")
            || name.starts_with("users/")
            || name.starts_with("terraform/data-sources/");
        assert_eq!(counts.contains_key(&Code::F002), no_export, "{name}: F002 iff it is no export");
    }
    insta::assert_snapshot!("real_world_findings", table);
}

#[test]
fn the_okta_docs_removal_body_is_clean() {
    let Some((root, _)) = samples() else {
        eprintln!("SKIPPED: ../shared/real-world is absent");
        return;
    };
    for name in ["okta-docs/mappings-remove-property-body.json", "okta-openapi/remove-mapping-body.json"] {
        let report = common::lint_bytes(name, std::fs::read(root.join(name)).unwrap());
        assert!(report.findings.is_empty(), "{name}: removing a mapping is fine:\n{}", common::human(&report));
    }
}
