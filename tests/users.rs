//! `check --users` and `preview` as users meet them: exit codes, every output format, the users
//! filter, the Sign On username template, and `--redact-users` hiding every login.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use assert_cmd::Command;

const MAPPING: &str = "fixtures/examples/haiilo-article.scimlint.yaml";
const USERS: &str = "fixtures/examples/users/users.ndjson";
const GROUPS: &str = "fixtures/examples/users/scimlint.yaml";

fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut command = Command::cargo_bin("scimlint").expect("binary");
    command.current_dir(dir).env_remove("GITHUB_ACTIONS").env("NO_COLOR", "1").env("COLUMNS", "160");
    let output = command.args(args).output().expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_in(&common::root(), args)
}

fn codes(json: &serde_json::Value) -> Vec<String> {
    json["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn check_with_users_adds_value_findings_and_says_what_it_skipped() {
    let (code, out, _) = run(&["check", "--users", USERS, "--config", GROUPS, MAPPING]);
    assert_eq!(code, 1, "V501/V505/V506 are errors:\n{out}");
    for expected in ["V501", "V502", "V503", "V505", "V506", "`DE` is not a Haiilo group", "did you mean `Germany`?"] {
        assert!(out.contains(expected), "{expected} missing from:\n{out}");
    }
    assert!(out.contains("Checked 11 users of fixtures/examples/users/users.ndjson; not checked: 1 deprovisioned.\n"));
    assert!(!out.contains("olaf.account"), "a deprovisioned user is not checked:\n{out}");

    let (_, out, _) = run(&["check", "--format", "json", "--users", USERS, "--config", GROUPS, MAPPING]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["users"]["checked"], 11);
    assert_eq!(json["users"]["deprovisioned"], 1);
    assert!(codes(&json).iter().any(|code| code == "V501"));
}

#[test]
fn without_users_the_value_rules_stay_silent_and_a_walked_users_file_is_not_read() {
    let (code, out, _) = run(&["check", "--format", "json", "fixtures/examples/"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(codes(&json).iter().all(|code| !code.starts_with('V')), "{out}");
    assert_eq!(json["summary"]["files"], 2, "users/users.ndjson and users/scimlint.yaml are not inputs");
    assert!(json.get("users").is_none());
}

#[test]
fn a_users_export_among_the_documents_is_skipped_by_a_walk_and_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(common::root().join(MAPPING), dir.path().join("haiilo.scimlint.yaml")).unwrap();
    std::fs::copy(common::root().join("fixtures/users/okta-users.json"), dir.path().join("users.json")).unwrap();
    let (code, out, _) = run_in(dir.path(), &["check", "--no-config", "--format", "concise", "."]);
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with("in 1 file.\n"), "the users export is not a document:\n{out}");
    let (code, out, _) = run_in(dir.path(), &["check", "--no-config", "users.json"]);
    assert_eq!(code, 1);
    assert!(out.contains("F002") && out.contains("read with `--users FILE`"), "{out}");
    assert!(!out.contains("00u1a2b3c4") && !out.contains("acme.example"), "no profile is shown:\n{out}");
}

#[test]
fn an_unreadable_users_file_fails_the_run_in_every_format() {
    for format in ["human", "concise", "json", "sarif", "github", "gitlab", "junit", "markdown"] {
        let (code, out, err) = run(&["check", "--format", format, "--users", "missing-users.ndjson", MAPPING]);
        assert_eq!(code, 2, "{format}: {out}");
        assert!(out.contains("missing-users.ndjson"), "{format} does not say which file:\n{out}");
        assert!(err.contains("cannot read `missing-users.ndjson`"), "{err}");
    }
    let (_, out, _) = run(&["check", "--format", "json", "--users", "missing-users.ndjson", MAPPING]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["errors"][0]["path"], "missing-users.ndjson");
}

#[test]
fn a_malformed_record_is_a_run_error_with_its_line_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let users = dir.path().join("users.ndjson");
    let good = r#"{"id":"00u1","status":"ACTIVE","profile":{"login":"jdoe","firstName":"J","lastName":"D"}}"#;
    std::fs::write(&users, format!("{good}\n{{\"id\": \"00u2\", \"profile\": {{\"login\": }}\n{good}\n")).unwrap();
    let users = users.to_string_lossy().into_owned();
    let (code, out, err) = run(&["check", "--users", &users, MAPPING]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("line 2"), "{err}");
    assert!(out.contains("V505"), "the good records are checked:\n{out}");
}

#[test]
fn a_file_that_holds_no_users_says_so() {
    let (code, _, err) = run(&["check", "--users", "fixtures/examples/haiilo-article.json", MAPPING]);
    assert_eq!(code, 2);
    assert!(err.contains("not a user object"), "{err}");
}

#[test]
fn the_users_filter_limits_the_check_and_a_bad_filter_says_where() {
    let filter = r#"status eq "ACTIVE" and profile.department eq "Finance""#;
    let (_, out, _) = run(&["check", "--users", USERS, "--users-filter", filter, "--config", GROUPS, MAPPING]);
    assert!(out.contains("Checked 2 users of"), "{out}");
    assert!(out.contains("not matching --users-filter"), "{out}");
    assert!(out.contains("`DK` is not a Haiilo group"), "{out}");
    assert!(!out.contains("`FR`"), "{out}");

    let (code, _, err) = run(&["check", "--users", USERS, "--users-filter", "status gt \"x\"", MAPPING]);
    assert_eq!(code, 2);
    assert!(err.contains("lastUpdated"), "{err}");
}

#[test]
fn users_files_are_read_in_all_three_forms_and_not_limited_by_max_file_size() {
    // All 5 kB or more: over the limit that the 1.6 kB mapping passes.
    for (file, checked, shared) in [
        ("okta-users.json", 7, true),
        ("okta-users.ndjson", 7, true),
        ("console-export.csv", 7, true),
        ("app-users.ndjson", 3, false),
    ] {
        let users = format!("fixtures/users/{file}");
        let (code, out, err) = run(&["check", "--max-file-size", "2K", "--users", &users, MAPPING]);
        assert_eq!(code, 1, "{file}: {out}{err}");
        assert!(out.contains(&format!("Checked {checked} users of {users}; not checked: 1 deprovisioned.")), "{out}");
        assert!(out.contains("it has no `@` (`jdoe`)"), "{file}:\n{out}");
        assert_eq!(out.contains("V506"), shared, "{file}:\n{out}");
    }
}

#[test]
fn a_sign_on_template_gives_the_username() {
    let dir = tempfile::tempdir().unwrap();
    let app = std::fs::read_to_string(common::root().join("fixtures/pull/app.json")).unwrap();
    let app =
        app.replace(r#""template":"${source.email}""#, r#""template":"${fn:substringBefore(source.login, \"@\")}""#);
    std::fs::write(dir.path().join("app.json"), app).unwrap();
    std::fs::copy(common::root().join("fixtures/pull/mapping-to-app.json"), dir.path().join("mapping-to-app.json"))
        .unwrap();
    let users = common::root().join("fixtures/users/okta-users.ndjson").to_string_lossy().into_owned();
    let (code, out, _) = run_in(dir.path(), &["check", "--no-config", "--users", &users, "."]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("Sign On username format `${fn:substringBefore(source.login, \"@\")}`"), "{out}");
    assert!(out.contains("it has no `@` (`jane.doe` (jane.doe@acme.example)"), "{out}");
    assert!(out.contains("is held by 2 users (jane.doe@acme.example, Jane.Doe@Acme.example)"), "{out}");
    assert!(out.contains("has no value for 1 user (jdoe)"), "JSTL: no `@` gives an empty username:\n{out}");
}

#[test]
fn preview_prints_a_table_csv_and_exactly_the_json_shape() {
    let (code, out, _) = run(&["preview", "--users", USERS, "--config", GROUPS, MAPPING]);
    assert_eq!(code, 0, "{out}");
    let header = out.lines().next().unwrap();
    assert!(header.starts_with("userName (login)") && header.ends_with("findings"), "{header}");
    assert!(out.contains("DE ×") && out.contains("Germany "), "{out}");
    assert!(out.contains("11 of 11 users checked"), "{out}");
    assert!(out.lines().all(|line| line.chars().count() <= 160), "fits COLUMNS:\n{out}");

    let (_, out, _) = run(&["preview", "--format", "csv", "--users", USERS, "--config", GROUPS, MAPPING]);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some(
            "id,login,userName,givenName,familyName,locality,region,country,department,division,organization,findings,unknown"
        )
    );
    assert_eq!(lines.count(), 11, "csv shows every user");

    let (_, out, _) =
        run(&["preview", "--format", "json", "--limit", "3", "--users", USERS, "--config", GROUPS, MAPPING]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let users = json["users"].as_array().unwrap();
    assert_eq!(json.as_object().unwrap().len(), 1);
    assert_eq!(users.len(), 3);
    let first = users[0].as_object().unwrap();
    assert_eq!(first.keys().collect::<Vec<_>>(), ["findings", "id", "login", "unknown", "values"]);
    assert_eq!(users[0]["values"]["country"], "DE");
    assert_eq!(users[0]["values"]["division"], serde_json::Value::Null);
    assert_eq!(users[0]["findings"], serde_json::json!(["V501", "V502", "V503", "V506"]));
}

#[test]
fn preview_marks_only_what_the_check_reports_and_needs_one_mapping() {
    let (_, out, _) =
        run(&["preview", "--format", "json", "--users", USERS, "--config", GROUPS, "--no-config", MAPPING]);
    assert!(out.is_empty(), "--config and --no-config conflict");
    let (_, out, _) = run(&["preview", "--format", "json", "--users", USERS, "--no-config", MAPPING]);
    assert!(!out.contains("V501"), "without groups V501 does not run, so nothing is marked:\n{out}");

    let (code, _, err) = run(&["preview", "--users", USERS, "fixtures/examples/"]);
    assert_eq!(code, 2);
    assert!(err.contains("2 apps' To App mappings"), "{err}");
    let (code, _, err) = run(&["preview", "--users", USERS, "fixtures/users/"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn redact_users_hides_every_login_in_every_output() {
    let text = std::fs::read_to_string(common::root().join(USERS)).unwrap();
    let logins: Vec<String> = text
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .map(|user| user["profile"]["login"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(logins.len(), 12);
    let mut runs = Vec::new();
    for format in ["human", "concise", "json", "sarif", "github", "gitlab", "junit", "markdown"] {
        runs.push(vec!["check", "--format", format, "--redact-users", "--users", USERS, "--config", GROUPS, MAPPING]);
    }
    for format in ["table", "csv", "json"] {
        runs.push(vec!["preview", "--format", format, "--redact-users", "--users", USERS, "--config", GROUPS, MAPPING]);
    }
    for args in runs {
        let (code, out, err) = run(&args);
        assert!(matches!(code, 0 | 1), "{args:?}: {err}");
        assert!(out.contains("00u9k2Lm4Np6Qr8St0a"), "{args:?} names users by id:\n{out}");
        for login in &logins {
            let (lower, shown) = (login.to_lowercase(), format!("{out}{err}").to_lowercase());
            assert!(!shown.contains(&lower), "{args:?} shows `{login}`");
        }
    }
    // Without the flag the same outputs do name them.
    let (_, out, _) = run(&["check", "--users", USERS, "--config", GROUPS, MAPPING]);
    assert!(out.contains("jane.doe@acme.example"));
}

#[test]
fn only_the_target_apps_mapping_is_evaluated_for_the_users() {
    // An OIDC app's mapping beside Haiilo's: its values mean nothing to Haiilo.
    let oidc = "fixtures/F013/fail-oidc-client-mapping.json";
    let (_, out, _) = run(&["check", "--format", "json", "--users", USERS, "--config", GROUPS, MAPPING, oidc]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["users"]["mappings"], 1, "{out}");
    let on_oidc = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"].as_str().unwrap().starts_with('V') && d["file"].as_str().unwrap().contains("F013"));
    assert_eq!(on_oidc.count(), 0, "{out}");
}

#[test]
fn the_real_users_list_responses_are_read_as_users() {
    let dir = common::root().join("../shared/real-world/users");
    for (file, checked) in [
        ("users-list-2016-provisioned-active-response.json", 2),
        ("users-list-filter-suspended-response.json", 1),
        ("users-list-search-custom-array-attribute-response.json", 1),
        ("users-list-search-staged-provisioned-response.json", 3),
    ] {
        let users = dir.join(file).to_string_lossy().into_owned();
        let (code, out, err) = run(&["check", "--format", "json", "--users", &users, MAPPING]);
        assert_eq!(code, 0, "{file}: {out}{err}");
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(json["users"]["checked"], checked, "{file}");
        assert!(json["errors"].as_array().is_none_or(Vec::is_empty), "{file}: {out}");
    }
}
