//! The Terraform evaluator on the fixture modules of `fixtures/terraform-eval/`: values and the
//! file and line each came from.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use scimlint::span::LineIndex;
use scimlint::terraform::{self, CliVar, Evaluation, Input, ModuleLoader, Place, Resource, SourceFile, Value};

/// Every file read, by id, so that tests can turn spans into lines.
#[derive(Default)]
struct Files {
    by_id: HashMap<usize, (String, String)>,
}

impl Files {
    fn read(&mut self, path: &Path, shown: &str) -> SourceFile {
        let id = self.by_id.len();
        let text = std::fs::read_to_string(path).unwrap();
        self.by_id.insert(id, (shown.to_owned(), text.clone()));
        SourceFile { id, name: path.file_name().unwrap().to_string_lossy().into_owned(), text }
    }

    fn dir(&mut self, dir: &Path, prefix: &str) -> Vec<SourceFile> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
        entries.sort();
        entries
            .iter()
            .map(|path| {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                self.read(path, &format!("{prefix}{name}"))
            })
            .collect()
    }

    /// `file:line` of a place.
    fn at(&self, place: Place) -> String {
        match place {
            Place::File(location) => {
                let (name, text) = &self.by_id[&location.file];
                let line = LineIndex::new(text).position(text, location.span.start).line;
                format!("{name}:{line}")
            }
            Place::CommandLine { index, .. } => format!("--var #{index}"),
        }
    }

    fn text(&self, place: Place) -> String {
        match place {
            Place::File(location) => self.by_id[&location.file].1[location.span.start..location.span.end].to_owned(),
            Place::CommandLine { .. } => String::new(),
        }
    }
}

struct DirLoader<'f> {
    root: PathBuf,
    files: &'f mut Files,
}

impl ModuleLoader for DirLoader<'_> {
    fn load(&mut self, dir: &str) -> Result<Vec<SourceFile>, String> {
        let path = self.root.join(dir);
        if !path.is_dir() {
            return Err(format!("{} is not a directory", path.display()));
        }
        Ok(self.files.dir(&path, &format!("{dir}/")))
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/terraform-eval").join(name)
}

fn evaluate(name: &str, cli: Vec<CliVar>) -> (Evaluation, Files) {
    let mut files = Files::default();
    let root = fixture(name);
    let input = Input { files: files.dir(&root, ""), cli };
    let mut loader = DirLoader { root, files: &mut files };
    let evaluation = terraform::evaluate(&input, &mut loader);
    (evaluation, files)
}

fn resource<'e>(evaluation: &'e Evaluation, address: &str) -> &'e Resource {
    evaluation
        .resources
        .iter()
        .find(|resource| resource.address == address)
        .unwrap_or_else(|| panic!("no {address} in {:?}", evaluation.resources.iter().map(|r| &r.address).collect::<Vec<_>>()))
}

/// `(id, expression, push_status, where the expression came from)` of each `mappings` block.
fn entries(files: &Files, mapping: &Resource) -> Vec<(String, String, String, String)> {
    let text = |value: Option<&Value>| match value {
        Some(value) => value.as_str().map_or_else(|| format!("<{}>", value.type_name()), str::to_owned),
        None => "-".to_owned(),
    };
    mapping
        .values
        .blocks("mappings")
        .into_iter()
        .map(|block| {
            let expression = block.get("expression");
            (
                text(block.get("id")),
                text(expression),
                text(block.get("push_status")),
                expression.map_or_else(String::new, |value| files.at(value.origin.place)),
            )
        })
        .collect()
}

#[test]
fn dump() {
    for name in ["variables", "precedence", "locals", "references", "for-each", "module", "unknown"] {
        let (evaluation, files) = evaluate(name, Vec::new());
        println!("=== {name}");
        for resource in &evaluation.resources {
            println!("{} {:?}", resource.address, resource.key);
            if resource.kind == "okta_profile_mapping" {
                for entry in entries(&files, resource) {
                    println!("   {entry:?}");
                }
            }
        }
        for diagnostic in &evaluation.diagnostics {
            println!("  ! {:?} {} at {:?}", diagnostic.kind, diagnostic.message, diagnostic.place.map(|p| files.at(p)));
        }
        let _ = files.text(Place::CommandLine { index: 0, span: scimlint::span::Span::empty(0) });
    }
}
