//! Collecting the files to lint: named files, directories walked with `.gitignore` honoured, stdin.

use std::io::Read;
use std::path::Path;

use crate::engine::Input;
use crate::error::Error;

/// Extensions of files a directory walk considers (content decides what they are).
const WALKED_EXTENSIONS: &[&str] = &["json", "yaml", "yml", "tf"];

/// Reads every path; a path that cannot be read is an error beside the inputs that could.
#[must_use]
pub fn collect(paths: &[String], stdin_name: Option<&str>) -> (Vec<Input>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path == "-" {
            let mut bytes = Vec::new();
            match std::io::stdin().lock().read_to_end(&mut bytes) {
                Ok(_) => inputs.push(Input { name: stdin_name.unwrap_or("<stdin>").to_owned(), bytes, explicit: true }),
                Err(error) => errors.push(Error::io("<stdin>", &error)),
            }
        } else if Path::new(path).is_dir() {
            walk(path, &mut inputs, &mut errors);
        } else {
            match std::fs::read(path) {
                Ok(bytes) => inputs.push(Input { name: display(path), bytes, explicit: true }),
                Err(error) => errors.push(Error::io(path, &error)),
            }
        }
    }
    (inputs, errors)
}

fn walk(root: &str, inputs: &mut Vec<Input>, errors: &mut Vec<Error>) {
    let mut found = Vec::new();
    for entry in ignore::WalkBuilder::new(root).require_git(false).build() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                errors.push(Error::Io { path: root.to_owned(), reason: error.to_string() });
                continue;
            }
        };
        let path = entry.path();
        let wanted = entry.file_type().is_some_and(|kind| kind.is_file())
            && path
                .extension()
                .and_then(|ext| ext.to_str())
                .is_some_and(|ext| WALKED_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()));
        if wanted {
            found.push(path.to_path_buf());
        }
    }
    found.sort();
    for path in found {
        let name = display(&path.to_string_lossy());
        match std::fs::read(&path) {
            Ok(bytes) => inputs.push(Input { name, bytes, explicit: false }),
            Err(error) => errors.push(Error::io(&name, &error)),
        }
    }
}

/// Paths as users read them: `/` separators, no leading `./`.
fn display(path: &str) -> String {
    let path = path.replace('\\', "/");
    path.strip_prefix("./").map_or(path.clone(), str::to_owned)
}
