//! F003 schema-violation: a known document with a field of the wrong type or shape.

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::model::{EntryValue, Outcome, Violation};
use crate::ruleset::Code;
use crate::ruleset::target::BUILT_IN;
use crate::source::Span;

fn schema_violation(file: FileId, span: Span, pointer: &str, message: String, label: &str) -> Finding {
    Finding::new(Code::F003, file, span, message)
        .label(label)
        .help("Okta (or scimlint) cannot read this field as it is; correct it to the documented shape (`scimlint explain F003`)")
        .pointer(pointer)
}

pub fn check(ctx: &mut Ctx<'_>) {
    for document in ctx.documents {
        let Outcome::Recognized { violations, shape, .. } = &document.outcome else { continue };
        for Violation { pointer, span, message, label } in violations {
            ctx.report(schema_violation(document.file, *span, pointer, message.clone(), label));
        }
        // A manifest's `target:` must name a built-in profile (a profile file is named in config).
        if let Some(target) = shape.declared_target.as_ref().filter(|target| !BUILT_IN.contains(&target.text.as_str()))
        {
            let message = format!("unknown target `{}`; built-in targets: {}", target.text, BUILT_IN.join(", "));
            ctx.report(schema_violation(document.file, target.span, "/target", message, "unknown target"));
        }
    }
    for mapping in &ctx.setup.mappings {
        for entry in &mapping.entries {
            let EntryValue::SignOn(span) = entry.value else { continue };
            if ctx.target.attribute(&entry.attribute).is_some_and(|attribute| attribute.sign_on) {
                continue;
            }
            let message = format!(
                "`value: sign-on` is allowed only for the attribute that Sign On settings configure, not `{}`",
                entry.attribute
            );
            ctx.report(schema_violation(
                entry.file,
                span,
                &format!("{}/value", entry.pointer),
                message,
                "not the sign-on attribute",
            ));
        }
    }
}
