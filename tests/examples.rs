//! The CI snippets in `examples/` (shown in the README) run as written, on the bundled example.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;

/// Every `scimlint …` command in a CI file, with its output redirection dropped.
fn commands(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim().trim_start_matches("- ").trim_start_matches("run: ");
            let command = line.strip_prefix("scimlint ")?;
            let command = command.split(['>', '#']).next()?;
            Some(command.split_whitespace().map(|word| word.replace("okta/", "fixtures/examples/")).collect())
        })
        .collect()
}

#[test]
fn every_scimlint_command_in_the_ci_examples_runs() {
    let mut seen = 0;
    for example in ["examples/github-actions.yml", "examples/gitlab-ci.yml"] {
        let text = std::fs::read_to_string(common::root().join(example)).unwrap();
        let parsed = scimlint::source::parse(&text, scimlint::source::Syntax::Yaml);
        assert!(parsed.is_ok(), "{example} is not valid YAML: {parsed:?}");
        for args in commands(&text) {
            let output =
                Command::cargo_bin("scimlint").unwrap().current_dir(common::root()).args(&args).output().unwrap();
            let code = output.status.code();
            assert!(matches!(code, Some(0 | 1)), "{example}: scimlint {args:?} exited {code:?}");
            let out = String::from_utf8_lossy(&output.stdout);
            if args.contains(&"sarif".to_owned()) || args.contains(&"gitlab".to_owned()) {
                assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok(), "{args:?} prints JSON");
            }
            seen += 1;
        }
    }
    assert!(seen >= 6, "found only {seen} commands");
}

#[test]
fn the_pre_commit_hook_is_declared_for_rust_and_matches_exports() {
    let text = std::fs::read_to_string(common::root().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks = scimlint::source::parse(&text, scimlint::source::Syntax::Yaml).unwrap();
    let hook = &hooks.items().unwrap()[0];
    assert_eq!(hook.get("language").and_then(|n| n.as_str()), Some("rust"));
    let files = regex::Regex::new(hook.get("files").and_then(|n| n.as_str()).unwrap()).unwrap();
    for name in ["okta/haiilo.json", "haiilo.scimlint.yaml", "infra/okta.tf", "a.scimlint.yml"] {
        assert!(files.is_match(name), "{name}");
    }
    assert!(!files.is_match("README.md"));
}
