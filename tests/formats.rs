//! The machine and CI output formats, rendered from one fixture set: snapshots, the official
//! SARIF schema, stable fingerprints, and each format's escaping rules.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

mod common;

use scimlint::finding::Finding;
use scimlint::render::Format;
use scimlint::source::Span;
use scimlint::{Code, Report, Severity, SourceFile};
use serde_json::Value;

use common::{FORMAT_FIXTURES as FIXTURES, format_fixture_report as fixture_report, rendered as render};

fn sarif(report: &Report) -> Value {
    serde_json::from_str(&render(report, Format::Sarif)).expect("SARIF is JSON")
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({ snapshot_path => "snapshots/formats", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn every_format_renders_the_fixture_set_as_snapshotted() {
    let report = fixture_report();
    assert!(report.findings.len() >= 8, "the fixture set should give a varied report");
    for (name, format) in [
        ("github", Format::Github),
        ("gitlab", Format::Gitlab),
        ("junit", Format::Junit),
        ("markdown", Format::Markdown),
    ] {
        snapshot(name, &render(&report, format));
    }
    insta::with_settings!({ snapshot_path => "snapshots/formats", prepend_module_to_snapshot => false }, {
        insta::assert_json_snapshot!("sarif", sarif(&report), {
            ".runs[].tool.driver.version" => "[version]",
        });
    });
}

#[test]
fn sarif_describes_the_rules_with_results_once_and_briefly() {
    let report = fixture_report();
    let log = sarif(&report);
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(driver.get("informationUri").is_none(), "no URL without the config's docs_url");
    let rules = driver["rules"].as_array().unwrap();
    let mut codes: Vec<Code> = report.findings.iter().map(|finding| finding.code).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(rules.len(), codes.len(), "only the rules that have results");
    for (rule, code) in rules.iter().zip(&codes) {
        assert_eq!(rule["id"], code.as_str());
        assert_eq!(rule["name"], code.name());
        assert_eq!(rule["shortDescription"]["text"], code.info().summary());
        assert!(rule.get("helpUri").is_none());
        let full = rule["fullDescription"]["text"].as_str().unwrap();
        assert!(!full.is_empty() && !full.starts_with('#'), "{code}: {full}");
        let markdown = rule["help"]["markdown"].as_str().unwrap();
        assert!(markdown.contains("**Fix**") && !markdown.contains(full), "{code}: {markdown}");
        assert!(!rule["help"]["text"].as_str().unwrap().is_empty());
    }
    for result in log["runs"][0]["results"].as_array().unwrap() {
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let path = common::root().join("../shared/schemas/sarif-schema-2.1.0.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        // Not an error: the schema lives outside the repository (see the brief in ../shared).
        eprintln!("SKIPPED: SARIF schema not found at {}; the SARIF output was not validated", path.display());
        return;
    };
    let schema: Value = serde_json::from_str(&text).unwrap();
    // The schema declares draft-04; naming it keeps jsonschema from looking the metaschema up.
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles offline");
    // The validator must be able to say no, or a pass means nothing.
    let mut broken = sarif(&fixture_report());
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken), "the schema should reject level `fatal`");

    let empty = Report::new(vec![SourceFile::new("empty.json", "{}".into())], Vec::new());
    for report in [fixture_report(), empty, odd_report()] {
        let log = sarif(&report);
        let errors: Vec<String> =
            validator.iter_errors(&log).map(|error| format!("{} at {}", error, error.instance_path())).collect();
        assert!(errors.is_empty(), "SARIF output violates the schema:\n{}", errors.join("\n"));
    }
}

/// The fingerprints of a report, read back from both formats that carry them.
fn fingerprints(report: &Report) -> Vec<String> {
    let log = sarif(report);
    let from_sarif: Vec<String> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| result["partialFingerprints"]["scimlintFingerprint/v1"].as_str().unwrap().to_owned())
        .collect();
    let gitlab: Value = serde_json::from_str(&render(report, Format::Gitlab)).unwrap();
    let from_gitlab: Vec<String> =
        gitlab.as_array().unwrap().iter().map(|issue| issue["fingerprint"].as_str().unwrap().to_owned()).collect();
    assert_eq!(from_sarif, from_gitlab, "SARIF and GitLab should agree");
    from_sarif
}

/// The fingerprint and line of the only finding of `code` whose message contains `needle`.
fn find(report: &Report, code: Code, needle: &str) -> (String, usize) {
    let prints = fingerprints(report);
    let (index, finding) = report
        .findings
        .iter()
        .enumerate()
        .find(|(_, finding)| finding.code == code && finding.message.contains(needle))
        .unwrap_or_else(|| panic!("no {code} about {needle}"));
    (prints[index].clone(), report.files[finding.file].position(finding.span.start).line)
}

#[test]
fn fingerprints_are_unique_stable_and_ignore_unrelated_lines() {
    let report = fixture_report();
    let first = fingerprints(&report);
    assert_eq!(first, fingerprints(&fixture_report()), "same findings, same fingerprints");
    let mut unique = first.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), first.len(), "every finding has its own fingerprint: {first:?}");

    // A pointer-keyed finding, after blank lines and an unrelated mapping above it.
    let name = FIXTURES[0];
    let text = std::fs::read_to_string(common::root().join(name)).unwrap();
    let before = common::lint_bytes(name, text.clone().into_bytes());
    let shifted = text.replacen("{\n", "{\n\n\n", 1).replacen(
        "  \"properties\": {\n",
        "  \"properties\": {\n    \"department\": { \"expression\": \"user.department\", \"pushStatus\": \"PUSH\" },\n",
        1,
    );
    let after = common::lint_bytes(name, shifted.into_bytes());
    let (print_before, line_before) = find(&before, Code::T101, "`givenname`");
    let (print_after, line_after) = find(&after, Code::T101, "`givenname`");
    assert_ne!(line_before, line_after, "the edit should move the finding");
    assert_eq!(print_before, print_after, "the fingerprint must not depend on the line");

    // A message-keyed finding (F004 has no pointer), after blank lines at the top.
    let name = FIXTURES[1];
    let text = std::fs::read_to_string(common::root().join(name)).unwrap();
    let before = common::lint_bytes(name, text.clone().into_bytes());
    let after = common::lint_bytes(name, format!("\n\n{text}").into_bytes());
    let (print_before, line_before) = find(&before, Code::F004, "`department`");
    let (print_after, line_after) = find(&after, Code::F004, "`department`");
    assert_eq!(line_after, line_before + 2);
    assert_eq!(print_before, print_after);
}

/// A hand-made report whose file name and message hold every character some format must escape.
fn odd_report() -> Report {
    let name = "odd dir/we,ird%name:x.json";
    let text = "{\n  \"a\": 1\n}\n";
    let message = "100% sure, a: b & <c> \"d\" 'e'\u{1}\nsecond line";
    let finding = Finding::new(Code::T101, 0, Span::new(4, 7), message).help("use | instead\r\nor not");
    Report::new(vec![SourceFile::new(name, text.into())], vec![finding])
}

#[test]
fn github_escapes_message_data_and_properties_differently() {
    let out = render(&odd_report(), Format::Github);
    let expected = "::error file=odd dir/we%2Cird%25name%3Ax.json,line=2,col=3,endLine=2,endColumn=6,\
                    title=T101 unsupported-target-attribute::odd dir/we,ird%25name:x.json:2:3: \
                    100%25 sure, a: b & <c> \"d\" 'e'\u{1}%0Asecond line%0Ahelp: use | instead%0D%0Aor not\n";
    assert_eq!(out, expected);
    assert_eq!(out.lines().count(), 1, "one command per finding, on one line");
}

#[test]
fn github_never_reports_line_zero() {
    let out = render(&fixture_report(), Format::Github);
    assert!(!out.contains("line=0") && !out.contains("col=0"), "{out}");
    assert_eq!(out.lines().count(), fixture_report().findings.len());
}

/// A minimal XML well-formedness check: balanced tags, quoted attributes, and no `<` or bare `&`
/// outside markup. Returns the element names in document order.
fn check_xml(xml: &str) -> Vec<String> {
    let body = xml.strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").expect("XML declaration");
    let mut stack: Vec<String> = Vec::new();
    let mut elements = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        check_text(&rest[..open]);
        if let Some(data) = rest[open..].strip_prefix("<![CDATA[") {
            let end = data.find("]]>").expect("a closed CDATA section");
            let content = &data[..end];
            assert!(
                !content.chars().any(|c| c < ' ' && !matches!(c, '\n' | '\t' | '\r')),
                "control character in {content:?}"
            );
            rest = &data[end + 3..];
            continue;
        }
        let close = rest[open..].find('>').expect("unterminated tag") + open;
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let (name, mut attributes) = tag.split_once(' ').unwrap_or((tag, ""));
        while !attributes.trim().is_empty() {
            let (key, value) = attributes.trim_start().split_once("=\"").expect("quoted attribute");
            assert!(!key.contains(['"', '<', '&', ' ']), "bad attribute name {key:?}");
            let end = value.find('"').expect("closed attribute");
            check_text(&value[..end]);
            assert!(!value[..end].contains(['\n', '\t', '\r']), "raw whitespace in an attribute is normalised away");
            attributes = &value[end + 1..];
        }
        elements.push(name.to_owned());
        if !self_closing {
            stack.push(name.to_owned());
        }
    }
    check_text(rest);
    assert!(stack.is_empty(), "unclosed {stack:?}");
    elements
}

fn check_text(text: &str) {
    assert!(!text.contains(['<', '>']), "unescaped markup in {text:?}");
    assert!(!text.chars().any(|c| c < ' ' && !matches!(c, '\n' | '\t')), "control character in {text:?}");
    for (at, _) in text.match_indices('&') {
        let entity = &text[at..text[at..].find(';').map_or(text.len(), |end| at + end + 1)];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#9;", "&#10;", "&#13;"].contains(&entity),
            "bare & in {text:?}"
        );
    }
}

#[test]
fn junit_is_well_formed_and_escapes_everything() {
    let report = fixture_report();
    let xml = render(&report, Format::Junit);
    let elements = check_xml(&xml);
    // A test case per finding (a file without any is one passing case); only findings at or
    // above --fail-on (error) fail, so that the report agrees with the exit code.
    let files_without =
        FIXTURES.len() - report.findings.iter().map(|f| f.file).collect::<std::collections::BTreeSet<_>>().len();
    assert_eq!(elements.iter().filter(|name| *name == "testcase").count(), report.findings.len() + files_without);
    let failing = report.findings.iter().filter(|finding| finding.severity == Severity::Error).count();
    assert_eq!(elements.iter().filter(|name| *name == "failure").count(), failing);
    assert!(failing < report.findings.len(), "the fixture set has warnings, which must not be failures");

    let xml = render(&odd_report(), Format::Junit);
    check_xml(&xml);
    assert!(xml.contains(
        "message=\"odd dir/we,ird%name:x.json:2:3: T101 100% sure, a: b &amp; &lt;c&gt; &quot;d&quot; &apos;e&apos;\u{fffd}&#10;second line\""
    ), "{xml}");
    assert!(xml.contains("help: use | instead\r\nor not]]></failure>"), "{xml}");
}

#[test]
fn junit_files_without_findings_pass() {
    let report = Report::new(vec![SourceFile::new("a&b.json", "{}".into())], Vec::new());
    let xml = render(&report, Format::Junit);
    check_xml(&xml);
    assert!(xml.contains(r#"<testcase classname="a&amp;b.json" name="a&amp;b.json" file="a&amp;b.json"/>"#), "{xml}");
    assert!(xml.contains(r#"tests="1" failures="0""#), "{xml}");
}

#[test]
fn gitlab_is_a_json_array_without_bom() {
    let out = render(&fixture_report(), Format::Gitlab);
    assert!(!out.starts_with('\u{feff}'));
    let issues: Value = serde_json::from_str(&out).unwrap();
    for issue in issues.as_array().unwrap() {
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&issue["severity"].as_str().unwrap()));
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    let empty = Report::new(vec![SourceFile::new("a.json", "{}".into())], Vec::new());
    let out = render(&empty, Format::Gitlab);
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), serde_json::json!([]));
    assert!(!out.starts_with('\u{feff}'));
}

#[test]
fn markdown_keeps_each_finding_on_one_row() {
    let out = render(&odd_report(), Format::Markdown);
    let row = out.lines().find(|line| line.starts_with("| error")).expect("a row");
    assert!(row.ends_with("| 100% sure, a: b & <c> \"d\" 'e'\u{1}<br>second line |"), "{row}");
    assert_eq!(out.lines().filter(|line| line.starts_with('|')).count(), 3, "{out}");

    let empty = Report::new(vec![SourceFile::new("a.json", "{}".into())], Vec::new());
    assert_eq!(render(&empty, Format::Markdown), "### scimlint: All checks passed (1 file).\n");
}

#[test]
fn the_cli_accepts_every_new_format() {
    for format in ["sarif", "github", "gitlab", "junit", "markdown"] {
        let output = assert_cmd::Command::cargo_bin("scimlint")
            .unwrap()
            .current_dir(common::root())
            .args(["check", "--format", format, FIXTURES[0]])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}: {}", String::from_utf8_lossy(&output.stderr));
        assert!(!output.stdout.is_empty(), "{format} printed nothing");
    }
}
