//! Hostile input: each case ends quickly with a clear finding or error, never a panic or a hang.
//!
//! The binary runs under a watchdog (killed and failed after 20 s); the cases that could blow up
//! memory (alias bombs, deep nesting) also run in-process with a bound on time, and the huge file
//! is sparse and must be refused from its metadata, without being read.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const WATCHDOG: Duration = Duration::from_secs(20);

struct Run {
    code: i32,
    out: String,
    err: String,
    took: Duration,
}

/// The binary under test: `SCIMLINT_BIN` when set (`.ci/run` points it at the release build
/// for the full-size cases), else the one `cargo test` built.
fn binary() -> String {
    std::env::var("SCIMLINT_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_scimlint").to_owned())
}

/// Runs `scimlint ARGS` with `stdin`, killing it (and failing) if it outlives the watchdog.
fn scimlint_with_stdin(args: &[&str], stdin: &[u8]) -> Run {
    scimlint_within(args, stdin, WATCHDOG)
}

fn scimlint_within(args: &[&str], stdin: &[u8], watchdog: Duration) -> Run {
    let started = Instant::now();
    let mut child = Command::new(binary())
        .args(args)
        .current_dir(common::root())
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    // A writer thread: a child that stops reading must not block the test.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout.read_to_end(&mut bytes);
        bytes
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr.read_to_end(&mut bytes);
        bytes
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > watchdog {
            let _ = child.kill();
            let _ = child.wait();
            panic!("scimlint {args:?} still ran after {WATCHDOG:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let took = started.elapsed();
    let _ = writer.join();
    let out = String::from_utf8_lossy(&out.join().unwrap()).into_owned();
    let err = String::from_utf8_lossy(&err.join().unwrap()).into_owned();
    assert!(!err.contains("panicked"), "scimlint {args:?} panicked:\n{err}");
    Run { code: status.code().unwrap_or(-1), out, err, took }
}

fn scimlint(args: &[&str]) -> Run {
    scimlint_with_stdin(args, b"")
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_owned()
}

/// An Okta mapping export with one unsupported attribute (T101), so a run of it exits 1.
const EXPORT: &str = r#"{"properties": {"surname": {"expression": "user.lastName", "pushStatus": "PUSH"}}}"#;

/// A manifest whose T101 is at line 2, column 16.
const MANIFEST: &str = "mappings:\n  - attribute: surname\n    value: user.lastName\n";

/// Lints in-process, failing if it takes longer than `limit`.
fn lint_in_time(name: &str, bytes: Vec<u8>, limit: Duration) -> scimlint::Report {
    let started = Instant::now();
    let report = common::lint_bytes(name, bytes);
    assert!(started.elapsed() < limit, "{name} took {:?}", started.elapsed());
    report
}

fn f001_reason(report: &scimlint::Report) -> String {
    let finding = report.findings.iter().find(|finding| finding.code == scimlint::Code::F001);
    finding.unwrap_or_else(|| panic!("no F001 in {:?}", report.findings)).message.clone()
}

#[test]
fn a_yaml_alias_bomb_is_refused_quickly() {
    let mut text = String::from("mappings: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..10 {
        let refs = vec![format!("*a{}", level - 1); 10].join(", ");
        text.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
    }
    let report = lint_in_time("bomb.scimlint.yaml", text.clone().into_bytes(), Duration::from_secs(5));
    assert!(f001_reason(&report).contains("billion laughs"), "{:?}", report.findings);
    let dir = tempfile::tempdir().unwrap();
    let run = scimlint(&["check", "--format", "concise", &write(dir.path(), "bomb.scimlint.yaml", text)]);
    assert_eq!(run.code, 1, "{}{}", run.out, run.err);
    assert!(run.out.contains("F001") && run.out.contains("billion laughs"), "{}", run.out);
}

#[test]
fn nesting_100000_levels_deep_is_refused_in_json_and_yaml() {
    let deep_arrays = "[".repeat(100_000);
    let deep_objects = format!("{}1{}", "{\"a\": ".repeat(100_000), "}".repeat(100_000));
    let deep_flow = format!("{}1{}", "{a: ".repeat(100_000), "}".repeat(100_000));
    let deep_block = format!("{}x\n", "- ".repeat(100_000));
    let cases = [
        ("arrays.json", &deep_arrays),
        ("objects.json", &deep_objects),
        ("arrays.scimlint.yaml", &deep_arrays),
        ("flow.scimlint.yaml", &deep_flow),
        ("block.scimlint.yaml", &deep_block),
        ("arrays.tf", &deep_arrays),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in cases {
        let report = lint_in_time(name, text.clone().into_bytes(), Duration::from_secs(10));
        assert!(report.findings.iter().any(|finding| finding.code.as_str().starts_with('F')), "{name}");
        let run = scimlint(&["check", "--format", "concise", &write(dir.path(), name, text)]);
        assert_eq!(run.code, 1, "{name}: {}{}", run.out, run.err);
        assert!(run.out.contains(" F00"), "{name}: {}", run.out);
    }
    let run = scimlint(&["check", "--format", "concise", &write(dir.path(), "objects.json", &deep_objects)]);
    assert!(run.out.contains("nesting is deeper than 512 levels"), "{}", run.out);
}

#[test]
fn a_200_mb_file_is_refused_from_its_size_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    // Sparse: costs no disk, and reading it would take seconds and 200 MB of memory.
    std::fs::File::create(&big).unwrap().set_len(200 * 1024 * 1024).unwrap();
    let good = write(dir.path(), "good.json", EXPORT);
    let run = scimlint(&["check", "--format", "concise", big.to_str().unwrap(), &good]);
    assert_eq!(run.code, 2, "{}{}", run.out, run.err);
    assert!(run.took < Duration::from_secs(5), "took {:?}", run.took);
    for expected in ["big.json", "200 MiB (209715200 bytes)", "limit of 64 MiB", "--max-file-size"] {
        assert!(run.err.contains(expected), "{expected} missing from: {}", run.err);
    }
    assert!(run.out.contains("good.json") && run.out.contains("T101"), "the other file is still checked: {}", run.out);

    // The limit is configurable, in bytes or with a unit.
    let run = scimlint(&["check", "--format", "concise", "--max-file-size", "40", &good]);
    assert_eq!(run.code, 2);
    assert!(run.err.contains("larger than the limit of 40 bytes"), "{}", run.err);
    let run = scimlint(&["check", "--format", "concise", "--max-file-size", "1KiB", &good]);
    assert_eq!(run.code, 1, "{}", run.err);
    let run = scimlint(&["check", "--max-file-size", "lots", &good]);
    assert_eq!(run.code, 2, "a bad size is a usage error");
    assert!(run.err.contains("not a size"), "{}", run.err);

    // Stdin has no size to look at: it is read up to the limit and refused past it.
    let run = scimlint_with_stdin(&["check", "--max-file-size", "1K", "-"], &vec![b' '; 4096]);
    assert_eq!(run.code, 2);
    assert!(run.err.contains("<stdin>") && run.err.contains("larger than the limit of 1 KiB"), "{}", run.err);
}

#[test]
fn a_1_mb_expression_finishes_quickly() {
    let long_sum = vec!["user.firstName"; 1024 * 1024 / 17].join(" + ");
    let long_literal = format!("\"{}\"", "x".repeat(1024 * 1024));
    let dir = tempfile::tempdir().unwrap();
    for (index, expression) in [long_sum, long_literal].iter().enumerate() {
        let json = serde_json::json!({"properties": {"displayName": {"expression": expression, "pushStatus": "PUSH"}}});
        let manifest = format!("mappings:\n  - attribute: displayName\n    value: {}\n", serde_json::json!(expression));
        for (name, text) in
            [(format!("long{index}.json"), json.to_string()), (format!("long{index}.scimlint.yaml"), manifest)]
        {
            let run = scimlint(&["check", "--format", "concise", &write(dir.path(), &name, text)]);
            assert!(run.code == 0 || run.code == 1, "{name}: {}{}", run.out, run.err);
            assert!(run.took < Duration::from_secs(15), "{name} took {:?}", run.took);
            assert!(run.out.ends_with("in 1 file.\n") || run.out.ends_with("(1 file).\n"), "{name}: {}", run.out);
        }
    }
}

#[test]
fn nul_bytes_are_f001() {
    let report = common::lint_bytes("nul.json", b"{\"properties\": {\"a\0\": 1}}".to_vec());
    assert!(f001_reason(&report).contains("NUL byte"));
    let dir = tempfile::tempdir().unwrap();
    let run = scimlint(&["check", "--format", "concise", &write(dir.path(), "nul.json", b"{\"a\": \0}")]);
    assert_eq!(run.code, 1);
    assert!(run.out.contains(":1:7: F001") && run.out.contains("NUL byte"), "{}", run.out);
}

#[test]
fn invalid_utf8_is_f001_at_the_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let run =
        scimlint(&["check", "--format", "concise", &write(dir.path(), "latin1.json", b"{\n\"title\": \"Caf\xe9\"}")]);
    assert_eq!(run.code, 1);
    assert!(run.out.contains(":2:14: F001") && run.out.contains("not UTF-8"), "{}", run.out);
    // The human output shows the place without panicking on the replacement character.
    let run = scimlint(&["check", &write(dir.path(), "latin1.json", b"{\n\"title\": \"Caf\xe9\"}")]);
    assert_eq!(run.code, 1);
    assert!(run.out.contains("F001"), "{}", run.out);
}

#[test]
fn utf16_is_f001_and_a_utf8_bom_is_accepted_with_positions_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let little: Vec<u8> = [0xFF, 0xFE].into_iter().chain(EXPORT.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let big: Vec<u8> = [0xFE, 0xFF].into_iter().chain(EXPORT.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    for (name, bytes) in [("le.json", little), ("be.json", big)] {
        let run = scimlint(&["check", "--format", "concise", &write(dir.path(), name, bytes)]);
        assert_eq!(run.code, 1, "{name}");
        assert!(run.out.contains("F001") && run.out.contains("UTF-16 text; save it as UTF-8"), "{}", run.out);
    }
    let plain = scimlint(&["check", "--format", "concise", &write(dir.path(), "plain.scimlint.yaml", MANIFEST)]);
    let bom = scimlint(&[
        "check",
        "--format",
        "concise",
        &write(dir.path(), "bom.scimlint.yaml", format!("\u{feff}{MANIFEST}")),
    ]);
    assert_eq!(bom.code, 1, "{}", bom.out);
    assert!(bom.out.contains("bom.scimlint.yaml:2:16: T101"), "{}", bom.out);
    assert_eq!(plain.out.replace("plain.", "bom."), bom.out, "the BOM changes nothing");
    // On the first line too: the BOM is no column.
    let run = scimlint(&["check", "--format", "concise", &write(dir.path(), "bom.json", format!("\u{feff}{EXPORT}"))]);
    assert!(run.out.contains("bom.json:1:17: T101"), "{}", run.out);
    let run = scimlint(&["check", &write(dir.path(), "bom.json", format!("\u{feff}{EXPORT}"))]);
    assert!(run.out.contains("bom.json:1:17]"), "{}", run.out);
}

#[test]
fn crlf_and_lone_cr_line_endings_keep_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    for (name, ending) in [("crlf.scimlint.yaml", "\r\n"), ("cr.scimlint.yaml", "\r")] {
        let run = scimlint(&["check", "--format", "concise", &write(dir.path(), name, MANIFEST.replace('\n', ending))]);
        assert_eq!(run.code, 1, "{name}: {}", run.out);
        assert!(run.out.contains(&format!("{name}:2:16: T101")), "{name}: {}", run.out);
        let human = scimlint(&["check", &write(dir.path(), name, MANIFEST.replace('\n', ending))]);
        assert!(human.out.contains(&format!("{name}:2:16]")), "{name}: {}", human.out);
    }
    let export = "{\n  \"properties\": {\n    \"surname\": {\"expression\": \"user.lastName\"}\n  }\n}\n";
    for (name, ending) in [("crlf.json", "\r\n"), ("cr.json", "\r")] {
        let run = scimlint(&["check", "--format", "concise", &write(dir.path(), name, export.replace('\n', ending))]);
        assert!(run.out.contains(&format!("{name}:3:5: T101")), "{name}: {}", run.out);
    }
}

#[test]
fn a_100000_character_line_renders_bounded() {
    let filler = "x".repeat(100_000);
    let text = format!(
        r#"{{"properties": {{"surname": {{"expression": "user.lastName", "pushStatus": "PUSH"}}, "title": {{"expression": "'{filler}'", "pushStatus": "PUSH"}}}}}}"#
    );
    let dir = tempfile::tempdir().unwrap();
    let run = scimlint(&["check", &write(dir.path(), "long-line.json", &text)]);
    assert_eq!(run.code, 1, "{}", run.err);
    assert!(run.out.contains("T101"), "{}", &run.out[..run.out.len().min(2000)]);
    assert!(run.out.len() < 1024 * 1024, "{} bytes of output", run.out.len());
    assert!(run.took < Duration::from_secs(10), "took {:?}", run.took);
}

#[cfg(unix)]
#[test]
fn a_directory_loop_through_symlinks_ends_and_linked_files_are_linted() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let walked = dir.path().join("walked");
    std::fs::create_dir_all(walked.join("a/b")).unwrap();
    symlink(&walked, walked.join("a/b/up")).unwrap();
    symlink(".", walked.join("a/self")).unwrap();
    symlink("loop2", walked.join("loop1.json")).unwrap();
    symlink("loop1.json", walked.join("loop2")).unwrap();
    symlink("nowhere.json", walked.join("dangling.json")).unwrap();
    let outside = write(dir.path(), "outside.json", EXPORT);
    symlink(&outside, walked.join("a/linked.json")).unwrap();
    let run = scimlint(&["check", "--format", "concise", walked.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}{}", run.out, run.err);
    assert_eq!(run.err, "", "a loop is no error");
    assert!(run.out.contains("walked/a/linked.json:1:") && run.out.contains("T101"), "{}", run.out);
    assert!(run.out.contains("in 1 file."), "{}", run.out);
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.json");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let good = write(dir.path(), "good.json", EXPORT);
    let mut cases = vec![("/dev/null", "a character device"), ("/dev/zero", "a character device")];
    if made.is_ok_and(|status| status.success()) {
        cases.push((fifo.to_str().unwrap(), "a FIFO (named pipe)"));
    }
    for (path, kind) in cases {
        let run = scimlint(&["check", "--format", "concise", path, &good]);
        assert_eq!(run.code, 2, "{path}: {}{}", run.out, run.err);
        assert!(run.err.contains(&format!("cannot read `{path}`: it is {kind}, not a regular file")), "{}", run.err);
        assert!(run.out.contains("good.json") && run.out.contains("T101"), "{}", run.out);
        assert!(run.took < Duration::from_secs(5), "{path} took {:?}", run.took);
    }
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_among_readable_ones_exits_two_and_the_rest_is_checked() {
    // Tests may run as root, whom permissions do not stop: unreadable by construction instead.
    let dir = tempfile::tempdir().unwrap();
    let first = write(dir.path(), "first.json", EXPORT);
    let last = write(dir.path(), "last.scimlint.yaml", MANIFEST);
    let dangling = dir.path().join("dangling.json");
    std::os::unix::fs::symlink(dir.path().join("gone.json"), &dangling).unwrap();
    let under_a_file = format!("{first}/inner.json");
    let run = scimlint(&["check", "--format", "concise", &first, dangling.to_str().unwrap(), &under_a_file, &last]);
    assert_eq!(run.code, 2, "{}{}", run.out, run.err);
    assert!(run.err.contains("dangling.json`: no such file or directory"), "{}", run.err);
    assert!(run.err.contains("inner.json`:"), "{}", run.err);
    assert!(run.out.contains("first.json:1:") && run.out.contains("last.scimlint.yaml:2:16: T101"), "{}", run.out);
}

/// One minified line of `count` properties, each an unsupported attribute (T101): the shape of
/// `curl … > export.json` for a large app, at its worst.
fn one_line_export(count: usize) -> String {
    let mut text = String::with_capacity(count * 66 + 64);
    text.push_str("[{\"id\":\"prm1\",\"properties\":{");
    for index in 0..count {
        if index > 0 {
            text.push(',');
        }
        text.push_str(&format!("\"attr{index:06}\":{{\"expression\":\"user.firstName\",\"pushStatus\":\"PUSH\"}}"));
    }
    text.push_str("}}]");
    text
}

/// 26 MB on one line with 400,000 findings, in every format, completes with every finding and
/// no panic. Timed by the benchmarks (BENCHMARKS.md); with the debug binary of `cargo test` the
/// same shape runs at a tenth of the size, and `.ci/run` runs the full size with the release
/// binary (`SCIMLINT_BIN`).
#[test]
fn a_26_mb_one_line_export_with_400000_findings_completes_in_every_format() {
    let full = std::env::var_os("SCIMLINT_BIN").is_some();
    let count = if full { 400_000 } else { 40_000 };
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "export.json", one_line_export(count));
    for format in ["human", "concise", "json", "sarif", "github", "gitlab", "junit", "markdown"] {
        let run = scimlint_within(&["check", "--no-config", "--format", format, &path], b"", Duration::from_secs(180));
        assert_eq!(run.code, 1, "{format}: {}", run.err);
        let expected = match format {
            "json" | "sarif" | "gitlab" => "attr000000",
            _ => "T101",
        };
        assert!(run.out.contains(expected), "{format} printed no finding");
        let last = format!("attr{:06}", count - 1);
        assert!(run.out.contains(&last), "{format} lost the last finding");
    }
}

/// A single line of 2 MB (one expression), in every format: the output is no larger than for a
/// short line, whatever the format.
#[test]
fn a_single_2_mb_line_completes_in_every_format() {
    let line = |filler: &str| {
        format!(
            "{{\"properties\":{{\"surname\":{{\"expression\":\"'{filler}' + user.lastName\",\"pushStatus\":\"PUSH\"}}}}}}"
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let long = write(dir.path(), "line.json", line(&"a".repeat(2 * 1024 * 1024)));
    let short = write(dir.path(), "short.json", line("a"));
    for format in ["human", "concise", "json", "sarif", "github", "gitlab", "junit", "markdown"] {
        let run = scimlint_within(&["check", "--no-config", "--format", format, &long], b"", Duration::from_secs(60));
        assert_eq!(run.code, 1, "{format}: {}", run.err);
        assert!(run.out.contains("surname") || run.out.contains("T101"), "{format}: no finding");
        let small = scimlint(&["check", "--no-config", "--format", format, &short]);
        assert!(run.out.len() < small.out.len() + 16 * 1024, "{format} printed {} bytes", run.out.len());
    }
}
