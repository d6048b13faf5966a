//! The rules of a SARIF log (`tool.driver.rules`): only those with results, each described once
//! and briefly — its summary, what it does, why it matters and how to fix it — with a link to
//! its page when the config gives `docs_url`. The whole documentation stays one `scimlint
//! explain` away, and out of a log that is uploaded on every push.

use serde::Serialize;

use super::Text;
use crate::finding::{Report, Severity};
use crate::ruleset::Code;

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text<&'static str>,
    full_description: Text<String>,
    help: Help,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: [&'static str; 2],
    /// GitHub's severity vocabulary, used to sort and filter alerts.
    #[serde(rename = "problem.severity")]
    problem_severity: &'static str,
}

pub(super) fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn problem_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "recommendation",
    }
}

/// The rule family, as `docs/rules.md` groups them; code scanning lets users filter by tag.
fn family(code: Code) -> &'static str {
    match code.as_str().as_bytes().first() {
        Some(b'F') => "input-files",
        Some(b'T') => "target-attributes",
        Some(b'X') => "expressions",
        Some(b'P') => "provisioning",
        Some(b'S') => "security",
        Some(b'V') => "values",
        _ => "other",
    }
}

/// The body of the `## {title}` section of a rule's page, if it has one.
pub(super) fn section(docs: &str, title: &str) -> Option<String> {
    let (_, rest) = docs.split_once(&format!("\n## {title}"))?;
    let body = rest.split("\n## ").next().unwrap_or(rest).trim();
    (!body.is_empty()).then(|| body.to_owned())
}

fn rule(report: &Report, code: Code) -> Rule {
    let info = code.info();
    let summary = info.summary();
    let what = section(info.docs, "What it does").unwrap_or_else(|| summary.to_owned());
    let why = section(info.docs, "Why it matters");
    let fix = section(info.docs, "Fix");
    let help_uri = report.rule_url(code);
    let mut markdown = String::new();
    for (title, body) in [("Why it matters", &why), ("Fix", &fix)] {
        if let Some(body) = body {
            markdown.push_str(&format!("**{title}**\n\n{body}\n\n"));
        }
    }
    if let Some(url) = &help_uri {
        markdown.push_str(&format!("[{code} documentation]({url})\n"));
    }
    Rule {
        id: code.as_str(),
        name: code.name(),
        short_description: Text { text: summary },
        full_description: Text { text: what },
        // Plain text is what a viewer without Markdown shows: the fix is what the reader needs.
        help: Help { text: fix.unwrap_or_else(|| summary.to_owned()), markdown: markdown.trim_end().to_owned() },
        help_uri,
        default_configuration: Configuration { level: level(info.severity) },
        properties: RuleProperties {
            tags: ["scimlint", family(code)],
            problem_severity: problem_severity(info.severity),
        },
    }
}

/// The rules that have results, in code order, with each code's index among them.
pub(super) fn rules(report: &Report) -> (Vec<Rule>, Vec<Code>) {
    let mut codes: Vec<Code> = report.findings.iter().map(|finding| finding.code).collect();
    codes.sort();
    codes.dedup();
    (codes.iter().map(|&code| rule(report, code)).collect(), codes)
}

#[cfg(test)]
mod tests {
    use super::section;

    #[test]
    fn a_section_is_its_body() {
        let docs = "# X\n\nSummary.\n\n## What it does\n\nChecks things.\n\n## Why it matters\n\nBecause.";
        assert_eq!(section(docs, "What it does").as_deref(), Some("Checks things."));
        assert_eq!(section(docs, "Why it matters").as_deref(), Some("Because."));
        assert_eq!(section("# X\n\nSummary.", "What it does"), None);
    }
}
