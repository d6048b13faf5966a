//! Embeds every file under `rules/` (rule metadata, documentation, target profiles, schemas) so
//! that the binary needs nothing beside it at run time. The YAML files are also embedded as JSON,
//! read here by scimlint's own YAML loader: parsing YAML was a third of a one-file run, and a
//! mistake in them now stops the build. `rules/rules.yaml` becomes the rule table itself (codes,
//! names, severities, fixability, documentation), so that the library can never run with a
//! missing or partial rule book: a rule without a complete entry or a doc page stops the build.
#![allow(dead_code)]

#[path = "src/source/limits.rs"]
mod limits;
/// The part of `src/source/` that the YAML loader needs (it finds its siblings as `super::`).
#[path = "src/source/span.rs"]
mod span;
#[path = "src/source/tree.rs"]
mod tree;
#[path = "src/source/yaml.rs"]
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
    fs::write(out_dir.join("embedded_rules.rs"), code + &json)?;
    fs::write(out_dir.join("rule_table.rs"), rule_table(&root)?)
}

/// `rules/rules.yaml` as Rust: a `Code` constant per rule and the table they index, sorted by code.
fn rule_table(root: &Path) -> std::io::Result<String> {
    let invalid = |reason: String| std::io::Error::other(format!("rules/rules.yaml: {reason}"));
    let path = root.join("rules.yaml");
    let rules: serde_json::Value = serde_json::from_str(&yaml_as_json(&path)?).map_err(|e| invalid(e.to_string()))?;
    let mut rules: Vec<&serde_json::Value> =
        rules.as_array().ok_or_else(|| invalid("not a list".into()))?.iter().collect();
    let field = |rule: &serde_json::Value, key: &str| -> std::io::Result<String> {
        let value = rule.get(key).and_then(serde_json::Value::as_str);
        value.map(str::to_owned).ok_or_else(|| invalid(format!("an entry lacks `{key}`: {rule}")))
    };
    rules.sort_by_key(|rule| rule.get("code").and_then(serde_json::Value::as_str).map(str::to_owned));
    let mut constants = String::from("impl Code {\n");
    let mut table = format!("pub(super) static RULES: [RuleInfo; {}] = [\n", rules.len());
    let mut all = String::from("    /// Every rule, sorted by code.\n    pub const ALL: &'static [Code] = &[");
    for (index, rule) in rules.iter().enumerate() {
        let code = field(rule, "code")?;
        let valid_code = code.len() == 4
            && code.starts_with(|c: char| c.is_ascii_uppercase())
            && code[1..].chars().all(|c| c.is_ascii_digit());
        if !valid_code {
            return Err(invalid(format!("`{code}` is not a letter and three digits")));
        }
        let severity = match field(rule, "severity")?.as_str() {
            "error" => "Error",
            "warning" => "Warning",
            "info" => "Info",
            other => return Err(invalid(format!("{code}: unknown severity `{other}`"))),
        };
        let fix = match field(rule, "fix")?.as_str() {
            "none" => "None",
            "sometimes" => "Sometimes",
            "always" => "Always",
            other => return Err(invalid(format!("{code}: unknown fix availability `{other}`"))),
        };
        let docs = root.join("docs").join(format!("{code}.md"));
        if !docs.is_file() {
            return Err(invalid(format!("{code} has no documentation page rules/docs/{code}.md")));
        }
        let name = field(rule, "name")?;
        let _ = writeln!(constants, "    pub const {code}: Code = Code({index});");
        let _ = write!(all, "Code::{code}, ");
        let _ = writeln!(
            table,
            "    RuleInfo {{ code: {code:?}, name: {name:?}, severity: Severity::{severity}, fix: FixAvailability::{fix}, docs: include_str!({:?}) }},",
            docs.display().to_string()
        );
    }
    all.push_str("];\n");
    constants.push_str(&all);
    constants.push_str("}\n");
    table.push_str("];\n");
    Ok(constants + &table)
}

fn yaml_as_json(path: &Path) -> std::io::Result<String> {
    let text = fs::read_to_string(path)?;
    let root = yaml::parse(&text).map_err(|error| {
        std::io::Error::other(format!("{}: byte {}: {}", path.display(), error.span.start, error.reason))
    })?;
    Ok(root.to_json().to_string())
}
