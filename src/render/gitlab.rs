//! `--format gitlab`: a GitLab Code Quality report (see linter-conventions §3.3).

use std::io::{self, Write};

use serde::Serialize;

use super::fingerprint::{Hex, fingerprint_hashes};
use std::borrow::Cow;
use std::sync::OnceLock;

use crate::finding::Finding;
use crate::finding::Severity;
use crate::finding::{Report, RunError};

#[derive(Serialize)]
struct Issue<'a> {
    description: &'a str,
    check_name: &'static str,
    /// Unique per finding: GitLab shows findings with equal fingerprints as one.
    fingerprint: Hex,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    /// Relative to the repository root (the run's root), as GitLab resolves it.
    path: Cow<'a, str>,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// What the report lists: each finding with its fingerprint, then each path not checked.
enum Item<'a> {
    Finding(&'a Finding, u64),
    NotChecked(&'a RunError),
}

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    // A file's path as GitLab resolves it, once per file.
    let paths: Vec<OnceLock<Cow<'_, str>>> = report.files.iter().map(|_| OnceLock::new()).collect();
    let items: Vec<Item<'_>> = report
        .findings
        .iter()
        .zip(fingerprint_hashes(report))
        .map(|(finding, fingerprint)| Item::Finding(finding, fingerprint))
        // A path that could not be checked is a blocker: the report is incomplete.
        .chain(report.errors.iter().map(Item::NotChecked))
        .collect();
    // serde_json never writes a byte-order mark, which GitLab would reject.
    super::write_json_with_items(out, &[(); 0], None, &items, |item| match item {
        Item::Finding(finding, fingerprint) => {
            let file = &report.files[finding.file];
            Issue {
                description: &finding.message,
                check_name: finding.code.as_str(),
                fingerprint: Hex::of(*fingerprint),
                severity: severity(finding.severity),
                location: Location {
                    path: Cow::Borrowed(paths[finding.file].get_or_init(|| report.relative_name(&file.name))),
                    lines: Lines { begin: file.position(finding.span.start).line },
                },
            }
        }
        Item::NotChecked(error) => Issue {
            description: &error.message,
            check_name: "scimlint/not-checked",
            fingerprint: Hex::of(super::fingerprint::fnv1a64(format!("not-checked\0{}", error.path).as_bytes())),
            severity: "blocker",
            location: Location { path: report.relative_name(&error.path), lines: Lines { begin: 1 } },
        },
    })
}
