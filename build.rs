//! Embeds every file under `rules/` (rule metadata, documentation, target profiles, schemas) so
//! that the binary needs nothing beside it at run time. The YAML files are also embedded as JSON,
//! read here by scimlint's own YAML loader: parsing YAML was a third of a one-file run, and a
//! mistake in them now stops the build.
#![allow(dead_code)]

#[path = "src/span.rs"]
mod span;
#[path = "src/tree.rs"]
mod tree;

/// The part of `src/load/` that the YAML loader needs (it finds it as `super::`).
#[path = "src/load/limits.rs"]
mod limits;
#[path = "src/load/yaml.rs"]
mod yaml;

use limits::{MAX_DEPTH, SyntaxError};

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default()).join("rules");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &mut files)?;
    files.sort();
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default());
    let mut code = String::from("pub static FILES: &[(&str, &str)] = &[\n");
    let mut json = String::from("pub static JSON: &[(&str, &str)] = &[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let relative = file.strip_prefix(&root).unwrap_or(file).to_string_lossy().replace('\\', "/");
        let _ = writeln!(code, "    ({relative:?}, include_str!({:?})),", file.display().to_string());
        if relative.ends_with(".yaml") {
            let converted = out_dir.join(relative.replace('/', "__") + ".json");
            fs::write(&converted, yaml_as_json(file)?)?;
            let _ = writeln!(json, "    ({relative:?}, include_str!({:?})),", converted.display().to_string());
        }
    }
    code.push_str("];\n");
    json.push_str("];\n");
    fs::write(out_dir.join("embedded_rules.rs"), code + &json)
}

fn yaml_as_json(path: &Path) -> std::io::Result<String> {
    let text = fs::read_to_string(path)?;
    let root = yaml::parse(&text).map_err(|error| {
        std::io::Error::other(format!("{}: byte {}: {}", path.display(), error.span.start, error.reason))
    })?;
    Ok(root.to_json().to_string())
}
