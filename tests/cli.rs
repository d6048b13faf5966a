//! The command as users and scripts meet it: exit codes, inputs, formats, subcommands.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;

fn scimlint() -> Command {
    let mut command = Command::cargo_bin("scimlint").expect("binary");
    command.current_dir(common::root()).env_remove("GITHUB_ACTIONS").env("NO_COLOR", "1").env("COLUMNS", "100");
    command
}

fn run(args: &[&str]) -> (i32, String, String) {
    let output = scimlint().args(args).output().expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_article_setup_warns_and_exits_zero() {
    let (code, out, _) = run(&["check", "fixtures/examples/haiilo-article.scimlint.yaml"]);
    assert_eq!(code, 0, "{out}");
    for expected in ["P301", "P303", "P306"] {
        assert!(out.contains(expected), "{expected} missing from:\n{out}");
    }
    assert!(!out.contains("T10") && !out.contains("× "), "no error and no T finding expected:\n{out}");
    assert!(out.ends_with("Found 2 warnings and 2 infos in 1 file.\n"), "{out}");
}

#[test]
fn the_article_export_has_no_error_and_no_target_finding() {
    let (code, out, _) = run(&["check", "--format", "concise", "fixtures/examples/haiilo-article.json"]);
    assert_eq!(code, 0);
    assert!(!out.contains(" T1") && !out.contains(" error "), "{out}");
}

#[test]
fn errors_exit_one_and_fail_on_moves_the_threshold() {
    assert_eq!(run(&["check", "fixtures/T101/fail-okta-template-attributes.json"]).0, 1);
    let warnings_only = "fixtures/P303/fail-deactivate-users.scimlint.yaml";
    assert_eq!(run(&["check", warnings_only]).0, 0);
    assert_eq!(run(&["check", "--fail-on", "warning", warnings_only]).0, 1);
    assert_eq!(run(&["check", "--fail-on", "never", "fixtures/T101/fail-okta-template-attributes.json"]).0, 0);
    assert_eq!(run(&["check", "--fail-on", "info", "fixtures/examples/haiilo-article.json"]).0, 1);
}

#[test]
fn select_and_ignore_take_codes_prefixes_and_names() {
    let file = "fixtures/examples/haiilo-article.scimlint.yaml";
    let (_, out, _) =
        run(&["check", "--format", "concise", "--select", "P30", "--ignore", "deactivation-deletes,P306", file]);
    assert_eq!(out.lines().filter(|line| line.contains(": P")).count(), 1, "{out}");
    assert!(out.contains("P301"), "{out}");
    let (code, _, err) = run(&["check", "--select", "Z999", file]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule `Z999`"), "{err}");
}

#[test]
fn unreadable_paths_exit_two_and_the_rest_is_still_checked() {
    let (code, out, err) = run(&[
        "check",
        "--format",
        "concise",
        "does/not/exist.json",
        "fixtures/T101/fail-okta-template-attributes.json",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read `does/not/exist.json`: no such file or directory"), "{err}");
    assert!(out.contains("T101"), "{out}");
}

#[test]
fn a_directory_is_walked_and_an_empty_one_is_an_error() {
    let (code, out, _) = run(&["check", "--format", "concise", "fixtures/examples"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("fixtures/examples/haiilo-article.json:") && out.contains("haiilo-article.scimlint.yaml:"),
        "{out}"
    );

    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("package.json"), "{\"name\": \"x\"}").unwrap();
    let (code, _, err) = run(&["check", empty.path().to_str().unwrap()]);
    assert_eq!(code, 2, "a walk that finds nothing lintable is not a pass");
    assert!(err.contains("no lintable file found"), "{err}");
}

#[test]
fn a_file_of_another_kind_named_explicitly_is_f002() {
    let (code, out, _) = run(&["check", "--format", "concise", "Cargo.toml"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("F001") || out.contains("F002"), "{out}");
    let (code, out, _) = run(&["check", "--format", "concise", "fixtures/F002/fail-package-json.json"]);
    assert_eq!(code, 1);
    assert!(out.starts_with("fixtures/F002/fail-package-json.json:2:3: F002 error "), "{out}");
}

#[test]
fn stdin_is_read_with_the_name_given() {
    let text =
        std::fs::read_to_string(common::root().join("fixtures/T101/fail-okta-template-attributes.json")).unwrap();
    let output = scimlint()
        .args(["check", "--format", "concise", "--stdin-filename", "okta/haiilo.json", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1));
    assert!(out.lines().all(|line| line.starts_with("okta/haiilo.json:") || line.starts_with("Found")), "{out}");
    let yaml = "mappings:\n  - attribute: surname\n    value: user.lastName\n";
    let output = scimlint().args(["check", "--format", "concise", "-"]).write_stdin(yaml).output().unwrap();
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .contains("<stdin>:2:16: T101 error `surname` is not a Haiilo attribute")
    );
}

#[test]
fn broken_input_gives_a_finding_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let deep = "[".repeat(100_000);
    let cases: [(&str, &[u8]); 6] = [
        ("empty.json", b""),
        ("truncated.json", b"{\"properties\": {\"givenName\": {\"expression\": \"user.fir"),
        ("binary.json", b"\x7fELF\x02\x01\x01\x00\x00\x00"),
        ("latin1.json", b"{\"properties\": {\"title\": \"Caf\xe9\"}}"),
        ("deep.json", deep.as_bytes()),
        ("empty.scimlint.yaml", b""),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let (code, out, err) = run(&["check", "--format", "concise", path.to_str().unwrap()]);
        assert_eq!(code, 1, "{name}: {out}{err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(out.contains(" F00"), "{name}: {out}");
    }
}

#[test]
fn json_output_is_version_one() {
    let (code, out, _) = run(&[
        "check",
        "--format",
        "json",
        "fixtures/T101/fail-update-body-scim-names.json",
        "fixtures/examples/haiilo-article.scimlint.yaml",
    ]);
    assert_eq!(code, 1);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["version"], 1);
    assert_eq!(value["summary"]["files"], 2);
    // The text itself is pinned, so that key order and layout changes show up too.
    insta::assert_snapshot!("json_output", out.replace(env!("CARGO_PKG_VERSION"), "[version]"));
}

#[test]
fn explain_prints_the_documentation_by_code_or_name() {
    let (code, by_code, _) = run(&["explain", "T101"]);
    assert_eq!(code, 0);
    let (_, by_name, _) = run(&["explain", "unsupported-target-attribute"]);
    assert_eq!(by_code, by_name);
    for section in
        ["## What it does", "## Why it matters", "## Example", "## Fix", "## Source", "Default severity: error"]
    {
        assert!(by_code.contains(section), "{section}");
    }
    let (code, _, err) = run(&["explain", "T999"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule"), "{err}");
    let (_, json, _) = run(&["explain", "--format", "json", "P303"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["name"], "deactivation-deletes");
}

#[test]
fn rules_and_targets_list_what_is_built_in() {
    let (code, out, _) = run(&["rules"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("rules_list", out);
    let (code, out, _) = run(&["targets", "haiilo"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("targets_haiilo", out);
    let (code, _, err) = run(&["targets", "nosuch"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown target `nosuch`"), "{err}");
}

#[test]
fn a_target_file_drives_the_same_rules() {
    let dir = tempfile::tempdir().unwrap();
    let haiilo = std::fs::read_to_string(common::root().join("rules/targets/haiilo.yaml")).unwrap();
    let other = haiilo
        .replace("name: haiilo", "name: acme")
        .replace("title: Haiilo", "title: Acme")
        .replace("  - name: department", "  - name: costCenter");
    let path = dir.path().join("acme.yaml");
    std::fs::write(&path, other).unwrap();
    let (code, out, _) = run(&[
        "check",
        "--format",
        "concise",
        "--target",
        path.to_str().unwrap(),
        "fixtures/examples/haiilo-article.json",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("T101 error `department` is not a Acme attribute"), "{out}");

    std::fs::write(&path, "name: broken\ntitle: Broken\nattributes: []\nfeatures: {}\n").unwrap();
    let (code, _, err) = run(&["check", "--target", path.to_str().unwrap(), "fixtures/examples/haiilo-article.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("attributes"), "{err}");
}

#[test]
fn github_actions_gets_annotations_beside_the_normal_output() {
    let output = scimlint()
        .env("GITHUB_ACTIONS", "true")
        .args(["check", "fixtures/T101/fail-okta-template-attributes.json"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("T101(unsupported-target-attribute)"), "normal output: {out}");
    assert!(out.contains("::error file=fixtures/T101/fail-okta-template-attributes.json,line="), "annotations: {out}");
    let output = scimlint()
        .env("GITHUB_ACTIONS", "true")
        .args(["check", "--format", "concise", "fixtures/T101"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&output.stdout).contains("::error"), "an explicit --format is respected");
}

#[test]
fn table_draws_the_console_view_with_findings() {
    let (code, out, _) = run(&["table", "fixtures/T101/fail-manifest-unsupported.scimlint.yaml"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("table_manifest", out);
}

#[test]
fn completions_and_man_page_come_from_the_clap_definitions() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let (code, out, _) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        assert!(out.contains("explain") && out.contains("fail-on"), "{shell}");
    }
    let (code, out, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(out.contains(".TH scimlint 1") && out.contains("check"), "{out}");
}

/// A folder with a Haiilo app's exports beside an OIDC app's and an identity provider's: only the
/// Haiilo app is checked, and the run says which apps it skipped and why.
#[test]
fn only_the_target_app_is_checked_and_the_run_says_what_it_skipped() {
    let (code, out, _) = run(&["check", "--no-config", "--format", "concise", "fixtures/apps/mixed"]);
    assert_eq!(code, 1, "{out}");
    for line in out.lines().filter(|line| line.starts_with("fixtures/")) {
        assert!(line.contains("haiilo-mapping.json") || line.contains(" F013 info "), "{line}");
    }
    assert!(out.contains("T101 error `givenname` is not a Haiilo attribute"), "{out}");
    assert!(
        out.contains("Not checked, not the target app: `google_idp` (0oa1goog0000000000h8, an identity provider, 1 document); `oidc_client` (0oa1oidc0000000000h8, an OIDC app, 2 documents)."),
        "{out}"
    );
    let (_, out, _) = run(&["check", "--no-config", "--format", "json", "fixtures/apps/mixed"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let apps = json["summary"]["apps"].as_array().unwrap();
    let status = |name: &str| apps.iter().find(|app| app["name"] == name).map(|app| app["status"].clone());
    assert_eq!(status("haiilo_scim"), Some("target".into()));
    assert_eq!(status("oidc_client"), Some("skipped".into()));
    assert!(json["diagnostics"].as_array().unwrap().iter().all(|finding| finding["app"].is_string()));
    // Named in the config, the OIDC app is the one checked.
    let (_, out, _) =
        run(&["check", "--no-config", "--app", "0oa1oidc0000000000h8", "--format", "concise", "fixtures/apps/mixed"]);
    assert!(out.contains("oidc-mapping.json") && out.contains("T101"), "{out}");
    assert!(out.contains("haiilo-mapping.json:3:") || out.contains("`haiilo_scim`"), "{out}");
}

#[test]
fn a_walked_config_file_is_the_config_not_a_skipped_document() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(common::root().join("fixtures/examples/haiilo-article.json"), dir.path().join("haiilo.json"))
        .unwrap();
    std::fs::write(dir.path().join("scimlint.yaml"), "fail_on: info\n").unwrap();
    std::fs::write(dir.path().join("notes.json"), "{\"hello\": 1}\n").unwrap();
    let path = dir.path().to_string_lossy().into_owned();
    let (code, out, _) = run(&["check", "--format", "concise", &path]);
    assert_eq!(code, 1, "the walked config applies (fail_on: info):\n{out}");
    assert!(out.contains("Skipped 1 file that is not an Okta setup document."), "only notes.json:\n{out}");
    let (_, json, _) = run(&["check", "--format", "json", &path]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["summary"]["skipped_files"], 1);
}

#[test]
fn a_run_over_many_assumed_apps_names_a_few_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let article = std::fs::read_to_string(common::root().join("fixtures/examples/haiilo-article.json")).unwrap();
    for n in 0..8 {
        let app = article
            .replace("haiilo_scim", &format!("acme_scim_{n}"))
            .replace("0oaDS48mWnImB2P260x7", &format!("0oa{n}"));
        std::fs::create_dir(dir.path().join(format!("app{n}"))).unwrap();
        std::fs::write(dir.path().join(format!("app{n}/mapping.json")), app).unwrap();
    }
    let (_, out, _) = run(&["check", "--format", "concise", &dir.path().to_string_lossy()]);
    let line = out.lines().find(|line| line.starts_with("Checked as the target")).unwrap();
    assert!(line.contains("`acme_scim_0` (0oa0), ") && line.contains(", and 3 more (name the target"), "{line}");
    let (_, json, _) = run(&["check", "--format", "json", &dir.path().to_string_lossy()]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["summary"]["apps"].as_array().unwrap().len(), 8, "the JSON lists every app");
}

#[test]
fn an_app_id_that_reads_haiilo_is_the_target_not_an_assumed_app() {
    // F014 says the label stands where the id belongs; the run still knows which app is meant.
    let path = common::root().join("fixtures/F014/fail-features-app-label-as-id.tf");
    let path = path.to_string_lossy();
    let (code, out, _) = run(&["check", "--no-config", "--format", "concise", &path]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("F014"), "{out}");
    assert!(!out.contains("Checked as the target, since nothing says otherwise"), "{out}");
    let (_, json, _) = run(&["check", "--no-config", "--format", "json", &path]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let apps = json["summary"]["apps"].as_array().unwrap();
    assert_eq!(apps.len(), 1, "{apps:?}");
    assert_eq!(apps[0]["status"], "target", "{apps:?}");
}
