//! The CI snippets in `examples/` (shown in the README) run as written, on the bundled example.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;

/// Every `scimlint …` command in a CI file, with its output redirection dropped and the bundled
/// example in place of `okta/`.
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
fn each_ci_example_runs_scimlint_once_and_writes_every_report() {
    for example in ["examples/github-actions.yml", "examples/gitlab-ci.yml"] {
        let text = std::fs::read_to_string(common::root().join(example)).unwrap();
        let parsed = scimlint::source::parse(&text, scimlint::source::Syntax::Yaml);
        assert!(parsed.is_ok(), "{example} is not valid YAML: {parsed:?}");
        let commands = commands(&text);
        assert_eq!(commands.len(), 1, "{example} runs scimlint once: {commands:?}");
        let dir = tempfile::tempdir().unwrap();
        // Reports go to a scratch directory instead of the repository.
        let mut reports = Vec::new();
        let args: Vec<String> = commands[0]
            .iter()
            .map(|word| match word.split_once(':') {
                Some((format, path)) if scimlint::render::Format::from_name(format).is_some() => {
                    let path = dir.path().join(path);
                    reports.push((format.to_owned(), path.clone()));
                    format!("{format}:{}", path.display())
                }
                _ => word.clone(),
            })
            .collect();
        let output = Command::cargo_bin("scimlint")
            .unwrap()
            .current_dir(common::root())
            .env_remove("GITHUB_ACTIONS")
            .args(&args)
            .output()
            .unwrap();
        let code = output.status.code();
        assert!(matches!(code, Some(0 | 1)), "{example}: scimlint {args:?} exited {code:?}");
        assert!(String::from_utf8_lossy(&output.stdout).contains("Found "), "{example} prints the findings");
        assert!(reports.len() >= 2, "{example} writes its reports with --output: {args:?}");
        for (format, path) in reports {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{example}: no {}", path.display()));
            match format.as_str() {
                "sarif" | "gitlab" | "json" => assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok()),
                "junit" => assert!(junit_parser::from_reader(text.as_bytes()).is_ok(), "{text}"),
                _ => assert!(text.contains("scimlint"), "{text}"),
            }
        }
    }
}

/// The hooks of `.pre-commit-hooks.yaml`, by id: (language, entry, files).
fn hooks() -> Vec<(String, String, String, String)> {
    let text = std::fs::read_to_string(common::root().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks = scimlint::source::parse(&text, scimlint::source::Syntax::Yaml).unwrap();
    let field = |hook: &scimlint::source::Node, key: &str| hook.get(key).and_then(|n| n.as_str()).unwrap().to_owned();
    hooks
        .items()
        .unwrap()
        .iter()
        .map(|hook| (field(hook, "id"), field(hook, "language"), field(hook, "entry"), field(hook, "files")))
        .collect()
}

#[test]
fn both_pre_commit_hooks_pass_every_name_check_reads() {
    let hooks = hooks();
    let ids: Vec<(&str, &str)> = hooks.iter().map(|(id, language, ..)| (id.as_str(), language.as_str())).collect();
    assert_eq!(ids, [("scimlint-system", "system"), ("scimlint", "rust")]);
    for (id, _, entry, files) in &hooks {
        assert_eq!(entry, "scimlint check --ignore-unknown", "{id}");
        let files = regex::Regex::new(files).unwrap();
        // A manifest may have any YAML name: `haiilo.yaml` is one by its `mappings:`.
        for name in
            ["okta/haiilo.json", "haiilo.scimlint.yaml", "infra/okta.tf", "a.scimlint.yml", "haiilo.yaml", "OKTA/X.YML"]
        {
            assert!(files.is_match(name), "{id}: {name}");
        }
        for name in ["README.md", "Cargo.toml", "okta/users.csv"] {
            assert!(!files.is_match(name), "{id}: {name}");
        }
    }
}

/// What pre-commit does with a commit of a manifest named `haiilo.yaml` (2 errors) and other
/// files: pass the names that match `files` to the entry, which must fail.
#[test]
fn the_hook_entry_fails_on_a_plain_named_manifest_with_errors() {
    let (_, _, entry, files) = hooks().remove(0);
    let files = regex::Regex::new(&files).unwrap();
    let staged = [
        "fixtures/pre-commit/haiilo.yaml",
        "README.md",
        "Cargo.toml",
        ".pre-commit-hooks.yaml",
        "examples/gitlab-ci.yml",
    ];
    let passed: Vec<&str> = staged.iter().copied().filter(|name| files.is_match(name)).collect();
    assert!(passed.contains(&"fixtures/pre-commit/haiilo.yaml"));
    let words: Vec<&str> = entry.split_whitespace().collect();
    let output = Command::cargo_bin("scimlint")
        .unwrap()
        .current_dir(common::root())
        .env("NO_COLOR", "1")
        .args(&words[1..])
        .args(&passed)
        .args(["--format", "concise"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert_eq!(out.matches("fixtures/pre-commit/haiilo.yaml:").count(), 2, "{out}");
    assert!(out.contains("Found 2 errors in 1 file."), "the other YAML files are skipped: {out}");
}
