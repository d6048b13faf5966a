//! `--format markdown`: a summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`.

use std::io::{self, Write};

use super::{Tally, plural};
use crate::finding::{FileRole, Report};

/// Makes text safe inside a GitHub-flavoured table cell: `|` would end the cell (even inside a
/// code span, where GFM still honours `\|`), and a line break would end the row.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace("\r\n", "<br>").replace(['\n', '\r'], "<br>")
}

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    body(report, out)?;
    // With `--users`: how many users were checked, and how many were not and why.
    match super::users_summary(report) {
        Some(users) => writeln!(out, "\n{users}"),
        None => Ok(()),
    }
}

fn body(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let tally = Tally::of(report);
    let files = plural(report.count(FileRole::Checked), "file");
    if !report.errors.is_empty() {
        writeln!(out, "### scimlint: could not check {}", plural(report.errors.len(), "path"))?;
        writeln!(out)?;
        for error in &report.errors {
            writeln!(out, "- `{}`: {}", error.path.replace('`', "'"), cell(&error.message))?;
        }
        writeln!(out)?;
    }
    // What was not checked stands above the verdict, so that "passed" is never read alone.
    for line in super::account(report) {
        writeln!(out, "> {}", cell(&line))?;
        writeln!(out)?;
    }
    if report.findings.is_empty() && !report.errors.is_empty() {
        return writeln!(out, "No finding in the {files} that were checked.");
    }
    if report.findings.is_empty() {
        return writeln!(out, "### scimlint: All checks passed ({files}).");
    }
    let counts: Vec<String> = [(tally.errors, "error"), (tally.warnings, "warning"), (tally.infos, "info")]
        .into_iter()
        .filter(|(count, _)| *count > 0)
        .map(|(count, noun)| plural(count, noun))
        .collect();
    writeln!(out, "### scimlint: {} in {files}", counts.join(", "))?;
    writeln!(out)?;
    let mut fixable = Vec::new();
    if tally.safe_fixes > 0 {
        fixable.push(format!("{} fixable with `scimlint check --fix`.", tally.safe_fixes));
    }
    if tally.unsafe_fixes > 0 {
        let more = if tally.safe_fixes > 0 { "more" } else { "fixable" };
        fixable.push(format!("{} {more} with `scimlint check --fix --unsafe-fixes`.", tally.unsafe_fixes));
    }
    if !fixable.is_empty() {
        writeln!(out, "{}", fixable.join(" "))?;
        writeln!(out)?;
    }
    writeln!(out, "| Severity | Code | File | Line | Message |")?;
    writeln!(out, "| --- | --- | --- | ---: | --- |")?;
    for finding in &report.findings {
        let file = &report.files[finding.file];
        writeln!(
            out,
            "| {} | {code} | {} | {} | {} |",
            finding.severity.as_str(),
            cell(&file.name),
            file.position(finding.span.start).line,
            cell(&finding.message),
            // A link only where the config says where the rule pages are (`docs_url`).
            code = match report.rule_url(finding.code) {
                Some(url) => format!("[{}]({url} \"{}\")", finding.code, finding.code.name()),
                None => format!("`{}` {}", finding.code, finding.code.name()),
            },
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_keep_to_one_row() {
        assert_eq!(cell("a | `b|c`\nd\r\ne"), "a \\| `b\\|c`<br>d<br>e");
    }
}
