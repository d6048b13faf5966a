//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it (see linter-conventions §3.1).
//! Paths inside the run's root are URIs relative to `%SRCROOT%` (`originalUriBaseIds`), others
//! absolute `file:` URIs; only the rules that have results are described, each briefly (its
//! pages are linked when the config gives `docs_url`).

mod rules;

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::fingerprint::{Hex, fingerprint_hashes};
use crate::finding::Report;
use crate::finding::{Applicability, Edit, Finding};
use crate::source::SourceFile;
use crate::source::Span;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The base id of the root directory, the name SARIF tools and GitHub expect.
const SRCROOT: &str = "%SRCROOT%";

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
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    original_uri_base_ids: BTreeMap<&'static str, BaseUri>,
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

/// SARIF §3.14.14: where a `uriBaseId` points, an absolute URI ending in `/`.
#[derive(Serialize)]
struct BaseUri {
    uri: String,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<String>,
    rules: Vec<rules::Rule>,
}

#[derive(Serialize)]
struct Text<T> {
    text: T,
}

/// `partialFingerprints`, with our one key; `/v1` so that a future change of the recipe is a new
/// key rather than a silent re-identification of every alert.
#[derive(Serialize)]
struct PartialFingerprints {
    #[serde(rename = "scimlintFingerprint/v1")]
    v1: Hex,
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
    partial_fingerprints: PartialFingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
    /// SARIF §3.8 property bag: the app the finding is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ResultProperties<'a>>,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    app: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<&'a str>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: &'a ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
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
    artifact_location: &'a ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Text<&'a str>,
}

/// Percent-encodes what a URI path cannot hold (every byte but the unreserved ones, the
/// sub-delimiters, `@`, `/`, and the `:` of a drive letter when `drive` says there is one).
fn encode(path: &str, drive: bool) -> String {
    let mut uri = String::with_capacity(path.len());
    for (i, &byte) in path.as_bytes().iter().enumerate() {
        let keep =
            byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&byte) || (byte == b':' && drive && i == 1);
        if keep {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// An absolute path (`/x/y`, `C:\x`) as a `file:` URI; `None` for a relative one.
fn file_uri(path: &str) -> Option<String> {
    let path = path.replace('\\', "/");
    let bytes = path.as_bytes();
    // `C:/x` would read as a URI with scheme `c`; as a file URI it means what it says.
    let drive = bytes.len() > 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    if drive {
        Some(format!("file:///{}", encode(&path, true)))
    } else if path.starts_with('/') {
        Some(format!("file://{}", encode(&path, false)))
    } else {
        None
    }
}

/// A file name as a SARIF artifact location: inside the run's root, a URI relative to
/// `%SRCROOT%` (what GitHub resolves against the checkout); elsewhere an absolute `file:` URI.
/// A report without a root keeps relative names relative.
fn artifact(report: &Report, name: &str) -> ArtifactLocation {
    if let Some(relative) = report.root.as_ref().and_then(|root| root.relative(name)) {
        return ArtifactLocation { uri: encode(&relative, false), uri_base_id: Some(SRCROOT) };
    }
    let uri = file_uri(name).unwrap_or_else(|| encode(&name.replace('\\', "/"), false));
    ArtifactLocation { uri, uri_base_id: None }
}

/// `originalUriBaseIds`: `%SRCROOT%` as the absolute URI of the root directory.
fn base_ids(report: &Report) -> BTreeMap<&'static str, BaseUri> {
    let Some(root) = &report.root else { return BTreeMap::new() };
    let Some(mut uri) = file_uri(&root.dir().to_string_lossy()) else { return BTreeMap::new() };
    if !uri.ends_with('/') {
        uri.push('/');
    }
    BTreeMap::from([(SRCROOT, BaseUri { uri })])
}

fn location<'a>(
    report: &Report,
    artifacts: &'a [ArtifactLocation],
    file: usize,
    span: Span,
    id: Option<usize>,
    message: Option<&'a str>,
) -> Location<'a> {
    let source = &report.files[file];
    Location {
        id,
        physical_location: PhysicalLocation { artifact_location: &artifacts[file], region: Region::of(source, span) },
        message: message.map(|text| Text { text }),
    }
}

fn fixes<'a>(report: &Report, artifacts: &'a [ArtifactLocation], finding: &'a Finding) -> Vec<SarifFix<'a>> {
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
            artifact_location: &artifacts[file],
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

fn result<'a>(
    report: &Report,
    artifacts: &'a [ArtifactLocation],
    finding: &'a Finding,
    rule_index: usize,
    fingerprint: Hex,
) -> SarifResult<'a> {
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
        rule_index,
        level: rules::level(finding.severity),
        message: Text { text },
        locations: [location(report, artifacts, finding.file, finding.span, None, None)],
        related_locations: finding
            .related
            .iter()
            .enumerate()
            .map(|(id, label)| location(report, artifacts, label.file, label.span, Some(id), Some(&label.text)))
            .collect(),
        partial_fingerprints: PartialFingerprints { v1: fingerprint },
        fixes: fixes(report, artifacts, finding),
        properties: finding.app.as_deref().map(|app| ResultProperties { app }),
    }
}

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let (rules, codes) = rules::rules(report);
    let artifacts: Vec<ArtifactLocation> = report.files.iter().map(|file| artifact(report, &file.name)).collect();
    let results: Vec<(&Finding, u64)> = report.findings.iter().zip(fingerprint_hashes(report)).collect();
    let notifications = report
        .errors
        .iter()
        .map(|error| Notification {
            level: "error",
            message: Text { text: &error.message },
            locations: [NotificationLocation {
                physical_location: ArtifactOnly { artifact_location: artifact(report, &error.path) },
            }],
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "scimlint",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: report.docs_url.clone(),
                    rules,
                },
            },
            invocations: [Invocation {
                execution_successful: report.errors.is_empty(),
                tool_execution_notifications: notifications,
            }],
            original_uri_base_ids: base_ids(report),
            column_kind: "unicodeCodePoints",
            // Filled in by `write_json_with_items`.
            results: Vec::new(),
        }],
    };
    super::write_json_with_items(out, &log, Some(("results", 3)), &results, |(finding, print)| {
        let index = codes.iter().position(|code| *code == finding.code).unwrap_or_default();
        result(report, &artifacts, finding, index, Hex::of(*print))
    })
}

#[cfg(test)]
mod tests {
    use super::{artifact, file_uri};
    use crate::finding::Report;
    use crate::source::SourceRoot;

    #[test]
    fn uris_stay_relative_and_encode_what_a_uri_cannot_hold() {
        let report = Report::default();
        let uri = |name: &str| artifact(&report, name).uri;
        assert_eq!(uri("okta/haiilo app.json"), "okta/haiilo%20app.json");
        assert_eq!(uri("a#b?c%d.json"), "a%23b%3Fc%25d.json");
        assert_eq!(uri("C:\\okta\\x.json"), "file:///C:/okta/x.json");
        assert_eq!(uri("dir/é.yaml"), "dir/%C3%A9.yaml");
        assert_eq!(uri("/abs/x y.json"), "file:///abs/x%20y.json");
    }

    #[test]
    fn paths_inside_the_root_are_relative_to_srcroot() {
        let report = Report { root: Some(SourceRoot::new("/repo".into(), "/repo/okta".into())), ..Report::default() };
        let inside = artifact(&report, "/repo/okta/a b.json");
        assert_eq!((inside.uri.as_str(), inside.uri_base_id), ("okta/a%20b.json", Some("%SRCROOT%")));
        let relative = artifact(&report, "haiilo.json");
        assert_eq!((relative.uri.as_str(), relative.uri_base_id), ("okta/haiilo.json", Some("%SRCROOT%")));
        let outside = artifact(&report, "/tmp/x.json");
        assert_eq!((outside.uri.as_str(), outside.uri_base_id), ("file:///tmp/x.json", None));
        assert_eq!(file_uri("relative/x.json"), None);
    }
}
