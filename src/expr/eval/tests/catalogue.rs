//! One table per function family, with the examples of Okta's Expression Language reference
//! (DOCS-EL in okta-formats.md) first, then the cases Okta leaves open.

use super::{Attributes, Expect, array, check, is, table};
use crate::expr::eval::Value;

fn none() -> Attributes {
    Attributes::default()
}

#[test]
fn string_functions_give_the_reference_outputs() {
    table(
        &none(),
        &[
            (r#"String.append("This is", " a test")"#, is("This is a test")),
            (r#"String.join(",", "This", "is", "a", "test")"#, is("This,is,a,test")),
            (r#"String.join("", "This", "is", "a", "test")"#, is("Thisisatest")),
            (r#"String.len("This")"#, is(4)),
            (r#"String.removeSpaces("This is a test")"#, is("Thisisatest")),
            (r#"String.replace("This is a test", "is", "at")"#, is("That at a test")),
            (r#"String.replaceFirst("This is a test", "is", "at")"#, is("That is a test")),
            (r#"String.startsWith("Kiss", "K")"#, is(true)),
            (r#"String.stringContains("This is a test", "test")"#, is(true)),
            (r#"String.stringContains("This is a test", "doesn'tExist")"#, is(false)),
            (r#"String.stringSwitch("This is a test", "default", "key1", "value1")"#, is("default")),
            (r#"String.stringSwitch("This is a test", "default", "test", "value1")"#, is("value1")),
            (
                r#"String.stringSwitch("First match wins", "default", "absent", "value1", "wins", "value2", "match", "value3")"#,
                is("value2"),
            ),
            (r#"String.stringSwitch("Substrings count", "default", "ring", "value1")"#, is("value1")),
            (r#"String.substring("This is a test", 2, 9)"#, is("is is a")),
            (r#"String.substringAfter("abc@okta.com", "@")"#, is("okta.com")),
            (r#"String.substringBefore("abc@okta.com", "@")"#, is("abc")),
            (r#"String.toUpperCase("This")"#, is("THIS")),
            (r#"String.toLowerCase("ThiS")"#, is("this")),
        ],
    );
}

#[test]
fn deprecated_string_functions_give_the_reference_outputs() {
    let user = Attributes::default().with("firstName", "Alexander").with("email", "alex@okta.com");
    table(
        &user,
        &[
            ("toUpperCase(source.firstName)", is("ALEXANDER")),
            ("toLowerCase('AlexANDER')", is("alexander")),
            ("substringBefore(user.email, '@')", is("alex")),
            ("substringAfter(user.email, '@')", is("okta.com")),
            ("substring(source.firstName, 1, 4)", is("lex")),
        ],
    );
}

#[test]
fn string_functions_on_null_and_undocumented_cases() {
    let user = Attributes::default().with("middleName", Value::Null).with("city", "Köln\tNord").with("login", "jane");
    table(
        &user,
        &[
            ("String.toUpperCase(user.middleName)", Expect::Is(Value::Null)),
            ("String.substringAfter(user.middleName, '@')", Expect::Is(Value::Null)),
            ("String.len(user.middleName)", is(0)),
            ("String.stringContains(user.middleName, 'x')", is(false)),
            ("String.len('Zoë')", is(3)),
            ("String.len('😀')", is(2)),
            ("String.substring('Li', 0, 6)", is("Li")),
            ("String.substring('Zoë Ångström', 0, 5)", is("Zoë Å")),
            ("String.substring('abc', -1, 2)", Expect::Unknown("negative index")),
            ("String.substring('abc', 3, 1)", Expect::Unknown("past the end")),
            ("String.substringAfter(user.login, '@')", is("")),
            ("String.substringBefore(user.login, '@')", Expect::Unknown("does not occur")),
            ("String.removeSpaces(user.city)", Expect::Unknown("white space other than spaces")),
            ("String.append(user.login, user.middleName)", Expect::Unknown("null suffix")),
            ("String.join(' ', user.login, user.middleName)", Expect::Unknown("skips it or writes `null`")),
            ("String.replace('a.b.c', '.', '-')", Expect::Unknown("regular expression or as text")),
            ("String.replace('aXc', 'b+', 'x')", is("aXc")),
            ("String.replace('abc', 'b+', 'x')", Expect::Unknown("two readings")),
            ("String.replace('a-b', '-', '$1')", Expect::Unknown("regular expression or as text")),
            ("String.replace('abc', '', 'x')", Expect::Unknown("empty match")),
            ("String.toUpperCase(42)", is("42")),
            ("String.toUpperCase({'a'})", Expect::Unknown("given an array")),
            ("String.len('a', 'b')", Expect::Fails("takes 1 argument, and is given 2")),
            ("String.stringSwitch('x', 'd', 'k')", Expect::Fails("needs a value after every key")),
            ("String.toUpperCase(Convert.toInt('abc'))", Expect::Fails("cannot read `abc`")),
        ],
    );
}

#[test]
fn array_functions_give_the_reference_outputs() {
    let numbers = |items: &[i64]| items.iter().map(|&number| Value::Int(number)).collect::<Vec<_>>();
    table(
        &none(),
        &[
            ("Arrays.add({10, 20, 30}, 40)", array(numbers(&[10, 20, 30, 40]))),
            ("Arrays.remove({10, 20, 30}, 20)", array(numbers(&[10, 30]))),
            ("Arrays.clear({10, 20, 30})", array(Vec::new())),
            ("Arrays.get({0, 1, 2}, 0)", is(0)),
            ("Arrays.flatten(10, {20, 30}, 40)", array(numbers(&[10, 20, 30, 40]))),
            ("Arrays.contains({10, 20, 30}, 10)", is(true)),
            ("Arrays.contains({10, 20, 30}, 50)", is(false)),
            ("Arrays.size({10, 20, 30})", is(3)),
            ("Arrays.size(NULL)", is(0)),
            ("Arrays.isEmpty({10, 20})", is(false)),
            ("Arrays.isEmpty(NULL)", is(true)),
            (r#"Arrays.toCsvString({"This", "is", " a ", "test"})"#, is("This,is, a ,test")),
        ],
    );
}

#[test]
fn array_functions_on_csv_null_and_undocumented_cases() {
    let user = Attributes::default().with("tags", "a,b,c").with("spaced", "a, b");
    let texts = |items: &[&'static str]| items.iter().map(|&text| Value::str(text)).collect::<Vec<_>>();
    table(
        &user,
        &[
            ("Arrays.size(user.tags)", is(3)),
            ("Arrays.contains(user.tags, 'b')", is(true)),
            ("Arrays.add(user.tags, 'd')", array(texts(&["a", "b", "c", "d"]))),
            ("Arrays.size(user.spaced)", Expect::Unknown("trims the spaces")),
            ("Arrays.flatten(user.missing, {1})", Expect::Fails("fails to evaluate when a value is null or empty")),
            ("Arrays.flatten('', {1})", Expect::Fails("null or empty")),
            ("Arrays.add(user.missing, 1)", Expect::Unknown("null arrays only for `size` and `isEmpty`")),
            ("Arrays.remove({1, 2, 1}, 1)", Expect::Unknown("more than once")),
            ("Arrays.get({1, 2}, 2)", Expect::Fails("outside the array of 2 items")),
            ("Arrays.toCsvString({1, null})", Expect::Unknown("an item is null")),
            ("Arrays.size(5)", Expect::Unknown("not an array or a CSV string")),
        ],
    );
}

#[test]
#[allow(clippy::approx_constant, reason = "3.141 is the reference's example, not pi")]
fn conversion_functions_give_the_reference_outputs() {
    let user = Attributes::default().with("text", "1234").with("low", 123.4).with("high", 123.6).with("pi", "3.141");
    table(
        &user,
        &[
            ("Convert.toInt(user.text)", is(1234)),
            ("Convert.toInt(user.low)", is(123)),
            ("Convert.toInt(user.high)", is(124)),
            ("Convert.toNum(user.pi)", is(3.141)),
        ],
    );
}

#[test]
fn conversions_that_fail_or_are_undocumented() {
    table(
        &none(),
        &[
            ("Convert.toInt('abc')", Expect::Fails("cannot read `abc`")),
            ("Convert.toInt('3000000000')", Expect::Fails("outside the Integer range")),
            ("Convert.toInt(null)", Expect::Fails("of null fails")),
            ("Convert.toInt('12.5')", Expect::Unknown("documents `Convert.toInt` for digits")),
            ("Convert.toInt(2.5)", Expect::Unknown("halfway")),
            ("Convert.toInt(-7)", is(-7)),
            ("Convert.toNum(' 2.5 ')", is(2.5)),
            ("Convert.toNum('1e3')", is(1000.0)),
            ("Convert.toNum('n/a')", Expect::Fails("cannot read `n/a`")),
            ("Convert.toNum('1,5')", Expect::Unknown("decimal numbers")),
            ("Convert.toNum(7)", is(7.0)),
        ],
    );
}

#[test]
fn country_code_functions_give_the_reference_outputs() {
    table(
        &none(),
        &[
            (r#"Iso3166Convert.toAlpha2("IND")"#, is("IN")),
            (r#"Iso3166Convert.toAlpha3("840")"#, is("USA")),
            (r#"Iso3166Convert.toNumeric("USA")"#, is("840")),
            (r#"Iso3166Convert.toName("IN")"#, is("India")),
        ],
    );
}

#[test]
fn country_codes_okta_does_not_take() {
    let user = Attributes::default().with("countryCode", "DE");
    table(
        &user,
        &[
            ("Iso3166Convert.toName(user.countryCode)", is("Germany")),
            ("Iso3166Convert.toAlpha3(user.countryCode)", is("DEU")),
            ("Iso3166Convert.toName(user.country)", Expect::Is(Value::Null)),
            ("Iso3166Convert.toAlpha2('de')", Expect::Unknown("upper-case codes")),
            ("Iso3166Convert.toAlpha2('Germany')", Expect::Fails("the name of Germany, whose code is DE")),
            ("Iso3166Convert.toAlpha2('EMEA')", Expect::Fails("not an ISO 3166-1")),
            ("Iso3166Convert.toAlpha2('XX')", Expect::Fails("not an ISO 3166-1")),
            ("Iso3166Convert.toAlpha3(840)", is("USA")),
            ("Iso3166Convert.toAlpha3('40')", Expect::Unknown("three-digit")),
        ],
    );
}

#[test]
fn internal_properties_come_from_the_users_file() {
    table(
        &none(),
        &[
            (r#"user.getInternalProperty("id")"#, is("00u1")),
            (r#"user.getInternalProperty("status")"#, is("ACTIVE")),
            (r#"user.getInternalProperty("created")"#, Expect::Unknown("not \"created\"")),
        ],
    );
}

#[test]
fn functions_that_need_data_no_users_file_holds_are_unknown() {
    table(
        &none(),
        &[
            ("Time.now()", Expect::Unknown("time of the sync")),
            (r#"Time.now("EST", "YYYY-MM-dd HH:mm:ss")"#, Expect::Unknown("time of the sync")),
            ("Time.fromWindowsToIso8601('130000000000000000')", Expect::Unknown("exact text")),
            (r#"isMemberOfGroupName("group1")"#, Expect::Unknown("group memberships")),
            (r#"getFilteredGroups({"00gml2xHE3RYRx7cM0g3"}, "group.name", 40)"#, Expect::Unknown("group memberships")),
            (r#"user.getGroups({'group.profile.name': 'Sales'}).![name]"#, Expect::Unknown("group memberships")),
            (r#"Groups.startsWith("OKTA", "TEST", 100)"#, Expect::Unknown("groups claim")),
            (r#"user.getLinkedObject("manager").lastName"#, Expect::Unknown("linked objects")),
            (r#"getManagerUser("active_directory").firstName"#, Expect::Unknown("manager")),
            ("hasWorkdayUser() ? findWorkdayUser().employeeID : null", Expect::Unknown("Workday")),
            ("hasDirectoryUser() ? findDirectoryUser().managerUpn : null", Expect::Unknown("Active Directory")),
            ("Time.now(Convert.toInt('x'))", Expect::Fails("cannot read `x`")),
        ],
    );
}

#[test]
fn the_reference_popular_expressions_evaluate() {
    let winston = Attributes::default()
        .with("firstName", "Winston")
        .with("lastName", "Churchill")
        .with("email", "winston.churchill@gmail.com")
        .with("login", "winston.churchill@gmail.com");
    table(
        &winston,
        &[
            ("user.firstName", is("Winston")),
            ("user.firstName + user.lastName", is("WinstonChurchill")),
            (r#"user.firstName + "." + user.lastName"#, is("Winston.Churchill")),
            ("substring(user.firstName, 0, 1) + user.lastName", is("WChurchill")),
            ("substring(user.firstName, 0, 1) + substring(user.lastName, 0, 6)", is("WChurch")),
            (r#"toLowerCase(substring( user.firstName, 0, 1)) + "." + toLowerCase(user.lastName)"#, is("w.churchill")),
            (
                r#"toUpperCase(substringBefore( substringAfter(user.email, "@"), ".")) + "\" + substringBefore( user.email, "@")"#,
                is("GMAIL\\winston.churchill"),
            ),
            (
                r#""XDOMAIN\" + toLowerCase(substring( user.firstName, 0, 1)) + toLowerCase(user.lastName)"#,
                is("XDOMAIN\\wchurchill"),
            ),
        ],
    );
    check("user.groupCode == 123 ? 'Sales' : 'Other'", &Attributes::default().with("groupCode", 123), &is("Sales"));
}
