//! The files of a configuration as Terraform reads them: which are Terraform's and in what order,
//! parsed, with local modules followed and each module's declarations indexed.

use std::collections::HashMap;

use hcl_edit::expr::Expression;
use hcl_edit::structure::{Attribute, Block, Body, Structure};

use super::types::{CliVar, Diagnostic, DiagnosticKind, Input, ModuleLoader, SourceFile};
use super::value::{Location, Place};
use crate::source::Span;
use crate::source::tree::Node;
use crate::source::{Syntax, hcl::parse_body};

pub(super) fn span_of(item: &impl hcl_edit::Span) -> Span {
    item.span().map_or(Span::empty(0), |range| Span::new(range.start, range.end))
}

pub(super) struct ModuleFiles {
    pub dir: String,
    /// `.tf` files by name, as Terraform loads them.
    pub files: Vec<(usize, Body)>,
}

/// One source of root variable values, lowest precedence first.
pub(super) enum VarSource {
    Hcl {
        id: usize,
        body: Body,
    },
    Json {
        id: usize,
        root: Node,
    },
    /// `parsed` is the value as an HCL expression, used when the variable's type is not primitive.
    Flag {
        index: usize,
        name: String,
        value: String,
        parsed: Option<Expression>,
    },
}

#[derive(Clone, Debug)]
pub(super) enum CallTarget {
    Local(usize),
    Remote(String),
    NotRead { source: String, reason: String },
    NoSource,
}

pub(super) struct Loaded {
    pub modules: Vec<ModuleFiles>,
    pub var_sources: Vec<VarSource>,
    /// Per module, per call name: where it leads.
    pub targets: Vec<HashMap<String, CallTarget>>,
    pub diagnostics: Vec<Diagnostic>,
}

fn is_auto_var_file(name: &str) -> bool {
    name.ends_with(".auto.tfvars") || name.ends_with(".auto.tfvars.json")
}

fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

pub(super) fn load(input: &Input, loader: &mut dyn ModuleLoader) -> Loaded {
    let mut diagnostics = Vec::new();
    let mut tf: Vec<&SourceFile> = Vec::new();
    let mut auto: Vec<&SourceFile> = Vec::new();
    for file in &input.files {
        let name = base_name(&file.name);
        if name.ends_with(".tf") {
            tf.push(file);
        } else if name == "terraform.tfvars" || name == "terraform.tfvars.json" || is_auto_var_file(name) {
            auto.push(file);
        } else if name.ends_with(".tf.json") {
            diagnostics.push(Diagnostic {
                kind: DiagnosticKind::Unsupported,
                message: format!("{name} is Terraform's JSON syntax, which scimlint does not evaluate"),
                place: Some(Place::File(Location { file: file.id, span: Span::empty(0) })),
                related: Vec::new(),
            });
        }
    }
    // terraform.tfvars, then terraform.tfvars.json, then the *.auto.tfvars(.json) by name.
    auto.sort_by_key(|file| {
        let name = base_name(&file.name);
        let rank = match name {
            "terraform.tfvars" => 0,
            "terraform.tfvars.json" => 1,
            _ => 2,
        };
        (rank, name.to_owned())
    });
    let mut var_sources = Vec::new();
    for file in auto {
        var_sources.extend(var_file(file, &mut diagnostics));
    }
    for (index, flag) in input.cli.iter().enumerate() {
        match flag {
            CliVar::File(file) => var_sources.extend(var_file(file, &mut diagnostics)),
            CliVar::Var { name, value } => {
                let parsed = hcl_edit::parser::parse_expr(value).ok();
                var_sources.push(VarSource::Flag { index, name: name.clone(), value: value.clone(), parsed });
            }
        }
    }
    let root = ModuleFiles { dir: String::new(), files: parse_tf(tf, &mut diagnostics) };
    let mut loaded = Loaded { modules: vec![root], var_sources, targets: Vec::new(), diagnostics };
    follow_modules(&mut loaded, loader);
    loaded
}

fn parse_tf(mut files: Vec<&SourceFile>, diagnostics: &mut Vec<Diagnostic>) -> Vec<(usize, Body)> {
    files.sort_by(|a, b| base_name(&a.name).cmp(base_name(&b.name)));
    files.into_iter().filter_map(|file| parse_hcl(file, diagnostics).map(|body| (file.id, body))).collect()
}

fn parse_hcl(file: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Option<Body> {
    // A byte-order mark becomes blanks of its length, so that spans still index the file.
    let blanked;
    let text = match file.text.strip_prefix('\u{feff}') {
        Some(rest) => {
            blanked = format!("   {rest}");
            &blanked
        }
        None => &file.text,
    };
    match parse_body(text) {
        Ok(body) => Some(body),
        Err(error) => {
            diagnostics.push(Diagnostic {
                kind: DiagnosticKind::Syntax,
                message: format!("{} is not valid HCL: {}", file.name, error.reason),
                place: Some(Place::File(Location { file: file.id, span: error.span })),
                related: Vec::new(),
            });
            None
        }
    }
}

fn var_file(file: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Option<VarSource> {
    if base_name(&file.name).ends_with(".json") {
        match crate::source::parse(&file.text, Syntax::Json) {
            Ok(root) => Some(VarSource::Json { id: file.id, root }),
            Err(error) => {
                diagnostics.push(Diagnostic {
                    kind: DiagnosticKind::Syntax,
                    message: format!("{} is not valid JSON: {}", file.name, error.reason),
                    place: Some(Place::File(Location { file: file.id, span: error.span })),
                    related: Vec::new(),
                });
                None
            }
        }
    } else {
        parse_hcl(file, diagnostics).map(|body| VarSource::Hcl { id: file.id, body })
    }
}

/// `parent` joined with a relative `source`, `.` and `..` resolved (`modules/x`).
fn join_dir(parent: &str, source: &str) -> String {
    let mut parts: Vec<&str> = parent.split('/').filter(|part| !part.is_empty()).collect();
    let mut ups = Vec::new();
    for part in source.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    ups.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    ups.extend(parts);
    ups.join("/")
}

fn follow_modules(loaded: &mut Loaded, loader: &mut dyn ModuleLoader) {
    let mut by_dir: HashMap<String, Result<usize, String>> = HashMap::from([(String::new(), Ok(0))]);
    let mut next = 0;
    while next < loaded.modules.len() {
        let mut targets = HashMap::new();
        let mut wanted = Vec::new();
        for (_, body) in &loaded.modules[next].files {
            for block in body.blocks().filter(|block| block.ident.as_str() == "module") {
                let Some(name) = block.labels.first().map(|label| label.as_str().to_owned()) else { continue };
                let source = block.body.get_attribute("source").and_then(|attr| match &attr.value {
                    Expression::String(source) => Some(source.value().clone()),
                    _ => None,
                });
                match source {
                    Some(source) if source.starts_with("./") || source.starts_with("../") => {
                        wanted.push((name, join_dir(&loaded.modules[next].dir, &source), source));
                    }
                    Some(source) => {
                        targets.insert(name, CallTarget::Remote(source));
                    }
                    None => {
                        targets.insert(name, CallTarget::NoSource);
                    }
                }
            }
        }
        for (name, dir, source) in wanted {
            let result = match by_dir.get(&dir) {
                Some(result) => result.clone(),
                None => {
                    let result = match loader.load(&dir) {
                        Ok(files) => {
                            let mut ignored = Vec::new();
                            let tf = files.iter().filter(|file| base_name(&file.name).ends_with(".tf")).collect();
                            let parsed = parse_tf(tf, &mut ignored);
                            loaded.diagnostics.extend(ignored);
                            loaded.modules.push(ModuleFiles { dir: dir.clone(), files: parsed });
                            Ok(loaded.modules.len() - 1)
                        }
                        Err(reason) => Err(reason),
                    };
                    by_dir.insert(dir, result.clone());
                    result
                }
            };
            let target = match result {
                Ok(index) => CallTarget::Local(index),
                Err(reason) => CallTarget::NotRead { source, reason },
            };
            targets.insert(name, target);
        }
        loaded.targets.push(targets);
        next += 1;
    }
}

pub(super) struct BlockDecl<'a> {
    pub file: usize,
    pub kind: &'a str,
    pub name: &'a str,
    pub block: &'a Block,
}

/// What one module declares.
#[derive(Default)]
pub(super) struct Decls<'a> {
    pub dir: &'a str,
    pub variables: Vec<(usize, &'a str, &'a Block)>,
    pub locals: HashMap<&'a str, (usize, &'a Attribute)>,
    pub resources: Vec<BlockDecl<'a>>,
    pub data: Vec<BlockDecl<'a>>,
    pub calls: Vec<(usize, &'a str, &'a Block)>,
    pub outputs: HashMap<&'a str, (usize, &'a Block)>,
}

pub(super) fn declarations<'a>(module: &'a ModuleFiles, diagnostics: &mut Vec<Diagnostic>) -> Decls<'a> {
    let mut decls = Decls { dir: &module.dir, ..Decls::default() };
    for (file, body) in &module.files {
        let file = *file;
        for structure in body.iter() {
            let Structure::Block(block) = structure else { continue };
            let labels: Vec<&str> = block.labels.iter().map(|label| label.as_str()).collect();
            match (block.ident.as_str(), labels.as_slice()) {
                ("variable", [name]) => {
                    if decls.variables.iter().any(|(_, other, _)| other == name) {
                        diagnostics.push(duplicate(file, super::blocks::header_span(block), &format!("var.{name}")));
                    }
                    decls.variables.push((file, name, block));
                }
                ("locals", []) => {
                    for attribute in block.body.attributes() {
                        let name = attribute.key.as_str();
                        if decls.locals.insert(name, (file, attribute)).is_some() {
                            diagnostics.push(duplicate(file, span_of(&attribute.key), &format!("local.{name}")));
                        }
                    }
                }
                ("resource", [kind, name]) => {
                    if decls.resources.iter().any(|other| other.kind == *kind && other.name == *name) {
                        diagnostics.push(duplicate(file, super::blocks::header_span(block), &format!("{kind}.{name}")));
                    }
                    decls.resources.push(BlockDecl { file, kind, name, block });
                }
                ("data", [kind, name]) => {
                    if decls.data.iter().any(|other| other.kind == *kind && other.name == *name) {
                        diagnostics.push(duplicate(
                            file,
                            super::blocks::header_span(block),
                            &format!("data.{kind}.{name}"),
                        ));
                    }
                    decls.data.push(BlockDecl { file, kind, name, block });
                }
                ("module", [name]) => decls.calls.push((file, name, block)),
                ("output", [name]) => {
                    decls.outputs.insert(name, (file, block));
                }
                _ => {}
            }
        }
    }
    decls
}

fn duplicate(file: usize, span: Span, what: &str) -> Diagnostic {
    Diagnostic {
        kind: DiagnosticKind::Duplicate,
        message: format!("{what} is declared twice in one directory; Terraform refuses it as one module"),
        place: Some(Place::File(Location { file, span })),
        related: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::join_dir;

    #[test]
    fn module_dirs_resolve_like_paths() {
        assert_eq!(join_dir("", "./modules/x"), "modules/x");
        assert_eq!(join_dir("modules/x", "../y"), "modules/y");
        assert_eq!(join_dir("", "../shared/m"), "../shared/m");
        assert_eq!(join_dir("a", "./b/./c/"), "a/b/c");
    }
}
