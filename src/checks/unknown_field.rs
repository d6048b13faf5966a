//! F009 unknown-field: a manifest key that scimlint does not define, usually a typo.
//!
//! The known keys are the `properties` of the manifest's JSON Schema, so the schema stays the one
//! place that defines the manifest.

use serde_json::Value as Json;

use super::Ctx;
use crate::code::Code;
use crate::document::Kind;
use crate::finding::{Applicability, Edit, FileId, Finding};
use crate::model::unquoted;
use crate::tree::{Member, Node, pointer_token};

fn unknown_field(file: FileId, member: &Member, pointer: String, known: &[&str], text: &str) -> Finding {
    let matches = crate::suggest::close_matches(&member.key, known);
    let finding = Finding::new(Code::F009, file, member.key_span, format!("`{}` is not a manifest field", member.key))
        .label("unknown field")
        .pointer(pointer);
    match matches.as_slice() {
        [only] => finding.help(format!("did you mean `{only}`?")).fix(
            Applicability::Safe,
            format!("rename to `{only}`"),
            vec![Edit { file, span: unquoted(text, member.key_span), content: (*only).to_owned() }],
        ),
        [best, ..] => finding.help(format!("did you mean `{best}`? Known fields here: {}", known.join(", "))),
        [] => finding.help(format!("scimlint ignores it; known fields here: {}", known.join(", "))),
    }
}

/// The schema of `node`'s object level, following `$ref`s into `$defs`.
fn resolve<'s>(root: &'s Json, schema: &'s Json) -> &'s Json {
    match schema.get("$ref").and_then(Json::as_str).and_then(|reference| reference.strip_prefix('#')) {
        Some(pointer) => root.pointer(pointer).unwrap_or(schema),
        None => schema,
    }
}

fn walk(ctx: &mut Ctx<'_>, file: FileId, root: &Json, schema: &Json, node: &Node, pointer: &str) {
    let schema = resolve(root, schema);
    if let (Some(properties), Some(members)) = (schema.get("properties").and_then(Json::as_object), node.members()) {
        let known: Vec<&str> = properties.keys().map(String::as_str).collect();
        for member in members {
            let child = format!("{pointer}/{}", pointer_token(&member.key));
            match properties.get(&member.key) {
                Some(sub) => walk(ctx, file, root, sub, &member.value, &child),
                None => ctx.report(unknown_field(file, member, child, &known, ctx.text(file))),
            }
        }
    }
    if let (Some(items), Some(nodes)) = (schema.get("items"), node.items()) {
        for (index, item) in nodes.iter().enumerate() {
            walk(ctx, file, root, items, item, &format!("{pointer}/{index}"));
        }
    }
}

pub fn check(ctx: &mut Ctx<'_>) {
    let manifest = ctx.schemas.manifest.raw();
    for document in ctx.documents {
        if document.kind() != Some(Kind::Manifest) {
            continue;
        }
        if let Some(root) = document.root() {
            walk(ctx, document.file, manifest, manifest, root, "");
        }
    }
}
