//! `scimlint pull` against a mock Okta on 127.0.0.1: what it writes, how it pages, waits and
//! retries, what it refuses, and that the token shows nowhere.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "pull/mock.rs"]
mod mock;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use mock::{APP, Mock, Reply, USERS, fixture};

const TOKEN: &str = "00SeCrEtT0kEn-pull-test-7xQ2vL9";
const FILES: [&str; 8] = [
    "app-user-schema.json",
    "application.json",
    "features.json",
    "mapping-to-app.json",
    "mapping-to-okta.json",
    "pull.json",
    "user-schema.json",
    "users.ndjson",
];

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn scimlint(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("scimlint").unwrap();
    command
        .current_dir(dir)
        .env_remove("OKTA_ACCESS_TOKEN")
        .env_remove("GITHUB_ACTIONS")
        .env("OKTA_API_TOKEN", TOKEN)
        .env("NO_COLOR", "1");
    command
}

fn run(command: &mut Command) -> Run {
    let output = command.output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&output.stdout).into_owned(),
        err: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn pull(mock: &Mock, dir: &Path, extra: &[&str]) -> Run {
    run(scimlint(dir).args(["pull", "--org", &mock.base, "--app", "Haiilo"]).args(extra))
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every file below `dir`, hidden ones included.
fn walk(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            let bytes = std::fs::read(&path).unwrap();
            found.push((path, bytes));
        }
    }
    found.sort();
    found
}

/// The pretty file minified again; equal to the raw response when the keys kept their order.
fn minified(pretty: &str) -> String {
    pretty.lines().map(str::trim_start).collect::<String>().replace("\": ", "\":")
}

#[test]
fn a_full_export_writes_every_file_as_okta_sent_it_in_okta_key_order() {
    let mock = Mock::start();
    let root = tempfile::tempdir().unwrap();
    let result = pull(&mock, root.path(), &["--users"]);
    assert_eq!(result.code, 0, "{}", result.err);
    let dir = root.path().join("okta/Haiilo");
    assert_eq!(files_in(&dir), FILES);
    assert_eq!(files_in(&root.path().join("okta")), ["Haiilo"], "no staging folder is left");
    for (file, response) in [
        ("application.json", "app.json"),
        ("mapping-to-app.json", "mapping-to-app.json"),
        ("mapping-to-okta.json", "mapping-to-okta.json"),
        ("app-user-schema.json", "app-user-schema.json"),
        ("features.json", "features.json"),
        ("user-schema.json", "user-schema.json"),
    ] {
        let written = std::fs::read_to_string(dir.join(file)).unwrap();
        assert_eq!(minified(&written), fixture(response), "{file}");
        assert!(written.ends_with("}\n") || written.ends_with("]\n"), "{file} ends with one newline");
        assert!(
            written.lines().nth(1).is_some_and(|line| line.starts_with("  \"") || line.starts_with("  {")),
            "{file}"
        );
    }
    let application = std::fs::read_to_string(dir.join("application.json")).unwrap();
    assert!(
        application.contains("\"lastUpdated\": \"2026-03-02T10:14:07.000Z\"") && application.contains("\"_links\": {")
    );
    assert!(result.err.contains("Exported `Haiilo` (0oa8hXq2HaiiloP1d7x1)"), "{}", result.err);
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("pull.json")).unwrap()).unwrap();
    assert_eq!(record["org"], mock.base.as_str());
    assert_eq!(record["app"]["id"], APP);
    assert_eq!(record["users"], 5);
    assert!(record["fetchedAt"].as_str().is_some_and(|time| time.ends_with('Z')));
}

#[test]
fn the_users_are_read_over_three_pages_one_app_user_a_line() {
    let mock = Mock::start();
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("export");
    let result = pull(&mock, root.path(), &["--users", "--out", out.to_str().unwrap()]);
    assert_eq!(result.code, 0, "{}", result.err);
    let pages: Vec<String> = mock.targets().into_iter().filter(|target| target.starts_with(USERS)).collect();
    assert_eq!(
        pages,
        [
            USERS.to_owned(),
            format!("{USERS}&after=00u8hXq2BenCole00d7x1"),
            format!("{USERS}&after=00u8hXq2DanEvans0d7x1")
        ]
    );
    let lines = std::fs::read_to_string(out.join("users.ndjson")).unwrap();
    let lines: Vec<&str> = lines.lines().collect();
    let mut expected = Vec::new();
    for page in ["users-page-1.json", "users-page-2.json", "users-page-3.json"] {
        let elements: Vec<serde_json::Value> = serde_json::from_str(&fixture(page)).unwrap();
        expected.extend(elements);
    }
    assert_eq!(lines.len(), 5);
    for (line, user) in lines.iter().zip(&expected) {
        assert_eq!(&serde_json::from_str::<serde_json::Value>(line).unwrap(), user);
        assert!(line.starts_with("{\"id\":\"00u8hXq2"), "Okta's key order, compact: {line}");
        assert!(user["_embedded"]["user"]["profile"]["login"].is_string());
    }
}

#[test]
fn two_pulls_of_an_unchanged_org_give_byte_identical_files_but_pull_json() {
    let mock = Mock::start();
    let root = tempfile::tempdir().unwrap();
    for dir in ["one", "two"] {
        assert_eq!(pull(&mock, root.path(), &["--users", "--out", dir]).code, 0);
    }
    for file in FILES.iter().filter(|file| **file != "pull.json") {
        let one = std::fs::read(root.path().join("one").join(file)).unwrap();
        assert_eq!(one, std::fs::read(root.path().join("two").join(file)).unwrap(), "{file}");
    }
}

#[test]
fn a_429_waits_for_the_rate_limit_reset_and_retries() {
    let mock = Mock::with(|seen, before, _| {
        let reset = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
        (seen.target.ends_with("/features") && before == 0).then(|| {
            Reply::status(429, fixture("error-429.json"))
                .with_header("X-Rate-Limit-Reset", &reset.to_string())
                .with_header("X-Rate-Limit-Remaining", "0")
        })
    });
    let root = tempfile::tempdir().unwrap();
    let result = pull(&mock, root.path(), &["--out", "x"]);
    assert_eq!(result.code, 0, "{}", result.err);
    assert!(
        result.err.contains(&format!("GET /api/v1/apps/{APP}/features: rate-limited by Okta; waiting 1 s")),
        "{}",
        result.err
    );
    assert_eq!(mock.targets().iter().filter(|target| target.ends_with("/features")).count(), 2);
    assert_eq!(
        minified(&std::fs::read_to_string(root.path().join("x/features.json")).unwrap()),
        fixture("features.json")
    );
}

#[test]
fn a_500_is_retried_and_the_export_completes() {
    let schema = format!("/api/v1/meta/schemas/apps/{APP}/default");
    let path = schema.clone();
    let mock = Mock::with(move |seen, before, _| {
        (seen.target == path && before == 0).then(|| Reply::status(500, fixture("error-500.json")))
    });
    let root = tempfile::tempdir().unwrap();
    let result = pull(&mock, root.path(), &["--out", "x"]);
    assert_eq!(result.code, 0, "{}", result.err);
    assert!(result.err.contains(&format!("GET {schema}: HTTP 500; retry 1 of 3")), "{}", result.err);
    assert_eq!(files_in(&root.path().join("x")).len(), 7);
}

#[test]
fn an_okta_error_body_is_an_error_with_its_call_never_a_file() {
    let mock = Mock::start();
    let root = tempfile::tempdir().unwrap();
    let missing = "0oa8hXq2NotThere00x1";
    let result = run(scimlint(root.path()).args(["pull", "--org", &mock.base, "--app", missing]));
    assert_eq!(result.code, 2);
    assert!(result.err.contains(&format!("GET /api/v1/apps/{missing}: Okta answered 404")), "{}", result.err);
    assert!(
        result.err.contains("(E0000007)") && result.err.contains("Not found: Resource not found"),
        "{}",
        result.err
    );
    assert!(result.err.contains("Nothing was written"), "{}", result.err);
    assert!(files_in(root.path()).is_empty());

    // The features of an app without provisioning: Okta's 400, mid-export.
    let mock = Mock::with(|seen, _, _| {
        seen.target.ends_with("/features").then(|| {
            Reply::status(400, r#"{"errorCode":"E0000001","errorSummary":"Api validation failed: feature","errorLink":"E0000001","errorId":"oae4vyCf9J1TPeB4RRJILkH_Q","errorCauses":[{"errorSummary":"Provisioning is not supported."}]}"#.to_owned())
        })
    });
    let result = pull(&mock, root.path(), &[]);
    assert_eq!(result.code, 2);
    assert!(
        result.err.contains("Api validation failed: feature (E0000001); Provisioning is not supported."),
        "{}",
        result.err
    );
    assert!(files_in(&root.path().join("okta")).is_empty(), "nothing half-written");
}

#[test]
fn a_label_of_two_apps_is_refused_with_both_listed() {
    let mock = Mock::start();
    let root = tempfile::tempdir().unwrap();
    let result = run(scimlint(root.path()).args(["pull", "--org", &mock.base, "--app", "Twin"]));
    assert_eq!(result.code, 2);
    assert!(result.err.contains("the label `Twin` matches 2 apps"), "{}", result.err);
    for candidate in ["0oa8hXq2TwinAppOne7x1", "0oa8hXq2TwinAppTwo7x1", "name `haiilo_scim_2`"] {
        assert!(result.err.contains(candidate), "{candidate}: {}", result.err);
    }
    assert!(mock.targets().iter().all(|target| target.starts_with("/api/v1/apps?q=Twin")));
}

#[test]
fn a_connection_killed_mid_export_leaves_the_previous_export_intact() {
    let root = tempfile::tempdir().unwrap();
    assert_eq!(pull(&Mock::start(), root.path(), &["--out", "okta/Haiilo"]).code, 0);
    let before = walk(root.path());
    let mock = Mock::with(|seen, _, _| {
        (seen.target == "/api/v1/meta/schemas/user/default")
            .then(|| Reply::CutOff { body: fixture("user-schema.json") })
    });
    let result = pull(&mock, root.path(), &["--out", "okta/Haiilo", "--force"]);
    assert_eq!(result.code, 2, "{}", result.err);
    assert!(
        result
            .err
            .contains("GET /api/v1/meta/schemas/user/default: the connection closed before the answer was complete"),
        "{}",
        result.err
    );
    assert!(result.err.contains("retry 3 of 3"), "{}", result.err);
    assert_eq!(walk(root.path()), before, "the old export, byte for byte, and no staging folder");
}

#[test]
fn an_existing_export_is_replaced_only_with_force() {
    let mock = Mock::start();
    let root = tempfile::tempdir().unwrap();
    assert_eq!(pull(&mock, root.path(), &[]).code, 0);
    let dir = root.path().join("okta/Haiilo");
    std::fs::write(dir.join("stale.json"), "{}\n").unwrap();
    let result = pull(&mock, root.path(), &[]);
    assert_eq!(result.code, 2);
    assert!(result.err.contains("exists") && result.err.contains("--force"), "{}", result.err);
    assert!(dir.join("stale.json").exists());
    assert_eq!(pull(&mock, root.path(), &["--force"]).code, 0);
    assert_eq!(files_in(&dir), FILES.iter().filter(|file| **file != "users.ndjson").copied().collect::<Vec<_>>());
    assert_eq!(files_in(&root.path().join("okta")), ["Haiilo"]);

    // A folder that is not an export is never replaced, --force or not.
    let mine = root.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "keep me").unwrap();
    let result = pull(&mock, root.path(), &["--out", "mine", "--force"]);
    assert_eq!(result.code, 2);
    assert!(result.err.contains("not an earlier `scimlint pull` export"), "{}", result.err);
    assert_eq!(std::fs::read_to_string(mine.join("notes.txt")).unwrap(), "keep me");
}

#[test]
fn the_token_is_sent_but_never_shown_even_when_okta_echoes_it() {
    // This org echoes the Authorization header into a file's body and into an error summary.
    let mock = Mock::with(|seen, _, _| {
        let echoed = seen.header("authorization").unwrap_or_default().to_owned();
        if seen.target == format!("/api/v1/apps/{APP}") {
            return Some(Reply::ok(fixture("app.json").replace("Haiilo \u{2013} SCIM 2.0 provisioning", &echoed)));
        }
        seen.target.contains("after=00u8hXq2DanEvans0d7x1").then(|| {
            Reply::status(
                401,
                format!(
                    r#"{{"errorCode":"E0000011","errorSummary":"Invalid token provided: {echoed}","errorCauses":[]}}"#
                ),
            )
        })
    });
    let root = tempfile::tempdir().unwrap();
    let complete = pull(&mock, root.path(), &["--out", "a"]);
    let failed = pull(&mock, root.path(), &["--out", "b", "--users"]);
    assert_eq!((complete.code, failed.code), (0, 2), "{}", failed.err);
    assert!(failed.err.contains("Invalid token provided: SSWS [REDACTED]"), "{}", failed.err);
    let first = &mock.seen()[0];
    assert_eq!(first.header("authorization"), Some(format!("SSWS {TOKEN}").as_str()));
    assert_eq!(first.header("user-agent"), Some(concat!("scimlint/", env!("CARGO_PKG_VERSION"))));
    assert_eq!(first.header("accept"), Some("application/json"));
    for text in [&complete.out, &complete.err, &failed.out, &failed.err] {
        assert!(!text.contains(TOKEN), "{text}");
    }
    let written = walk(root.path());
    assert_eq!(written.len(), 7);
    for (path, bytes) in written {
        assert!(!String::from_utf8_lossy(&bytes).contains(TOKEN), "{}", path.display());
    }
}

#[test]
fn an_oidc_client_secret_is_left_out_and_said_so() {
    let secret = "k3pT-xW9vQ2mZr7Ls4Nd8Yb1Hc6Jf0Ga5Ue";
    let mock = Mock::with(move |seen, _, _| {
        (seen.target == format!("/api/v1/apps/{APP}")).then(|| {
            let oauth =
                format!(r#""oauthClient":{{"client_id":"{APP}","client_secret":"{secret}"}},"userNameTemplate""#);
            Reply::ok(fixture("app.json").replace("\"userNameTemplate\"", &oauth))
        })
    });
    let root = tempfile::tempdir().unwrap();
    let result = pull(&mock, root.path(), &["--out", "x"]);
    assert_eq!(result.code, 0, "{}", result.err);
    assert!(
        result.err.contains("application.json: left out `/credentials/oauthClient/client_secret` (a credential)"),
        "{}",
        result.err
    );
    let application = std::fs::read_to_string(root.path().join("x/application.json")).unwrap();
    assert!(
        !application.contains(secret) && application.contains("\"client_id\": \"0oa8hXq2HaiiloP1d7x1\""),
        "{application}"
    );
    let record = std::fs::read_to_string(root.path().join("x/pull.json")).unwrap();
    assert!(record.contains("\"pointer\": \"/credentials/oauthClient/client_secret\""), "{record}");
}

#[test]
fn an_access_token_goes_as_bearer_and_a_token_file_beats_the_environment() {
    let mock = Mock::start();
    let root = tempfile::tempdir().unwrap();
    let result = run(scimlint(root.path())
        .env_remove("OKTA_API_TOKEN")
        .env("OKTA_ACCESS_TOKEN", "eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl")
        .args(["pull", "--org", &mock.base, "--app", APP, "--out", "a"]));
    assert_eq!(result.code, 0, "{}", result.err);
    std::fs::write(root.path().join("token"), "00FromTheFile\n").unwrap();
    let result = run(scimlint(root.path()).args([
        "pull",
        "--org",
        &mock.base,
        "--app",
        APP,
        "--out",
        "b",
        "--token-file",
        "token",
    ]));
    assert_eq!(result.code, 0, "{}", result.err);
    let sent: Vec<String> =
        mock.seen().iter().filter_map(|seen| seen.header("authorization").map(str::to_owned)).collect();
    assert!(
        sent.contains(&"Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl".to_owned())
            && sent.contains(&"SSWS 00FromTheFile".to_owned())
    );
}

#[test]
fn without_a_token_or_with_one_on_the_command_line_nothing_is_asked() {
    let mock = Mock::start();
    let root = tempfile::tempdir().unwrap();
    let result =
        run(scimlint(root.path()).env_remove("OKTA_API_TOKEN").args(["pull", "--org", &mock.base, "--app", APP]));
    assert_eq!(result.code, 2);
    assert!(result.err.contains("no Okta token: set OKTA_API_TOKEN"), "{}", result.err);
    let result = run(scimlint(root.path()).args(["pull", "--org", &mock.base, "--app", APP, "--token", TOKEN]));
    assert_eq!(result.code, 2);
    assert!(result.err.contains("unexpected argument '--token'") && !result.err.contains(TOKEN), "{}", result.err);
    assert!(mock.seen().is_empty());
}

#[test]
fn a_next_link_to_another_host_is_not_followed() {
    let mock = Mock::with(|seen, _, _| {
        (seen.target == USERS).then(|| {
            Reply::ok(fixture("users-page-1.json"))
                .with_header("Link", "<http://evil.example/api/v1/apps/x/users?after=1>; rel=\"next\"")
        })
    });
    let root = tempfile::tempdir().unwrap();
    let result = pull(&mock, root.path(), &["--users"]);
    assert_eq!(result.code, 2);
    assert!(result.err.contains("the next page is on another host (`http://evil.example/"), "{}", result.err);
    assert!(files_in(&root.path().join("okta")).is_empty());
}

#[test]
fn plain_http_is_refused_off_loopback() {
    let root = tempfile::tempdir().unwrap();
    let result = run(scimlint(root.path()).args(["pull", "--org", "http://acme.okta.com", "--app", "Haiilo"]));
    assert_eq!(result.code, 2);
    assert!(result.err.contains("plain http is allowed only to a loopback address"), "{}", result.err);
}

/// codes and messages of `check --format json DIR`, sorted, and how many files it read.
fn findings(dir: &Path) -> (Vec<(String, String)>, u64) {
    let result = run(scimlint(dir).args(["check", "--format", "json", "--no-config", "."]));
    assert!(result.code == 0 || result.code == 1, "{}", result.err);
    let output: serde_json::Value = serde_json::from_str(&result.out).unwrap();
    let mut found: Vec<(String, String)> = output["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|diagnostic| {
            (diagnostic["code"].as_str().unwrap().to_owned(), diagnostic["message"].as_str().unwrap().to_owned())
        })
        .collect();
    found.sort();
    (found, output["summary"]["files"].as_u64().unwrap())
}

#[test]
fn check_finds_in_a_pull_what_it_finds_in_the_same_setup_exported_by_hand() {
    let root = tempfile::tempdir().unwrap();
    assert_eq!(pull(&Mock::start(), root.path(), &["--users", "--out", "pulled"]).code, 0);
    // The same org's answers saved as the README's old curl recipe did: raw, under other names.
    let by_hand = root.path().join("by-hand");
    std::fs::create_dir(&by_hand).unwrap();
    for (name, response) in [
        ("mapping-prm8hXq2ToHaiilo0d7x1.json", "mapping-to-app.json"),
        ("mapping-prm8hXq2FromHaiil0d7x1.json", "mapping-to-okta.json"),
        ("app-user-schema.json", "app-user-schema.json"),
        ("features.json", "features.json"),
        ("app.json", "app.json"),
        ("user-schema.json", "user-schema.json"),
    ] {
        std::fs::write(by_hand.join(name), fixture(response)).unwrap();
    }
    let (pulled, read) = findings(&root.path().join("pulled"));
    let (expected, _) = findings(&by_hand);
    assert_eq!(read, 6, "every JSON file of the export is recognised; pull.json is not a document");
    assert!(pulled.iter().any(|(code, _)| code == "P306"), "{pulled:?}");
    assert_eq!(pulled, expected);
}

#[test]
fn check_after_pull_is_the_check_of_the_folder() {
    let mock = Mock::start();
    let root = tempfile::tempdir().unwrap();
    let result = pull(&mock, root.path(), &["--check"]);
    let checked = run(scimlint(root.path()).args(["check", "okta/Haiilo"]));
    assert_eq!(result.code, checked.code, "{}", result.err);
    assert_eq!(result.out, checked.out);
    assert!(result.out.contains("P306"), "{}", result.out);
}
