//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it (see linter-conventions §3.1).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::fingerprint::fingerprints;
use crate::finding::Report;
use crate::finding::{Applicability, Edit, Finding, Severity};
use crate::ruleset::Code;
use crate::source::SourceFile;
use crate::source::Span;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Our own key in `partialFingerprints`; `/v1` so that a future change of the recipe is a new key
/// rather than a silent re-identification of every alert.
const FINGERPRINT_KEY: &str = "scimlintFingerprint/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    invocations: [Invocation<'a>; 1],
    /// SARIF §3.14.27: required for text files; our columns count characters, as everywhere.
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

/// SARIF §3.20: whether the run did its job; a path that could not be checked says it did not.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: Text<&'a str>,
    locations: [NotificationLocation; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationLocation {
    physical_location: ArtifactOnly,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactOnly {
    artifact_location: ArtifactLocation,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
struct Text<T> {
    text: T,
}

#[derive(Serialize)]
struct Help {
    text: &'static str,
    markdown: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text<&'static str>,
    full_description: Text<String>,
    help: Help,
    help_uri: String,
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

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text<String>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<&'a str>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    /// Exclusive, as in SARIF: the column of the character after the region.
    end_column: usize,
}

impl Region {
    fn of(file: &SourceFile, span: Span) -> Self {
        let (start, end) = file.range(span);
        Self { start_line: start.line, start_column: start.column, end_line: end.line, end_column: end.column }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Text<String>,
    artifact_changes: Vec<ArtifactChange<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Text<&'a str>,
}

fn level(severity: Severity) -> &'static str {
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
        Some(b'V') => "user-values",
        _ => "other",
    }
}

/// The body of the `## What it does` section of a rule's page, if it has one.
fn what_it_does(docs: &str) -> Option<String> {
    let (_, rest) = docs.split_once("\n## What it does")?;
    let body = rest.split("\n## ").next().unwrap_or(rest).trim();
    (!body.is_empty()).then(|| body.to_owned())
}

fn rule(code: Code) -> Rule {
    let info = code.info();
    let summary = info.summary();
    Rule {
        id: code.as_str(),
        name: code.name(),
        short_description: Text { text: summary },
        full_description: Text { text: what_it_does(info.docs).unwrap_or_else(|| summary.to_owned()) },
        help: Help { text: info.docs, markdown: info.docs },
        help_uri: super::rule_url(code),
        default_configuration: Configuration { level: level(info.severity) },
        properties: RuleProperties {
            tags: ["scimlint", family(code)],
            problem_severity: problem_severity(info.severity),
        },
    }
}

/// A file name as a SARIF URI reference: relative paths stay relative (GitHub resolves them
/// against the repository root), and characters a URI cannot hold are percent-encoded.
fn artifact_uri(name: &str) -> String {
    let name = name.replace('\\', "/");
    let bytes = name.as_bytes();
    // `C:/x` would read as a URI with scheme `c`; as a file URI it means what it says.
    let drive = bytes.len() > 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    let mut uri = String::from(if drive { "file:///" } else { "" });
    for (i, &byte) in bytes.iter().enumerate() {
        let keep =
            byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&byte) || (byte == b':' && (drive && i == 1));
        if keep {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

fn location<'a>(report: &Report, file: usize, span: Span, id: Option<usize>, message: Option<&'a str>) -> Location<'a> {
    let source = &report.files[file];
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation { uri: artifact_uri(&source.name) },
            region: Region::of(source, span),
        },
        message: message.map(|text| Text { text }),
    }
}

fn fixes<'a>(report: &Report, finding: &'a Finding) -> Vec<SarifFix<'a>> {
    let Some(fix) = &finding.fix else { return Vec::new() };
    let mut by_file: BTreeMap<usize, Vec<&'a Edit>> = BTreeMap::new();
    for edit in &fix.edits {
        by_file.entry(edit.file).or_default().push(edit);
    }
    let applicability = match fix.applicability {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
    };
    let artifact_changes = by_file
        .into_iter()
        .map(|(file, edits)| ArtifactChange {
            artifact_location: ArtifactLocation { uri: artifact_uri(&report.files[file].name) },
            replacements: edits
                .into_iter()
                .map(|edit| Replacement {
                    deleted_region: Region::of(&report.files[file], edit.span),
                    inserted_content: Text { text: &edit.content },
                })
                .collect(),
        })
        .collect();
    vec![SarifFix { description: Text { text: format!("{} ({applicability} fix)", fix.title) }, artifact_changes }]
}

fn result<'a>(report: &Report, finding: &'a Finding, fingerprint: String) -> SarifResult<'a> {
    // GitHub shows the first sentence as the alert title and the rest below it.
    let mut text = finding.message.clone();
    if let Some(help) = &finding.help {
        if !text.ends_with(['.', '?', '!']) {
            text.push('.');
        }
        text.push_str(&format!("\nhelp: {help}"));
    }
    SarifResult {
        rule_id: finding.code.as_str(),
        rule_index: Code::ALL.iter().position(|code| *code == finding.code).unwrap_or_default(),
        level: level(finding.severity),
        message: Text { text },
        locations: [location(report, finding.file, finding.span, None, None)],
        related_locations: finding
            .related
            .iter()
            .enumerate()
            .map(|(id, label)| location(report, label.file, label.span, Some(id), Some(&label.text)))
            .collect(),
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint)]),
        fixes: fixes(report, finding),
    }
}

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let results = report
        .findings
        .iter()
        .zip(fingerprints(report))
        .map(|(finding, print)| result(report, finding, print))
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "scimlint",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: super::repository_url(),
                    rules: Code::ALL.iter().copied().map(rule).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: report.errors.is_empty(),
                tool_execution_notifications: report
                    .errors
                    .iter()
                    .map(|error| Notification {
                        level: "error",
                        message: Text { text: &error.message },
                        locations: [NotificationLocation {
                            physical_location: ArtifactOnly {
                                artifact_location: ArtifactLocation { uri: artifact_uri(&error.path) },
                            },
                        }],
                    })
                    .collect(),
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    super::write_json(out, &log)
}

#[cfg(test)]
mod tests {
    use super::{artifact_uri, what_it_does};

    #[test]
    fn uris_stay_relative_and_encode_what_a_uri_cannot_hold() {
        assert_eq!(artifact_uri("okta/haiilo app.json"), "okta/haiilo%20app.json");
        assert_eq!(artifact_uri("a#b?c%d.json"), "a%23b%3Fc%25d.json");
        assert_eq!(artifact_uri("C:\\okta\\x.json"), "file:///C:/okta/x.json");
        assert_eq!(artifact_uri("dir/é.yaml"), "dir/%C3%A9.yaml");
    }

    #[test]
    fn what_it_does_is_the_section_body() {
        let docs = "# X\n\nSummary.\n\n## What it does\n\nChecks things.\n\n## Why it matters\n\nBecause.";
        assert_eq!(what_it_does(docs).as_deref(), Some("Checks things."));
        assert_eq!(what_it_does("# X\n\nSummary."), None);
    }
}
