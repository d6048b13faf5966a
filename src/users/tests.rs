//! Reading users files: the real Okta responses in ../shared/real-world/users/ (skipped when
//! absent) and the hand-written fixtures in fixtures/users/, in all three forms.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

use std::io::Cursor;
use std::path::{Path, PathBuf};

use super::{Format, ProfileValue, User, Users, UsersError};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/users").join(name)
}

fn read(path: &Path) -> (Format, Vec<User>) {
    let users = Users::open(path).unwrap();
    let format = users.format;
    (format, users.collect::<Result<Vec<_>, _>>().unwrap_or_else(|error| panic!("{}: {error}", path.display())))
}

fn read_text(text: &str) -> Vec<Result<User, UsersError>> {
    Users::new(Cursor::new(text.as_bytes().to_vec()), None).unwrap().collect()
}

#[test]
fn real_okta_responses_read_with_every_user() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-world/users");
    if !folder.is_dir() {
        eprintln!("SKIPPED: {} is absent", folder.display());
        return;
    }
    let expected = [
        ("users-list-2016-provisioned-active-response.json", 2),
        ("users-list-filter-suspended-response.json", 1),
        ("users-list-search-custom-array-attribute-response.json", 1),
        ("users-list-search-staged-provisioned-response.json", 3),
    ];
    for (name, count) in expected {
        let (format, users) = read(&folder.join(name));
        assert_eq!(format, Format::JsonArray, "{name}");
        assert_eq!(users.len(), count, "{name}");
        for user in &users {
            assert!(user.id.as_deref().is_some_and(|id| id.starts_with("00u")), "{name}: {user:?}");
            assert!(user.login().is_some_and(|login| login.contains('@')), "{name}: {user:?}");
            assert_eq!(user.profile.get("mobilePhone"), Some(&ProfileValue::Null), "JSON null is kept as null");
        }
    }
    let (_, users) = read(&folder.join("users-list-search-custom-array-attribute-response.json"));
    assert_eq!(
        users[0].profile.get("array123"),
        Some(&ProfileValue::Array(vec![ProfileValue::Str("cool".into()), ProfileValue::Str("feature".into())]))
    );
    let (_, users) = read(&folder.join("users-list-filter-suspended-response.json"));
    assert_eq!(users[0].status.as_deref(), Some("SUSPENDED"));
    assert_eq!(users[0].login(), Some("John.Doe-Suspend@example.com"));
}

/// The same eight users in every form, as their logins and statuses.
fn summary(users: &[User]) -> Vec<(Option<&str>, Option<&str>)> {
    users.iter().map(|user| (user.login(), user.status.as_deref())).collect()
}

#[test]
fn the_three_forms_give_the_same_users() {
    let (format, json) = read(&fixture("okta-users.json"));
    assert_eq!(format, Format::JsonArray);
    let (format, ndjson) = read(&fixture("okta-users.ndjson"));
    assert_eq!(format, Format::Ndjson);
    let (format, csv) = read(&fixture("console-export.csv"));
    assert_eq!(format, Format::Csv);
    assert_eq!(json.len(), 8, "two pages of four, concatenated");
    assert_eq!(summary(&json), summary(&ndjson));
    assert_eq!(summary(&json), summary(&csv));
    assert_eq!(json.iter().filter(|user| user.is_deprovisioned()).count(), 1);
    assert_eq!(csv[0].id.as_deref(), Some("00u1a2b3c4D5e6F7g8h9"), "the BOM is not part of the `id` header");
    assert_eq!(csv[1].profile.text("firstName"), Some("Jürgen"));
    assert_eq!(csv[2].profile.text("department"), Some("Research, Development"));
    assert_eq!(csv[3].profile.text("city"), Some("Munich \"Schwabing\""));
    assert_eq!(csv[2].profile.get("state"), Some(&ProfileValue::Null), "an empty cell is null");
    assert_eq!(json[2].profile.get("state"), None, "an absent attribute stays absent");
    assert_eq!(json[4].line, 2, "the second page starts on line 2");
    assert_eq!(ndjson[7].line, 8);
    assert_eq!(csv.iter().map(|user| user.line).collect::<Vec<_>>(), [2, 3, 4, 5, 6, 7, 8, 9]);
}

#[test]
fn app_users_keep_both_profiles_and_the_app_username() {
    let (format, users) = read(&fixture("app-users.ndjson"));
    assert_eq!(format, Format::Ndjson);
    assert_eq!(users.len(), 4);
    let jdoe = &users[2];
    assert_eq!(jdoe.id.as_deref(), Some("00u1a2b3c4D5e6F7g8i3"));
    assert_eq!(jdoe.login(), Some("jdoe"));
    let app = jdoe.app_user.as_ref().unwrap();
    assert_eq!(app.user_name.as_deref(), Some("jdoe"));
    assert_eq!(app.profile.text("locality"), Some("BERLIN"));
    assert_eq!(jdoe.profile.text("city"), Some("BERLIN"));
    assert!(users[3].is_deprovisioned());
}

#[test]
fn detection_by_content_with_the_extension_as_a_hint() {
    assert_eq!(super::detect(b"  \n[{", Some("json")), Format::JsonArray);
    assert_eq!(super::detect(b"\xEF\xBB\xBF{\"id\"", None), Format::Ndjson);
    assert_eq!(super::detect(b"id,status,login", Some("txt")), Format::Csv);
    assert_eq!(super::detect(b"{weird header", Some("CSV")), Format::Csv);
}

#[test]
fn pages_with_whitespace_between_them_and_empty_pages() {
    let users = read_text(
        "[]\n\n[ {\"id\":\"00u1\",\"profile\":{\"login\":\"a@x.io\"}} ,\n {\"id\":\"00u2\"} ]  [{\"id\":\"00u3\"}]\n",
    );
    let ids: Vec<_> = users.into_iter().map(|user| user.unwrap().id.unwrap()).collect();
    assert_eq!(ids, ["00u1", "00u2", "00u3"]);
}

#[test]
fn malformed_input_is_an_error_with_its_place_never_a_panic() {
    let users = read_text("[{\"id\":\"00u1\"},\n{\"id\": 00u2},\n{\"id\":\"00u3\"}]");
    assert!(users[0].is_ok());
    let Err(UsersError::Malformed { line, offset, .. }) = &users[1] else { panic!("{users:?}") };
    assert_eq!((*line, *offset), (2, 24), "where serde stops: the second `0`");
    assert_eq!(users[2].as_ref().unwrap().id.as_deref(), Some("00u3"), "reading goes on after a bad user");

    let users = read_text("[{\"id\":\"00u1\"} {\"id\":\"00u2\"}]");
    assert!(matches!(&users[1], Err(UsersError::Malformed { message, .. }) if message.contains("expected `,`")));
    assert_eq!(users.len(), 2);

    let users = read_text("[{\"id\":\"00u1\",\"profile\":{\"login\":\"a");
    assert!(
        matches!(&users[0], Err(UsersError::Malformed { message, line: 1, offset: 1 }) if message.contains("ends inside"))
    );
    assert_eq!(users.len(), 1);

    let users = read_text("[{\"id\":\"00u1\"}");
    assert!(
        matches!(&users[1], Err(UsersError::Malformed { message, .. }) if message.contains("before the array's `]`"))
    );

    let users = read_text("[1, {\"id\":\"00u2\"}]");
    assert!(
        matches!(&users[0], Err(UsersError::Malformed { message, .. }) if message.contains("expected a user object"))
    );
    assert!(users[1].is_ok());

    let bad_utf8 = b"id,login\n00u1,\xff\xfe\n00u2,b@x.io\n".to_vec();
    let users: Vec<_> = Users::new(Cursor::new(bad_utf8), Some("csv")).unwrap().collect();
    assert!(matches!(&users[0], Err(UsersError::Malformed { line: 2, message, .. }) if message.contains("UTF-8")));
    assert_eq!(users[1].as_ref().unwrap().login(), Some("b@x.io"));

    for text in ["", "\u{feff}", "   ", "[", "]", "{", "\"x\"", "[[[[", "{\"id\":[}]"] {
        let _ = read_text(text);
    }
}

#[test]
fn memory_stays_flat_while_streaming() {
    // 20,000 users through a reader that holds one user at a time: the scanner's buffer never
    // grows past the largest user.
    let one = r#"{"id":"00u1","status":"ACTIVE","profile":{"login":"a@x.io","countryCode":"DE"}}"#;
    let text = format!("[{}]", vec![one; 20_000].join(","));
    let mut users = Users::new(Cursor::new(text.into_bytes()), None).unwrap();
    let mut count = 0;
    for user in &mut users {
        assert_eq!(user.unwrap().profile.text("countryCode"), Some("DE"));
        count += 1;
    }
    assert_eq!(count, 20_000);
    let super::Inner::Json(json) = &users.inner else { panic!() };
    assert!(json.buffer.capacity() < 4 * one.len(), "buffer capacity {}", json.buffer.capacity());
}

#[test]
fn csv_records_know_their_line_and_offset_with_either_line_ending() {
    for (text, expected) in [
        ("id,login\n1,a\n2,b\n", [(2, 9), (3, 13)]),
        ("id,login\r\n1,a\r\n2,b\r\n", [(2, 10), (3, 15)]),
        ("id,login\n\"1\nx\",a\n2,b\n", [(2, 9), (4, 17)]),
    ] {
        let users: Vec<_> = Users::new(Cursor::new(text.as_bytes().to_vec()), Some("csv")).unwrap().collect();
        let places: Vec<_> =
            users.iter().map(|user| user.as_ref().map(|user| (user.line, user.offset)).unwrap()).collect();
        assert_eq!(places, expected, "{text:?}");
    }
}

#[test]
fn users_exports_are_told_from_documents_by_their_start() {
    let fixture = |name: &str| std::fs::read_to_string(format!("fixtures/users/{name}")).unwrap();
    for name in ["okta-users.json", "okta-users.ndjson", "app-users.ndjson"] {
        assert!(super::looks_like_users(&fixture(name)), "{name}");
    }
    let mapping = std::fs::read_to_string("fixtures/examples/haiilo-article.json").unwrap();
    assert!(!super::looks_like_users(&mapping), "a mapping export has an id and properties, no profile");
    assert!(!super::looks_like_users("id,status,login\n00u1,ACTIVE,a@x.io\n"), "CSV is never walked anyway");
    assert!(super::looks_like_users("\u{feff} [ { \"id\" : \"00uX\", \"profile\": {} } ]"));
}
