//! Every public sample in `../shared/real-world/` is read without a crash, and what scimlint says
//! about each is pinned in a snapshot table that a reviewer can read.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use scimlint::Code;

fn samples() -> Option<(PathBuf, Vec<PathBuf>)> {
    let root = common::root().join("../shared/real-world");
    if !root.is_dir() {
        return None;
    }
    let mut files = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|ext| ext == "json" || ext == "tf") {
                files.push(path);
            }
        }
    }
    files.sort();
    Some((root, files))
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/")
}

#[test]
fn every_real_world_sample_is_read_with_sensible_findings() {
    let Some((root, files)) = samples() else {
        eprintln!("SKIPPED: ../shared/real-world is absent, so the real-world samples were not read");
        return;
    };
    assert!(files.len() >= 30, "expected the shared samples, found {}", files.len());
    let mut table = String::new();
    for path in &files {
        let name = relative(&root, path);
        let report = common::lint_bytes(&name, std::fs::read(path).unwrap());
        let mut counts: BTreeMap<Code, usize> = BTreeMap::new();
        for finding in &report.findings {
            *counts.entry(finding.code).or_default() += 1;
        }
        let codes: Vec<String> =
            counts.iter().map(|(code, n)| if *n == 1 { code.to_string() } else { format!("{code}×{n}") }).collect();
        table.push_str(&format!("{name}: {}\n", if codes.is_empty() { "clean".to_owned() } else { codes.join(" ") }));
        assert!(!counts.contains_key(&Code::F001), "{name} is valid JSON but gave F001");
        // Only documents that are no setup export may be unrecognised: SCIM schemas, Okta error
        // responses, and the `GET /api/v1/users` lists, which are read with `--users`, not as
        // documents (tests/users.rs reads these four). A Terraform file is always read.
        let no_export = name.starts_with("scim/") || name.contains("error") || name.starts_with("users/");
        assert_eq!(counts.contains_key(&Code::F002), no_export, "{name}: F002 iff it is no export");
    }
    insta::assert_snapshot!("real_world_findings", table);
}

/// Every finding scimlint gives on the real samples, as a Haiilo admin would judge it: each line
/// is a file's findings and why each is true. A finding not in this table is not known to be
/// true, and fails the test; so does a table line that no longer matches.
const TRUE_FINDINGS: &[(&str, &str, &str)] = &[
    ("okta-docs/apps-add-org2org-app-response.json", "F013", "okta_org2org is Okta's org-to-org app, not Haiilo"),
    (
        "okta-docs/apps-update-feature-request-body.json",
        "F003 P303 P304",
        "`change: CYCLE` is not an Okta value (a docs bug); deactivation deletes Haiilo accounts; password sync is enabled, which Haiilo does not support (a body naming no app is checked as Haiilo's)",
    ),
    ("okta-docs/mappings-list-response.json", "F005", "a mapping list has no properties to check"),
    ("okta-docs/mappings-profile-mapping-object-app-to-okta.json", "F013", "okta_org2org, not Haiilo"),
    (
        "okta-openapi/application-saml-get-response.json",
        "T110",
        "the username template `${fn:substringBefore(source.login, \"@\")}` gives no e-mail address, which Haiilo's userName must be (the custom SAML app is assumed to be Haiilo, and the run says so)",
    ),
    ("okta-openapi/profile-mapping-get-response.json", "F013", "okta_org2org, not Haiilo"),
    ("okta-openapi/profile-mapping-list-response.json", "F005", "a mapping list"),
    ("okta-openapi/update-app-feature-request.json", "P303 P304", "deactivation deletes; password sync unsupported"),
    ("okta-openapi/update-mapping-body.json", "T101", "nickName is no Haiilo attribute"),
    (
        "okta-sdk-python-vcr/app-features-list-error-provisioning-not-supported-response.json",
        "F002",
        "an Okta error response, said as such",
    ),
    ("okta-sdk-python-vcr/application-bookmark-create-response.json", "F013", "a bookmark app"),
    (
        "okta-sdk-python-vcr/profile-mapping-get-response-okta-authenticator-to-user.json",
        "F013",
        "Okta's own authenticator app",
    ),
    ("okta-sdk-python-vcr/profile-mapping-list-limit-5-response.json", "F005", "a mapping list"),
    ("okta-sdk-python-vcr/profile-mapping-list-response-both-directions.json", "F005", "a mapping list"),
    ("okta-sdk-python-vcr/update-mapping-error-invalid-target-field-response.json", "F002", "an Okta error response"),
    ("okta-sdk-python-vcr/update-mapping-error-temp-property-response.json", "F002", "an Okta error response"),
    (
        "okta-sdk-python-vcr/update-mapping-request-invalid-target-field.json",
        "T101×2 X205",
        "`email` and `testField_DONT_PUSH` are no Haiilo attributes, and `appuser.userName` reads the app user, which a To App mapping cannot (Okta answered this body with \"Invalid target field\")",
    ),
    (
        "okta-sdk-python-vcr/update-mapping-request-single-property.json",
        "F006",
        "every expression reads `appuser.*`: an App to Okta body, not the To App mapping",
    ),
    (
        "okta-sdk-python-vcr/update-mapping-request-unknown-target-field-temp-property.json",
        "F006",
        "App to Okta, as above",
    ),
    ("oktakit-vcr/app-user-schema-add-property-twitter-username-response.json", "F013", "an OIDC app"),
    ("oktakit-vcr/app-user-schema-get-response.json", "F013", "an OIDC app"),
    ("scim/rfc7643-enterprise-user-schema.json", "F002", "a SCIM schema, no Okta export"),
    ("scim/rfc7643-user-schema.json", "F002", "a SCIM schema"),
    (
        "terraform/okta_app_features/basic.tf",
        "P303 P304",
        "deactivation deletes; password sync unsupported (the app is an id only: assumed Haiilo)",
    ),
    ("terraform/okta_app_features/basic_updated.tf", "P303 P304", "as above"),
    ("terraform/okta_app_user_base_schema_property/basic.tf", "F013", "okta_app_oauth: an OIDC app"),
    ("terraform/okta_app_user_schema_property/array_enum_json.tf", "F013", "okta_app_oauth"),
    ("terraform/okta_app_user_schema_property/basic.tf", "F013", "okta_app_oauth"),
    ("terraform/okta_app_user_schema_property/parallel_api_calls.tf", "F013", "okta_app_oauth"),
    ("terraform/okta_profile_mapping/basic.tf", "F013", "okta_idp_social: an identity provider"),
    ("terraform/okta_profile_mapping/prevent_delete.tf", "F013", "okta_idp_social"),
    (
        "terraform/okta_profile_mapping/resource.tf",
        "F006",
        "target_id is the Okta user profile: App to Okta, from a placeholder source",
    ),
    (
        "terraform-vcr/app-feature-inbound-provisioning-response.json",
        "P304",
        "Import is enabled, which Haiilo's article reports does not work (a warning)",
    ),
    (
        "terraform-vcr/app-feature-user-provisioning-put-request.json",
        "P303 P304",
        "deactivation deletes; password sync unsupported",
    ),
    ("terraform-vcr/app-feature-user-provisioning-response.json", "P303 P304", "as above"),
    ("terraform-vcr/app-user-schema-array-enum-object-response.json", "F013", "an OIDC app"),
    ("terraform-vcr/app-user-schema-oidc-client-response.json", "F013", "an OIDC app"),
    ("terraform-vcr/application-active-directory-custom-username-template.json", "F013", "Active Directory"),
    (
        "terraform-vcr/application-okta-access-requests-scim-provisioning.json",
        "F013",
        "Okta Access Requests, Okta's own app",
    ),
    ("terraform-vcr/application-swa-custom-username-template-suffix.json", "F013", "an SWA template app"),
    ("terraform-vcr/profile-mapping-get-response-google-idp-to-user.json", "F013", "google_idp: an identity provider"),
    ("terraform-vcr/profile-mapping-get-response-oidc-idp-to-user.json", "F013", "oidc_idp: an identity provider"),
    ("terraform-vcr/profile-mapping-list-response-oidc-idp-source.json", "F005", "a mapping list"),
    ("terraform-vcr/profile-mapping-list-response.json", "F005", "a mapping list"),
    ("terraform-vcr/update-mapping-request-full-object-delete.json", "F013", "google_idp"),
    (
        "terraform-vcr/update-mapping-request-null-properties.json",
        "F006",
        "every expression reads `appuser.*`: App to Okta",
    ),
    (
        "users/users-list-2016-provisioned-active-response.json",
        "F002",
        "a users list: read with --users, not as a setup document",
    ),
    ("users/users-list-filter-suspended-response.json", "F002", "a users list"),
    ("users/users-list-search-custom-array-attribute-response.json", "F002", "a users list"),
    ("users/users-list-search-staged-provisioned-response.json", "F002", "a users list"),
];

#[test]
fn every_finding_on_the_real_samples_is_known_to_be_true() {
    let Some((root, files)) = samples() else {
        eprintln!("SKIPPED: ../shared/real-world is absent, so the real-world samples were not read");
        return;
    };
    let mut wrong = Vec::new();
    for path in &files {
        let name = relative(&root, path);
        let report = common::lint_bytes(&name, std::fs::read(path).unwrap());
        let mut counts: BTreeMap<Code, usize> = BTreeMap::new();
        for finding in &report.findings {
            *counts.entry(finding.code).or_default() += 1;
        }
        let found: Vec<String> =
            counts.iter().map(|(code, n)| if *n == 1 { code.to_string() } else { format!("{code}×{n}") }).collect();
        let found = found.join(" ");
        let known = TRUE_FINDINGS.iter().find(|(file, ..)| *file == name).map_or("", |(_, codes, _)| *codes);
        if found != known {
            wrong.push(format!("{name}: found `{found}`, known true `{known}`"));
        }
    }
    for (file, ..) in TRUE_FINDINGS {
        assert!(files.iter().any(|path| relative(&root, path) == *file), "{file} is no sample any more");
    }
    assert!(wrong.is_empty(), "findings not known to be true (or true ones lost):\n{}", wrong.join("\n"));
}

#[test]
fn the_okta_docs_removal_body_is_clean() {
    let Some((root, _)) = samples() else {
        eprintln!("SKIPPED: ../shared/real-world is absent");
        return;
    };
    for name in ["okta-docs/mappings-remove-property-body.json", "okta-openapi/remove-mapping-body.json"] {
        let report = common::lint_bytes(name, std::fs::read(root.join(name)).unwrap());
        assert!(report.findings.is_empty(), "{name}: removing a mapping is fine:\n{}", common::human(&report));
    }
}

/// The sample folders checked as one run each, as a user runs `scimlint check okta/`: documents
/// that name no app join the folder's app, and a folder of standalone Terraform examples is not
/// one module. Each line is what is found and why it is true.
const TRUE_FOLDER_FINDINGS: &[(&str, &str, &str)] = &[
    (
        "okta-docs",
        "F003 F005 F013×2",
        "the feature body names no app and joins the folder's org2org app, so only its bad `CYCLE` value is said",
    ),
    ("okta-openapi", "F005 F013 P303 P304 T101 T110", "as the files alone: each document names its app"),
    ("okta-sdk-python-vcr", "F005×2 F013×2", "the update bodies name no app and join Okta's authenticator app"),
    ("oktakit-vcr", "F013", "an OIDC app"),
    (
        "terraform/okta_app_features",
        "F011 F012 P303×2 P304×2",
        "basic.tf and basic_updated.tf declare the same resource (Terraform refuses them as one module: F011) and disagree on Create Users (F012)",
    ),
    ("terraform/okta_app_user_base_schema_property", "F013", "okta_app_oauth"),
    ("terraform/okta_app_user_schema_property", "F011 F013", "the examples declare the same names; okta_app_oauth"),
    ("terraform/okta_profile_mapping", "F006 F011 F013", "the examples declare the same names; an IdP; App to Okta"),
    ("terraform/data-sources/okta_app_features", "", "a data source reads features and sets none"),
];

#[test]
fn every_real_world_folder_checked_as_one_run_gives_known_findings() {
    let Some((root, _)) = samples() else {
        eprintln!("SKIPPED: ../shared/real-world is absent");
        return;
    };
    let mut wrong = Vec::new();
    for (folder, known, _) in TRUE_FOLDER_FINDINGS {
        let output = assert_cmd::Command::cargo_bin("scimlint")
            .unwrap()
            .current_dir(&root)
            .env_remove("GITHUB_ACTIONS")
            .args(["check", "--no-config", "--format", "json", folder])
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for diagnostic in json["diagnostics"].as_array().unwrap() {
            *counts.entry(diagnostic["code"].as_str().unwrap().to_owned()).or_default() += 1;
        }
        let found: Vec<String> =
            counts.iter().map(|(code, n)| if *n == 1 { code.clone() } else { format!("{code}×{n}") }).collect();
        if found.join(" ") != *known {
            wrong.push(format!("{folder}: found `{}`, known true `{known}`", found.join(" ")));
        }
    }
    assert!(wrong.is_empty(), "folder findings not known to be true (or true ones lost):\n{}", wrong.join("\n"));
}
