//! The layers stay layers: each folder of `src/` says in its module doc which layers it must never
//! import, and this test holds it to that (reading `crate::…` paths in the source), keeps the
//! crate's modules free of import cycles, and keeps clap out of the library.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What the issue that drew the layers demands, whatever the module docs say later.
const REQUIRED: &[(&str, &[&str])] = &[
    ("source", &["checks", "render", "engine", "settings", "model", "ruleset"]),
    ("expr", &["ruleset", "checks", "engine", "render"]),
    ("model", &["ruleset", "checks", "engine", "render"]),
    ("ruleset", &["checks", "engine", "render", "settings"]),
    ("checks", &["engine", "render"]),
    ("render", &["checks", "engine"]),
    ("settings", &["checks", "engine", "render"]),
    ("finding", &["checks", "engine", "render"]),
    ("terraform", &["model", "ruleset", "finding", "settings", "checks", "engine", "render"]),
    ("users", &["model", "ruleset", "finding", "settings", "checks", "engine", "render"]),
    ("pull", &["source", "model", "ruleset", "finding", "settings", "checks", "engine", "render"]),
];

const LAYERS: &[&str] = &[
    "source",
    "expr",
    "model",
    "ruleset",
    "finding",
    "settings",
    "checks",
    "engine",
    "render",
    "pull",
    "users",
    "terraform",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`src/checks/t101.rs` → `checks`).
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_owned()
}

/// The top-level modules a file's code names through `crate::` (comments left out).
fn imports(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                found.insert(name);
            }
            rest = after;
        }
    }
    found
}

/// The layers a module doc says its layer must never import: the backticked names after "never".
fn forbidden_by_doc(doc: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let flat = doc.replace('\n', " ");
    for part in flat.split("never ").skip(1) {
        let sentence = part.split(['.', ';', ':']).next().unwrap_or_default();
        for (index, piece) in sentence.split('`').enumerate() {
            if index % 2 == 1 && LAYERS.contains(&piece) {
                found.insert(piece.to_owned());
            }
        }
    }
    found
}

fn module_doc(text: &str) -> String {
    text.lines()
        .take_while(|line| line.starts_with("//!"))
        .map(|line| line.trim_start_matches("//!"))
        .collect::<Vec<_>>()
        .join("\n")
}

struct Crate {
    /// Per file: its module and what it imports.
    files: Vec<(PathBuf, String, BTreeSet<String>)>,
    docs: BTreeMap<String, String>,
}

fn read_crate() -> Crate {
    let src = common::root().join("src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    paths.sort();
    let mut files = Vec::new();
    let mut docs = BTreeMap::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let module = module_of(&src, &path);
        if path.file_name().is_some_and(|name| name == "mod.rs") && path.parent() == Some(&src.join(&module)) {
            docs.insert(module.clone(), module_doc(&text));
        }
        files.push((path, module, imports(&text)));
    }
    Crate { files, docs }
}

/// Each layer's forbidden imports: its module doc's, which must include the required ones.
fn forbidden(krate: &Crate) -> BTreeMap<String, BTreeSet<String>> {
    let mut rules = BTreeMap::new();
    for layer in LAYERS {
        let doc = krate.docs.get(*layer).unwrap_or_else(|| panic!("src/{layer}/mod.rs has no module doc"));
        assert!(doc.split_whitespace().count() > 20, "src/{layer}/mod.rs: the module doc must say what the layer owns");
        let mut never = forbidden_by_doc(doc);
        if let Some((_, required)) = REQUIRED.iter().find(|(name, _)| name == layer) {
            for name in *required {
                assert!(never.contains(*name), "src/{layer}/mod.rs must say it never imports `{name}`:\n{doc}");
            }
        }
        never.remove(*layer);
        rules.insert((*layer).to_owned(), never);
    }
    rules
}

fn violations(krate: &Crate) -> Vec<String> {
    let rules = forbidden(krate);
    let mut found = Vec::new();
    for (path, module, imports) in &krate.files {
        let Some(never) = rules.get(module) else { continue };
        for name in imports.intersection(never) {
            let shown = path.strip_prefix(common::root()).unwrap_or(path);
            found.push(format!("{} ({module}) imports `crate::{name}`", shown.display()));
        }
    }
    found
}

/// A cycle among the top-level modules, as a path `a → b → … → a`, if there is one.
fn cycle(krate: &Crate) -> Option<Vec<String>> {
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let modules: BTreeSet<&str> = krate.files.iter().map(|(_, module, _)| module.as_str()).collect();
    for (_, module, imports) in &krate.files {
        for name in imports {
            if name != module && modules.contains(name.as_str()) {
                edges.entry(module.as_str()).or_default().insert(name.as_str());
            }
        }
    }
    fn visit<'a>(
        node: &'a str,
        edges: &BTreeMap<&'a str, BTreeSet<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|seen| *seen == node) {
            let mut cycle: Vec<String> = path[at..].iter().map(|name| (*name).to_owned()).collect();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if !done.insert(node) {
            return None;
        }
        path.push(node);
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    modules.iter().find_map(|module| visit(module, &edges, &mut Vec::new(), &mut done))
}

#[test]
fn no_layer_imports_a_layer_its_module_doc_forbids() {
    let krate = read_crate();
    let found = violations(&krate);
    assert!(found.is_empty(), "layer violations:\n{}", found.join("\n"));
}

#[test]
fn the_crate_modules_form_no_import_cycle() {
    let krate = read_crate();
    assert_eq!(cycle(&krate), None, "an import cycle among the modules of src/");
}

#[test]
fn only_the_command_line_reaches_the_network() {
    let krate = read_crate();
    for (path, module, imports) in &krate.files {
        if module != "pull" && module != "cli" && module != "main" {
            assert!(!imports.contains("pull"), "{} calls `pull`: only the command line may", path.display());
        }
    }
}

#[test]
fn only_the_command_line_knows_clap() {
    let src = common::root().join("src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    for path in paths {
        let relative = path.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        if relative == "main.rs" || relative.starts_with("cli/") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("clap::") && !text.contains("use clap"), "{relative} uses clap");
    }
}

/// The checker itself: a wrong import and a cycle are caught.
#[test]
fn the_checker_catches_a_wrong_import_and_a_cycle() {
    let mut krate = read_crate();
    krate.files.push((PathBuf::from("src/checks/bad.rs"), "checks".into(), ["engine".to_owned()].into()));
    assert_eq!(violations(&krate), vec!["src/checks/bad.rs (checks) imports `crate::engine`".to_owned()]);
    krate.files.push((PathBuf::from("src/source/bad.rs"), "source".into(), ["checks".to_owned()].into()));
    assert!(cycle(&krate).is_some());
    assert_eq!(
        forbidden_by_doc("It may import `a`, never `checks` or `render`; it owns `model`."),
        ["checks", "render"].map(str::to_owned).into()
    );
}

#[test]
fn modules_stay_small_and_the_pipeline_short() {
    let src = common::root().join("src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    for path in paths {
        let lines = std::fs::read_to_string(&path).unwrap().lines().count();
        let relative = path.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let limit = if relative == "engine/mod.rs" { 220 } else { 440 };
        assert!(lines <= limit, "{relative} has {lines} lines (at most {limit})");
    }
}
