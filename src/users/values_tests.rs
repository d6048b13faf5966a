//! The value logic over the fixtures, as the V rules will use it: the article's mapping
//! (`country ← user.countryCode`, `locality ← user.city`) evaluated for every user, tallied,
//! and checked against Haiilo groups; and `--users-filter`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use super::filter::{self, Filter};
use super::shape::{Likeness, email_shape, suggest_group};
use super::teams::team_variants;
use super::values::{AttributeTally, UserRef, Usernames};
use super::{User, Users};
use crate::expr::eval::{Evaluator, iso3166};
use crate::expr::parse;

fn fixture_users(name: &str) -> Vec<User> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/users").join(name);
    Users::open(&path).unwrap().collect::<Result<_, _>>().unwrap()
}

/// Evaluates `expression` for every user that is not deprovisioned.
fn tally(users: &[User], expression: &str) -> AttributeTally {
    let expr = parse(expression).unwrap();
    let evaluator = Evaluator::new();
    let mut tally = AttributeTally::new(true);
    for user in users.iter().filter(|user| !user.is_deprovisioned()) {
        tally.record(user.who(), &evaluator.evaluate(&expr, &user.env()));
    }
    tally
}

#[test]
fn country_codes_against_haiilo_groups() {
    let users = fixture_users("okta-users.json");
    let tally = tally(&users, "user.countryCode");
    let distinct: Vec<(&str, u64)> = tally.distinct().iter().map(|(value, users)| (*value, users.count)).collect();
    assert_eq!(distinct, [("DE", 3), ("EMEA", 1), ("Germany", 1), ("de", 1)]);
    assert_eq!(tally.nulls.count, 1, "Na Li has no countryCode");
    assert_eq!(tally.nulls.first[0].login.as_deref(), Some("li.na@acme.example"));
    let (_, de) = tally.distinct()[0];
    assert_eq!(de.first.len(), 3, "up to three example users");

    let groups: Vec<String> = ["Germany", "EMEA", "Global"].map(String::from).to_vec();
    let suggestion = |value: &str| {
        let country = iso3166::by_code(value).map(|country| country.name);
        suggest_group(value, &groups, country)
    };
    assert_eq!(suggestion("DE"), Some(("Germany", Likeness::CountryCode)));
    assert_eq!(suggestion("de"), None, "lower-case `de` is no ISO code and no group");
    assert_eq!(suggestion("Germany"), None, "a group exactly");
    assert_eq!(suggestion("EMEA"), None);
}

#[test]
fn an_iso_conversion_fails_for_values_that_are_not_codes() {
    let users = fixture_users("console-export.csv");
    let tally = tally(&users, "Iso3166Convert.toName(user.countryCode)");
    let distinct: Vec<(&str, u64)> = tally.distinct().iter().map(|(value, users)| (*value, users.count)).collect();
    assert_eq!(distinct, [("Germany", 3)]);
    assert_eq!(tally.errors.count, 2, "`Germany` and `EMEA` are not codes");
    assert!(tally.errors.first[0].1.contains("`Germany` is not an ISO 3166-1"), "{:?}", tally.errors.first);
    assert_eq!(tally.unknown.count, 1, "`de`: Okta documents upper-case codes only");
    assert_eq!(tally.nulls.count, 1);
}

#[test]
fn city_values_that_become_separate_teams() {
    let users = fixture_users("okta-users.ndjson");
    let tally = tally(&users, "user.city");
    let groups = team_variants(tally.distinct().iter().map(|(value, users)| (*value, users.count)), true);
    let spelled: Vec<Vec<Vec<(String, u64)>>> =
        groups.iter().map(|group| group.teams.iter().map(|team| team.spellings.clone()).collect()).collect();
    assert_eq!(
        spelled,
        [
            vec![vec![("BERLIN".to_owned(), 1), ("Berlin".to_owned(), 1)], vec![("Berlin ".to_owned(), 1)]],
            vec![vec![("Munchen".to_owned(), 1)], vec![("München".to_owned(), 1)]],
        ],
        "case joins Berlin and BERLIN; a trailing space and an umlaut split"
    );
}

#[test]
fn usernames_that_are_not_emails_or_are_shared() {
    let users = fixture_users("okta-users.json");
    let mut usernames = Usernames::default();
    let mut not_email = Vec::new();
    let checked: Vec<&User> = users.iter().filter(|user| !user.is_deprovisioned()).collect();
    for user in &checked {
        let login = user.login().unwrap();
        usernames.record(login);
        if let Err(why) = email_shape(login) {
            not_email.push((login, why.reason()));
        }
    }
    assert_eq!(not_email, [("jdoe", "it has no `@`")]);
    assert!(usernames.finish(), "a second pass names the holders");
    assert!(usernames.is_duplicate("jane.doe@ACME.example"));
    for user in &checked {
        usernames.name(user.login().unwrap(), user.who());
    }
    let duplicates = usernames.duplicates();
    assert_eq!(duplicates.len(), 1, "{duplicates:?}");
    assert_eq!(duplicates[0].username, "jane.doe@acme.example", "as the first holder has it");
    assert_eq!(duplicates[0].holders, 2);
    assert_eq!(duplicates[0].first.as_ref().and_then(|first| first.id.as_deref()), Some("00u1a2b3c4D5e6F7g8h9"));
    assert_eq!(duplicates[0].others.count, 1);
    assert_eq!(duplicates[0].others.first[0].login.as_deref(), Some("Jane.Doe@Acme.example"));
    assert_eq!(usernames.len(), 6);
}

#[test]
fn users_filters_in_both_forms() {
    let users = fixture_users("okta-users.json");
    let matching = |text: &str| {
        let filter: Filter = filter::parse(text).unwrap_or_else(|error| panic!("{text}: {error}"));
        users.iter().filter(|user| filter.matches(user)).filter_map(|user| user.login()).collect::<Vec<_>>()
    };
    assert_eq!(matching("status eq \"STAGED\""), ["li.na@acme.example"]);
    assert_eq!(matching("status=staged"), ["li.na@acme.example"]);
    assert_eq!(matching("department=Sales"), ["juergen.mueller@acme.example", "francois.lefevre@acme.example"]);
    assert_eq!(matching("profile.department eq \"Sales\" and status eq \"ACTIVE\""), ["juergen.mueller@acme.example"]);
    assert_eq!(
        matching("profile.countryCode eq \"EMEA\" or profile.city sw \"Z\""),
        ["zoe.angstrom@acme.example", "francois.lefevre@acme.example"]
    );
    assert_eq!(matching("(profile.city pr) and not_a_field eq \"x\""), Vec::<&str>::new());
    assert_eq!(matching("profile.state pr and profile.department ne \"Marketing\"").len(), 3);
    assert_eq!(matching("id eq \"00u1a2b3c4D5e6F7g8i5\""), ["li.na@acme.example"]);
}

#[test]
fn filters_that_do_not_parse_say_where() {
    for (text, message, at) in [
        ("status eq", "expected a value", 9),
        ("status is \"ACTIVE\"", "`is` is not an operator", 7),
        ("lastUpdated gt \"2024-01-01\"", "compares dates", 12),
        ("(status eq \"ACTIVE\"", "expected `)`", 19),
        ("status eq \"ACTIVE", "no closing quote", 10),
        ("=x", "attribute name", 0),
        ("status eq \"A\" extra", "unexpected `extra`", 14),
    ] {
        let error = filter::parse(text).unwrap_err();
        assert!(error.message.contains(message), "{text}: {error}");
        assert_eq!(error.at, at, "{text}: {error}");
    }
}

#[test]
fn tallies_keep_nothing_but_ids_logins_and_evaluated_values() {
    let users = fixture_users("okta-users.json");
    let tally = tally(&users, "String.toUpperCase(user.department)");
    let mut kept: Vec<String> = tally.distinct().iter().map(|(value, _)| (*value).to_owned()).collect();
    let refs: Vec<&UserRef> = tally.distinct().iter().flat_map(|(_, users)| users.first.iter()).collect();
    kept.extend(refs.iter().flat_map(|user| [user.id.as_deref(), user.login.as_deref()]).flatten().map(str::to_owned));
    for user in &users {
        for (name, value) in &user.profile.0 {
            let Some(text) = value.text() else { continue };
            // An email that is also the login is kept as the login.
            if name != "login" && name != "department" && !text.is_empty() && Some(text.as_ref()) != user.login() {
                assert!(!kept.iter().any(|kept| kept == text.as_ref()), "{name} = {text} was kept");
            }
        }
    }
}
