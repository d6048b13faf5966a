//! P306 group-assignment-attribute: an attribute that assigns a group or creates teams is mapped.
//! Without the list of existing groups, it asks for it (info); with it, a group attribute whose
//! values come from the users (`user.countryCode`) is a warning: no list proves them, and each
//! user whose value matches no group fails every sync.

use super::Ctx;
use crate::expr::values::only_constants;
use crate::finding::Severity;
use crate::finding::{FileId, Finding};
use crate::model::{Entry, EntryValue, Mapping};
use crate::ruleset::Code;
use crate::ruleset::target::{Assigns, Attribute};
use crate::source::Span;

fn assigns_group(ctx: &Ctx<'_>, file: FileId, entry: &Entry, attribute: &Attribute, config_key: &str) -> Finding {
    let target = &ctx.target.title;
    let error = attribute.values.as_ref().and_then(|values| values.error.as_deref());
    Finding::new(Code::P306, file, entry.attribute_span, format!("`{}` sets the user's {target} group", entry.attribute))
        .label("assigns a group")
        // The same for every app of the target: one copy for ten thousand apps' findings.
        .help(ctx.shared.get(&format!(
            "each value must equal an existing {target} group name exactly, letter case included, or the user's sync fails{}; list your group names under `{config_key}` in scimlint.yaml so that scimlint can check them",
            error.map_or(String::new(), |error| format!(" with {error}"))
        )))
        .pointer(entry.pointer.clone())
}

/// One finding for all team attributes of a mapping: the advice is the same for each.
fn creates_teams(ctx: &Ctx<'_>, entries: &[&Entry]) -> Option<Finding> {
    let target = &ctx.target.title;
    let (first, others) = entries.split_first()?;
    let names: Vec<String> = entries.iter().map(|entry| format!("`{}`", entry.attribute)).collect();
    let verb = if others.is_empty() { "puts" } else { "put" };
    let mut finding =
        Finding::new(Code::P306, first.file, first.attribute_span, format!("{} {verb} users in {target} teams", names.join(" and ")))
            .label("creates teams")
            .help(ctx.shared.get("every new value creates a new team (names compared case-insensitively); make sure the Okta values are consistent, so that variants such as \"NYC\" and \"New York\" do not become two teams"))
            .pointer(first.pointer.clone());
    for other in others {
        finding = finding.related(other.file, other.attribute_span, "also creates teams");
    }
    Some(finding)
}

/// With the groups listed: a value the list cannot prove, since it comes from each user.
fn unproven_group(
    file: FileId,
    entry: &Entry,
    span: Span,
    attribute: &Attribute,
    target: &str,
    groups: &[String],
) -> Finding {
    let error = attribute.values.as_ref().and_then(|values| values.error.as_deref());
    let source = match &entry.value {
        EntryValue::Expression { text, .. } => format!("`{text}`"),
        _ => "the mapping".to_owned(),
    };
    Finding::new(Code::P306, file, span, format!("`{}` takes each user's {target} group from {source}", entry.attribute))
        .label("values come from the users")
        .severity(Severity::Warning)
        .help(format!(
            "every user's value must equal one of the groups {} exactly, letter case included, or that user's sync fails{}; check the values with `scimlint check --users FILE`",
            groups.join(", "),
            error.map_or(String::new(), |error| format!(" with {error}"))
        ))
        .pointer(format!("{}/expression", entry.pointer))
}

fn check_mapping(ctx: &mut Ctx<'_>, mapping: &Mapping, config_key: &str) {
    let mut teams = Vec::new();
    for entry in mapping.mapped() {
        let Some(attribute) = ctx.target.attribute(&entry.attribute) else { continue };
        match attribute.assigns {
            Some(Assigns::Group) => match &ctx.org.groups {
                None => ctx.report(assigns_group(ctx, entry.file, entry, attribute, config_key)),
                Some(groups) => {
                    let EntryValue::Expression { text, span } = &entry.value else { continue };
                    // Constants are T108's to check against the list; a broken expression X201's.
                    if crate::expr::parse(text).is_ok_and(|expr| !only_constants(&expr)) {
                        ctx.report(unproven_group(entry.file, entry, *span, attribute, &ctx.target.title, groups));
                    }
                }
            },
            Some(Assigns::Team) => teams.push(entry),
            None => {}
        }
    }
    // The team advice stands whether or not the groups are listed.
    if let Some(finding) = creates_teams(ctx, &teams) {
        ctx.report(finding);
    }
}

pub fn check(ctx: &mut Ctx<'_>) {
    // With the users, V501 checks the values themselves: this warning would say it twice.
    if ctx.users.is_some() {
        return;
    }
    let config_key = ctx.target.groups_config_key.clone().unwrap_or_else(|| "groups".to_owned());
    for mapping in ctx.to_app_mappings() {
        check_mapping(ctx, mapping, &config_key);
    }
}
