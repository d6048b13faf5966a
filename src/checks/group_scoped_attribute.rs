//! T103 group-scoped-attribute: an attribute has Attribute Type Group where the target expects
//! Personal.
//!
//! Only custom attributes count: Okta's own examples show base attributes with `scope: NONE` that
//! the console still shows as Personal, so the scope of a base attribute says nothing.

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::model::{Entry, SchemaProperty};
use crate::ruleset::Code;
use crate::ruleset::target::AttributeType;
use crate::source::Span;

fn group_scoped_attribute(file: FileId, span: Span, name: &str, pointer: String, why: &str) -> Finding {
    Finding::new(Code::T103, file, span, format!("`{name}` has Attribute Type Group, but the target expects Personal"))
        .label(why.to_owned())
        .help("a Group attribute can take its value from each group assignment instead of the mapping; make it Personal (scope `SELF`, \"User personal\" in the Profile Editor)")
        .pointer(pointer)
}

fn expects_personal(ctx: &Ctx<'_>, name: &str) -> bool {
    ctx.target.attribute(name).is_some_and(|attribute| attribute.attribute_type == AttributeType::Personal)
}

fn mapped<'a>(ctx: &Ctx<'a>, name: &str) -> Option<(FileId, &'a Entry)> {
    ctx.to_app_mappings().find_map(|mapping| mapping.mapped().find(|e| e.attribute == name).map(|e| (e.file, e)))
}

fn from_schema(ctx: &mut Ctx<'_>, file: FileId, property: &SchemaProperty) {
    let Some(scope) = property.scope.as_ref().filter(|scope| scope.text == "NONE") else { return };
    if !property.custom || !expects_personal(ctx, &property.name) {
        return;
    }
    let why = if property.scope_defaulted { "no `scope`: the provider's default is NONE (Group)" } else { "Group" };
    let mut finding = group_scoped_attribute(file, scope.span, &property.name, property.pointer.clone(), why);
    if let Some((mapping_file, entry)) = mapped(ctx, &property.name).filter(|(mapping_file, _)| *mapping_file != file) {
        finding = finding.related(mapping_file, entry.attribute_span, "mapped here");
    }
    ctx.report(finding);
}

pub fn check(ctx: &mut Ctx<'_>) {
    for schema in &ctx.setup.schemas {
        for property in &schema.properties {
            from_schema(ctx, schema.file, property);
        }
    }
    for mapping in ctx.to_app_mappings() {
        for entry in mapping.mapped() {
            let Some(&(AttributeType::Group, span)) = entry.attribute_type.as_deref() else { continue };
            if expects_personal(ctx, &entry.attribute) {
                let pointer = format!("{}/type", entry.pointer);
                ctx.report(group_scoped_attribute(entry.file, span, &entry.attribute, pointer, "Group"));
            }
        }
    }
}
