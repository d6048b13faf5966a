//! Every rule is complete: code, check, metadata, documentation, fixtures, snapshots.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashSet;

use scimlint::Code;
use scimlint::checks::CHECKS;
use scimlint::ruleset::{FixAvailability, embedded_paths};

const SECTIONS: [&str; 5] = ["## What it does", "## Why it matters", "## Example", "## Fix", "## Source"];

#[test]
fn every_code_has_exactly_one_check_and_the_registry_is_sorted_by_code() {
    let registered: Vec<Code> = CHECKS.iter().map(|check| check.code).collect();
    assert_eq!(registered, Code::ALL.to_vec(), "one registry line per rules.yaml entry, sorted by code");
    let mut sorted: Vec<&str> = Code::ALL.iter().map(|code| code.as_str()).collect();
    sorted.sort_unstable();
    assert_eq!(sorted, Code::ALL.iter().map(|code| code.as_str()).collect::<Vec<_>>(), "Code::ALL sorts by code");
}

#[test]
fn codes_and_names_are_unique_well_formed_and_in_the_data() {
    let mut names = HashSet::new();
    for code in Code::ALL {
        let info = code.info();
        assert_eq!(info.code, code.as_str(), "rules.yaml entry for {code}");
        assert!(names.insert(info.name), "duplicate name {}", info.name);
        assert!(
            info.name.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !info.name.starts_with("no-"),
            "{code}: `{}` is not a kebab-case problem name",
            info.name
        );
        assert_eq!(Code::lookup(info.name), Some(*code));
    }
    let data_codes = embedded_paths().filter(|path| path.starts_with("docs/")).count();
    assert_eq!(data_codes, Code::ALL.len(), "rules/docs has a page for a rule that does not exist (or lacks one)");
}

#[test]
fn every_rule_has_documentation_with_all_sections() {
    for code in Code::ALL {
        let info = code.info();
        let heading = format!("# {code} {}", info.name);
        assert_eq!(info.docs.lines().next(), Some(heading.as_str()), "{code} doc heading");
        assert!(!info.summary().is_empty(), "{code} has no summary line");
        let mut at = 0;
        for section in SECTIONS {
            let found =
                info.docs[at..].find(section).unwrap_or_else(|| panic!("{code} docs lack `{section}` (in order)"));
            at += found + section.len();
        }
    }
}

#[test]
fn every_rule_has_fixtures_and_snapshots() {
    let snapshots = common::root().join("tests/snapshots/rules");
    for code in Code::ALL {
        let (fail, pass) = common::fixtures(code.as_str());
        assert!(!fail.is_empty(), "fixtures/{code}/ has no fail-* file");
        assert!(!pass.is_empty(), "fixtures/{code}/ has no pass-* file");
        for path in &fail {
            let snapshot = snapshots.join(format!("{code}__{}.snap", common::file_name(path)));
            assert!(snapshot.exists(), "no snapshot {}", snapshot.display());
        }
        if code.info().fix != FixAvailability::None {
            assert!(
                fail.iter().any(|path| common::fixed_path(path).exists()),
                "{code} is fixable but no fail file has a .fixed result"
            );
        }
    }
}

#[test]
fn every_value_rule_fixture_has_a_users_file_and_every_users_file_a_fixture() {
    for code in Code::ALL.iter().filter(|code| code.as_str().starts_with('V')) {
        let (fail, pass) = common::fixtures(code.as_str());
        for path in fail.iter().chain(&pass) {
            assert!(common::users_file(path).is_some(), "{} has no users file beside it", path.display());
        }
        let dir = common::root().join("fixtures").join(code.as_str());
        for entry in std::fs::read_dir(&dir).unwrap().filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some((stem, _)) = name.split_once(".users.") {
                assert!(
                    fail.iter().chain(&pass).any(|path| common::file_name(path).split('.').next() == Some(stem)),
                    "fixtures/{code}/{name} belongs to no fixture"
                );
            }
        }
    }
}

#[test]
fn fix_availability_matches_what_the_rules_do() {
    for code in Code::ALL {
        let (fail, _) = common::fixtures(code.as_str());
        let fixes: Vec<bool> = fail
            .iter()
            .flat_map(|path| common::lint_file(path).findings)
            .filter(|finding| finding.code == *code)
            .map(|finding| finding.fix.is_some())
            .collect();
        match code.info().fix {
            FixAvailability::None => assert!(!fixes.contains(&true), "{code} declares no fix but offers one"),
            FixAvailability::Always => assert!(fixes.iter().all(|has| *has), "{code} declares a fix for every finding"),
            FixAvailability::Sometimes => {
                assert!(fixes.contains(&true), "{code} declares fixes but no fixture shows one")
            }
        }
    }
}

#[test]
fn messages_say_what_is_wrong_and_help_says_what_to_do() {
    for code in Code::ALL {
        let (fail, _) = common::fixtures(code.as_str());
        for finding in fail.iter().flat_map(|path| common::lint_file(path).findings) {
            assert!(
                !finding.message.is_empty() && !finding.message.ends_with('.'),
                "{}: `{}`",
                finding.code,
                finding.message
            );
            assert!(!finding.label.is_empty(), "{} has no label", finding.code);
            assert!(finding.help.is_some(), "{} has no help", finding.code);
            assert!(
                finding.span.len() < 400,
                "{} labels {} bytes: not the shortest span",
                finding.code,
                finding.span.len()
            );
        }
    }
}

#[test]
fn every_built_in_target_profile_validates_against_the_profile_schema() {
    // At run time built-in profiles are read without the schema: this test is their validation.
    for name in scimlint::ruleset::target::BUILT_IN {
        let path = format!("targets/{name}.yaml");
        let text = scimlint::ruleset::embedded_file(&path).expect("embedded profile");
        let parsed = scimlint::ruleset::target::Target::parse(&path, text);
        assert!(parsed.is_ok(), "{path}: {:?}", parsed.err());
        let read = scimlint::ruleset::target::Target::load(name).expect("built-in profile");
        assert_eq!(read.attributes.len(), parsed.expect("valid").attributes.len());
    }
}
