//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use scimlint::engine::UsersInput;
use scimlint::render::{self, Format, HumanOptions};
use scimlint::ruleset::target::Target;
use scimlint::settings::Settings;
use scimlint::source::Input;
use scimlint::{Linter, Report};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn linter() -> Linter {
    Linter::new(Target::load("haiilo").expect("built-in target"), Settings::default()).expect("schemas")
}

/// Lints one file, or a folder walked as `check` walks it (a fixture of several documents, such
/// as a module or an app's exports), under names relative to the repository; with the users of
/// its users file when it has one (see [`users_file`]).
pub fn lint_file(path: &Path) -> Report {
    let relative = |path: &Path| path.strip_prefix(root()).unwrap_or(path).to_string_lossy().replace('\\', "/");
    let inputs = if path.is_dir() {
        let (inputs, errors) = scimlint::source::collect(&[path.to_string_lossy().into_owned()], None);
        assert!(errors.is_empty(), "{errors:?}");
        inputs.into_iter().map(|input| Input { name: relative(Path::new(&input.name)), ..input }).collect()
    } else {
        vec![Input {
            name: relative(path),
            bytes: std::fs::read(path).expect("readable fixture"),
            explicit: true,
            stdin: false,
        }]
    };
    let mut linter =
        Linter::new(Target::load("haiilo").expect("built-in target"), fixture_settings(path)).expect("schemas");
    if let Some(users) = users_file(path) {
        let files = vec![users.to_string_lossy().into_owned()];
        linter = linter.with_users(UsersInput { files, filter: None, redact: false });
    }
    linter.lint(inputs)
}

/// The users file a fixture is checked against: `fail-x.users.ndjson` (or `.users.json`,
/// `.users.csv`) beside `fail-x.json` or `fail-x.scimlint.yaml`.
pub fn users_file(path: &Path) -> Option<PathBuf> {
    let name = file_name(path);
    let stem = name.split('.').next()?;
    ["ndjson", "json", "csv"].iter().map(|ext| path.with_file_name(format!("{stem}.users.{ext}"))).find(|p| p.is_file())
}

/// A fixture folder's `settings.yaml` (`groups`, `custom_attributes`), for rules that need
/// facts about the org.
pub fn fixture_settings(path: &Path) -> Settings {
    let mut settings = Settings::default();
    let Some(file) = path.parent().map(|dir| dir.join("settings.yaml")) else { return settings };
    let Ok(text) = std::fs::read_to_string(&file) else { return settings };
    let value: serde_json::Value =
        scimlint::ruleset::data::read_yaml("settings.yaml", &text).expect("fixture settings");
    let strings = |key: &str| {
        value
            .get(key)
            .and_then(|list| list.as_array())
            .map(|list| list.iter().filter_map(|item| item.as_str().map(str::to_owned)).collect::<Vec<String>>())
    };
    settings.org.groups = strings("groups");
    settings.org.custom_attributes = strings("custom_attributes");
    settings
}

pub fn lint_bytes(name: &str, bytes: Vec<u8>) -> Report {
    linter().lint(vec![Input { name: name.to_owned(), bytes, explicit: true, stdin: false }])
}

/// The human output as a user sees it without colour.
pub fn human(report: &Report) -> String {
    let mut out = Vec::new();
    let options = HumanOptions { color: false, unicode: true, width: 100 };
    render::render(report, Format::Human, &options, &mut out).expect("render");
    String::from_utf8(out).expect("utf-8")
}

pub fn json(report: &Report) -> serde_json::Value {
    let mut out = Vec::new();
    render::render(report, Format::Json, &HumanOptions::default(), &mut out).expect("render");
    serde_json::from_slice(&out).expect("valid JSON")
}

/// Fixture files of a rule directory, split into (fail, pass), `.fixed.` results excluded.
pub fn fixtures(code: &str) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let dir = root().join("fixtures").join(code);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(Result::ok).map(|entry| entry.path()).collect())
        .unwrap_or_default();
    files.sort();
    files.retain(|path| !file_name(path).contains(".fixed.") && !file_name(path).contains(".users."));
    let (fail, pass): (Vec<_>, Vec<_>) = files.into_iter().partition(|path| file_name(path).starts_with("fail-"));
    (fail, pass.into_iter().filter(|path| file_name(path).starts_with("pass-")).collect())
}

pub fn file_name(path: &Path) -> String {
    path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default()
}

/// `fail-x.json` → `fail-x.fixed.json`; `fail-x.scimlint.yaml` → `fail-x.fixed.scimlint.yaml`.
pub fn fixed_path(path: &Path) -> PathBuf {
    let name = file_name(path);
    let (stem, ext) = name.split_once('.').unwrap_or((&name, ""));
    path.with_file_name(format!("{stem}.fixed.{ext}"))
}

/// One fixture of each kind of finding, for the format tests: a fix and a pointer (T101), a
/// related label without a pointer (F004), a YAML manifest with every severity below error
/// (article), a syntax error (F001).
pub const FORMAT_FIXTURES: &[&str] = &[
    "fixtures/T101/fail-update-body-scim-names.json",
    "fixtures/F004/fail-duplicate-property.json",
    "fixtures/examples/haiilo-article.scimlint.yaml",
    "fixtures/F001/fail-trailing-comma.json",
];

/// The report of [`FORMAT_FIXTURES`], linted together.
pub fn format_fixture_report() -> Report {
    let inputs = FORMAT_FIXTURES
        .iter()
        .map(|name| Input {
            name: (*name).to_owned(),
            bytes: std::fs::read(root().join(name)).unwrap(),
            explicit: true,
            stdin: false,
        })
        .collect();
    linter().lint(inputs)
}

/// A report in `format`, as the renderer writes it.
pub fn rendered(report: &Report, format: Format) -> String {
    let mut out = Vec::new();
    render::render(report, format, &HumanOptions::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}
