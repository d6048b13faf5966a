//! The small things a user notices: a man page per subcommand with its exit codes, exit codes in
//! `--help`, help text that wraps between words at 80 columns, `table` under the config with the
//! features and a reason when there is nothing to draw, and `targets` columns that line up.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use assert_cmd::Command;

fn run_in(dir: &Path, args: &[&str], columns: Option<&str>) -> (i32, String, String) {
    let mut command = Command::cargo_bin("scimlint").unwrap();
    command.current_dir(dir).env("NO_COLOR", "1").env_remove("GITHUB_ACTIONS");
    match columns {
        Some(columns) => command.env("COLUMNS", columns),
        None => command.env_remove("COLUMNS"),
    };
    let output = command.args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into(),
        String::from_utf8_lossy(&output.stderr).into(),
    )
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_in(&common::root(), args, None)
}

const SUBCOMMANDS: &[&str] =
    &["check", "explain", "rules", "targets", "table", "preview", "pull", "server", "completions", "man", "schema"];

#[test]
fn every_subcommand_has_a_man_page_with_its_exit_status() {
    let (code, top, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(top.contains(".SH \"EXIT STATUS\""), "{top}");
    for name in SUBCOMMANDS {
        assert!(top.contains(&format!("scimlint\\-{}(1)", name.replace('-', "\\-"))), "the top page names {name}");
        let (code, page, err) = run(&["man", name]);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(page.contains(&format!(".TH scimlint-{name} 1")), "{name}: {page}");
        assert!(page.contains(".SH \"EXIT STATUS\"\n.TP\n\\fB0\\fR\n"), "{name}: {page}");
        assert!(!page.contains(".SH EXTRA"), "{name}");
    }
    let dir = tempfile::tempdir().unwrap();
    let (code, listed, _) = run(&["man", "--out-dir", &dir.path().to_string_lossy()]);
    assert_eq!(code, 0);
    assert_eq!(listed.lines().count(), SUBCOMMANDS.len() + 1);
    for name in SUBCOMMANDS {
        let page = std::fs::read_to_string(dir.path().join(format!("scimlint-{name}.1"))).unwrap();
        assert!(page.contains("EXIT STATUS"), "{name}");
    }
    let (code, _, err) = run(&["man", "nosuch"]);
    assert_eq!(code, 2);
    assert!(err.contains("no subcommand `nosuch`"), "{err}");
}

/// Every word of the help that holds a `/` (a path, an API route) or `::` must come out whole.
fn unbreakable_words(help: &str) -> Vec<String> {
    help.split_whitespace()
        .filter(|word| word.contains('/') || word.contains("::"))
        .map(|word| word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | ';' | '.' | ':' | '"')).to_owned())
        .collect()
}

#[test]
fn help_lists_exit_codes_and_wraps_between_words_at_80_columns() {
    for args in [vec!["--help"], vec!["check", "--help"], vec!["table", "--help"], vec!["server", "--help"]] {
        let (code, wide, _) = run_in(&common::root(), &args, Some("1000"));
        assert_eq!(code, 0);
        assert!(wide.contains("Exit status:\n  0  "), "{args:?}: {wide}");
        let (_, narrow, _) = run_in(&common::root(), &args, Some("80"));
        for line in narrow.lines() {
            assert!(line.chars().count() <= 80, "{args:?}: a line of {} columns: {line}", line.chars().count());
        }
        for word in unbreakable_words(&wide) {
            assert!(
                narrow.lines().any(|line| line.contains(&word)),
                "{args:?}: `{word}` is broken across lines at 80 columns"
            );
        }
    }
    let (_, help, _) = run_in(&common::root(), &["check", "--help"], Some("80"));
    assert!(help.contains("GET /api/v1/meta/schemas/user/default"), "{help}");
}

#[test]
fn table_uses_the_config_draws_features_and_says_why_it_draws_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let manifest =
        std::fs::read_to_string(common::root().join("fixtures/examples/haiilo-article.scimlint.yaml")).unwrap();
    std::fs::write(dir.path().join("haiilo.scimlint.yaml"), &manifest).unwrap();
    let (code, out, _) = run_in(dir.path(), &["table", "haiilo.scimlint.yaml"], None);
    assert_eq!(code, 0);
    assert!(
        out.contains("| locality     | Personal       | user.city                      | Create   | P306 info |"),
        "{out}"
    );
    assert!(out.contains("| Update User Attributes | on      | P301 warning |"), "{out}");
    assert!(out.contains("| Sync Password          | off     | ok           |"), "{out}");

    // The nearest config applies as it does for `check`.
    std::fs::write(dir.path().join("scimlint.yaml"), "severity: { P306: off, P301: error }\n").unwrap();
    let (code, out, _) = run_in(dir.path(), &["table", "haiilo.scimlint.yaml"], None);
    assert_eq!(code, 1, "P301 is an error now: {out}");
    assert!(
        out.contains("| locality     | Personal       | user.city                      | Create   | ok       |"),
        "{out}"
    );
    assert!(out.contains("| Update User Attributes | on      | P301 error   |"), "{out}");
    let (code, out, _) = run_in(dir.path(), &["table", "--no-config", "haiilo.scimlint.yaml"], None);
    assert_eq!(code, 0);
    assert!(out.contains("P306 info"), "{out}");

    // `null` in an update body removes a mapping: a removal, not an invalid value.
    let (code, out, _) = run(&["table", "fixtures/F007/pass-update-body-null-removes.json"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("| title      |                | (mapping removed: null)        |                   | ok       |"),
        "{out}"
    );
    assert!(!out.contains("(invalid)"), "{out}");

    let (code, out, _) = run(&["table", "fixtures/F001/fail-trailing-comma.json"]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("fixtures/F001/fail-trailing-comma.json: nothing to draw: 40:32: F001 invalid JSON"),
        "{out}"
    );
    let (code, _, err) = run(&["table", "fixtures/examples/"]);
    assert_eq!(code, 2);
    assert!(err.contains("it is a directory; `table` draws one file"), "{err}");
}

#[test]
fn targets_columns_line_up_and_effects_wrap_at_the_width() {
    let (code, out, _) = run_in(&common::root(), &["targets", "haiilo"], Some("80"));
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    let header = lines.iter().find(|line| line.starts_with("ATTRIBUTE")).unwrap();
    let column = |title: &str| header.find(title).unwrap();
    let user_name = lines.iter().find(|line| line.starts_with("userName ")).unwrap();
    assert_eq!(user_name.find("Configured in Sign On settings"), Some(column("OKTA SOURCE")), "{out}");
    assert_eq!(user_name.rfind(" -").map(|at| at + 1), Some(column("APPLY ON")), "{out}");
    // The effects, under the attribute, wrap between words at the width.
    let effects: Vec<&&str> = lines.iter().filter(|line| line.starts_with("              ")).collect();
    assert!(effects.len() > 10, "{out}");
    for line in effects {
        assert!(line.chars().count() <= 80, "{line}");
    }
}
