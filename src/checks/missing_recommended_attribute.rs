//! T105 missing-recommended-attribute: an attribute the target recommends is not mapped.

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::model::Mapping;
use crate::ruleset::Code;
use crate::ruleset::target::Attribute;

fn missing_recommended_attribute(file: FileId, mapping: &Mapping, attribute: &Attribute, target: &str) -> Finding {
    let title = attribute.title.as_deref().map_or(String::new(), |title| format!(" ({title})"));
    let source = attribute.okta_source.as_deref().map_or(String::new(), |source| format!(" from `{source}`"));
    Finding::new(Code::T105, file, mapping.anchor, format!("`{}`{title} is not mapped", attribute.name))
        .label(format!("no `{}` here", attribute.name))
        .help(format!("{target} recommends it: map `{}`{source}", attribute.name))
        .pointer(mapping.anchor_pointer.clone())
}

pub fn check(ctx: &mut Ctx<'_>) {
    for mapping in ctx.to_app_mappings() {
        // An update body changes only what it names; an empty mapping is F008's alone.
        if mapping.is_partial() || mapping.entries.is_empty() {
            continue;
        }
        for attribute in ctx.target.attributes.iter().filter(|attribute| attribute.recommended) {
            // A misspelt name (`famlyName`, or an alias such as `lastName`) is T101's finding,
            // whose did-you-mean names this attribute: one mistake, one finding.
            let meant = |entry: &crate::model::Entry| {
                entry.attribute.eq_ignore_ascii_case(&attribute.name)
                    || (ctx.target.attribute(&entry.attribute).is_none()
                        && ctx
                            .target
                            .closest_attribute(&entry.attribute)
                            .is_some_and(|(closest, _)| closest.name == attribute.name))
            };
            if !mapping.mapped().any(meant) {
                ctx.report(missing_recommended_attribute(mapping.file, mapping, attribute, &ctx.target.title));
            }
        }
    }
}
