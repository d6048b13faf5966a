//! Expression rules under settings that fixtures do not vary: the org's custom attributes and
//! group list, and severity overrides.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use scimlint::ruleset::target::Target;
use scimlint::settings::Settings;
use scimlint::source::Input;
use scimlint::{Code, Linter, Severity};

fn lint(settings: Settings, expression: &str, attribute: &str) -> Vec<(Code, Severity)> {
    let body = serde_json::json!({ "properties": { attribute: { "expression": expression, "pushStatus": "PUSH" } } });
    let linter = Linter::new(Target::load("haiilo").unwrap(), settings).unwrap();
    let input = Input { name: "body.json".into(), bytes: body.to_string().into_bytes(), explicit: true, stdin: false };
    linter.lint(vec![input]).findings.iter().map(|finding| (finding.code, finding.severity)).collect()
}

#[test]
fn unknown_user_attributes_are_errors_once_custom_attributes_are_known() {
    let unknown = lint(Settings::default(), "user.costCentre", "department");
    assert!(unknown.contains(&(Code::X204, Severity::Warning)), "{unknown:?}");

    let mut custom = Settings::default();
    custom.org.custom_attributes = Some(vec!["businessUnit".into()]);
    let known = lint(custom.clone(), "user.costCentre", "department");
    assert!(known.contains(&(Code::X204, Severity::Error)), "{known:?}");
    let declared = lint(custom, "user.businessUnit", "department");
    assert!(!declared.iter().any(|(code, _)| *code == Code::X204), "{declared:?}");
}

#[test]
fn an_explicit_severity_still_overrides_a_lowered_one() {
    let mut settings = Settings::default();
    settings.rules.severity.insert(Code::X204, Some(Severity::Info));
    let findings = lint(settings, "user.costCentre", "department");
    assert!(findings.contains(&(Code::X204, Severity::Info)), "{findings:?}");
}

#[test]
fn group_values_are_checked_only_against_a_configured_list() {
    let expression = "user.countryCode == 'US' ? 'Amer' : 'EMEA'";
    assert!(!lint(Settings::default(), expression, "country").iter().any(|(code, _)| *code == Code::T108));
    let mut groups = Settings::default();
    groups.org.groups = Some(vec!["AMER".into(), "EMEA".into()]);
    let findings = lint(groups, expression, "country");
    assert_eq!(findings.iter().filter(|(code, _)| *code == Code::T108).count(), 1, "{findings:?}");
}

#[test]
fn a_broken_expression_is_reported_once_and_by_x201_alone() {
    let findings = lint(Settings::default(), "String.toUppercase(user.fistName", "department");
    let codes: Vec<Code> = findings.iter().map(|(code, _)| *code).collect();
    assert_eq!(codes, vec![Code::X201]);
}
