//! P307 always-apply-group-attributes: `always_apply = true` on a Terraform mapping that maps
//! attributes which put users in groups or teams: every apply that changes the mapping
//! re-applies it to every user at once.

use super::Ctx;
use crate::finding::{FileId, Finding};
use crate::model::{Entry, Mapping};
use crate::ruleset::Code;
use crate::source::Span;

fn always_apply(file: FileId, at: Span, entries: &[&Entry], target: &str) -> Finding {
    let names: Vec<String> = entries.iter().map(|entry| format!("`{}`", entry.attribute)).collect();
    let mut finding = Finding::new(
        Code::P307,
        file,
        at,
        format!("`always_apply = true` re-applies {} to every user of the app", names.join(", ")),
    )
    .label("every user, on each change")
    .help(format!(
        "after each apply that creates or changes this mapping, Okta updates every {target} user at once, moving them between {target} groups and teams together; apply mapping changes at a quiet time, or set `always_apply = false` so that values reach users as their profiles change"
    ));
    for entry in entries {
        finding = finding.related(entry.file, entry.attribute_span, "assigns groups or teams");
    }
    finding
}

fn check_mapping(ctx: &mut Ctx<'_>, mapping: &Mapping) {
    let Some(flag) = mapping.options.always_apply.filter(|flag| flag.on) else { return };
    let assigning: Vec<&Entry> = mapping
        .mapped()
        .filter(|entry| ctx.target.attribute(&entry.attribute).is_some_and(|attribute| attribute.assigns.is_some()))
        .collect();
    if !assigning.is_empty() {
        ctx.report(always_apply(flag.file, flag.span, &assigning, &ctx.target.title));
    }
}

pub fn check(ctx: &mut Ctx<'_>) {
    for mapping in ctx.to_app_mappings() {
        check_mapping(ctx, mapping);
    }
}
