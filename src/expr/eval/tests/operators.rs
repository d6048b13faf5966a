//! Operators, references and Okta's null semantics (okta-formats.md §5.2–5.3).

use super::{Attributes, Expect, array, check, is, table};
use crate::expr::eval::{EmptyProfile, Env, Evaluator, Outcome, Value};
use crate::expr::parse;

#[test]
fn the_reference_condition_samples_evaluate() {
    let user = Attributes::default()
        .with("firstName", "dummy user")
        .with("city", "San Francisco")
        .with("salary", 1_500_000)
        .with("isContractor", false);
    table(
        &user,
        &[
            (r#"String.stringContains(user.firstName, "dummy")"#, is(true)),
            (r#"user.city == "San Francisco""#, is(true)),
            ("user.salary >= 1000000", is(true)),
            ("!user.isContractor", is(true)),
            ("user.salary > 1000000 AND !user.isContractor", is(true)),
            ("user.salary > 1000000 && user.isContractor || user.city != 'Berlin'", is(true)),
        ],
    );
}

#[test]
fn never_set_is_null_and_cleared_is_empty() {
    let guard =
        r#"user.employeeNumber != "" AND user.employeeNumber != null ? user.employeeNumber : user.nonEmployeeNumber"#;
    let never = Attributes::default().with("nonEmployeeNumber", "N-42");
    let cleared = Attributes::default().with("employeeNumber", "").with("nonEmployeeNumber", "N-42");
    let set = Attributes::default().with("employeeNumber", "E-7").with("nonEmployeeNumber", "N-42");
    check("user.employeeNumber == null", &never, &is(true));
    check("user.employeeNumber == null", &cleared, &is(false));
    check(r#"user.employeeNumber == """#, &cleared, &is(true));
    check(guard, &never, &is("N-42"));
    check(guard, &cleared, &is("N-42"));
    check(guard, &set, &is("E-7"));
}

#[test]
fn elvis_replaces_null_and_empty() {
    let user = Attributes::default().with("empty", "").with("city", "Köln");
    table(
        &user,
        &[
            ("user.missing ?: 'Global'", is("Global")),
            ("user.empty ?: 'Global'", is("Global")),
            ("user.city ?: 'Global'", is("Köln")),
            ("Arrays.size(user.missing) ?: 1", is(0)),
        ],
    );
}

#[test]
fn concatenation_follows_spel_with_null() {
    let user = Attributes::default().with("firstName", "Jane").with("age", 41).with("ratio", 0.5);
    table(
        &user,
        &[
            ("user.firstName + ' ' + user.middleName", is("Jane null")),
            ("user.middleName + user.firstName", is("nullJane")),
            ("user.firstName + user.age", is("Jane41")),
            ("user.firstName + user.ratio", is("Jane0.5")),
            ("'x' + 3.0", is("x3.0")),
            ("'on: ' + true", is("on: true")),
            ("user.middleName + user.lastName", Expect::Fails("`+` is not defined between null and null")),
            ("user.age + user.middleName", Expect::Fails("between an integer and null")),
            ("1 + 2 * 3", is(7)),
            ("7 / 2", is(3)),
            ("7 % 4", is(3)),
            ("7.0 / 2", is(3.5)),
            ("1 / 0", Expect::Fails("division by zero")),
            ("-user.age", is(-41)),
            ("-'x'", Expect::Fails("needs a number")),
            ("9223372036854775807 + 1", Expect::Fails("too large")),
            ("99999999999999999999", Expect::Fails("too large")),
        ],
    );
}

#[test]
fn comparisons_follow_spel() {
    table(
        &Attributes::default(),
        &[
            ("1 == 1.0", is(true)),
            ("'1' == 1", is(false)),
            ("null == null", is(true)),
            ("null < 1", is(true)),
            ("'b' > 'a'", is(true)),
            ("'a' < 1", Expect::Fails("cannot be compared")),
            ("{1, 2} == {1, 2}", is(true)),
            ("'engineer II' matches '(?i)ENGINEER.*'", is(true)),
            ("'x engineer' matches 'engineer'", is(false)),
            ("'a' matches '(a)\\1'", Expect::Unknown("Java regex syntax")),
            ("1 matches 'a'", Expect::Fails("needs a string and a pattern")),
        ],
    );
}

#[test]
fn conditions_that_are_null_fail_unless_short_circuited() {
    let user = Attributes::default().with("flag", "true");
    table(
        &user,
        &[
            ("user.missing ? 'a' : 'b'", Expect::Fails("condition is null")),
            ("!user.missing", Expect::Fails("condition is null")),
            ("true AND user.missing", Expect::Fails("condition is null")),
            ("false AND user.missing", is(false)),
            ("true OR user.missing", is(true)),
            ("false OR Time.now() == 'x'", Expect::Unknown("time of the sync")),
            ("true OR Time.now() == 'x'", is(true)),
            ("user.flag ? 'a' : 'b'", is("a")),
            ("'maybe' ? 1 : 2", Expect::Fails("neither true nor false")),
        ],
    );
}

#[test]
fn references_outside_the_user_are_unknown_or_fail() {
    let user = Attributes::default().with("firstName", "Jane");
    table(
        &user,
        &[
            ("appuser.firstName", Expect::Unknown("Okta users only")),
            ("org.name", Expect::Unknown("Okta org")),
            ("app.domain", Expect::Unknown("setting of the app")),
            ("zendesk.firstName", Expect::Unknown("another app's user")),
            ("user", Expect::Unknown("object, not a value")),
            ("user.profile.firstName", Expect::Fails("of null")),
            ("user.firstName.length", Expect::Fails("A string has no attribute `length`")),
            ("user.firstName.toUpperCase()", Expect::Unknown("Identity Engine")),
            ("String.foo(user.firstName)", Expect::Unknown("not a function")),
            ("{1, 2, 3}[0]", is(1)),
            ("{1, 2, 3}[3]", Expect::Fails("outside the array")),
            ("'Zoë'[2]", is("ë")),
            ("user.missing[0]", Expect::Fails("indexing null")),
            ("{'a', user.firstName}", array(vec![Value::str("a"), Value::str("Jane")])),
        ],
    );
}

#[test]
fn the_app_user_profile_answers_appuser() {
    let user = Attributes::default().with("firstName", "Jane");
    let app_user = Attributes::default().with("userName", "jane@example.com");
    let expr = parse("appuser.userName + '/' + user.firstName").unwrap();
    let env = Env { user: &user, app_user: Some(&app_user), id: None, status: None };
    let outcome = Evaluator::new().evaluate(&expr, &env);
    assert_eq!(outcome, Outcome::Value(Value::str("jane@example.com/Jane")));
    let expr = parse("user.getInternalProperty('id')").unwrap();
    let Outcome::Unknown(unknown) = Evaluator::new().evaluate(&expr, &Env::user(&EmptyProfile)) else { panic!() };
    assert!(unknown.reason.contains("no id"), "{unknown:?}");
}

#[test]
fn errors_point_at_the_failing_node() {
    let text = "String.toUpperCase(user.firstName) + Convert.toInt(user.code)";
    let expr = parse(text).unwrap();
    let user = Attributes::default().with("firstName", "a").with("code", "x7");
    let Outcome::Unknown(unknown) = Evaluator::new().evaluate(&expr, &Env::user(&user)) else { panic!() };
    assert_eq!(&text[unknown.span.start..unknown.span.end], "Convert.toInt(user.code)");
    let user = Attributes::default().with("code", "abc");
    let Outcome::Error(error) = Evaluator::new().evaluate(&expr, &Env::user(&user)) else { panic!() };
    assert_eq!(&text[error.span.start..error.span.end], "Convert.toInt(user.code)");
}
