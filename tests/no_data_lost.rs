//! Never lose a byte, never crash, never leak: one regression test per item of the issue that
//! found each of these broken on real shapes (minified API responses, stdin, configs).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scimlint"))
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&output.stdout).into_owned(),
        err: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

const MAPPING: &str =
    "{\"properties\": {\"givenName\": {\"expression\": \"user.firstName\", \"pushStatus\": \"PUSH\"}}}\n";

/// Item 1: The F009 fix of the config renames the key, once, and never writes a key twice.
#[test]
fn config_key_fixes_rename_once_and_never_duplicate_a_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("m.json"), MAPPING).unwrap();
    for (config, fixed) in [("fail_onn: warning\n", "fail_on: warning\n"), ("targt: haiilo\n", "target: haiilo\n")] {
        std::fs::write(dir.path().join("scimlint.yaml"), config).unwrap();
        let run = run_in(dir.path(), &["check", "--fix", "m.json"], None);
        assert_eq!(std::fs::read_to_string(dir.path().join("scimlint.yaml")).unwrap(), fixed);
        assert!(run.out.contains("Fixed 1 finding."), "{}", run.out);
        assert!(!run.out.contains("F002") && !run.out.contains("F009"), "{}", run.out);
    }
    let both = "fail_on: error\nfail_onn: warning\n";
    std::fs::write(dir.path().join("scimlint.yaml"), both).unwrap();
    let run = run_in(dir.path(), &["check", "--fix", "--format", "concise", "m.json"], None);
    assert_eq!(std::fs::read_to_string(dir.path().join("scimlint.yaml")).unwrap(), both, "no second `fail_on`");
    assert!(run.out.contains("F009") && run.out.contains("Fixed 0 findings."), "{}", run.out);
    // A key set twice in the config is reported, not silently resolved.
    std::fs::write(dir.path().join("scimlint.yaml"), "fail_on: error\nfail_on: never\n").unwrap();
    let run = run_in(dir.path(), &["check", "--format", "concise", "m.json"], None);
    assert!(run.out.contains("scimlint.yaml:2:1: F004"), "{}", run.out);
}

/// Item 2: `--fix` of stdin prints the fixed text and touches no file, whatever `--stdin-filename` says.
#[test]
fn fixing_stdin_prints_the_fixed_text_and_writes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let unrelated = "{\"unrelated\": true}\n";
    std::fs::write(dir.path().join("haiilo.json"), unrelated).unwrap();
    let broken = b"{\"properties\": {\"givenname\": {\"expression\": \"user.firstName\", \"pushStatus\": \"push\"}}}";
    let args = ["check", "--no-config", "--fix", "--stdin-filename", "haiilo.json", "-"];
    let run = run_in(dir.path(), &args, Some(broken));
    assert_eq!(std::fs::read_to_string(dir.path().join("haiilo.json")).unwrap(), unrelated);
    assert_eq!(
        run.out,
        "{\"properties\": {\"givenName\": {\"expression\": \"user.firstName\", \"pushStatus\": \"PUSH\"}}}"
    );
    assert!(run.err.contains("Fixed 2 findings.") && run.err.contains("All checks passed"), "{}", run.err);
    assert_eq!(run.code, 0);
}

/// Item 2, with a module: stdin named as a module's `terraform.tfvars` is evaluated with the
/// module's files beside it, and the fixes those files have are not written.
#[test]
fn fixing_stdin_of_a_module_writes_none_of_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let module = common::root().join("fixtures/terraform-eval/mistakes");
    for name in ["main.tf", "variables.tf", "terraform.tfvars"] {
        std::fs::copy(module.join(name), dir.path().join(name)).unwrap();
    }
    let main = std::fs::read_to_string(dir.path().join("main.tf")).unwrap();
    let tfvars = std::fs::read(dir.path().join("terraform.tfvars")).unwrap();
    let args = ["check", "--no-config", "--fix", "--stdin-filename", "terraform.tfvars", "-"];
    let run = run_in(dir.path(), &args, Some(&tfvars));
    assert_eq!(std::fs::read_to_string(dir.path().join("main.tf")).unwrap(), main, "{}", run.err);
    assert_eq!(run.out.as_bytes(), tfvars.as_slice(), "stdin's own text, unchanged: it has nothing to fix");
    assert!(run.err.contains("F014") && run.err.contains("Fixed 0 findings."), "{}", run.err);
}

/// Item 3: An unsafe rename onto a key that is already mapped is not made: Okta would keep the last.
#[test]
fn a_rename_onto_an_existing_key_is_skipped_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let text = "{\"properties\": {\n  \"givenName\": {\"expression\": \"user.firstName\", \"pushStatus\": \"PUSH\"},\n  \"firstName\": {\"expression\": \"user.nickName\", \"pushStatus\": \"PUSH\"}\n}}\n";
    std::fs::write(dir.path().join("m.json"), text).unwrap();
    let run = run_in(dir.path(), &["check", "--no-config", "--fix", "--unsafe-fixes", "m.json"], None);
    assert_eq!(std::fs::read_to_string(dir.path().join("m.json")).unwrap(), text, "{}{}", run.out, run.err);
    assert!(run.out.contains("already mapped"), "{}", run.out);
}

/// Item 4: `--diff` shows credentials masked, like every other output.
#[test]
fn diff_masks_credentials_in_context_lines() {
    let dir = tempfile::tempdir().unwrap();
    let token = "00Qx7bRq2Lm9TzVw4YkPa8NcHs3JdGf6Ue1Xi5Ob";
    let yaml = format!(
        "# curl -H 'Authorization: SSWS {token}'\nmappings:\n  - attribute: givenname\n    value: user.firstName\n"
    );
    std::fs::write(dir.path().join("m.scimlint.yaml"), yaml).unwrap();
    let run = run_in(dir.path(), &["check", "--no-config", "--diff", "m.scimlint.yaml"], None);
    assert!(run.out.contains("+  - attribute: givenName"), "{}", run.out);
    assert!(!run.out.contains(token) && !run.out.contains(&token[8..]), "{}", run.out);
}

/// A minified mapping array on one line: `count` properties, each a T101.
fn minified(count: usize) -> String {
    let properties: Vec<String> = (0..count)
        .map(|i| format!("\"attr{i:05}\":{{\"expression\":\"user.firstName\",\"pushStatus\":\"PUSH\"}}"))
        .collect();
    format!("[{{\"id\":\"prm1\",\"properties\":{{{}}}}}]", properties.join(","))
}

/// Items 5 and 6: Human output of a long minified line neither panics (miette refuses columns past
/// 65,536) nor reprints the whole line per finding, and its header column counts characters.
#[test]
fn human_output_of_one_long_line_is_cropped_and_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let text = minified(1_100);
    assert!(text.len() > 70_000);
    std::fs::write(dir.path().join("export.json"), &text).unwrap();
    let run = run_in(dir.path(), &["check", "--no-config", "export.json"], None);
    assert_eq!(run.code, 1, "{}", run.err);
    assert!(!run.err.contains("panicked"), "{}", run.err);
    let findings = run.out.matches("T101(").count();
    assert_eq!(findings, 1_100);
    assert!(run.out.len() < findings * 1_500, "{} bytes for {findings} findings", run.out.len());
    assert!(run.out.lines().all(|line| line.chars().count() < 200), "a line is not cropped");
    // The header's column is the one every other format gives, counted in characters.
    let json = run_in(dir.path(), &["check", "--no-config", "--format", "json", "export.json"], None);
    let value: serde_json::Value = serde_json::from_str(&json.out).unwrap();
    let last = value["diagnostics"].as_array().unwrap().last().unwrap().clone();
    let header = format!("export.json:1:{}]", last["column"]);
    assert!(run.out.contains(&header), "no header {header}");
    let text = format!("[{{\"id\":\"é\",{}", &text[1..].replacen("[{\"id\":\"prm1\",", "", 1));
    std::fs::write(dir.path().join("accent.json"), text).unwrap();
    let run = run_in(dir.path(), &["check", "--no-config", "accent.json"], None);
    assert!(!run.err.contains("panicked") && run.code == 1, "{}", run.err);
}

/// Item 8: A run that could not check a path never looks green, in any format.
#[test]
fn a_failed_run_says_so_in_every_format() {
    let root = common::root();
    let args = |format: &'static str| vec!["check", "--no-config", "--format", format, "does/not/exist.json"];
    for format in ["human", "concise"] {
        let run = run_in(&root, &args(format), None);
        assert_eq!(run.code, 2);
        assert!(
            !run.out.contains("passed") && run.out.contains("error: could not check 1 path"),
            "{format}: {}",
            run.out
        );
    }
    let json: serde_json::Value = serde_json::from_str(&run_in(&root, &args("json"), None).out).unwrap();
    assert_eq!(json["errors"][0]["path"], "does/not/exist.json");
    let sarif: serde_json::Value = serde_json::from_str(&run_in(&root, &args("sarif"), None).out).unwrap();
    assert_eq!(sarif["runs"][0]["invocations"][0]["executionSuccessful"], false);
    assert!(sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].is_string());
    let junit = run_in(&root, &args("junit"), None).out;
    assert!(junit.contains("<error ") && junit.contains("errors=\"1\""), "{junit}");
    let gitlab: serde_json::Value = serde_json::from_str(&run_in(&root, &args("gitlab"), None).out).unwrap();
    assert_eq!(gitlab[0]["severity"], "blocker");
    assert!(run_in(&root, &args("markdown"), None).out.contains("could not check 1 path"));
    assert!(run_in(&root, &args("github"), None).out.starts_with("::error file=does/not/exist.json"));
    let too_large = run_in(
        &root,
        &["check", "--no-config", "--max-file-size", "10", "fixtures/examples/haiilo-article.json"],
        None,
    );
    assert_eq!(too_large.code, 2);
    assert!(too_large.out.contains("could not check 1 path"), "{}", too_large.out);
}

/// Item 9: A closed pipe ends every format quietly.
#[test]
fn a_broken_pipe_is_quiet_in_every_format() {
    for format in ["human", "json", "sarif", "gitlab", "junit"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_scimlint"))
            .args(["check", "--no-config", "--format", format, "fixtures"])
            .current_dir(common::root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(!err.contains("Broken pipe") && !err.contains("panicked"), "{format}: {err}");
        assert_ne!(output.status.code(), Some(2), "{format}: {err}");
    }
}

/// Item 10: Documents that are no Okta export are not read as one, named or walked.
#[test]
fn json_schemas_readmes_and_toml_are_not_okta_documents() {
    let root = common::root();
    let run = run_in(&root, &["check", "--no-config", "--format", "concise", "README.md", "Cargo.toml"], None);
    assert_eq!(run.out.matches(" F002 ").count(), 2, "{}", run.out);
    assert!(!run.out.contains("F001") && !run.out.contains("F010"), "{}", run.out);
    let quiet = run_in(&root, &["check", "--no-config", "--ignore-unknown", "README.md", "Cargo.toml"], None);
    assert_eq!((quiet.code, quiet.out.as_str()), (0, ""), "{}", quiet.err);
    let schemas =
        run_in(&root, &["check", "--no-config", "--format", "concise", "rules/schemas/manifest.schema.json"], None);
    assert!(schemas.out.contains(" F002 ") && !schemas.out.contains("T10"), "{}", schemas.out);
    let walked = run_in(&root, &["check", "--no-config", "rules"], None);
    assert!(!walked.out.contains("T10") && !walked.err.contains("T10"), "{}", walked.out);
}

/// Item 11: stdin: an empty input is said to be empty; Terraform is recognised by content.
#[test]
fn stdin_says_it_is_empty_and_recognises_terraform() {
    let root = common::root();
    let empty = run_in(&root, &["check", "--no-config", "-"], Some(b""));
    assert!(empty.out.contains("it is empty") && !empty.out.contains("null"), "{}", empty.out);
    let tf = b"resource \"okta_profile_mapping\" \"haiilo\" {\n  source_id = \"otyabc\"\n  target_id = \"0oaabc\"\n  mappings {\n    id         = \"givenname\"\n    expression = \"user.firstName\"\n  }\n}\n";
    let run = run_in(&root, &["check", "--no-config", "--format", "concise", "-"], Some(tf));
    assert!(run.out.contains("T101") && !run.out.contains("F002"), "{}", run.out);
}
