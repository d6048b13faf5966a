//! T105 missing-recommended-attribute: an attribute the target recommends is not mapped.

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::model::Mapping;
use crate::ruleset::Code;
use crate::ruleset::target::Attribute;
use crate::source::Span;

fn missing_recommended_attribute(file: FileId, mapping: &Mapping, attribute: &Attribute, target: &str) -> Finding {
    let title = attribute.title.as_deref().map_or(String::new(), |title| format!(" ({title})"));
    let source = attribute.okta_source.as_deref().map_or(String::new(), |source| format!(" from `{source}`"));
    Finding::new(Code::T105, file, mapping.anchor, format!("`{}`{title} is not mapped", attribute.name))
        .label(format!("no `{}` here", attribute.name))
        .help(format!("{target} recommends it: map `{}`{source}", attribute.name))
        .pointer(mapping.anchor_pointer.clone())
}

/// A misspelt name (`famlyName`, or an alias such as `lastName`) is T101's finding, whose
/// did-you-mean names this attribute: one mistake, one finding.
fn is_mapped(ctx: &Ctx<'_>, mapping: &Mapping, attribute: &Attribute) -> bool {
    mapping.mapped().any(|entry| {
        entry.attribute.eq_ignore_ascii_case(&attribute.name)
            || (ctx.target.attribute(&entry.attribute).is_none()
                && ctx
                    .target
                    .closest_attribute(&entry.attribute)
                    .is_some_and(|(closest, _)| closest.name == attribute.name))
    })
}

/// Terraform with `delete_when_absent = true` makes the app's mapping exactly what it lists:
/// the apply removes what is mapped in Okta today. One finding names them all.
fn removed_on_apply(file: FileId, at: Span, missing: &[&Attribute], target: &str) -> Finding {
    let names: Vec<String> = missing.iter().map(|attribute| format!("`{}`", attribute.name)).collect();
    let them = if missing.len() == 1 { "it" } else { "them" };
    Finding::new(
        Code::T105,
        file,
        at,
        format!("`delete_when_absent = true` removes the mapping of {}, which {target} recommends", names.join(", ")),
    )
    .label("removes what it does not list")
    .help(format!(
        "the apply deletes every mapping this resource does not list, so {target} stops receiving {them}; add a `mappings` block for each, or set `delete_when_absent = false` to leave the others as they are in Okta"
    ))
}

pub fn check(ctx: &mut Ctx<'_>) {
    for mapping in ctx.to_app_mappings() {
        // An update body changes only what it names; an empty mapping is F008's alone; entries
        // Terraform could not evaluate may be the very attributes (F011).
        if mapping.is_partial() || mapping.entries.is_empty() || mapping.unknown_entries > 0 {
            continue;
        }
        if let Some(flag) = mapping.options.delete_when_absent.filter(|flag| flag.on) {
            let missing: Vec<&Attribute> = ctx
                .target
                .attributes
                .iter()
                .filter(|attribute| attribute.recommended && !is_mapped(ctx, mapping, attribute))
                .collect();
            if !missing.is_empty() {
                ctx.report(removed_on_apply(flag.file, flag.span, &missing, &ctx.target.title));
            }
            continue;
        }
        for attribute in ctx.target.attributes.iter().filter(|attribute| attribute.recommended) {
            if !is_mapped(ctx, mapping, attribute) {
                ctx.report(missing_recommended_attribute(mapping.file, mapping, attribute, &ctx.target.title));
            }
        }
    }
}
