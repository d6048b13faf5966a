//! The evaluator and the users reader in-process: 100,000 users × 9 mapped attributes evaluated
//! and tallied as the users stage does (distinct values kept for `locality`, `region` and
//! `country`, the username checked for V505 and V506), and the same users read from NDJSON. Whole-process timings against the parse floor are in
//! bench/users.sh (hyperfine).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Cursor;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use scimlint::expr::eval::Evaluator;
use scimlint::expr::parse;
use scimlint::users::values::{AttributeTally, NotEmails, Usernames};
use scimlint::users::{ProfileMap, ProfileValue, User, Users};

const USERS: usize = 100_000;

/// The nine expressions of bench/gen_users.py's mapping.
const MAPPINGS: [&str; 9] = [
    "String.toLowerCase(String.substringBefore(user.login, '@')) + '@acme.example'",
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

fn ndjson(users: &[User]) -> Vec<u8> {
    let mut out = String::new();
    for user in users {
        let profile: Vec<String> = user
            .profile
            .0
            .iter()
            .map(|(key, value)| match value {
                ProfileValue::Str(text) => format!("\"{key}\":\"{text}\""),
                _ => format!("\"{key}\":null"),
            })
            .collect();
        out.push_str(&format!(
            "{{\"id\":\"{}\",\"status\":\"ACTIVE\",\"profile\":{{{}}},\"_links\":{{\"self\":{{\"href\":\"https://acme.okta.com/api/v1/users/{}\"}}}}}}\n",
            user.id.as_deref().unwrap_or_default(),
            profile.join(","),
            user.id.as_deref().unwrap_or_default()
        ));
    }
    out.into_bytes()
}

fn benches(c: &mut Criterion) {
    let users = users(USERS);
    let expressions: Vec<_> = MAPPINGS.iter().map(|text| parse(text).unwrap()).collect();
    let mut group = c.benchmark_group("users");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements((USERS * MAPPINGS.len()) as u64));
    group.bench_function("evaluate and tally 100,000 users x 9 attributes", |b| {
        b.iter(|| {
            let evaluator = Evaluator::new();
            let mut tallies: Vec<AttributeTally> =
                (0..MAPPINGS.len()).map(|index| AttributeTally::new(matches!(index, 3..=5))).collect();
            let (mut usernames, mut not_email) = (Usernames::default(), NotEmails::default());
            for user in &users {
                let env = user.env();
                for (index, (expr, tally)) in expressions.iter().zip(&mut tallies).enumerate() {
                    let outcome = evaluator.evaluate(expr, &env);
                    tally.record(user.who(), &outcome);
                    if let (0, Some(username)) = (index, outcome.value().and_then(|value| value.as_str())) {
                        usernames.record(username);
                        not_email.record(username, user.who());
                    }
                }
            }
            (tallies, usernames.finish(), not_email)
        });
    });
    let bytes = ndjson(&users);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("read 100,000 users from NDJSON", |b| {
        b.iter(|| Users::new(Cursor::new(&bytes), Some("ndjson")).unwrap().filter(Result::is_ok).count());
    });
    group.finish();
}

criterion_group!(users_benches, benches);
criterion_main!(users_benches);
