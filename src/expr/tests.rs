#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

/// Every expression in the Okta formats reference (§1.6 sample export, §5 language), and the
/// Identity Engine forms the linter must read in order to report them.
const REFERENCE: &[&str] = &[
    "user.firstName",
    "user.lastName",
    "user.middleName",
    "user.email",
    "(user.email != null && user.email != '') ? 'work' : ''",
    "user.firstName + \" \" + user.lastName",
    "user.title",
    "user.streetAddress",
    "user.city",
    "user.state",
    "user.zipCode",
    "user.countryCode",
    "(user.streetAddress != null && user.streetAddress != '') ? 'work' : ''",
    "user.employeeNumber",
    "user.department",
    "user.division",
    "String.toUpperCase(user.organization)",
    "String.substringBefore(user.email, \"@\")",
    "user.login",
    "user.getInternalProperty(\"id\")",
    "user.getInternalProperty(\"status\")",
    "appuser.firstName",
    "zendesk.firstName",
    "active_directory.managerUpn",
    "app.domain",
    "office365_app.domain",
    "org.name",
    "org.subDomain",
    "idpuser.firstName",
    "session.amr",
    "access.scope",
    "app.clientId",
    "app.profile",
    "source.firstName",
    "toUpperCase(source.firstName)",
    "'Hello world'",
    "\"Hello world\"",
    "1234",
    "3.141",
    "true",
    "false",
    "null",
    "{1, 2, 3}",
    "{1,2,3}[0]",
    "user.arrayProperty[0]",
    "user.title matches '(?i)engineer'",
    "user.employeeNumber == null",
    "user.employeeNumber == \"\"",
    "user.employeeNumber != \"\" AND user.employeeNumber != null ? user.employeeNumber : user.nonEmployeeNumber",
    "user.nickName ?: user.firstName",
    "user.a == 'x' OR !(user.b == 'y')",
    "user.a < 1 and user.b >= 2.5 or user.c <= 3 || user.d > 4",
    "Arrays.size(NULL)",
    "Arrays.isEmpty(NULL)",
    "String.append(user.firstName, 'x')",
    "String.join(\",\", user.firstName, user.lastName)",
    "String.len(user.firstName)",
    "String.removeSpaces(user.firstName)",
    "String.replace(user.firstName, 'a', 'b')",
    "String.replaceFirst(user.firstName, 'a', 'b')",
    "String.startsWith(user.firstName, 'a')",
    "String.stringContains(user.firstName, 'a')",
    "String.stringSwitch(user.countryCode, 'Global', 'US', 'AMER', 'DE', 'EMEA')",
    "String.substring(user.firstName, 0, 1)",
    "String.substringAfter(user.email, '@')",
    "String.toLowerCase(user.firstName)",
    "toLowerCase(user.firstName)",
    "substringBefore(user.email, '@')",
    "substringAfter(user.email, '@')",
    "substring(user.firstName, 0, 1)",
    "Arrays.add(user.groups, 'x')",
    "Arrays.remove(user.groups, 'x')",
    "Arrays.clear(user.groups)",
    "Arrays.get(user.groups, 0)",
    "Arrays.flatten(1, {2, 3})",
    "Arrays.contains(user.groups, 'x')",
    "Arrays.toCsvString(user.groups)",
    "Convert.toInt(user.employeeNumber)",
    "Convert.toNum('3.14')",
    "Iso3166Convert.toAlpha2(user.countryCode)",
    "Iso3166Convert.toAlpha3(user.countryCode)",
    "Iso3166Convert.toNumeric(user.countryCode)",
    "Iso3166Convert.toName(user.countryCode)",
    "isMemberOfGroupName('Okta EMEA')",
    "isMemberOfGroup('00g1emaKYZTWRYYRRTSK')",
    "isMemberOfAnyGroup('00g1', '00g2')",
    "isMemberOfGroupNameStartsWith('EMEA')",
    "isMemberOfGroupNameContains('Sales')",
    "isMemberOfGroupNameRegex('/.*admin.*')",
    "getFilteredGroups({\"00gml2xHE3RYRx7cM0g3\"}, \"group.name\", 40)",
    "user.getGroups({'group.profile.name': 'East Coast.*'}, {'operator': 'REGEX'}).![name]",
    "user.getLinkedObject(\"manager\").email",
    "Groups.contains(\"active_directory\", \"Sales\", 10)",
    "Groups.startsWith(\"OKTA\", \"EMEA\", 1)",
    "Groups.endsWith(\"0oa1\", \"Team\", 5)",
    "Time.now()",
    "Time.now(\"EST\")",
    "Time.now(\"EST\", \"YYYY-MM-dd HH:mm:ss\")",
    "Time.fromWindowsToIso8601(user.lastLogin)",
    "Time.fromUnixToIso8601(user.created)",
    "Time.fromStringToIso8601(user.date, \"YYYYMMdd\")",
    "Time.fromIso8601ToWindows(user.date)",
    "Time.fromIso8601ToUnix(user.date)",
    "Time.fromIso8601ToString(user.date, \"YYYY\")",
    "getManagerUser(\"active_directory\").email",
    "getManagerAppUser(\"active_directory\", \"google\").email",
    "getAssistantUser(\"active_directory\").firstName",
    "getAssistantAppUser(\"active_directory\", \"google\").email",
    "hasDirectoryUser()",
    "hasWorkdayUser()",
    "findDirectoryUser()",
    "findWorkdayUser()",
    "user.profile.firstName.toUpperCase()",
    "user.firstName.substring(1,3)",
    "user.firstName.length()",
    "{1,2}.size()",
    "user.isMemberOf({'group.id': '00gxxx'})",
    "'it''s' + \"say \"\"hi\"\"\"",
    "-1 + 2 * 3 / 4 % 5 - -6",
    "{:}",
    "{}",
];

#[test]
fn every_reference_example_parses() {
    for text in REFERENCE {
        if let Err(error) = parse(text) {
            panic!("`{text}`: {} at {:?}", error.message, error.span);
        }
    }
}

#[test]
fn spans_cover_what_the_nodes_were_written_as() {
    let text = "String.substringBefore(user.email, \"@\") + 'x'";
    let expr = parse(text).unwrap();
    let ExprKind::Binary { left, right, op_span, .. } = &expr.kind else { panic!("{expr:?}") };
    assert_eq!(&text[left.span.start..left.span.end], "String.substringBefore(user.email, \"@\")");
    assert_eq!(&text[op_span.start..op_span.end], "+");
    assert_eq!(&text[right.span.start..right.span.end], "'x'");
    let (name, span) = left.function_name().unwrap();
    assert_eq!((name.as_str(), &text[span.start..span.end]), ("String.substringBefore", "String.substringBefore"));
}

#[test]
fn strings_double_their_quote_and_keep_backslashes() {
    let expr = parse("'it''s \\d'").unwrap();
    assert_eq!(expr.kind, ExprKind::Str("it's \\d".into()));
    let expr = parse("\"say \"\"hi\"\"\"").unwrap();
    assert_eq!(expr.kind, ExprKind::Str("say \"hi\"".into()));
}

#[test]
fn precedence_follows_spel() {
    let cases = [
        ("a || b && c", "a || b && c"),
        ("(a || b) && c", "(a || b) && c"),
        ("a + b * c == d", "a + b * c == d"),
        ("a ? b : c ? d : e", "a ? b : c ? d : e"),
        ("a ?: b ?: c", "a ?: b ?: c"),
        ("!a.b", "!a.b"),
        ("a AND b OR c", "a && b || c"),
        ("x matches 'y'", "x matches 'y'"),
    ];
    for (text, printed) in cases {
        let expr = parse(text).unwrap();
        assert_eq!(print(&expr), printed, "{text}");
    }
    let ExprKind::Binary { op: BinaryOp::Or, .. } = parse("a && b || c").unwrap().kind else { panic!() };
}

#[test]
fn broken_expressions_say_what_and_where() {
    // (expression, message, byte offset of the primary span, offset of the secondary span)
    let cases: &[(&str, &str, usize, Option<usize>)] = &[
        ("String.toUpperCase(user.firstName", "expected `)` to close the `(` opened here", 33, Some(18)),
        ("user.lastName + ", "expected a value after `+`, found the end of the expression", 15, None),
        ("user.a ? 'x'", "expected `:` and the value for the false case, found the end of the expression", 12, Some(7)),
        ("user.firstName = 'x'", "`=` assigns, and expressions cannot assign", 15, None),
        ("user.a == 'x", "this string has no closing quote", 10, None),
        ("user.#x", "expected a name after `.`, found `#`", 5, Some(4)),
        ("user.a user.b", "expected an operator between two values, found `user`", 7, None),
        (")", "expected a value, found `)`", 0, None),
        ("user.a)", "this `)` closes no `(`", 6, None),
        ("f(a,)", "expected a value after `,`, found `)`", 4, None),
        ("{1, 2", "expected `}` to close the `{` opened here", 5, Some(0)),
        ("x[0", "expected `]` to close the `[` opened here", 3, Some(1)),
        ("@bean", "`@` is not part of the Okta expression language", 0, None),
        ("", "expected a value, found the end of the expression", 0, None),
        ("a AND", "expected a value after `AND`, found the end of the expression", 5, None),
        ("(a == b", "expected `)` to close the `(` opened here", 7, Some(0)),
        ("f(a b)", "expected `)` to close the `(` opened here", 4, Some(1)),
        ("x.![y", "expected `]` to close the `[` opened here", 5, Some(3)),
    ];
    for (text, message, at, secondary) in cases {
        let Err(error) = parse(text) else { panic!("`{text}` parsed") };
        assert_eq!(error.message, *message, "`{text}`");
        assert_eq!(error.span.start, *at, "`{text}`: {}", error.message);
        assert_eq!(error.secondary.map(|(span, _)| span.start), *secondary, "`{text}`");
        assert!(!error.label.is_empty());
    }
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let parens = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
    assert!(parse(&parens).unwrap_err().message.contains("nests deeper than 128"));
    let chain = format!("{}1", "1 + ".repeat(10_000));
    assert!(parse(&chain).unwrap_err().message.contains("nests deeper than 128"));
    let members = format!("user{}", ".a".repeat(10_000));
    assert!(parse(&members).unwrap_err().message.contains("nests deeper than 128"));
    let nots = format!("{}true", "!".repeat(10_000));
    assert!(parse(&nots).unwrap_err().message.contains("nests deeper than 128"));
    assert!(parse(&format!("{}1", "1 + ".repeat(100))).is_ok());
}
