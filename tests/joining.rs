//! Documents of one app are checked together: by app id where they carry one, else by directory.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use scimlint::Code;
use scimlint::source::Input;

const MAPPING: &str = r##"{
  "id": "prm1join0000000000h8",
  "source": { "id": "oty1join0000000000h8", "name": "user", "type": "user" },
  "target": { "id": "APP", "name": "haiilo_scim", "type": "appuser" },
  "properties": {
    "givenName": { "expression": "user.firstName", "pushStatus": "DONT_PUSH" },
    "familyName": { "expression": "user.lastName", "pushStatus": "DONT_PUSH" }
  }
}
"##;

const FEATURES: &str = r#"{
  "name": "USER_PROVISIONING",
  "status": "ENABLED",
  "capabilities": {
    "create": { "lifecycleCreate": { "status": "ENABLED" } },
    "update": { "profile": { "status": "ENABLED" }, "lifecycleDeactivate": { "status": "DISABLED" } }
  },
  "_links": { "self": { "href": "https://acme.okta.com/api/v1/apps/APP/features/USER_PROVISIONING" } }
}
"#;

fn input(dir: &str, name: &str, text: String) -> Input {
    Input { name: format!("{dir}/{name}"), bytes: text.into_bytes(), explicit: true, stdin: false }
}

fn codes(inputs: Vec<Input>) -> Vec<(Code, String, usize)> {
    let report = common::linter().lint(inputs);
    report.findings.iter().map(|f| (f.code, report.files[f.file].name.clone(), f.related.len())).collect()
}

#[test]
fn same_app_id_joins_features_to_the_mapping_and_names_both_files() {
    let found = codes(vec![
        input("okta", "mapping.json", MAPPING.replace("APP", "0oa1haiilo000000h8")),
        input("exports", "features.json", FEATURES.replace("APP", "0oa1haiilo000000h8")),
    ]);
    assert!(found.contains(&(Code::P301, "exports/features.json".into(), 1)), "{found:?}");
}

#[test]
fn mismatched_app_ids_in_one_directory_are_not_joined() {
    let found = codes(vec![
        input("okta", "mapping.json", MAPPING.replace("APP", "0oa1haiilo000000h8")),
        input("okta", "features.json", FEATURES.replace("APP", "0oa2other0000000h8")),
    ]);
    assert!(!found.iter().any(|(code, ..)| *code == Code::P301), "{found:?}");
}

#[test]
fn documents_without_ids_join_by_directory_only() {
    let mapping = MAPPING.replace("APP", "${appId}");
    let features = FEATURES.replace("APP", "${appId}");
    let together =
        codes(vec![input("okta", "mapping.json", mapping.clone()), input("okta", "features.json", features.clone())]);
    assert!(together.iter().any(|(code, ..)| *code == Code::P301), "same directory: {together:?}");
    let apart = codes(vec![input("a", "mapping.json", mapping), input("b", "features.json", features)]);
    assert!(!apart.iter().any(|(code, ..)| *code == Code::P301), "different directories: {apart:?}");
}

#[test]
fn a_walked_directory_joins_a_manifest_features_section_with_an_okta_export() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mapping.json"), MAPPING.replace("APP", "0oa1haiilo000000h8")).unwrap();
    std::fs::write(
        dir.path().join("features.scimlint.yaml"),
        "mappings: []\nfeatures:\n  update_user_attributes: false\n",
    )
    .unwrap();
    let (inputs, errors) = scimlint::source::collect(&[dir.path().to_string_lossy().into_owned()], None);
    assert!(errors.is_empty());
    let report = common::linter().lint(inputs);
    let names: Vec<_> = report.files.iter().map(|f| Path::new(&f.name).file_name().unwrap().to_owned()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_user_schema_in_the_run_declares_custom_attributes() {
    let schema = r##"{"id": "https://acme.okta.com/meta/schemas/user/default",
      "definitions": {"custom": {"id": "#custom", "type": "object", "properties": {"costCenterName": {"title": "Cost center", "type": "string"}}}}}"##;
    let report = common::linter().lint(vec![input("okta", "user-schema.json", schema.to_owned())]);
    assert!(report.findings.is_empty(), "a user schema alone is fine: {:?}", report.findings);
}
