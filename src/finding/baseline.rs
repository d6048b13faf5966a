//! Baselines: the findings a repository already had, recorded by fingerprint, so that a team can
//! adopt scimlint and block only new problems (`--write-baseline`, then `--baseline`).
//!
//! The file is JSON, sorted by file, code and fingerprint rather than by line, so that it changes
//! only when findings come or go. A finding matches an entry of the same fingerprint (the code,
//! the path relative to the run's root, the node's JSON pointer or the message, and which of
//! equal ones it is: see [`super::fingerprint`]); each entry matches once.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::Report;
use super::fingerprint::fingerprints;
use crate::error::DataError;

/// The version of the baseline file format; a file of another version is refused.
const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    pub code: String,
    pub file: String,
    /// For the people who read the file; matching uses the fingerprint only.
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// What a baseline did to a report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BaselineTally {
    /// Findings left out because the baseline has them.
    pub baselined: usize,
    /// Entries of the baseline that no finding matched (fixed since, or moved to another file).
    pub unmatched: usize,
}

impl Baseline {
    /// Every finding of `report`.
    #[must_use]
    pub fn of(report: &Report) -> Self {
        let mut findings: Vec<Entry> = report
            .findings
            .iter()
            .zip(fingerprints(report))
            .map(|(finding, fingerprint)| {
                let name = report.files.get(finding.file).map_or("", |file| file.name.as_str());
                let file = report.relative_name(name).into_owned();
                Entry { fingerprint, code: finding.code.as_str().to_owned(), file, message: finding.message.clone() }
            })
            .collect();
        findings.sort_by(|a, b| (&a.file, &a.code, &a.fingerprint).cmp(&(&b.file, &b.code, &b.fingerprint)));
        Self { version: VERSION, findings }
    }

    /// A baseline file's text; `name` is for the error.
    pub fn parse(name: &str, text: &str) -> Result<Self, DataError> {
        let baseline: Self = serde_json::from_str(text).map_err(|error| {
            DataError::invalid(name, format!("not a scimlint baseline ({error}); write one with --write-baseline"))
        })?;
        if baseline.version != VERSION {
            return Err(DataError::invalid(
                name,
                format!("baseline version {} is not {VERSION}; write it again with --write-baseline", baseline.version),
            ));
        }
        Ok(baseline)
    }

    /// The file's text: pretty JSON and a final newline, stable across runs.
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Leaves out of `report` the findings this baseline holds, and says how many, and how many
    /// of its entries matched nothing.
    pub fn apply(&self, report: &mut Report) -> BaselineTally {
        let mut left: HashMap<&str, usize> = HashMap::new();
        for entry in &self.findings {
            *left.entry(entry.fingerprint.as_str()).or_insert(0) += 1;
        }
        let prints = fingerprints(report);
        let mut keep = Vec::with_capacity(prints.len());
        let mut baselined = 0;
        for print in &prints {
            match left.get_mut(print.as_str()) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    baselined += 1;
                    keep.push(false);
                }
                _ => keep.push(true),
            }
        }
        let mut keep = keep.into_iter();
        report.findings.retain(|_| keep.next().unwrap_or(true));
        let tally = BaselineTally { baselined, unmatched: left.values().sum() };
        report.baseline = Some(tally);
        tally
    }
}

#[cfg(test)]
mod tests {
    use super::Baseline;
    use crate::finding::{Finding, Report};
    use crate::ruleset::Code;
    use crate::source::{SourceFile, Span};

    fn report(messages: &[&str]) -> Report {
        let file = SourceFile::new("a.json", "{\n  \"a\": 1, \"b\": 2\n}\n".into());
        let findings = messages.iter().map(|message| Finding::new(Code::T101, 0, Span::new(4, 7), *message)).collect();
        Report::new(vec![file], findings)
    }

    #[test]
    fn only_new_findings_remain_and_stale_entries_are_counted() {
        let baseline = Baseline::of(&report(&["old one", "old two"]));
        let text = baseline.to_json();
        let baseline = Baseline::parse("b.json", &text).unwrap_or_else(|error| panic!("{error}"));
        let mut now = report(&["old one", "new"]);
        let tally = baseline.apply(&mut now);
        assert_eq!((tally.baselined, tally.unmatched), (1, 1));
        assert_eq!(now.findings.len(), 1);
        assert_eq!(now.findings[0].message, "new");
    }

    #[test]
    fn a_file_that_is_no_baseline_is_refused_with_a_hint() {
        let error = Baseline::parse("b.json", "[]").err().map(|error| error.to_string()).unwrap_or_default();
        assert!(error.contains("b.json") && error.contains("--write-baseline"), "{error}");
        let error = Baseline::parse("b.json", r#"{"version": 9, "findings": []}"#).err().map(|e| e.to_string());
        assert!(error.unwrap_or_default().contains("version 9"));
    }
}
