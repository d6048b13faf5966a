//! Hostile Terraform through the whole pipeline: evaluation that would explode (nested `for`
//! over big lists, a huge `count`, locals that double at each step, locals that refer to each
//! other) ends within the evaluator's budget with an F011 that says why, never a hang or a crash.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use scimlint::Code;

/// Far above what the budget allows, far below what a hang would take.
const BOUND: Duration = Duration::from_secs(10);

const MAPPING_HEAD: &str = r#"data "okta_user_profile_mapping_source" "user" {}

resource "okta_app_saml" "haiilo" {
  label             = "Haiilo"
  preconfigured_app = "haiilo"
}
"#;

fn mapping(expression: &str, meta: &str) -> String {
    format!(
        r#"{MAPPING_HEAD}
resource "okta_profile_mapping" "haiilo" {{
  {meta}
  source_id = data.okta_user_profile_mapping_source.user.id
  target_id = okta_app_saml.haiilo.id

  mappings {{
    id          = "givenName"
    expression  = {expression}
    push_status = "PUSH"
  }}
}}
"#
    )
}

/// Lints `text` as `main.tf`: the F011 messages, after a run bounded in time.
fn not_evaluated(text: &str) -> Vec<String> {
    let started = Instant::now();
    let report = common::lint_bytes("main.tf", text.as_bytes().to_vec());
    assert!(started.elapsed() < BOUND, "took {:?}", started.elapsed());
    assert!(!report.findings.iter().any(|finding| finding.code == Code::F001), "{:?}", report.findings);
    report.findings.iter().filter(|finding| finding.code == Code::F011).map(|finding| finding.message.clone()).collect()
}

#[test]
fn nested_for_over_big_lists_stops_at_the_budget() {
    let list = format!("[{}]", (0..60).map(|n| n.to_string()).collect::<Vec<_>>().join(", "));
    let mut expression = "\"user.firstName\"".to_owned();
    for level in 0..6 {
        expression = format!("[for x{level} in {list} : {expression}]");
    }
    let text = format!("locals {{\n  big = {expression}\n}}\n{}", mapping("local.big[0][0][0][0][0][0]", ""));
    let found = not_evaluated(&text);
    assert!(!found.is_empty(), "no F011");
    assert!(found.iter().any(|message| message.contains("limit") || message.contains("too")), "{found:?}");
}

#[test]
fn a_huge_count_is_not_expanded() {
    let found = not_evaluated(&mapping("\"user.firstName\"", "count = 100000000"));
    assert!(!found.is_empty(), "no F011");
}

#[test]
fn locals_that_double_at_each_step_stop_at_the_budget() {
    let mut locals = String::from("locals {\n  l0 = \"user.firstName\"\n");
    for step in 1..=64 {
        locals.push_str(&format!("  l{step} = \"${{local.l{}}}${{local.l{}}}\"\n", step - 1, step - 1));
    }
    locals.push_str("}\n");
    let found = not_evaluated(&format!("{locals}{}", mapping("local.l64", "")));
    assert!(!found.is_empty(), "no F011");
}

#[test]
fn locals_that_refer_to_each_other_are_a_cycle() {
    let text = format!("locals {{\n  a = local.b\n  b = local.a\n}}\n{}", mapping("local.a", ""));
    let found = not_evaluated(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("refer to each other"), "{found:?}");
}
