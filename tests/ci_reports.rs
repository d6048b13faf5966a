//! Reports as their consumers read them: JUnit through a JUnit parser, SARIF (relative and
//! absolute inputs) through the official schema, several reports from one run (`--output`),
//! `--statistics`, `--exit-zero`, and the baseline workflow the README shows.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

mod common;

use std::path::Path;

use assert_cmd::Command;
use junit_parser::TestStatus;
use scimlint::finding::{Finding, RunError};
use scimlint::render::Format;
use scimlint::source::Span;
use scimlint::{Code, Report, Severity, SourceFile};
use serde_json::Value;

use common::{FORMAT_FIXTURES as FIXTURES, format_fixture_report as fixture_report, rendered};

fn scimlint(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("scimlint").unwrap();
    command.current_dir(dir).env("NO_COLOR", "1").env_remove("GITHUB_ACTIONS").env_remove("COLUMNS");
    command
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = scimlint(dir).args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into(),
        String::from_utf8_lossy(&output.stderr).into(),
    )
}

/// Text as XML 1.0 can hold it: other control characters than tab and line ends become U+FFFD.
fn xml_safe(text: &str) -> String {
    text.chars().map(|c| if c < ' ' && !matches!(c, '\t' | '\n' | '\r') { '\u{fffd}' } else { c }).collect()
}

/// `file:line:col: CODE message`, as the JUnit failure message says it.
fn headline(report: &Report, finding: &Finding) -> String {
    let file = &report.files[finding.file];
    let at = file.position(finding.span.start);
    xml_safe(&format!("{}:{}:{}: {} {}", file.name, at.line, at.column, finding.code, finding.message))
}

/// The JUnit output read back by junit-parser: counts agree with the cases, a case per finding
/// with a unique name, failures exactly for findings at or above --fail-on, and every message
/// and path back as it was after the parser unescapes it.
fn check_junit(report: &Report) -> junit_parser::TestSuites {
    let xml = rendered(report, Format::Junit);
    let suites = junit_parser::from_reader(xml.as_bytes()).unwrap_or_else(|error| panic!("{error}:\n{xml}"));
    let cases: Vec<&junit_parser::TestCase> = suites.suites.iter().flat_map(|suite| &suite.cases).collect();
    assert_eq!(usize::try_from(suites.tests).unwrap(), cases.len(), "testsuites@tests");
    let failing = report.findings.iter().filter(|finding| report.fails(finding)).count();
    assert_eq!(usize::try_from(suites.failures).unwrap(), failing, "testsuites@failures");
    assert_eq!(usize::try_from(suites.errors).unwrap(), report.errors.len(), "testsuites@errors");
    for suite in &suites.suites {
        assert_eq!(usize::try_from(suite.tests).unwrap(), suite.cases.len(), "{}: tests", suite.name);
        let failed = suite.cases.iter().filter(|case| matches!(case.status, TestStatus::Failure(_))).count();
        assert_eq!(usize::try_from(suite.failures).unwrap(), failed, "{}: failures", suite.name);
        let mut names: Vec<&str> = suite.cases.iter().map(|case| case.name.as_str()).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before, "GitLab keeps only the first of equal test names: {names:?}");
    }
    for finding in &report.findings {
        let file = &report.files[finding.file];
        let line = u64::try_from(file.position(finding.span.start).line).unwrap();
        let case = cases
            .iter()
            .find(|case| {
                case.file.as_deref() == Some(file.name.as_str())
                    && case.line == Some(line)
                    && case.original_name.starts_with(&xml_safe(&format!("{} {}", finding.code, finding.message)))
            })
            .unwrap_or_else(|| panic!("no test case for {}", headline(report, finding)));
        match (&case.status, report.fails(finding)) {
            (TestStatus::Failure(failure), true) => {
                assert_eq!(failure.message, headline(report, finding));
                assert_eq!(failure.failure_type, finding.code.as_str());
                assert!(failure.text.starts_with(&headline(report, finding)), "{}", failure.text);
            }
            (TestStatus::Success, false) => {
                let out = case.system_out.as_deref().unwrap_or_default();
                assert!(out.contains(&xml_safe(&finding.message)), "{out:?} lacks {:?}", finding.message);
            }
            (status, fails) => panic!("{}: status {status:?}, but fails = {fails}", headline(report, finding)),
        }
    }
    for error in &report.errors {
        let case = cases.iter().find(|case| case.file.as_deref() == Some(error.path.as_str())).unwrap();
        let TestStatus::Error(reported) = &case.status else { panic!("{error:?} is no <error>") };
        assert_eq!(reported.message, error.message);
    }
    suites
}

#[test]
fn junit_reads_back_through_a_junit_parser() {
    let report = fixture_report();
    assert!(report.findings.iter().any(|finding| finding.severity < Severity::Error), "warnings must pass");
    check_junit(&report);

    // Every character XML must escape, a control character it cannot hold (U+FFFD instead), and
    // the same finding at two places of one file: two cases with different names.
    let name = "odd dir/we,ird%name:x.json";
    let message = "100% sure, a: b & <c> \"d\" 'e'\nsecond line";
    let text = "{\n  \"a\": 1,\n  \"a\": 2\n}\n";
    let findings = vec![
        Finding::new(Code::T101, 0, Span::new(4, 7), message).help("use | instead\r\nor not"),
        Finding::new(Code::T101, 0, Span::new(14, 17), message),
        Finding::new(Code::P306, 0, Span::new(14, 17), "info \u{1}here"),
    ];
    let mut odd = Report::new(vec![SourceFile::new(name, text.into())], findings);
    odd.errors.push(RunError { path: "missing <dir>/x.json".into(), message: "cannot read `x`: gone & lost".into() });
    let suites = check_junit(&odd);
    let info = suites.suites[0].cases.iter().find(|case| case.original_name.starts_with("P306")).unwrap();
    assert!(info.original_name.contains("info \u{fffd}here"), "{:?}", info.original_name);
}

/// The official SARIF 2.1.0 schema, or `None` (said so) when ../shared is not beside the repository.
fn sarif_validator() -> Option<jsonschema::Validator> {
    let path = common::root().join("../shared/schemas/sarif-schema-2.1.0.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("SKIPPED: SARIF schema not found at {}; SARIF was not validated", path.display());
        return None;
    };
    let schema: Value = serde_json::from_str(&text).unwrap();
    Some(
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft4)
            .should_validate_formats(true)
            .build(&schema)
            .unwrap(),
    )
}

fn assert_valid(validator: Option<&jsonschema::Validator>, log: &Value) {
    let Some(validator) = validator else { return };
    let errors: Vec<String> =
        validator.iter_errors(log).map(|error| format!("{error} at {}", error.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF output violates the schema:\n{}", errors.join("\n"));
}

fn file_uri(path: &Path) -> String {
    format!("file://{}/", path.display())
}

#[test]
fn sarif_paths_are_relative_to_srcroot_for_relative_and_absolute_inputs() {
    let validator = sarif_validator();
    let root = std::fs::canonicalize(common::root()).unwrap();
    let name = "fixtures/T101/fail-update-body-scim-names.json";
    let absolute = root.join(name).to_string_lossy().into_owned();
    // The repository is a git work tree (a clone, or a worktree whose `.git` is a file).
    let is_work_tree = root.join(".git").exists();
    for input in [name, absolute.as_str()] {
        let (code, out, err) = run(&root, &["check", "--format", "sarif", input]);
        assert_eq!(code, 1, "{err}");
        let log: Value = serde_json::from_str(&out).unwrap();
        assert_valid(validator.as_ref(), &log);
        let run = &log["runs"][0];
        let location = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(location["uri"], name, "{input}");
        assert_eq!(location["uriBaseId"], "%SRCROOT%");
        if is_work_tree {
            assert_eq!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], file_uri(&root));
        }
        assert!(out.len() < 16_000, "a two-finding report is {} bytes", out.len());
    }

    // Run from a subdirectory: still relative to the repository root.
    let (_, out, _) =
        run(&root.join("fixtures"), &["check", "--format", "sarif", "T101/fail-update-body-scim-names.json"]);
    let log: Value = serde_json::from_str(&out).unwrap();
    if is_work_tree {
        assert_eq!(log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], name);
    }

    // A file outside the root is an absolute file URI, without a base id.
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = std::fs::canonicalize(elsewhere.path()).unwrap().join("mapping.json");
    std::fs::copy(root.join(name), &outside).unwrap();
    let (_, out, _) = run(&root, &["check", "--format", "sarif", &outside.to_string_lossy()]);
    let log: Value = serde_json::from_str(&out).unwrap();
    assert_valid(validator.as_ref(), &log);
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], format!("file://{}", outside.display()));
    assert!(location.get("uriBaseId").is_none());
}

#[test]
fn sarif_rules_are_the_ones_with_results_described_briefly_with_links_only_from_docs_url() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(common::root().join(FIXTURES[0]), dir.path().join("m.json")).unwrap();
    let (_, out, _) = run(dir.path(), &["check", "--format", "sarif", "m.json"]);
    let log: Value = serde_json::from_str(&out).unwrap();
    let driver = &log["runs"][0]["tool"]["driver"];
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 1, "only T101 has results");
    assert_eq!(rules[0]["id"], "T101");
    assert!(driver.get("informationUri").is_none() && rules[0].get("helpUri").is_none(), "no invented URL");
    let docs = Code::T101.info().docs;
    let help = rules[0]["help"]["markdown"].as_str().unwrap();
    assert!(help.len() < docs.len(), "the help is short");
    assert!(!out.contains("## Example"), "the examples stay in `scimlint explain`");
    let what = serde_json::to_string(&rules[0]["fullDescription"]["text"]).unwrap();
    assert_eq!(out.matches(what.trim_matches('"')).count(), 1, "said once");

    std::fs::write(
        dir.path().join("scimlint.yaml"),
        "docs_url: https://git.example.com/okta/scimlint/-/blob/main/rules/docs/\n",
    )
    .unwrap();
    let (_, out, _) = run(dir.path(), &["check", "--format", "sarif", "m.json"]);
    let log: Value = serde_json::from_str(&out).unwrap();
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["rules"][0]["helpUri"], "https://git.example.com/okta/scimlint/-/blob/main/rules/docs/T101.md");
    assert_eq!(driver["informationUri"], "https://git.example.com/okta/scimlint/-/blob/main/rules/docs/");
    assert_valid(sarif_validator().as_ref(), &log);
    let (_, markdown, _) = run(dir.path(), &["check", "--format", "markdown", "m.json"]);
    assert!(
        markdown.contains("[T101](https://git.example.com/okta/scimlint/-/blob/main/rules/docs/T101.md"),
        "{markdown}"
    );

    std::fs::write(dir.path().join("scimlint.yaml"), "docs_url: not a url\n").unwrap();
    let (code, _, err) = run(dir.path(), &["check", "m.json"]);
    assert_eq!(code, 2, "a docs_url that is no URL makes the config unusable: {err}");
    assert!(err.contains("docs_url"), "{err}");
}

#[test]
fn one_run_writes_several_reports_and_prints_its_findings() {
    let dir = tempfile::tempdir().unwrap();
    let root = common::root();
    let out_dir = dir.path().to_string_lossy().into_owned();
    let (code, stdout, err) = run(
        &root,
        &[
            "check",
            "--output",
            &format!("sarif:{out_dir}/scimlint.sarif"),
            "--output",
            &format!("junit:{out_dir}/junit.xml"),
            "--output",
            &format!("gitlab:{out_dir}/gl-code-quality-report.json"),
            "fixtures/examples/",
            FIXTURES[0],
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(stdout.contains("T101(unsupported-target-attribute)") && stdout.contains("Found 2 errors"), "{stdout}");
    for (format, file) in
        [("sarif", "scimlint.sarif"), ("junit", "junit.xml"), ("gitlab", "gl-code-quality-report.json")]
    {
        let (_, alone, _) = run(&root, &["check", "--format", format, "fixtures/examples/", FIXTURES[0]]);
        let written = std::fs::read_to_string(dir.path().join(file)).unwrap();
        assert_eq!(written, alone, "{format} from --output is what --format {format} prints");
    }
    // `-` is stdout, in place of --format; two reports for stdout are a usage error.
    let (code, stdout, _) = run(&root, &["check", "--output", "json:-", FIXTURES[0]]);
    assert_eq!(code, 1);
    assert!(serde_json::from_str::<Value>(&stdout).is_ok(), "{stdout}");
    let (code, _, err) = run(&root, &["check", "--format", "json", "--output", "sarif:-", FIXTURES[0]]);
    assert_eq!(code, 2);
    assert!(err.contains("only one report can go to stdout"), "{err}");
    let (code, _, err) = run(&root, &["check", "--output", "xml:out.xml", FIXTURES[0]]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown format `xml`"), "{err}");
}

#[test]
fn statistics_count_findings_per_rule_and_exit_zero_never_fails() {
    let root = common::root();
    let (code, out, _) = run(&root, &["check", "--statistics", "fixtures/examples/", FIXTURES[0]]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "4\tP306\t[ ] group-assignment-attribute\n2\tT101\t[*] unsupported-target-attribute\n\
         1\tP301\t[ ] update-without-push\n1\tP303\t[ ] deactivation-deletes\n\
         Found 2 errors, 2 warnings and 4 infos in 3 files. 1 fixable with --fix. 1 more with --unsafe-fixes.\n"
    );
    let (_, out, _) = run(&root, &["check", "--statistics", "--format", "json", FIXTURES[0]]);
    let counts: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        counts,
        serde_json::json!([{"code": "T101", "name": "unsupported-target-attribute", "count": 2, "fixable": 1, "unsafe_fixable": 1}])
    );
    let (code, _, err) = run(&root, &["check", "--statistics", "--format", "sarif", FIXTURES[0]]);
    assert_eq!(code, 2, "{err}");

    let (code, out, _) = run(&root, &["check", "--exit-zero", FIXTURES[0]]);
    assert_eq!(code, 0);
    assert!(out.contains("Found 2 errors"), "the findings are still reported");
    let (code, _, _) = run(&root, &["check", "--exit-zero", FIXTURES[0], "no/such/file.json"]);
    assert_eq!(code, 2, "a path that could not be checked still fails");
}

/// The README's baseline workflow: record today's findings, then fail only on new ones; it
/// survives lines added above a finding and a run from another directory of the repository.
#[test]
fn a_baseline_blocks_only_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("okta")).unwrap();
    let mapping = std::fs::read_to_string(common::root().join(FIXTURES[0])).unwrap();
    std::fs::write(repo.join("okta/haiilo.json"), &mapping).unwrap();

    let (code, _, err) = run(repo, &["check", "--write-baseline", "scimlint-baseline.json", "okta/"]);
    assert_eq!(code, 0, "writing a baseline records the findings: {err}");
    assert!(err.contains("Recorded 2 findings in the baseline scimlint-baseline.json"), "{err}");
    let baseline: Value =
        serde_json::from_str(&std::fs::read_to_string(repo.join("scimlint-baseline.json")).unwrap()).unwrap();
    assert_eq!(baseline["version"], 1);
    assert_eq!(baseline["findings"].as_array().unwrap().len(), 2);
    assert_eq!(baseline["findings"][0]["file"], "okta/haiilo.json");

    let (code, out, _) = run(repo, &["check", "--baseline", "scimlint-baseline.json", "okta/"]);
    assert_eq!((code, out.as_str()), (0, "All checks passed (1 file). 2 findings baselined.\n"));

    // Lines above the findings move them; from inside okta/ the paths are still the same.
    std::fs::write(repo.join("okta/haiilo.json"), format!("\n\n{mapping}")).unwrap();
    let (code, out, _) = run(&repo.join("okta"), &["check", "--baseline", "../scimlint-baseline.json", "."]);
    assert_eq!((code, out.as_str()), (0, "All checks passed (1 file). 2 findings baselined.\n"));

    // One old finding fixed, one new: only the new one is reported, and the stale entry counted.
    let changed = mapping.replace("\"givenname\"", "\"givenName\"").replace(
        "  \"properties\": {\n",
        "  \"properties\": {\n    \"nickname\": { \"expression\": \"user.nickName\", \"pushStatus\": \"PUSH\" },\n",
    );
    std::fs::write(repo.join("okta/haiilo.json"), changed).unwrap();
    let (code, out, _) = run(repo, &["check", "--format", "concise", "--baseline", "scimlint-baseline.json", "okta/"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("T101 error `nickname` is not a Haiilo attribute"), "{out}");
    assert!(!out.contains("surname"), "{out}");
    assert!(
        out.ends_with(
            "1 finding baselined; 1 baseline entry no longer matches (fixed, or moved: --write-baseline records the run anew).\n"
        ),
        "{out}"
    );
    let (_, out, _) = run(repo, &["check", "--format", "json", "--baseline", "scimlint-baseline.json", "okta/"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["summary"]["baselined"], 1);
    assert_eq!(json["summary"]["baseline_unmatched"], 1);
    assert_eq!(json["summary"]["errors"], 1);

    std::fs::write(repo.join("broken.json"), "[]").unwrap();
    let (code, _, err) = run(repo, &["check", "--baseline", "broken.json", "okta/"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a scimlint baseline"), "{err}");
    let (code, _, err) = run(repo, &["check", "--baseline", "missing.json", "okta/"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.json"), "{err}");
}
