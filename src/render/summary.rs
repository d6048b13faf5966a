//! The one-line summary of a run that human and concise output end with.

use super::plural;
use crate::finding::{Applicability, FileRole, Report, Severity};

/// Counts by severity and fixability, for summaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub safe_fixes: usize,
    pub unsafe_fixes: usize,
}

impl Tally {
    #[must_use]
    pub fn of(report: &Report) -> Self {
        let mut tally = Self::default();
        for finding in &report.findings {
            match finding.severity {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
                Severity::Info => tally.infos += 1,
            }
            match finding.fix.as_ref().map(|fix| fix.applicability) {
                Some(Applicability::Safe) => tally.safe_fixes += 1,
                Some(Applicability::Unsafe) => tally.unsafe_fixes += 1,
                None => {}
            }
        }
        tally
    }

    /// "Found 1 error and 2 warnings in 3 files." — or that all checks passed.
    #[must_use]
    fn sentence(&self, files: usize) -> String {
        let files = plural(files, "file");
        let mut parts = Vec::new();
        for (count, noun) in [(self.errors, "error"), (self.warnings, "warning"), (self.infos, "info")] {
            if count > 0 {
                parts.push(plural(count, noun));
            }
        }
        if parts.is_empty() {
            return format!("All checks passed ({files}).");
        }
        let found = match parts.as_slice() {
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
            [] => String::new(),
        };
        let mut sentence = format!("Found {found} in {files}.");
        if self.safe_fixes > 0 {
            sentence.push_str(&format!(" {} fixable with --fix.", self.safe_fixes));
        }
        if self.unsafe_fixes > 0 {
            sentence.push_str(&format!(" {} more with --unsafe-fixes.", self.unsafe_fixes));
        }
        sentence
    }
}

/// What a baseline held back: "3 findings baselined; 1 baseline entry no longer matches."
fn baseline_sentence(report: &Report) -> Option<String> {
    let tally = report.baseline?;
    let mut sentence = format!("{} baselined", plural(tally.baselined, "finding"));
    if tally.unmatched > 0 {
        let entries = match tally.unmatched {
            1 => "1 baseline entry no longer matches".to_owned(),
            count => format!("{count} baseline entries no longer match"),
        };
        sentence.push_str(&format!("; {entries} (fixed, or moved: --write-baseline records the run anew)"));
    }
    Some(format!("{sentence}."))
}

/// What the run did, in one line: the findings, what a baseline held back, and what could not
/// be checked. A run that could not check a path never says that all checks passed.
#[must_use]
pub fn summary(report: &Report) -> String {
    let line = findings_summary(report);
    match baseline_sentence(report) {
        Some(baseline) => format!("{line} {baseline}"),
        None => line,
    }
}

fn findings_summary(report: &Report) -> String {
    let checked = report.count(FileRole::Checked);
    let tally = Tally::of(report);
    if report.errors.is_empty() {
        return tally.sentence(checked);
    }
    let paths: Vec<&str> = report.errors.iter().map(|error| error.path.as_str()).collect();
    let what = format!("error: could not check {} ({})", plural(paths.len(), "path"), paths.join(", "));
    if checked == 0 {
        format!("{what}; nothing else was checked.")
    } else if report.findings.is_empty() {
        format!("{what}; no finding in the other {}.", plural(checked, "file"))
    } else {
        format!("{what}. {}", tally.sentence(checked))
    }
}
