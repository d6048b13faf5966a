//! Where people work: config files, suppressions and `--fix`/`--diff`, through the command.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use assert_cmd::Command;

fn scimlint(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("scimlint").unwrap();
    command.current_dir(dir).env("NO_COLOR", "1").env_remove("GITHUB_ACTIONS");
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

fn fixture(name: &str) -> String {
    std::fs::read_to_string(common::root().join("fixtures").join(name)).unwrap()
}

#[test]
fn the_nearest_config_applies_and_the_command_line_wins() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("okta/haiilo")).unwrap();
    std::fs::write(dir.path().join("okta/haiilo/mapping.json"), fixture("examples/haiilo-article.json")).unwrap();
    std::fs::write(dir.path().join("scimlint.yaml"), "fail_on: info\n").unwrap();
    std::fs::write(dir.path().join("okta/.scimlint.yaml"), "severity: { P306: off }\n").unwrap();
    let (code, out, _) = run(dir.path(), &["check", "--format", "concise", "okta"]);
    assert_eq!((code, out.as_str()), (0, "All checks passed (1 file).\n"), "the nearer config (okta/) wins");
    let (code, _, _) = run(dir.path(), &["check", "--no-config", "--fail-on", "info", "okta"]);
    assert_eq!(code, 1, "--no-config ignores both");
    let (code, _, _) = run(dir.path(), &["check", "--config", "scimlint.yaml", "okta"]);
    assert_eq!(code, 1, "--config names the one to use");
    let (code, _, _) = run(dir.path(), &["check", "--config", "scimlint.yaml", "--fail-on", "error", "okta"]);
    assert_eq!(code, 0, "the command line wins over the config");
}

#[test]
fn a_broken_config_exits_two_and_points_into_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("m.json"), fixture("examples/haiilo-article.json")).unwrap();
    for (config, expected) in [
        ("select: [Z999]\n", "unknown rule `Z999`"),
        ("fail_on: sometimes\n", "`fail_on` must be `error`"),
        ("haiilo:\n  groups: Global\n", "`groups` must be an array"),
        ("severity: {P306: [off]\n", "scimlint.yaml"),
    ] {
        std::fs::write(dir.path().join("scimlint.yaml"), config).unwrap();
        let (code, _, err) = run(dir.path(), &["check", "m.json"]);
        assert_eq!(code, 2, "{config}: {err}");
        assert!(err.contains(expected) && err.contains("scimlint.yaml:"), "{config}: {err}");
    }
}

#[test]
fn unknown_config_keys_are_reported_with_did_you_mean_and_the_config_still_works() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("m.json"), fixture("examples/haiilo-article.json")).unwrap();
    std::fs::write(dir.path().join("scimlint.yaml"), "haiilo:\n  group: [Global]\nseverity: {P306: off}\n").unwrap();
    let (code, out, _) = run(dir.path(), &["check", "--format", "concise", "m.json"]);
    assert_eq!(code, 0);
    assert!(out.contains("scimlint.yaml:2:3: F009 warning `group` is not a config field"), "{out}");
    assert!(!out.contains("P306"), "{out}");
}

/// With the groups listed, `country ← user.countryCode` is still no proof: each user's value
/// must be a group, so it is a warning naming the groups; the team advice stays an info.
#[test]
fn groups_in_the_config_turn_p306_into_a_warning_on_values_from_users() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("m.json"), fixture("examples/haiilo-article.json")).unwrap();
    std::fs::write(dir.path().join("scimlint.yaml"), "haiilo:\n  groups: [Global, AMER, EMEA]\n").unwrap();
    let (_, out, _) = run(dir.path(), &["check", "--format", "concise", "m.json"]);
    assert!(out.contains("P306 warning `country` takes each user's Haiilo group from `user.countryCode`"), "{out}");
    assert!(out.contains("P306 info `locality` and `region` put users in Haiilo teams"), "{out}");
    let constant = fixture("examples/haiilo-article.json").replace("\"user.countryCode\"", "\"'EMEA'\"");
    std::fs::write(dir.path().join("m.json"), constant).unwrap();
    let (_, out, _) = run(dir.path(), &["check", "--format", "concise", "m.json"]);
    assert!(!out.contains("P306 warning"), "a constant in the list needs no warning: {out}");
}

#[test]
fn suppressions_and_exceptions_hide_findings_and_unused_ones_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = "mappings:\n  - attribute: givenName\n    value: user.firstName\n  - attribute: familyName\n    value: user.lastName\n  # scimlint: ignore[T101]\n  - attribute: title\n    value: user.title\n";
    std::fs::write(dir.path().join("a.scimlint.yaml"), manifest).unwrap();
    std::fs::write(dir.path().join("b.json"), fixture("T101/fail-okta-template-attributes.json")).unwrap();
    std::fs::write(
        dir.path().join("scimlint.yaml"),
        "exceptions:\n  \"b.json#/properties/email\": [T101]\n  \"b.json#/properties/nickName\": [T101]\nper_file_ignores:\n  \"*.json\": [T105]\n",
    )
    .unwrap();
    let (_, out, _) = run(dir.path(), &["check", "--format", "concise", "."]);
    let out = format!("\n{out}");
    assert!(!out.contains("a.scimlint.yaml:7"), "the comment suppresses the next line: {out}");
    assert!(!out.contains("`email`"), "the exception suppresses email: {out}");
    assert!(out.contains("`title` is not a Haiilo attribute"), "title in b.json is not excepted: {out}");
    assert!(out.contains("\nscimlint.yaml:3:3: F010 warning this exception suppresses nothing"), "{out}");
}

#[test]
fn fix_applies_safe_fixes_atomically_and_keeps_every_other_byte() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = "{\r\n  \"properties\": {\r\n    \"givenname\": { \"expression\": \"user.firstName\", \"pushStatus\": \"push\" }\r\n  }\r\n}";
    let path = dir.path().join("crlf.json");
    std::fs::write(&path, crlf).unwrap();
    let yaml = "# Haiilo\nmappings:   # the rows\n  - attribute: givenName\n    value: user.firstName\n    apply-on: create   # console: Create\n  - attribute: familyName\n    value: user.lastName\n";
    std::fs::write(dir.path().join("m.scimlint.yaml"), yaml).unwrap();
    let (code, out, _) = run(dir.path(), &["check", "--fix", "."]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Fixed 3 findings."), "{out}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        crlf.replace("givenname", "givenName").replace("\"push\"", "\"PUSH\"")
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("m.scimlint.yaml")).unwrap(),
        yaml.replace("apply-on", "apply_on")
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
    let (_, out, _) = run(dir.path(), &["check", "--fix", "."]);
    assert!(out.contains("Fixed 0 findings."), "fixing again changes nothing: {out}");
}

#[cfg(unix)]
#[test]
fn fix_follows_symlinks_keeps_permissions_and_refuses_read_only_files() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    std::fs::write(&real, fixture("T101/fail-update-body-scim-names.json")).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    symlink(&real, dir.path().join("link.json")).unwrap();
    let (code, _, _) = run(dir.path(), &["check", "--fix", "link.json"]);
    assert_eq!(code, 1, "surname needs --unsafe-fixes, so an error remains");
    assert!(std::fs::symlink_metadata(dir.path().join("link.json")).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&real).unwrap().contains("\"givenName\""));
    assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o640);

    let locked = dir.path().join("locked.json");
    let original = fixture("T101/fail-update-body-scim-names.json");
    std::fs::write(&locked, &original).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    let (code, _, err) = run(dir.path(), &["check", "--fix", "locked.json"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot write `locked.json`"), "{err}");
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), original);
}

#[test]
fn diff_prints_the_fixes_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let original = fixture("T101/fail-update-body-scim-names.json");
    std::fs::write(dir.path().join("m.json"), &original).unwrap();
    let (code, out, err) = run(dir.path(), &["check", "--diff", "--unsafe-fixes", "m.json"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("-    \"givenname\": {\n+    \"givenName\": {") && out.contains("+    \"familyName\": {"),
        "{out}"
    );
    assert!(err.contains("Would fix 2 findings."), "{err}");
    assert_eq!(std::fs::read_to_string(dir.path().join("m.json")).unwrap(), original);
}

#[test]
fn a_run_without_fix_changes_no_byte_and_no_modification_time() {
    let before: Vec<_> = walk(&common::root().join("fixtures"));
    let (code, _, _) = run(&common::root(), &["check", "--format", "json", "fixtures"]);
    assert_eq!(code, 1);
    assert_eq!(walk(&common::root().join("fixtures")), before);
}

fn walk(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            let modified = entry.metadata().unwrap().modified().unwrap();
            out.push((path.clone(), std::fs::read(&path).unwrap(), modified));
        }
    }
    out.sort();
    out
}

/// Suppression is a stage of the pipeline, not a rule: selecting one rule, ignoring F010 or
/// turning F010 off must not bring suppressed findings back.
#[test]
fn suppressions_hold_whatever_rules_are_selected() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("comment.scimlint.yaml"), fixture("F010/pass-ignore-comment-in-use.scimlint.yaml"))
        .unwrap();
    std::fs::create_dir(dir.path().join("legacy")).unwrap();
    std::fs::write(dir.path().join("legacy/old.json"), fixture("T101/fail-okta-template-attributes.json")).unwrap();
    let mapping = "{\"properties\": {\"givenName\": {\"expression\": \"user.firstName\", \"pushStatus\": \"DONT_PUSH\"},\n \"title\": {\"expression\": \"user.title\", \"pushStatus\": \"DONT_PUSH\"}}}\n";
    std::fs::write(dir.path().join("excepted.json"), mapping).unwrap();
    let config =
        "per_file_ignores:\n  \"legacy/**\": [T101]\nexceptions:\n  \"excepted.json#/properties/title\": [T101]\n";
    let t101 = |out: &str| out.lines().filter(|line| line.contains(" T101 ")).map(str::to_owned).collect::<Vec<_>>();
    for (extra_config, args) in [
        ("", vec!["--select", "T101"]),
        ("", vec!["--ignore", "F010"]),
        ("severity: {F010: off}\n", vec![]),
        ("select: [T101]\n", vec![]),
    ] {
        std::fs::write(dir.path().join("scimlint.yaml"), format!("{config}{extra_config}")).unwrap();
        let mut all = vec!["check", "--format", "concise"];
        all.extend(args.iter().copied());
        all.push(".");
        let (code, out, err) = run(dir.path(), &all);
        assert!(t101(&out).is_empty(), "{extra_config}{args:?}: a suppressed T101 came back:\n{out}{err}");
        assert_eq!(code, 0, "{extra_config}{args:?}: {out}{err}");
    }
    // And the suppressions do suppress something: without them T101 fires in all three files.
    std::fs::write(dir.path().join("scimlint.yaml"), "select: [T101]\n").unwrap();
    std::fs::write(
        dir.path().join("comment.scimlint.yaml"),
        fixture("F010/pass-ignore-comment-in-use.scimlint.yaml")
            .replace("# scimlint: ignore[unsupported-target-attribute]", ""),
    )
    .unwrap();
    let (_, out, _) = run(dir.path(), &["check", "--format", "concise", "."]);
    let files: std::collections::BTreeSet<String> =
        t101(&out).iter().filter_map(|line| line.split(':').next().map(str::to_owned)).collect();
    assert_eq!(files.len(), 3, "{out}");
}

#[test]
fn the_f010_pass_fixture_passes_under_any_selection() {
    let path = common::root().join("fixtures/F010/pass-ignore-comment-in-use.scimlint.yaml");
    let path = path.to_string_lossy().into_owned();
    for args in [vec![], vec!["--select", "T101"], vec!["--ignore", "F010"]] {
        let mut all = vec!["check", "--no-config", "--format", "concise"];
        all.extend(args.iter().copied());
        all.push(&path);
        let (code, out, _) = run(&common::root(), &all);
        assert_eq!(code, 0, "{args:?}: {out}");
    }
}
