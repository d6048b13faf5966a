//! No output format ever prints a credential: not in messages, not in source snippets, not when
//! S401 itself is switched off.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;

const SECRETS: [&str; 3] = [
    "00Qx7bK2mPzT9vLw3RcN8yFh4JdS6aGe1UoXi5YtVq",
    "hx_live_5Fq2Lr8ZtW3nKp9VbYc7Md4Ga1SxJe6H",
    "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI3In0.Qm9Zx7Lr2TqK",
];

const MANIFEST: &str = "# token: SSWS 00Qx7bK2mPzT9vLw3RcN8yFh4JdS6aGe1UoXi5YtVq\nmappings:\n  - attribute: givenname\n    value: user.firstName\n    apiToken: hx_live_5Fq2Lr8ZtW3nKp9VbYc7Md4Ga1SxJe6H\n  - attribute: familyName\n    value: user.lastName # Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI3In0.Qm9Zx7Lr2TqK\n";

fn leaks(output: &str) -> Vec<String> {
    let mut found = Vec::new();
    for secret in SECRETS {
        let chars: Vec<char> = secret.chars().collect();
        for window in chars.windows(8) {
            let piece: String = window.iter().collect();
            if output.contains(&piece) {
                found.push(piece);
            }
        }
    }
    found
}

#[test]
fn no_format_prints_a_secret_substring_of_eight_characters() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("leaky.scimlint.yaml"), MANIFEST).unwrap();
    let formats = ["human", "concise", "json", "sarif", "github", "gitlab", "junit", "markdown"];
    for extra in [&[][..], &["--ignore", "S401"][..]] {
        for format in formats {
            let output = Command::cargo_bin("scimlint")
                .unwrap()
                .current_dir(dir.path())
                .env("NO_COLOR", "1")
                .args(["check", "--format", format, "leaky.scimlint.yaml"])
                .args(extra)
                .output()
                .unwrap();
            let text =
                format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
            assert!(leaks(&text).is_empty(), "{format} {extra:?} leaks {:?}:\n{text}", leaks(&text));
            if extra.is_empty() {
                assert!(text.contains("S401"), "{format} reports the secrets");
            }
        }
    }
}

#[test]
fn every_secret_in_the_file_is_found() {
    let report = common::lint_bytes("leaky.scimlint.yaml", MANIFEST.as_bytes().to_vec());
    let found = report.findings.iter().filter(|finding| finding.code == scimlint::Code::S401).count();
    assert_eq!(found, 3, "{}", common::human(&report));
}
