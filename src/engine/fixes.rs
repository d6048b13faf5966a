//! Planning `--fix`: the fixed text of each file, checked again after every pass, so that a fix
//! never leaves a file worse than it was — unparsable, a config scimlint cannot use, or with a key
//! twice — and fixes that unlock others converge.

use std::collections::HashSet;

use super::Linter;
use crate::finding::{FileRole, Finding, Report, apply};
use crate::ruleset::Code;
use crate::source::{FileId, Input};

/// The fixed text of one file, checked: it still parses and the fixes converged.
#[derive(Clone, Debug, PartialEq)]
pub struct FileFix {
    pub file: FileId,
    pub fixed: String,
    pub applied: usize,
    /// Fixes left out, and why (`rename to `givenName``: it would set a key twice).
    pub skipped: Vec<String>,
}

const PASSES: usize = 8;
/// Fixes tried one by one when a pass of all of them made the file worse.
const ONE_BY_ONE: usize = 200;

/// Fixes every checked file and config file of `report`.
#[must_use]
pub fn plan(linter: &Linter, report: &Report, unsafe_fixes: bool) -> Vec<FileFix> {
    (0..report.files.len()).filter_map(|file| plan_file(linter, report, file, unsafe_fixes)).collect()
}

/// Keys set twice: what a rename must never cause (Okta keeps the last of two).
fn duplicates(findings: &[Finding]) -> usize {
    findings.iter().filter(|finding| matches!(finding.code, Code::F004 | Code::T104)).count()
}

fn plan_file(linter: &Linter, report: &Report, file: FileId, unsafe_fixes: bool) -> Option<FileFix> {
    let role = report.role(file)?;
    let source = &report.files[file];
    let scope = report.info[file].scope;
    // The file alone again, as file 0; `None` when the text is no longer what it was (unparsable,
    // or a config scimlint cannot use).
    let recheck = |text: &str| -> Option<Vec<Finding>> {
        match role {
            FileRole::Checked => {
                let input =
                    Input { name: source.name.clone(), bytes: text.as_bytes().to_vec(), explicit: true, stdin: false };
                let again = linter.lint_scoped(vec![(scope, input)]);
                let findings: Vec<Finding> = again.findings.into_iter().filter(|finding| finding.file == 0).collect();
                (!findings.iter().any(|finding| finding.code == Code::F001)).then_some(findings)
            }
            FileRole::Config => linter.check_config(scope, &source.name, text.to_owned()),
            FileRole::Skipped => None,
        }
    };
    let mut text = source.text.clone();
    let mut findings: Vec<Finding> = report.findings.iter().filter(|finding| finding.file == file).cloned().collect();
    // The first pass uses the run's findings; later ones the file alone, where it is file 0.
    let mut id = file;
    let mut applied = 0;
    let mut skipped = Vec::new();
    for _ in 0..PASSES {
        let (next, count) = apply(&text, id, &findings, unsafe_fixes);
        if count == 0 || next == text {
            break;
        }
        match recheck(&next).filter(|again| duplicates(again) <= duplicates(&findings)) {
            Some(again) => {
                (text, findings, id) = (next, again, 0);
                applied += count;
            }
            None => {
                let (fixed, count, again) = one_by_one(&text, id, findings, unsafe_fixes, &recheck, &mut skipped);
                (text, findings, id) = (fixed, again, 0);
                applied += count;
                if count == 0 {
                    break;
                }
            }
        }
    }
    (applied > 0 || !skipped.is_empty()).then_some(FileFix { file, fixed: text, applied, skipped })
}

/// Applies fixes one at a time, keeping each that leaves the file no worse and naming the others.
fn one_by_one(
    text: &str,
    id: FileId,
    findings: Vec<Finding>,
    unsafe_fixes: bool,
    recheck: &dyn Fn(&str) -> Option<Vec<Finding>>,
    skipped: &mut Vec<String>,
) -> (String, usize, Vec<Finding>) {
    let (mut text, mut id, mut findings) = (text.to_owned(), id, findings);
    let mut refused: HashSet<(Code, String)> = HashSet::new();
    let mut applied = 0;
    for _ in 0..ONE_BY_ONE {
        let candidate = findings.iter().find(|finding| {
            finding
                .fix
                .as_ref()
                .is_some_and(|fix| unsafe_fixes || fix.applicability == crate::finding::Applicability::Safe)
                && !refused.contains(&signature(finding))
        });
        let Some(candidate) = candidate.cloned() else { break };
        let (next, count) = apply(&text, id, [&candidate], unsafe_fixes);
        let again = (count > 0).then(|| recheck(&next)).flatten();
        match again.filter(|again| duplicates(again) <= duplicates(&findings)) {
            Some(again) => {
                (text, findings, id) = (next, again, 0);
                applied += count;
            }
            None => {
                let title = candidate.fix.as_ref().map_or("", |fix| fix.title.as_str());
                skipped.push(format!("{} `{title}`: it would set a key twice or break the file", candidate.code));
                refused.insert(signature(&candidate));
            }
        }
    }
    (text, applied, findings)
}

/// What identifies a fix across re-checks, whose spans move.
fn signature(finding: &Finding) -> (Code, String) {
    (finding.code, finding.fix.as_ref().map(|fix| fix.title.clone()).unwrap_or_default())
}
