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
