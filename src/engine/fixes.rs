//! Planning `--fix`: the fixed text of each file, re-checked after every pass, so that a fix can
//! never leave a file that no longer parses, and fixes that unlock others converge.

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
}

/// Fixes every checked file of `report`, re-linting it alone after each pass until nothing more
/// applies. A pass whose result no longer parses is dropped.
#[must_use]
pub fn plan(linter: &Linter, report: &Report, unsafe_fixes: bool) -> Vec<FileFix> {
    const PASSES: usize = 8;
    let mut plans = Vec::new();
    for (file, source) in report.files.iter().enumerate() {
        if report.role(file) != Some(FileRole::Checked) {
            continue;
        }
        let scope = report.info[file].scope;
        let mut text = source.text.clone();
        let mut applied = 0;
        // The first pass uses the run's findings; later ones a run of this file alone, where it
        // is file 0.
        let mut findings: Vec<Finding> = report.findings.iter().filter(|f| f.file == file).cloned().collect();
        let mut id = file;
        for _ in 0..PASSES {
            let (next, count) = apply(&text, id, &findings, unsafe_fixes);
            if count == 0 || next == text {
                break;
            }
            let input = Input { name: source.name.clone(), bytes: next.clone().into_bytes(), explicit: true };
            let again = linter.lint_scoped(vec![(scope, input)]);
            if again.findings.iter().any(|finding| finding.code == Code::F001 && finding.file == 0) {
                break;
            }
            text = next;
            applied += count;
            findings = again.findings.into_iter().filter(|finding| finding.file == 0).collect();
            id = 0;
        }
        if applied > 0 {
            plans.push(FileFix { file, fixed: text, applied });
        }
    }
    plans
}
