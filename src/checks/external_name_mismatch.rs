//! T107 external-name-mismatch: an attribute's `externalName` is not the SCIM path the target
//! expects, so Okta sends the value under a name the target does not read.

use super::Ctx;
use crate::finding::{Applicability, Edit, FileId, Finding};
use crate::model::{Located, SchemaProperty};
use crate::ruleset::Code;
use crate::source::tree::unquoted;

fn external_name_mismatch(
    file: FileId,
    property: &SchemaProperty,
    found: &Located,
    expected: &str,
    target: &str,
    text: &str,
) -> Finding {
    Finding::new(
        Code::T107,
        file,
        found.span,
        format!("`{}` is sent as `{}`, but {target} expects `{expected}`", property.name, found.text),
    )
    .label(format!("expected `{expected}`"))
    .help(format!("set the external name of `{}` to `{expected}`", property.name))
    .pointer(property.pointer.clone())
    .fix(
        Applicability::Safe,
        format!("set to `{expected}`"),
        vec![Edit { file, span: unquoted(text, found.span), content: expected.to_owned() }],
    )
}

pub fn check(ctx: &mut Ctx<'_>) {
    for schema in &ctx.setup.schemas {
        for property in &schema.properties {
            let (Some(found), Some(expected)) = (
                &property.external_name,
                ctx.target.attribute(&property.name).and_then(|attribute| attribute.external_name.as_deref()),
            ) else {
                continue;
            };
            if found.text != expected {
                let finding = external_name_mismatch(
                    schema.file,
                    property,
                    found,
                    expected,
                    &ctx.target.title,
                    ctx.text(schema.file),
                );
                ctx.report(finding);
            }
        }
    }
}
