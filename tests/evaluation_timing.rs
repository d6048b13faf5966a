//! A sanity check of the evaluator's speed, not a benchmark (those live in benches/): 100,000
//! users × 9 mapped attributes, evaluated and tallied as the V rules will. Ignored by default;
//! run it with `cargo test --test evaluation_timing -- --ignored --nocapture`. A debug build is
//! several times slower than release: the goal (well under 1 s on one core in release) is for
//! the benchmark to confirm.
#![allow(clippy::unwrap_used, clippy::print_stderr, clippy::cast_precision_loss)]

use std::time::Instant;

use scimlint::expr::eval::{Evaluator, Outcome};
use scimlint::expr::parse;
use scimlint::users::values::AttributeTally;
use scimlint::users::{ProfileMap, ProfileValue, User};

const MAPPINGS: [&str; 9] = [
    "String.toLowerCase(user.firstName) + '.' + String.toLowerCase(user.lastName) + '@acme.example'",
    "user.firstName",
    "user.lastName",
    "user.city",
    "user.state",
    "Iso3166Convert.toName(user.countryCode)",
    "user.department",
    "user.division != null ? user.division : 'None'",
    "user.organization ?: 'ACME'",
];

fn users(count: usize) -> Vec<User> {
    let countries = ["DE", "FR", "US", "de", "Germany"];
    let cities = ["Berlin", "München", "Paris", "New York", "BERLIN"];
    (0..count)
        .map(|index| {
            let text = |value: &str| ProfileValue::Str(value.to_owned());
            let mut profile = ProfileMap::default();
            profile.insert("login", text(&format!("user{index}@acme.example")));
            profile.insert("firstName", text(&format!("First{index}")));
            profile.insert("lastName", text("Müller"));
            profile.insert("city", text(cities[index % cities.len()]));
            profile.insert("state", ProfileValue::Null);
            profile.insert("countryCode", text(countries[index % countries.len()]));
            profile.insert("department", text("Sales"));
            profile.insert("organization", text(""));
            User { id: Some(format!("00u{index:017}")), status: Some("ACTIVE".into()), profile, ..User::default() }
        })
        .collect()
}

#[test]
#[ignore = "a timing sanity check; run with --ignored --nocapture"]
fn one_hundred_thousand_users_times_nine_attributes() {
    let users = users(100_000);
    let expressions: Vec<_> = MAPPINGS.iter().map(|text| parse(text).unwrap()).collect();
    let evaluator = Evaluator::new();
    let mut tallies: Vec<AttributeTally> = MAPPINGS.iter().map(|_| AttributeTally::new(true)).collect();
    let started = Instant::now();
    let mut values = 0usize;
    for user in &users {
        let env = user.env();
        for (expr, tally) in expressions.iter().zip(&mut tallies) {
            let outcome = evaluator.evaluate(expr, &env);
            values += usize::from(matches!(outcome, Outcome::Value(_)));
            tally.record(user.who(), &outcome);
        }
    }
    let elapsed = started.elapsed();
    let evaluations = users.len() * MAPPINGS.len();
    eprintln!(
        "{evaluations} evaluations ({values} values) in {:.3} s: {:.0} ns each (debug build)",
        elapsed.as_secs_f64(),
        elapsed.as_nanos() as f64 / evaluations as f64
    );
    assert!(values > evaluations / 2);
}
