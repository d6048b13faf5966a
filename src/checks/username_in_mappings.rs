//! T102 username-in-mappings: the username is given an expression, though the target takes it
//! from the Sign On settings.

use super::Ctx;
use crate::finding::{Applicability, Edit, FileId, Finding};
use crate::model::{Entry, EntryValue};
use crate::ruleset::Code;
use crate::ruleset::target::Attribute;

fn username_in_mappings(file: FileId, entry: &Entry, attribute: &Attribute, target: &str) -> Finding {
    let format = attribute.format.as_deref().map_or(String::new(), |format| format!(" and must be in {format} format"));
    let finding = Finding::new(
        Code::T102,
        file,
        entry.attribute_span,
        format!("`{}` is given an expression in the attribute mappings", entry.attribute),
    )
    .label("configured in Sign On settings")
    .help(format!(
        "for {target}, `{}` is \"Configured in Sign On settings\" (the application username format){format}; remove it from the mappings and set the username format under Sign On",
        entry.attribute
    ))
    .pointer(entry.pointer.clone());
    match entry.removal {
        Some(span) => finding.fix(
            Applicability::Unsafe,
            format!("remove the `{}` mapping", entry.attribute),
            vec![Edit { file, span, content: String::new() }],
        ),
        None => finding,
    }
}

pub fn check(ctx: &mut Ctx<'_>) {
    for mapping in ctx.to_app_mappings() {
        for entry in &mapping.entries {
            let Some(attribute) = ctx.target.attribute(&entry.attribute).filter(|attribute| attribute.sign_on) else {
                continue;
            };
            if matches!(entry.value, EntryValue::Expression { .. }) {
                ctx.report(username_in_mappings(entry.file, entry, attribute, &ctx.target.title));
            }
        }
    }
}
