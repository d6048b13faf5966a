//! `check --statistics`: how many findings each rule has, most first, as ruff prints it
//! (`count<TAB>code<TAB>[*] name`, `[*]` fixable with `--fix`, `[-]` only with `--unsafe-fixes`),
//! or the same as JSON.

use std::io::{self, Write};

use serde::Serialize;

use crate::finding::{Applicability, Report};
use crate::ruleset::Code;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub code: &'static str,
    pub name: &'static str,
    pub count: usize,
    /// Findings of it that `--fix` fixes.
    pub fixable: usize,
    /// Findings of it that only `--unsafe-fixes` fixes.
    pub unsafe_fixable: usize,
}

/// One count per rule that has findings, most first, then by code.
#[must_use]
pub fn counts(report: &Report) -> Vec<RuleCount> {
    let mut counts: Vec<(Code, RuleCount)> = Vec::new();
    for finding in &report.findings {
        let index = match counts.iter().position(|(code, _)| *code == finding.code) {
            Some(index) => index,
            None => {
                let code = finding.code;
                let count =
                    RuleCount { code: code.as_str(), name: code.name(), count: 0, fixable: 0, unsafe_fixable: 0 };
                counts.push((code, count));
                counts.len() - 1
            }
        };
        let count = &mut counts[index].1;
        count.count += 1;
        match finding.fix.as_ref().map(|fix| fix.applicability) {
            Some(Applicability::Safe) => count.fixable += 1,
            Some(Applicability::Unsafe) => count.unsafe_fixable += 1,
            None => {}
        }
    }
    counts.sort_by(|(a, x), (b, y)| y.count.cmp(&x.count).then(a.cmp(b)));
    counts.into_iter().map(|(_, count)| count).collect()
}

pub fn render(report: &Report, json: bool, out: &mut dyn Write) -> io::Result<()> {
    let counts = counts(report);
    if json {
        return super::write_json(out, &counts);
    }
    let width = counts.iter().map(|count| count.count.to_string().len()).max().unwrap_or(1);
    let any_fix = counts.iter().any(|count| count.fixable + count.unsafe_fixable > 0);
    for count in &counts {
        let marker = match (count.fixable, count.unsafe_fixable) {
            _ if !any_fix => "",
            (0, 0) => "[ ] ",
            (0, _) => "[-] ",
            _ => "[*] ",
        };
        writeln!(out, "{:>width$}\t{}\t{marker}{}", count.count, count.code, count.name)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::render;
    use crate::finding::{Applicability, Finding, Report};
    use crate::ruleset::Code;
    use crate::source::{SourceFile, Span};

    #[test]
    fn counts_come_most_first_with_their_fix_markers() {
        let file = SourceFile::new("a.json", "{}".into());
        let finding = |code| Finding::new(code, 0, Span::new(0, 1), "m");
        let findings = vec![
            finding(Code::F004),
            finding(Code::T101).fix(Applicability::Safe, "rename", Vec::new()),
            finding(Code::T101),
            finding(Code::P306).fix(Applicability::Unsafe, "drop", Vec::new()),
        ];
        let mut out = Vec::new();
        render(&Report::new(vec![file], findings), false, &mut out).unwrap_or_default();
        let text = String::from_utf8_lossy(&out);
        assert_eq!(
            text,
            "2\tT101\t[*] unsupported-target-attribute\n1\tF004\t[ ] duplicate-key\n1\tP306\t[-] group-assignment-attribute\n"
        );
    }
}
