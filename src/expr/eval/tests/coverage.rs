//! The coverage table covers the whole catalogue of `rules/okta.yaml`, and says the truth:
//! every entry marked Unknown evaluates to its reason, every other one computes.

use crate::expr::eval::coverage::{COVERAGE, lookup};
use crate::expr::eval::{EmptyProfile, Env, Evaluator, Outcome};
use crate::expr::parse;

/// The `name:` of every entry of the three function lists of the catalogue.
fn catalogue_names() -> Vec<String> {
    let yaml = include_str!("../../../../rules/okta.yaml");
    let mut names = Vec::new();
    let mut in_functions = false;
    for line in yaml.lines() {
        if !line.starts_with(' ') && !line.starts_with('#') && !line.is_empty() {
            in_functions = matches!(line, "functions:" | "deprecated_functions:" | "group_claim_functions:");
            continue;
        }
        let Some(rest) = line.trim_start().strip_prefix("- { name: ") else { continue };
        if in_functions {
            names.push(rest.split([',', ' ']).next().unwrap().to_owned());
        }
    }
    names
}

#[test]
fn every_catalogue_function_has_a_coverage_entry() {
    let names = catalogue_names();
    assert!(names.len() >= 60, "the scan of rules/okta.yaml found only {names:?}");
    let missing: Vec<&String> = names.iter().filter(|name| lookup(name).is_none()).collect();
    assert!(missing.is_empty(), "functions of rules/okta.yaml without a coverage entry: {missing:?}");
    let extra: Vec<&str> =
        COVERAGE.iter().map(|entry| entry.name).filter(|name| !names.iter().any(|known| known == name)).collect();
    assert!(extra.is_empty(), "coverage entries for functions the catalogue does not list: {extra:?}");
}

#[test]
fn unknown_entries_evaluate_to_their_reason() {
    for entry in COVERAGE.iter().filter(|entry| !entry.evaluates()) {
        let text = format!("{}('active_directory')", entry.name);
        let expr = parse(&text).unwrap();
        let outcome = Evaluator::new().evaluate(&expr, &Env::user(&EmptyProfile));
        let Outcome::Unknown(unknown) = outcome else { panic!("{text}: {outcome:?}") };
        assert_eq!(unknown.reason, entry.note, "{text}");
    }
}

#[test]
fn evaluated_entries_compute_a_value() {
    let samples = [
        ("String.append", "('a', 'b')"),
        ("String.join", "(',', 'a')"),
        ("String.len", "('a')"),
        ("String.removeSpaces", "('a b')"),
        ("String.replace", "('a', 'a', 'b')"),
        ("String.replaceFirst", "('a', 'a', 'b')"),
        ("String.startsWith", "('a', 'a')"),
        ("String.stringContains", "('a', 'a')"),
        ("String.stringSwitch", "('a', 'b')"),
        ("String.substring", "('abc', 0, 1)"),
        ("String.substringAfter", "('a@b', '@')"),
        ("String.substringBefore", "('a@b', '@')"),
        ("String.toUpperCase", "('a')"),
        ("String.toLowerCase", "('A')"),
        ("toUpperCase", "('a')"),
        ("toLowerCase", "('A')"),
        ("substringBefore", "('a@b', '@')"),
        ("substringAfter", "('a@b', '@')"),
        ("substring", "('abc', 0, 1)"),
        ("Arrays.add", "({1}, 2)"),
        ("Arrays.remove", "({1}, 1)"),
        ("Arrays.clear", "({1})"),
        ("Arrays.get", "({1}, 0)"),
        ("Arrays.flatten", "({1})"),
        ("Arrays.contains", "({1}, 1)"),
        ("Arrays.size", "({1})"),
        ("Arrays.isEmpty", "({1})"),
        ("Arrays.toCsvString", "({1})"),
        ("Convert.toInt", "('1')"),
        ("Convert.toNum", "('1')"),
        ("Iso3166Convert.toAlpha2", "('DE')"),
        ("Iso3166Convert.toAlpha3", "('DE')"),
        ("Iso3166Convert.toNumeric", "('DE')"),
        ("Iso3166Convert.toName", "('DE')"),
        ("user.getInternalProperty", "('id')"),
    ];
    for entry in COVERAGE.iter().filter(|entry| entry.evaluates()) {
        let (_, args) = samples
            .iter()
            .find(|(name, _)| *name == entry.name)
            .unwrap_or_else(|| panic!("no sample for {}", entry.name));
        let text = format!("{}{args}", entry.name);
        let expr = parse(&text).unwrap();
        let env = Env { user: &EmptyProfile, app_user: None, id: Some("00u1"), status: None };
        let outcome = Evaluator::new().evaluate(&expr, &env);
        assert!(matches!(outcome, Outcome::Value(_)), "{text}: {outcome:?}");
    }
}
