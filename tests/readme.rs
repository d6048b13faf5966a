//! The README shows the bundled example's output exactly as `check` prints it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;

#[test]
fn readme_shows_the_example_output_as_printed() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    assert!(
        readme.contains("cargo run --release -- check fixtures/examples/\ncargo test\n"),
        "the two set-up commands"
    );
    let shown = readme.split("```text\n").nth(1).and_then(|rest| rest.split("```").next()).unwrap();
    let output = Command::cargo_bin("scimlint")
        .unwrap()
        .current_dir(common::root())
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("GITHUB_ACTIONS")
        .args(["check", "fixtures/examples/"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout), shown, "README.md's example output is stale");
}

#[test]
fn readme_shows_the_preview_of_the_example_users_as_printed() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let command = "scimlint preview --users fixtures/examples/users/users.ndjson \\\n  --config fixtures/examples/users/scimlint.yaml fixtures/examples/haiilo-article.scimlint.yaml\n";
    let (_, after) = readme.split_once(command).expect("the preview command of \"Check against your users\"");
    assert!(after.starts_with("```\n\nprints, in a terminal 150 columns wide"), "the width it is shown at");
    let shown = after.split("```text\n").nth(1).and_then(|rest| rest.split("```").next()).unwrap();
    let output = Command::cargo_bin("scimlint")
        .unwrap()
        .current_dir(common::root())
        .env("COLUMNS", "150")
        .args(["preview", "--users", "fixtures/examples/users/users.ndjson"])
        .args(["--config", "fixtures/examples/users/scimlint.yaml", "fixtures/examples/haiilo-article.scimlint.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout), shown, "README.md's preview output is stale");
}

fn readme() -> String {
    std::fs::read_to_string(common::root().join("README.md")).unwrap()
}

#[test]
fn readme_install_commands_and_minimum_rust_version_are_the_projects() {
    let readme = readme();
    assert!(readme.contains("cargo install --locked --git https://github.com/your-org/scimlint scimlint"));
    assert!(readme.contains("cargo install --locked --path ."));
    let manifest = std::fs::read_to_string(common::root().join("Cargo.toml")).unwrap();
    let version = manifest
        .lines()
        .find_map(|line| line.strip_prefix("rust-version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap();
    assert!(
        readme.contains(&format!("The minimum Rust version is **{version}**")),
        "README names rust-version {version}"
    );
    let gitlab = std::fs::read_to_string(common::root().join("examples/gitlab-ci.yml")).unwrap();
    assert!(gitlab.contains(&format!("image: rust:{version}")), "the GitLab example builds with the minimum version");
}

#[test]
fn readme_ci_lines_are_the_tested_examples() {
    let readme = readme();
    let examples: String = ["examples/github-actions.yml", "examples/gitlab-ci.yml", "examples/pre-commit-config.yaml"]
        .iter()
        .map(|name| std::fs::read_to_string(common::root().join(name)).unwrap())
        .collect();
    let shown: Vec<&str> = readme.lines().filter(|line| line.contains("scimlint check --output")).collect();
    assert!(shown.len() >= 2, "the README shows --output");
    for line in shown {
        assert!(examples.contains(line.trim_start_matches("$ ")), "not in examples/: {line}");
    }
    let hooks = std::fs::read_to_string(common::root().join(".pre-commit-hooks.yaml")).unwrap();
    assert!(readme.contains("- id: scimlint-system") && hooks.contains("- id: scimlint-system"));
}

#[test]
fn readme_baseline_workflow_is_the_one_tested() {
    let readme = readme();
    let tests = std::fs::read_to_string(common::root().join("tests/ci_reports.rs")).unwrap();
    for (shown, tested) in [
        (
            "scimlint check --write-baseline scimlint-baseline.json okta/",
            r#"&["check", "--write-baseline", "scimlint-baseline.json", "okta/"]"#,
        ),
        (
            "scimlint check --baseline scimlint-baseline.json okta/",
            r#"&["check", "--baseline", "scimlint-baseline.json", "okta/"]"#,
        ),
    ] {
        assert!(readme.contains(shown), "README lacks `{shown}`");
        assert!(tests.contains(tested), "tests/ci_reports.rs no longer runs `{shown}`");
    }
}

#[test]
fn readme_editor_set_ups_start_the_server() {
    let readme = readme();
    for snippet in [
        r#""glspc.serverPath": "scimlint","#,
        r#""glspc.serverArgs": ["server"],"#,
        r#"cmd = { "scimlint", "server" },"#,
        "[language-server.scimlint]\ncommand = \"scimlint\"\nargs = [\"server\"]",
    ] {
        assert!(readme.contains(snippet), "README lacks {snippet}");
    }
    let output = Command::cargo_bin("scimlint").unwrap().args(["server", "--help"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "`scimlint server` is a subcommand");
}
