//! F009 unknown-field: a manifest or config key that scimlint does not define, usually a typo.
//!
//! The known keys are the `properties` of the document's JSON Schema, so the schema stays the one
//! place that defines the manifest and the config.

use super::Ctx;
use crate::finding::{Applicability, Edit, FileId, Finding};
use crate::model::{Kind, Outcome, UnknownKey};
use crate::ruleset::Code;
use crate::source::tree::unquoted;

/// `what` names the document ("manifest", "config").
fn unknown_field(file: FileId, unknown: &UnknownKey, what: &str, text: &str) -> Finding {
    let known: Vec<&str> = unknown.known.iter().map(String::as_str).collect();
    let matches = crate::suggest::close_matches(&unknown.key, &known);
    let finding = Finding::new(Code::F009, file, unknown.key_span, format!("`{}` is not a {what} field", unknown.key))
        .label("unknown field")
        .pointer(unknown.pointer.clone());
    match matches.as_slice() {
        [only] if unknown.present.iter().any(|key| key == only) => finding.help(format!(
            "did you mean `{only}`? It is already set in this object, so renaming would set it twice; delete this one"
        )),
        [only] => finding.help(format!("did you mean `{only}`?")).fix(
            Applicability::Safe,
            format!("rename to `{only}`"),
            vec![Edit { file, span: unquoted(text, unknown.key_span), content: (*only).to_owned() }],
        ),
        [best, ..] => finding.help(format!("did you mean `{best}`? Known fields here: {}", known.join(", "))),
        [] => finding.help(format!("scimlint ignores it; known fields here: {}", known.join(", "))),
    }
}

pub fn check(ctx: &mut Ctx<'_>) {
    for document in ctx.documents {
        let Outcome::Recognized { kind, shape, .. } = &document.outcome else { continue };
        let what = match kind {
            Kind::Manifest => "manifest",
            Kind::Config => "config",
            _ => continue,
        };
        for unknown in &shape.unknown_keys {
            ctx.report(unknown_field(document.file, unknown, what, ctx.text(document.file)));
        }
    }
}
