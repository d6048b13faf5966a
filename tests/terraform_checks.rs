//! Terraform as a user checks it: each fixture module folder as `scimlint check DIR` reports it
//! (snapshots), plans with and without their configuration, and Terraform's own variable flags.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;

fn run(args: &[&str]) -> (i32, String) {
    let format = if args.contains(&"--format") { [].as_slice() } else { ["--format", "concise"].as_slice() };
    let output = Command::cargo_bin("scimlint")
        .unwrap()
        .current_dir(common::root())
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .args(["check", "--no-config"])
        .args(format)
        .args(args)
        .output()
        .unwrap();
    (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stdout).into_owned())
}

/// One snapshot per construct: what `check fixtures/terraform-eval/NAME` says.
#[test]
fn every_module_folder_reads_as_snapshotted() {
    let root = common::root().join("fixtures/terraform-eval");
    let mut folders: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert!(folders.len() >= 10, "{folders:?}");
    for folder in folders {
        let (code, out) = run(&[&format!("fixtures/terraform-eval/{folder}")]);
        assert!(code == 0 || code == 1, "{folder}: exit {code}\n{out}");
        insta::assert_snapshot!(format!("terraform_eval__{folder}"), out);
    }
}

/// The findings of a run, one line each (what the summary says aside).
fn finding_lines(out: &str) -> Vec<String> {
    out.lines().filter(|line| line.starts_with("fixtures/")).map(str::to_owned).collect()
}

/// pre-commit passes only the changed files, and an editor one buffer: a module's file named
/// alone is evaluated with the rest of its directory, as Terraform reads it.
#[test]
fn a_module_file_named_alone_is_read_with_its_directory() {
    for folder in ["variables", "precedence", "module", "for-each", "references"] {
        let dir = format!("fixtures/terraform-eval/{folder}");
        let (_, whole) = run(&[&dir]);
        let whole = finding_lines(&whole);
        assert!(!whole.is_empty(), "{folder}");
        let mut named: Vec<String> = std::fs::read_dir(common::root().join(&dir))
            .unwrap()
            .filter_map(Result::ok)
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".tf") || name.ends_with(".tfvars"))
            .collect();
        named.sort();
        for name in named {
            let (_, alone) = run(&[&format!("{dir}/{name}")]);
            assert_eq!(finding_lines(&alone), whole, "{dir}/{name} alone");
        }
    }
}

/// A try that cannot read the whole directory (here a folder named like a `.tf` file) takes back
/// what it read: the run holds the named file alone, as without the try.
#[test]
fn a_directory_that_cannot_be_read_whole_adds_none_of_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let module = common::root().join("fixtures/terraform-eval/variables");
    for name in ["main.tf", "variables.tf", "terraform.tfvars"] {
        std::fs::copy(module.join(name), dir.path().join(name)).unwrap();
    }
    std::fs::create_dir(dir.path().join("zz.tf")).unwrap();
    let named = dir.path().join("terraform.tfvars");
    let output = Command::cargo_bin("scimlint")
        .unwrap()
        .env_remove("GITHUB_ACTIONS")
        .args(["check", "--no-config", "--format", "json", &named.to_string_lossy()])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 1, "{}", json["summary"]);
    for diagnostic in json["diagnostics"].as_array().unwrap() {
        assert_eq!(diagnostic["file"].as_str().unwrap(), named.to_string_lossy(), "{diagnostic}");
    }
}

/// A folder of standalone examples is no module: a file of it named alone is checked alone.
#[test]
fn a_file_of_a_folder_of_examples_named_alone_is_checked_alone() {
    for name in [
        "fixtures/F014/fail-app-name-as-id.tf",
        "fixtures/F011/fail-remote-module.tf",
        "fixtures/T106/pass-namespaced.tf",
    ] {
        let (_, out) = run(&["--format", "json", name]);
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        for diagnostic in json["diagnostics"].as_array().unwrap() {
            assert_eq!(diagnostic["file"], name, "{diagnostic}");
        }
        assert_eq!(json["summary"]["files"], 1, "{name}: {}", json["summary"]);
    }
}

#[test]
fn findings_of_dynamic_entries_point_at_the_tfvars_line_with_the_block_related() {
    let (_, out) = run(&["--format", "json", "fixtures/terraform-eval/variables"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let t101 = json["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "T101").unwrap();
    assert_eq!(
        (&t101["file"], &t101["line"]),
        (&"fixtures/terraform-eval/variables/terraform.tfvars".into(), &4.into())
    );
    let related = t101["related"].as_array().unwrap();
    assert!(
        related.iter().any(|label| label["message"] == "generated by this block"
            && label["file"] == "fixtures/terraform-eval/variables/main.tf"
            && label["line"] == 16),
        "{t101}"
    );
}

#[test]
fn no_mapping_with_unknown_entries_is_called_empty() {
    for path in [
        "fixtures/terraform-eval/unknown",
        "fixtures/F011/fail-no-value",
        "fixtures/F008/pass-terraform-unknown-entries.tf",
    ] {
        let (_, out) = run(&[path]);
        assert!(!out.contains(" F008 ") && !out.contains(" T105 "), "{path}:\n{out}");
        assert!(out.contains(" F011 ") && out.contains("Not evaluated:"), "{path}:\n{out}");
    }
}

#[test]
fn a_plan_points_into_its_configuration_beside_it_or_at_itself() {
    let (_, beside) = run(&["fixtures/terraform-plan/haiilo/plan.json"]);
    assert!(beside.contains("fixtures/terraform-plan/haiilo/main.tf:25:19: P306"), "{beside}");
    assert!(!beside.contains("plan.json:"), "{beside}");
    let (_, alone) = run(&["fixtures/terraform-plan/plan-only/plan.json"]);
    assert!(alone.contains("fixtures/terraform-plan/plan-only/plan.json:33:57: P306"), "{alone}");
    let (_, named) =
        run(&["--tf-dir", "fixtures/terraform-plan/haiilo", "fixtures/terraform-plan/plan-only/plan.json"]);
    assert!(named.contains("fixtures/terraform-plan/haiilo/main.tf:25:19: P306"), "{named}");
    // The plan and its configuration in one run: each finding once.
    let (_, both) = run(&["fixtures/terraform-plan/haiilo"]);
    assert_eq!(both.matches(" P306 ").count(), 1, "{both}");
    assert_eq!(both.matches(" P303 ").count(), 1, "{both}");
}

#[test]
fn var_and_var_file_apply_in_command_line_order_after_the_tfvars() {
    let dir = "fixtures/terraform-eval/variables";
    let (_, tfvars) = run(&[dir]);
    assert!(tfvars.contains("T101") && tfvars.contains("`email`"), "{tfvars}");
    let only_names = "mappings=[{id=\"givenName\", expression=\"user.firstName\"}]";
    let (code, var) = run(&["--var", only_names, dir]);
    assert_eq!(code, 0, "{var}");
    assert!(!var.contains("T101"), "{var}");
    let temp = tempfile::tempdir().unwrap();
    let file = temp.path().join("prod.tfvars");
    std::fs::write(&file, "mappings = [{ id = \"surname\", expression = \"user.lastName\" }]\n").unwrap();
    let file = file.to_string_lossy().into_owned();
    // The last flag wins, as with terraform plan.
    let (_, file_last) = run(&["--var", only_names, "--var-file", &file, dir]);
    assert!(file_last.contains("`surname`") && file_last.contains("prod.tfvars:1:"), "{file_last}");
    let (_, var_last) = run(&["--var-file", &file, "--var", only_names, dir]);
    assert!(!var_last.contains("surname"), "{var_last}");
}

#[test]
fn a_bad_var_is_a_usage_error() {
    let (code, _) = run(&["--var", "no-equals-sign", "fixtures/terraform-eval/variables"]);
    assert_eq!(code, 2);
    let (code, _) = run(&["--var-file", "no/such/file.tfvars", "fixtures/terraform-eval/variables"]);
    assert_eq!(code, 2);
}

#[test]
fn the_quoted_reference_fix_makes_the_reference() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("main.tf");
    std::fs::copy(common::root().join("fixtures/F014/fail-quoted-reference.tf"), &path).unwrap();
    let (code, _) = run(&["--fix", &path.to_string_lossy()]);
    assert_eq!(code, 0);
    let fixed = std::fs::read_to_string(&path).unwrap();
    let expected =
        std::fs::read_to_string(common::root().join("fixtures/F014/fail-quoted-reference.fixed.tf")).unwrap();
    assert_eq!(fixed, expected);
}
